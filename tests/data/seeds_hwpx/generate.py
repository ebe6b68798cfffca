"""Writes the seed texts (../shared/seeds) as HWPX with python-hwpx — a second source of HWPX for the
reader's tests, made by a library that is not ours (python-hwpx 6.9.0, Apache-2.0, airmang).

Run once by hand; the .hwpx files it writes are committed beside this script, so neither the tests
nor the program need python-hwpx (and it is in no requirements file):

    python -m venv /tmp/hwpxgen && /tmp/hwpxgen/bin/pip install python-hwpx==6.9.0
    /tmp/hwpxgen/bin/python tests/data/seeds_hwpx/generate.py

Each seed line that holds no tab is a paragraph; a run of consecutive lines with tabs is one table,
one row per line, one cell per tab-separated field (short rows padded with empty cells). A merged cell
cannot be told from a text in which its covered cells are blank, so every cell stands alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hwpx import HwpxDocument

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[2].parent / "shared" / "seeds"


def blocks(text: str) -> list[str | list[list[str]]]:
    out: list[str | list[list[str]]] = []
    for line in text.split("\n"):
        if "\t" in line:
            if out and isinstance(out[-1], list):
                out[-1].append(line.split("\t"))
            else:
                out.append([line.split("\t")])
        else:
            out.append(line)
    return out


def write(text: str, path: Path) -> None:
    doc = HwpxDocument.new()
    for block in blocks(text):
        if isinstance(block, str):
            doc.add_paragraph(block)
            continue
        cols = max(len(row) for row in block)
        table = doc.add_table(rows=len(block), cols=cols)
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                if value:
                    table.set_cell_text(r, c, value)
    doc.save_to_path(str(path))


def main() -> int:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        print(f"no seeds in {SEEDS}", file=sys.stderr)
        return 1
    for seed in seeds:
        out = HERE / (seed.stem + ".hwpx")
        write(seed.read_text(encoding="utf-8"), out)
        print(out.relative_to(HERE.parents[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
