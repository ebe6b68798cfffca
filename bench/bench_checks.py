"""Checks timings (SPEC §7): re-check of the budget table after one keystroke, and a whole card.

Run by hand:  .venv/bin/python bench/bench_checks.py [--rounds N] [--profile]
Each round is one call, timed alone; the figure is the median over the rounds, wall clock and (in
parentheses) this thread's CPU time, which stays honest when other processes load the machine.
"After one keystroke" = the editor's path: the typed text is parsed at the cell (check_cell_text),
stored, and the table re-checked (check_table) — the cell alternates between two values so that
every round is a real change. Prints one markdown row per figure for docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.cardfile import read_cards  # noqa: E402
from desktop.core.checks import check_card, check_cell_text, check_table  # noqa: E402
from desktop.core.model import Card  # noqa: E402
from desktop.core.templates import Template, TemplateRegistry  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
CARD_221 = "geumjeong-2025-09-30-card-2-2-1.json"


def median_ms(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """(wall, CPU) medians in ms. CPU time (this thread's) shows the work itself when other processes
    share the machine; wall time is what the user waits."""
    for _ in range(min(200, rounds)):  # warm caches and the allocator
        fn()
    wall, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter_ns(), time.thread_time_ns()
        fn()
        cpu.append(time.thread_time_ns() - c)
        wall.append(time.perf_counter_ns() - t)
    return statistics.median(wall) / 1e6, statistics.median(cpu) / 1e6


def load(reg: TemplateRegistry, name: str) -> tuple[Card, Template]:
    (card,) = read_cards(SAMPLES / name, reg)
    return card, reg.get(card.template)


def keystroke(card: Card, template: Template) -> Callable[[], object]:
    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    table = invest.table
    row = table.row("plan_national")
    assert row is not None
    texts = ["251", "250"]
    state = {"i": 0}

    def one() -> object:
        state["i"] ^= 1
        row.cells["y2025"] = check_cell_text(table, "plan_national", "y2025", texts[state["i"]], where="투자계획")
        return check_table(card, template, "invest")

    return one


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5000)
    ap.add_argument("--profile", action="store_true", help="profile the keystroke path instead of timing it")
    args = ap.parse_args()
    reg = TemplateRegistry.load()
    card, template = load(reg, CARD_221)
    one = keystroke(card, template)
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(args.rounds):
            one()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return 0
    today = date.today().isoformat()
    cmd = "`.venv/bin/python bench/bench_checks.py`"
    rows = [("check: re-check of the 2-2-1 budget table after one keystroke (check_cell_text + check_table; "
             "the cell alternates 250/251, so every other round has findings)", "< 1 ms", median_ms(one, args.rounds))]
    table_only = lambda: check_table(card, template, "invest")  # noqa: E731
    rows.append(("check: check_table alone, 2-2-1 budget table", "< 1 ms", median_ms(table_only, args.rounds)))
    for path in sorted(SAMPLES.glob("*.json")):
        c, t = load(reg, path.name)
        n = len(check_card(c, t))
        whole = median_ms(lambda c=c, t=t: check_card(c, t), args.rounds // 5)
        rows.append((f"check: whole card check_card, sample {c.number} ({n} finding{'s' if n != 1 else ''})",
                     "— (the keystroke figure is per table)", whole))
    for figure, target, (wall, cpu) in rows:
        print(f"| {figure} | {target} | {wall * 1000:.0f} µs (CPU {cpu * 1000:.0f} µs) | {today} | {cmd} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
