"""Reader timings (SPEC §9, issue 17): bytes → Document for every real HWP/HWPX document at hand — the
Apache-2.0 samples in tests/data/hwp, the government documents in ../shared/hwp and the seed cards
written as HWPX by python-hwpx (tests/data/seeds_hwpx). The bar: one card-sized HWPX or HWP read in
< 500 ms (the reading only; the mapping into a card is measured with it by the import's own bench).

Run by hand:  .venv/bin/python bench/bench_readers.py [--rounds N]
Prints markdown rows for docs/performance.md: median wall time and CPU time of `read_document` (the
file's bytes already in memory, as the import has them), with the document's size and what it holds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.document import Block, Document, Image, Table  # noqa: E402
from desktop.core.readers import read_document  # noqa: E402

SOURCES = [ROOT / "tests" / "data" / "seeds_hwpx", ROOT / "tests" / "data" / "hwp", ROOT.parent / "shared" / "hwp"]


def count(blocks: tuple[Block, ...]) -> tuple[int, int, int]:
    """Paragraphs, tables and images, nested ones included."""
    p = t = i = 0
    for block in blocks:
        if isinstance(block, Table):
            t += 1
            for cell in block.cells:
                a, b, c = count(cell.blocks)
                p, t, i = p + a, t + b, i + c
        elif isinstance(block, Image):
            i += 1
        else:
            p += 1
    return p, t, i


def timed(data: bytes, name: str, rounds: int) -> tuple[float, float, Document]:
    read_document(data, name)  # warm: imports
    wall, cpu = [], []
    doc = None
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        doc = read_document(data, name)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    assert doc is not None
    return statistics.median(wall), statistics.median(cpu), doc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    today = date.today().isoformat()
    load = f"load avg {os.getloadavg()[0]:.1f}"
    files: dict[str, Path] = {}  # the samples copied into tests/data/hwp are also in ../shared/hwp: once
    for folder in SOURCES:
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                if p.suffix in (".hwp", ".hwpx"):
                    files.setdefault(p.name, p)
    for path in files.values():
        data = path.read_bytes()
        wall, cpu, doc = timed(data, path.name, args.rounds)
        p, t, i = count(doc.blocks)
        where = path.relative_to(ROOT.parent) if ROOT.parent in path.parents else path
        what = (f"`{path.name}` ({doc.kind.upper()}, {len(data) / 1024:,.0f} kB; {p:,} paragraphs, {t} tables, "
                f"{i} images)")
        bar = "< 500 ms (one card)" if "seeds_hwpx" in str(where) else "—"
        print(f"| read {what} | {bar} | {wall * 1000:,.1f} ms (CPU {cpu * 1000:,.1f} ms) | {today} ({load}) "
              f"| `.venv/bin/python bench/bench_readers.py --rounds {args.rounds}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
