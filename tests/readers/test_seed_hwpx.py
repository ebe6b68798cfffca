"""The seed cards written as HWPX by another library (python-hwpx, tests/data/seeds_hwpx/generate.py)
read back into the seed texts: every line, every table row, every cell in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.document import Document, Paragraph, Table, flatten
from desktop.core.readers import read_document
from tests.conftest import ROOT, SEEDS

GENERATED = sorted((ROOT / "tests" / "data" / "seeds_hwpx").glob("*.hwpx"))


def test_every_seed_has_its_hwpx() -> None:
    assert [p.stem for p in GENERATED] == sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", GENERATED, ids=[p.stem for p in GENERATED])
def test_seed_hwpx_reads_back_as_the_seed_text(path: Path) -> None:
    seed = (SEEDS / (path.stem + ".txt")).read_text(encoding="utf-8")
    doc = read_document(path.read_bytes(), path.name)
    assert doc.kind == "hwpx" and doc.notes == ()
    # python-hwpx's blank document starts with an empty paragraph (the one holding the section's settings)
    assert doc.blocks[0] == Paragraph("")
    body = Document(blocks=doc.blocks[1:], kind="hwpx")
    assert flatten(body) == seed
    tables = [b for b in body.blocks if isinstance(b, Table)]
    runs = 0
    previous = False
    for line in seed.split("\n"):
        runs += "\t" in line and not previous
        previous = "\t" in line
    assert len(tables) == runs
    for table in tables:
        assert all(c.rowspan == c.colspan == 1 for c in table.cells)
