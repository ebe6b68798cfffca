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


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


COLD = """
import sys, time
t = time.perf_counter()
from db.store import Store
s = Store.open(sys.argv[1])
rows = s.summaries()
print((time.perf_counter() - t) * 1000, len(rows))
"""


def cold_open_ms(path: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", COLD, str(path)], cwd=ROOT, capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        times.append(float(out.stdout.split()[0]))
    return statistics.median(times)


Row = tuple[str, str, float]
LIST_TARGET = "cold start < 1 s (1,000 cards); list over 10,000"


def populate(path: Path, n: int, registry: TemplateRegistry) -> float:
    cards = sample_cards(n)
    with Store.open(path, registry=registry) as s:
        t = time.perf_counter()
        s.import_cards(cards)
        return (time.perf_counter() - t) * 1000


def bench_1000(path: Path, registry: TemplateRegistry, rounds: int) -> list[Row]:
    rows: list[Row] = [("import 1,000 cards into the store (one transaction, checks included)", "—",
                        populate(path, 1000, registry))]
    gc.collect()
    with Store.open(path, registry=registry) as s:
        rows.append(("list 1,000 cards from the store (`Store.summaries()`)", LIST_TARGET,
                     median_ms(s.summaries, rounds)))
        one = s.summaries()[500].id
        rows.append(("read one card from the store (`Store.get`)", "open in editor < 100 ms",
                     median_ms(lambda: s.get(one), rounds)))
        card = s.get(one)

        def autosave() -> None:
            card.progress = (card.progress or 0) % 100 + 1
            s.save(card)

        rows.append(("save one card (`Store.save`: checks + one transaction)", "autosave (≤ 1 s of typing lost)",
                     median_ms(autosave, rounds)))
        rows.append(("back up the 1,000-card database (SQLite backup API)", "—", median_ms(s.backup, 5)))
    rows.append(("fresh process: import `db.store`, `Store.open`, list 1,000 cards", "cold start < 1 s (whole app)",
                 cold_open_ms(path, 5)))
    return rows


def bench_10000(path: Path, registry: TemplateRegistry, rounds: int) -> list[Row]:
    rows: list[Row] = [("import 10,000 cards into the store (one transaction, checks included)", "—",
                        populate(path, 10000, registry))]
    gc.collect()
    with Store.open(path, registry=registry) as s:
        rows.append(("list 10,000 cards from the store (`Store.summaries()`)", LIST_TARGET,
                     median_ms(s.summaries, rounds)))
        sums = s.summaries()
        rows.append(("filter 10,000 summaries: `q in s.search_text` (q = 2 Hangul letters)",
                     "filter as you type over 10,000 < 30 ms",
                     median_ms(lambda: [x for x in sums if "청년" in x.search_text], rounds)))
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
    for figure, target, ms in rows:
        print(f"| {figure} | {target} | {ms:,.1f} ms | {today} | `.venv/bin/python bench/bench_store.py` |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
