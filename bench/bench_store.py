"""Store timings (SPEC §7): list 1,000 / 10,000 cards, cold open + list, open one card, autosave, import.

Run by hand:  .venv/bin/python bench/bench_store.py [--rounds N]
Prints one markdown row per figure (median of N rounds) for docs/performance.md. The cards are the
shipped samples (resources/samples, real seed cards) copied under new ids and 관리번호.
"""

from __future__ import annotations

import argparse
import copy
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    registry = TemplateRegistry.load()
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PLEDGECARD_HOME"] = tmp
        for n in (1000, 10000):
            path = Path(tmp) / f"cards{n}.sqlite3"
            cards = sample_cards(n)
            with Store.open(path, registry=registry) as s:
                t = time.perf_counter()
                s.import_cards(cards)
                imported = (time.perf_counter() - t) * 1000
                rows.append((f"import {n:,} cards into the store (one transaction, checks included)", "—", imported))
                rows.append((f"list {n:,} cards from the store (`Store.summaries()`)",
                             "cold start < 1 s (1,000); list over 10,000",
                             median_ms(s.summaries, args.rounds)))
                if n == 10000:
                    sums = s.summaries()
                    rows.append(("filter 10,000 summaries by `search_text` (one keystroke, 2 letters)",
                                 "< 30 ms", median_ms(lambda: [x for x in sums if "청년" in x.search_text],
                                                      args.rounds)))
                if n == 1000:
                    one = cards[1].id
                    rows.append(("read one card from the store (`Store.get`)", "open in editor < 100 ms",
                                 median_ms(lambda: s.get(one), args.rounds)))
                    card = s.get(one)

                    def autosave() -> None:
                        card.progress = (card.progress or 0) % 100 + 1
                        s.save(card)

                    rows.append(("save one card (`Store.save`, autosave: checks + one transaction)", "—",
                                 median_ms(autosave, args.rounds)))
                    rows.append(("backup of the 1,000-card database (SQLite backup API)", "—",
                                 median_ms(s.backup, 5)))
            if n == 1000:
                rows.append(("cold process: import + `Store.open` + list 1,000 cards", "cold start < 1 s (whole app)",
                             cold_open_ms(path, 5)))
    today = date.today().isoformat()
    for figure, target, ms in rows:
        print(f"| {figure} | {target} | {ms:.1f} ms | {today} | `.venv/bin/python bench/bench_store.py` |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
