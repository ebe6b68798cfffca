"""Main-window timings (SPEC §7): cold start to a filled list with 1,000 cards, opening a card from
the list, filtering 10,000 cards per keystroke; and the memory of the window with 1,000 cards.

Run by hand:  .venv/bin/python bench/bench_gui.py [--rounds N]

- cold start: a fresh Python process per round (`bench_gui.py --child DB`) runs the real
  `pledgecard --db DB gui` (desktop.cli.main: the command line, the application with fonts and
  style, the store, the main window, the list filled, the selection restored, the window shown) and
  prints READY once the shown window has painted. As in the program, the card form is made and the
  selected card opens on the next event-loop turn (that is the "open a card" figure). The figure is
  the wall time from starting the process to READY, interpreter start-up included; the database
  holds 1,000 cards (bench/generate.py).
- open a card: the window is up with 1,000 cards; one round selects another card in the list
  (select → store.get → CardEditor.set_card → shown); the second figure includes the next event-loop
  turn, where the form builds the rest of the body.
- filter: the list holds 10,000 cards (CardSummary rows as the store gives them, search text from
  db.codec); one round is one keystroke in the search box (textChanged → filter → the shown view
  repaints), typing and erasing Korean queries letter by letter.
Prints one markdown row per figure for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CMD = "`.venv/bin/python bench/bench_gui.py`"


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def child(db: str) -> int:
    """One cold start: the real `pledgecard --db DB gui` (desktop.cli.main → run_gui); the first
    show() of the main window is wrapped to paint it, print READY and end the process there."""
    from desktop.cli import main as cli_main
    from desktop.ui.mainwindow import MainWindow

    shown = MainWindow.show

    def show_then_report(self: MainWindow) -> None:
        shown(self)
        self.grab()  # the window with its list has painted once
        assert self.list.model.rowCount() == 1000, self.list.model.rowCount()
        print(f"READY {rss_mb():.0f}", flush=True)
        os._exit(0)  # the figure ends at READY; skip the event loop and teardown

    MainWindow.show = show_then_report  # type: ignore[method-assign]
    return cli_main(["--db", db, "gui"])


def make_db(path: Path, n: int, periods: int = 1) -> None:
    """n cards; with periods > 1, that many 기준일 (each a new period opened over every current card)."""
    from bench.generate import generate
    from db.store import Store
    from desktop.core.templates import TemplateRegistry

    with Store.open(path, registry=TemplateRegistry.load()) as s:
        cards = generate(n)
        if periods > 1:
            for c in cards:
                c.base_date = date(2025, 3, 31) if c.base_date is not None else None
        s.import_cards(cards)
        for d in [date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31), date(2026, 3, 31)][:periods - 1]:
            s.open_period(d)


def cold_start(db: Path, home: Path, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Wall time to READY, the child's CPU time (user + system, to READY and its exit), RSS."""
    env = dict(os.environ, PLEDGECARD_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up round writes the .pyc files, as an installed program has
    times: list[float] = []
    cpu: list[float] = []
    mem: list[float] = []
    for _ in range(rounds + 1):
        t0 = time.perf_counter()
        p = subprocess.Popen([sys.executable, __file__, "--child", str(db)], stdout=subprocess.PIPE, env=env,
                             text=True)
        assert p.stdout is not None
        line = p.stdout.readline()
        t = time.perf_counter() - t0
        _pid, _status, usage = os.wait4(p.pid, 0)
        p.returncode = 0
        if not line.startswith("READY"):
            raise SystemExit(f"child failed: {line!r}")
        times.append(t)
        cpu.append(usage.ru_utime + usage.ru_stime)
        mem.append(float(line.split()[1]))
    return times[1:], cpu[1:], mem[1:]  # the first round warms the disk cache and .pyc files


def open_cards(db: Path, rounds: int) -> tuple[list[float], list[float], list[float]]:
    from desktop.commands.context import Context
    from desktop.ui.app import make_app, open_window

    app = make_app()
    win = open_window(Context(db=str(db)), str(db))
    win.start()
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    ids = [s.id for s in win.list.model.rows]
    sync, full, cpu = [], [], []
    for i in range(rounds):
        target = ids[(i * 37 + 5) % len(ids)]
        c0 = time.process_time()
        t0 = time.perf_counter()
        win.list.select_id(target)
        t1 = time.perf_counter()
        c1 = time.process_time()
        app.processEvents()
        t2 = time.perf_counter()
        assert win.editor.card().id == target
        sync.append(t1 - t0)
        full.append(t2 - t0)
        cpu.append(c1 - c0)
    win.store.close()
    return sync, full, cpu


def filtering(rounds: int) -> tuple[list[float], list[float]]:
    from PySide6.QtWidgets import QApplication

    from bench.generate import generate
    from desktop.ui.app import make_app
    from desktop.ui.cardlist import summary_of
    from desktop.ui.cardpanel import CardListPanel

    app = make_app()
    rows = [summary_of(c, 0, 0) for c in generate(10_000)]
    for i, s in enumerate(rows):
        s.version, s.base_date = 1, date(2025, 9, 30) if i % 3 else None
    panel = CardListPanel({"standard": "표준", "guro": "구로구"})
    panel.set_summaries(rows)
    panel.resize(500, 589)  # the list's size in the 1280×800 window (docs/screenshots)
    panel.show()
    QApplication.processEvents()
    queries = ["부곡동 활성화", "문화체육과", "청룡동 2단계", "2-2-1-17", "금성동 지원 3"]  # results vary per key
    times, cpu = [], []
    while len(times) < rounds:
        for q in queries:
            for k in [*range(1, len(q) + 1), *range(len(q) - 1, -1, -1)]:  # type, then erase
                c0 = time.process_time()
                t0 = time.perf_counter()
                panel.search.setText(q[:k])
                app.processEvents()
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
    return times[:rounds], cpu[:rounds]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--child", metavar="DB")
    ap.add_argument("--periods", type=int, default=1, help="기준일 in the database (issue 12: 4)")
    args = ap.parse_args()
    if args.child:
        return child(args.child)
    today = date.today().isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db = home / "cards.sqlite3"
        make_db(db, 1000, args.periods)
        starts, start_cpu, mem = cold_start(db, home, args.rounds)
        os.environ["PLEDGECARD_HOME"] = str(home)
        sync, full, open_cpu = open_cards(db, max(args.rounds, 20))
    keys, key_cpu = filtering(max(args.rounds * 20, 100))
    med = statistics.median
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    when = f"{today} (load avg {load:.1f})"
    print("| figure | SPEC §7 target | measured median | date | command |")
    over = f", {args.periods} periods" if args.periods > 1 else ""
    print(f"| cold start to the window with the list filled, 1,000 cards{over} (new process: import → shown, "
          f"painted; max {max(starts):.2f} s) | < 1.0 s | {med(starts):.2f} s (CPU {med(start_cpu):.2f} s) "
          f"| {when} | {CMD} |")
    print(f"| open a card from the list, 1,000 cards (select → store.get → set_card; with the next "
          f"event-loop turn {med(full) * 1000:.0f} ms) | < 100 ms | {med(sync) * 1000:.0f} ms "
          f"(CPU {med(open_cpu) * 1000:.0f} ms) | {when} | {CMD} |")
    print(f"| filter/search as you type, 10,000 cards (one keystroke → list filtered and repainted; "
          f"max {max(keys) * 1000:.0f} ms) | < 30 ms | {med(keys) * 1000:.1f} ms (CPU {med(key_cpu) * 1000:.1f} ms) "
          f"| {when} | {CMD} |")
    print(f"| memory, window with 1,000 cards in the list (RSS after cold start) | < 250 MB | "
          f"{med(mem):.0f} MB | {when} | {CMD} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
