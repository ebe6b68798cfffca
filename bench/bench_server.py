"""A shared PostgreSQL database for the office (issue 14, SPEC §6.4): 1,000 cards, 10 logins.

Run by hand:  .venv/bin/python bench/bench_server.py [--rounds N] [--saves N]

A throwaway PostgreSQL cluster (Debian's postgresql package, as tests/db/conftest.py starts it) on a
Unix socket, fsync on (as an office server runs). The owner runs `admin init`, adds 9 officers' logins
(one per 주관부서 of the cards) and the planning office's, and imports 1,000 cards (bench/generate.py);
every figure is then taken as an officer's login, so row-level security and the history trigger are in
play:
- list shown, cold: a new process runs the real `pledgecard --db URL gui` to the painted window with
  its 1,000-row list (bench/bench_gui.py's child), interpreter start-up included;
- list query: `Store.open` (a new connection) + `period_summaries()` in this process;
- save with history: an officer's autosave of one of its department's cards (진도 changed), the
  transaction that updates the card, describes the change and commits — at commit the server's
  trigger writes the history entry (login, time, hash chain);
- a save of another department's card is refused by the program before it reaches the server (not
  timed). Prints one markdown row per figure for docs/performance.md.
"""

from __future__ import annotations

import argparse
import collections
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "bench")):
    if p not in sys.path:
        sys.path.insert(0, p)

CMD = "`.venv/bin/python bench/bench_server.py`"
PORT = 54337


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    which = shutil.which(name)
    if which is None:
        raise SystemExit(f"{name} not found: install PostgreSQL (Debian: apt-get install postgresql)")
    return which


@contextmanager
def server() -> Iterator[str]:
    """A private cluster on a Unix socket; the owner's URL."""
    base = Path(tempfile.mkdtemp(prefix="pledgecard-bench-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run_as, _bin("initdb"), "-D", str(data), "-U", "pledge", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8"], check=True, capture_output=True)
    opts = f"-k {sock} -c listen_addresses='' -p {PORT}"
    subprocess.run([*run_as, _bin("pg_ctl"), "-D", str(data), "-o", opts, "-w", "-l", str(base / "log"), "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://pledge@/postgres?unix_sock={sock}/.s.PGSQL.{PORT}"
    finally:
        subprocess.run([*run_as, _bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def as_login(url: str, login: str) -> str:
    return url.replace("pledge@", f"{login}@", 1)


def setup(url: str) -> dict[str, str]:
    """admin init, 10 logins, 1,000 cards; login → its department."""
    from bench.generate import generate
    from db import admin
    from db.store import Store
    from desktop.core.templates import TemplateRegistry

    cards = generate(1000)
    depts = [d for d, _n in collections.Counter(c.dept for c in cards).most_common(9)]
    logins = {f"officer{i + 1}": d for i, d in enumerate(depts)}
    with Store.open(url, registry=TemplateRegistry.load()) as owner:
        admin.init(owner)
        for login, dept in logins.items():
            admin.add_user(owner, login, dept, f"pw-{login}")
        admin.add_user(owner, "planning", "기획예산과", "pw-planning", planning=True)
        t = time.perf_counter()
        owner.import_cards(cards)
        print(f"(import of 1,000 cards with their server-written history: {time.perf_counter() - t:.2f} s)",
              file=sys.stderr)
    return logins


def list_query(url: str, rounds: int) -> list[float]:
    from db.store import Store
    from desktop.core.templates import TemplateRegistry

    reg = TemplateRegistry.load()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        with Store.open(url, registry=reg) as s:
            n = len(s.period_summaries())
        times.append((time.perf_counter() - t) * 1000)
        assert n == 1000, n
    return times


def saves(url: str, dept: str, rounds: int) -> tuple[list[float], list[float], int]:
    from db.permissions import NotPermittedError
    from db.store import Store
    from desktop.core.templates import TemplateRegistry

    with Store.open(url, registry=TemplateRegistry.load()) as s:
        summaries = s.period_summaries()
        mine = next(c for c in summaries if c.dept == dept)
        other = next(c for c in summaries if c.dept != dept)
        card = s.get(mine.id)
        before = s.history_count()
        times, cpu = [], []
        for i in range(rounds + 5):
            card.progress = 10 + i % 80
            t, c = time.perf_counter(), time.process_time()
            s.save(card)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        try:
            s.save(s.get(other.id))
            raise SystemExit("another department's card was saved")
        except NotPermittedError:
            pass
        written = s.history_count() - before
        assert s.verify_history() is None
    return times[5:], cpu[5:], written


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5, help="cold starts and list queries")
    ap.add_argument("--saves", type=int, default=200)
    args = ap.parse_args()
    os.environ.setdefault("PLEDGECARD_HOME", tempfile.mkdtemp())
    from bench_gui import cold_start

    day = time.strftime("%Y-%m-%d")
    load = os.getloadavg()[0]
    with server() as url:
        logins = setup(url)
        login, dept = next(iter(logins.items()))
        officer = as_login(url, login)
        cold, cpu, _mem = cold_start(officer, Path(os.environ["PLEDGECARD_HOME"]), args.rounds)  # type: ignore[arg-type]
        query = list_query(officer, args.rounds * 4)
        save, save_cpu, written = saves(officer, dept, args.saves)
    print(f"| server: cold start to the window with the list filled, as an officer's login (new process, "
          f"`pledgecard --db postgresql://… gui`; 1,000 cards, 10 logins, row-level security on; {args.rounds} "
          f"rounds) | < 1.0 s | {statistics.median(cold):.2f} s (max {max(cold):.2f} s; CPU "
          f"{statistics.median(cpu):.2f} s) | {day} (load {load:.1f}) | {CMD} |")
    print(f"| server: list query as an officer's login (`Store.open` on a new connection + `period_summaries`, "
          f"1,000 rows; median of {len(query)}) | — (part of the above) | {statistics.median(query):.1f} ms "
          f"(min {min(query):.1f}) | {day} | {CMD} |")
    print(f"| server: an officer's save with the history written by the server's trigger (진도 changed; "
          f"{written} entries written; median of {len(save)}) | < 20 ms | {statistics.median(save):.2f} ms "
          f"(p90 {sorted(save)[int(len(save) * 0.9)]:.2f} ms; this process's CPU {statistics.median(save_cpu):.2f} ms) "
          f"| {day} (load {os.getloadavg()[0]:.1f}) | {CMD} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
