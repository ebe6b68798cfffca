"""Import from text (SPEC §9, issue 17): one card from text < 100 ms.

Run by hand:  .venv/bin/python bench/bench_import_text.py [--rounds N]
One round = the seed text's bytes → Document (desktop/core/readers/text.py) → card (desktop/core/importmap),
as `pledgecard import FILE.txt` and 붙여넣어 카드 만들기 do before the store. Median over the rounds, wall
clock and (in parentheses) this thread's CPU time. Prints one markdown row per seed for
docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.importmap import map_document  # noqa: E402
from desktop.core.readers import read_document  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
SEEDS_HWPX = ROOT / "tests" / "data" / "seeds_hwpx"  # the seeds written as HWPX by python-hwpx
NAMES = ["geumjeong-2024-06-30-card-1-2-2", "geumjeong-2025-09-30-card-2-2-1", "guro-plan-III-2-1"]


def median_ms(fn: Callable[[], object], rounds: int) -> tuple[float, float, float]:
    for _ in range(min(20, rounds)):
        fn()
    wall, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter_ns(), time.thread_time_ns()
        fn()
        cpu.append(time.thread_time_ns() - c)
        wall.append(time.perf_counter_ns() - t)
    return statistics.median(wall) / 1e6, statistics.median(cpu) / 1e6, max(wall) / 1e6


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    reg = TemplateRegistry.load()
    for name, path, bar in [*((n, SEEDS / f"{n}.txt", "100") for n in NAMES),
                            *((n, SEEDS_HWPX / f"{n}.hwpx", "500") for n in NAMES)]:
        data = path.read_bytes()

        def one(data: bytes = data, name: str = name) -> object:
            result = map_document(read_document(data, name), reg)
            assert len(result.cards) == 1
            return result

        wall, cpu, worst = median_ms(one, args.rounds)
        print(f"| import: one card from {path.suffix[1:]}, seed {name} ({len(data):,} bytes; read + template chosen "
              f"+ mapped; median of {args.rounds}) | < {bar} ms | "
              f"{wall:.2f} ms (CPU {cpu:.2f} ms, max {worst:.1f} ms) | "
              f"{date.today().isoformat()} | `.venv/bin/python bench/bench_import_text.py` |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
