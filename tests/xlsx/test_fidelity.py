"""Issue 18: the workbook read cell by cell beside the print (openpyxl), and the round trip."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import export_workbook, read_workbook
from tests.strategies import registry_with_foreign
from tests.xlsx.helpers import as_json, samples

C221 = "2-2-1"


@pytest.fixture(scope="module")
def reg() -> TemplateRegistry:
    return registry_with_foreign()


def _card(reg: TemplateRegistry, number: str) -> Card:
    return next(c for c in samples(reg) if c.number == number)


def _find(ws: Worksheet, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.replace(" ", "") == text.replace(" ", ""):
                return c.row, c.column
    raise AssertionError(f"{text!r} not in {ws.title}")


def _export(tmp_path: Path, cards: list[Card], reg: TemplateRegistry, name: str = "book.xlsx") -> Path:
    path = tmp_path / name
    export_workbook(cards, reg, path)
    return path


# ------------------------------------------------------------------ item 6: a derived 소요예산 shows

def test_a_derived_budget_shows_in_the_workbook_as_in_the_print(tmp_path: Path, reg: TemplateRegistry) -> None:
    card = _card(reg, C221)
    del card.figures["budget"]  # the summary is now the table's own: "750백만원(국700 구50)"
    path = _export(tmp_path, [card], reg)
    ws = openpyxl.load_workbook(path)[C221]
    r, c = _find(ws, "소요예산")
    total = ws.cell(r, c + 1).value
    assert ws.cell(r, c + 2).value == "백만원"
    assert [ws.cell(r + 1, c + 1).value, ws.cell(r + 2, c + 1).value] == ["국", "구"]
    # live: each figure is the table's own cell (총계 × 계, 국비 × 계, 구비 × 계), never a copy
    head_r, head_c = _find(ws, "계")
    parts = [(ws.cell(r + 1, c + 2).value, "국비"), (ws.cell(r + 2, c + 2).value, "구비")]
    for cell, row_label in [(total, "총계"), *parts]:
        assert isinstance(cell, str) and cell.startswith("="), cell
        target = ws[cell[1:].replace("$", "")]
        assert target.column == head_c and target.row > head_r
        labels = [str(ws.cell(target.row, x).value or "").replace(" ", "") for x in range(1, head_c)]
        assert row_label in labels, (cell, labels)
    back = read_workbook(path, reg)
    assert as_json(back) == as_json([card])  # still derived: the card states no summary
