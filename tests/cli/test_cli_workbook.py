"""`pledgecard import` of a submission workbook (.xlsx): read whole first, refused by sheet and cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.templates import TemplateRegistry
from tests.cli.helpers import run_cli, summaries

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.json"))


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    xlsx = pytest.importorskip("desktop.xlsx")
    cards = [c for p in SAMPLES for c in read_cards(p)]
    if not cards:
        pytest.skip("no sample cards yet")
    out = tmp_path / "제출.xlsx"
    xlsx.export_workbook(cards, TemplateRegistry.load([], None), out)
    return out


def test_workbook_imports_like_card_files(capsys: pytest.CaptureFixture[str], tmp_path: Path, workbook: Path) -> None:
    db = tmp_path / "db.sqlite3"
    r = run_cli(capsys, "--db", db, "import", workbook)
    assert r.code == 0, r.err
    n = sum(len(read_cards(p)) for p in SAMPLES)
    assert f"카드 {n}건을 읽었습니다 — 추가 {n}건" in r.out
    from_files = tmp_path / "files.sqlite3"
    assert run_cli(capsys, "--db", from_files, "import", *SAMPLES).code == 0
    assert run_cli(capsys, "--db", db, "list").out == run_cli(capsys, "--db", from_files, "list").out


def test_bad_cell_in_a_workbook_is_refused_by_sheet_and_address(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workbook: Path
) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(workbook)
    sheet = wb.worksheets[-1]
    cell = next(c for row in sheet.iter_rows() for c in row
                if isinstance(c.value, int | float) and not isinstance(c.value, bool))
    cell.value = "l2O"
    wb.save(workbook)
    db = tmp_path / "db.sqlite3"
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "import", workbook)
    assert r.code == 2
    assert "제출.xlsx" in r.err and f"'{sheet.title}' 시트 {cell.coordinate}" in r.err and "'l2O'" in r.err
    assert summaries(db) == before == []
