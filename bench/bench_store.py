"""Store timings (SPEC §7): list 1,000 / 10,000 cards, cold open + list, open one card, autosave, import.

Run by hand:  .venv/bin/python bench/bench_store.py [--rounds N]
Prints one markdown row per figure (median of N rounds) for docs/performance.md. The cards are the
shipped samples (resources/samples, real seed cards) copied under new ids and 관리번호.
"""

from __future__ import annotations

import argparse
import copy
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.store import Store  # noqa: E402
from desktop.core.cardfile import read_cards  # noqa: E402
from desktop.core.model import Card, new_id  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402


def sample_cards(n: int) -> list[Card]:
    seeds = [c for p in sorted((ROOT / "resources" / "samples").glob("*.json")) for c in read_cards(p)]
    out = []
    for i in range(n):
        c = copy.deepcopy(seeds[i % len(seeds)])
        c.id, c.pledge_id = new_id(), new_id()
        c.number = f"{i % 9 + 1}-{i // 9 % 30 + 1}-{i // 270 + 1}"
        c.title = f"{c.title} {i}"
        c.base_date = date(2025, 9, 30) - timedelta(days=i % 3 * 90)
        out.append(c)
    return out


CPU: dict[str, float] = {}  # figure -> median CPU ms of this process (steadier than wall time on a busy machine)


def median_ms(fn: Callable[[], object], rounds: int, figure: str = "") -> float:
    times, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    if figure:
        CPU[figure] = statistics.median(cpu)
    return statistics.median(times)


COLD = """
import sys, time
t = time.perf_counter()
from db.store import Store
s = Store.open(sys.argv[1])
rows = s.summaries()
print((time.perf_counter() - t) * 1000, time.process_time() * 1000, len(rows))
"""


def cold_open_ms(path: Path, rounds: int, figure: str) -> float:
    """In a fresh interpreter: imports, open (revision check) and the list; interpreter start-up excluded."""
    times, cpu = [], []
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", COLD, str(path)], cwd=ROOT, capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        wall, used, _ = out.stdout.split()
        times.append(float(wall))
        cpu.append(float(used))
    CPU[figure] = statistics.median(cpu)
    return statistics.median(times)


Row = tuple[str, str, float]
LIST_TARGET = "cold start < 1 s (1,000 cards); list over 10,000"


def populate(path: Path, n: int, registry: TemplateRegistry, figure: str) -> float:
    cards = sample_cards(n)
    with Store.open(path, registry=registry) as s:
        t, c = time.perf_counter(), time.process_time()
        s.import_cards(cards)
        CPU[figure] = (time.process_time() - c) * 1000
        return (time.perf_counter() - t) * 1000


def bench_1000(path: Path, registry: TemplateRegistry, rounds: int) -> list[Row]:
    f = "import 1,000 cards into the store (one transaction, checks included)"
    rows: list[Row] = [(f, "—", populate(path, 1000, registry, f))]
    gc.collect()
    with Store.open(path, registry=registry) as s:
        f = "list 1,000 cards from the store (`Store.summaries()`)"
        rows.append((f, LIST_TARGET, median_ms(s.summaries, rounds, f)))
        one = s.summaries()[500].id
        f = "read one card from the store (`Store.get`)"
        rows.append((f, "open in editor < 100 ms", median_ms(lambda: s.get(one), rounds, f)))
        card = s.get(one)

        def autosave() -> None:
            card.progress = (card.progress or 0) % 100 + 1
            s.save(card)

        f = "save one card (`Store.save`: checks + one transaction)"
        rows.append((f, "autosave (≤ 1 s of typing lost)", median_ms(autosave, rounds, f)))
        rows.append(("back up the 1,000-card database (SQLite backup API)", "—", median_ms(s.backup, 5)))
    f = "fresh process: import `db.store`, `Store.open`, list 1,000 cards"
    rows.append((f, "cold start < 1 s (whole app)", cold_open_ms(path, 7, f)))
    return rows


def bench_10000(path: Path, registry: TemplateRegistry, rounds: int) -> list[Row]:
    f = "import 10,000 cards into the store (one transaction, checks included)"
    rows: list[Row] = [(f, "—", populate(path, 10000, registry, f))]
    gc.collect()
    with Store.open(path, registry=registry) as s:
        f = "list 10,000 cards from the store (`Store.summaries()`)"
        rows.append((f, LIST_TARGET, median_ms(s.summaries, rounds, f)))
        sums = s.summaries()
        f = "filter 10,000 summaries: `q in s.search_text` (q = 2 Hangul letters)"
        rows.append((f, "filter as you type over 10,000 < 30 ms",
                     median_ms(lambda: [x for x in sums if "청년" in x.search_text], rounds, f)))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    registry = TemplateRegistry.load()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PLEDGECARD_HOME"] = tmp
        rows = bench_1000(Path(tmp) / "cards1000.sqlite3", registry, args.rounds)
        rows += bench_10000(Path(tmp) / "cards10000.sqlite3", registry, args.rounds)
    today = date.today().isoformat()
    load = os.getloadavg()[0]
    for figure, target, ms in rows:
        cpu = f" (CPU {CPU[figure]:,.1f} ms)" if figure in CPU else ""
        print(f"| {figure} | {target} | {ms:,.1f} ms{cpu} | {today} | `.venv/bin/python bench/bench_store.py` |")
    print(f"(load average at the end: {load:.1f} on {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
