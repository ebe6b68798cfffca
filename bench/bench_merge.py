"""Three-way merge timings (SPEC §6.3, issue 13 bars): one card merged; `collect` of 20 department files.

Run by hand:  .venv/bin/python bench/bench_merge.py [--rounds N] [--skip-collect]
Prints one markdown row per figure for docs/performance.md.

One card: the largest sample (2-2-1: 43 outline lines under 추진실적, the budget table, 12 photo
captions); here changes 주관부서, a budget cell and edits one 추진실적 line; what comes in changes the
title, another cell, inserts a line and changes the same cell as here (one conflict). The time is
merge3 whole: matching, the merged card (a deep copy) and the changes taken (carddiff).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from desktop.core.merge import merge3  # noqa: E402
from desktop.core.model import Card, Item  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402


def _sample() -> Card:
    from desktop.core.cardfile import read_cards

    return read_cards(ROOT / "resources" / "samples" / "geumjeong-2025-09-30-card-2-2-1.json")[0]


def _cell(card: Card, row: str, col: str, v: Decimal) -> None:
    for b in card.blocks:
        if b.table is not None and b.table.row(row) is not None:
            r = b.table.row(row)
            assert r is not None
            r.cells[col] = v
            return


def one_card(rounds: int) -> tuple[float, float, int]:
    registry = TemplateRegistry.load()
    base = _sample()
    template = registry.get(base.template)
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    here.dept = "경제정책과"
    _cell(here, "plan_national", "y2025", Decimal(260))
    _cell(theirs, "plan_national", "y2025", Decimal(270))
    _cell(theirs, "plan_city", "y2025", Decimal(7))
    theirs.title += " (보완)"
    long = max((b for b in base.blocks if b.kind == "outline"), key=lambda b: len(b.items))
    hb, tb = here.block(long.key), theirs.block(long.key)
    assert hb is not None and tb is not None
    hb.items[3].text += " 등"
    tb.items.insert(10, Item(text="새로 넣은 줄"))
    times, cpus = [], []
    conflicts = 0
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        res = merge3(base, here, theirs, template)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        conflicts = len(res.conflicts)
    return statistics.median(times), statistics.median(cpus), conflicts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--skip-collect", action="store_true")
    args = ap.parse_args()
    wall, cpu, conflicts = one_card(args.rounds)
    print(f"| merge: one card (the 2-2-1 sample, both sides edited, {conflicts} conflict; median of {args.rounds}) "
          f"| < 20 ms | {wall * 1000:.2f} ms (CPU {cpu * 1000:.2f} ms) | {time.strftime('%Y-%m-%d')} "
          "| `.venv/bin/python bench/bench_merge.py` |")
    if not args.skip_collect:
        try:
            from bench_collect import collect_row
        except ImportError:
            return 0
        print(collect_row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
