"""Issue 18: the workbook read cell by cell beside the print (openpyxl), and the round trip."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import export_workbook, read_workbook
from desktop.xlsx.writer import build_workbook
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


# ------------------------------------------------------------------ item 7: agreeing stated totals are formulas

def _cells(card: Card, reg: TemplateRegistry) -> dict[tuple[str, str], tuple[int, int]]:
    built = build_workbook([card], reg)
    return built.sheets[0].tables[("invest", -1)]


def test_stated_totals_that_agree_are_formulas_and_come_back_as_stated(tmp_path: Path, reg: TemplateRegistry) -> None:
    card = _card(reg, C221)
    table = card.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    table.row("plan_national").cells["total"] = Decimal("700.0")  # stated with its own scale  # type: ignore[union-attr]
    table.row("exec_total").cells["y2025"] = Decimal("171")  # stated, and wrong (170): stays a value  # type: ignore[union-attr]
    where = _cells(card, reg)
    path = _export(tmp_path, [card], reg)
    ws = openpyxl.load_workbook(path)[C221]

    def cell(rk: str, ck: str) -> object:
        return ws.cell(*where[(rk, ck)]).value

    for rk, ck in (("plan_total", "total"), ("plan_total", "y2024"), ("plan_national", "total"),
                   ("exec_total", "y2024"), ("plan_district", "total")):
        assert isinstance(cell(rk, ck), str) and str(cell(rk, ck)).startswith("="), (rk, ck, cell(rk, ck))
    assert cell("exec_total", "y2025") == 171  # disagrees: the stated value, marked red
    assert cell("exec_total", "total") == 440  # one of its two sums (270 + 171) disagrees: stated
    assert cell("plan_national", "y2024") == 220  # a part stays a value
    back = read_workbook(path, reg)
    assert as_json(back) == as_json([card])  # "700.0" and 171 exactly as stated


def test_a_total_edited_in_excel_follows_its_parts(tmp_path: Path, reg: TemplateRegistry) -> None:
    card = _card(reg, C221)
    where = _cells(card, reg)
    path = _export(tmp_path, [card], reg)
    wb = openpyxl.load_workbook(path)
    ws = wb[C221]
    ws.cell(*where[("plan_national", "y2026")]).value = 300  # was 230: 국비 and 총계 follow (+70)
    wb.save(path)
    back = read_workbook(path, reg)[0].block("invest").table  # type: ignore[union-attr]
    assert back is not None
    assert back.row("plan_national").cells["total"] == Decimal("770")  # type: ignore[union-attr]
    assert back.row("plan_total").cells["y2026"] == Decimal("300")  # type: ignore[union-attr]
    assert back.row("plan_total").cells["total"] == Decimal("820")  # type: ignore[union-attr]


# ------------------------------------------------------------------ item 8: card sheets print like the card

def _line(ws: Worksheet, text: str) -> Any:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and text in c.value:
                return c
    raise AssertionError(f"{text!r} not in {ws.title}")


def test_outline_levels_are_indented_not_moved_column_by_column(tmp_path: Path, reg: TemplateRegistry) -> None:
    ws = openpyxl.load_workbook(_export(tmp_path, [_card(reg, C221)], reg))[C221]
    top = _line(ws, "금정 원스톱 기업지원센터 개소")  # ❍, level 1
    sub = _line(ws, "중소기업 지원사업 설명회 개최(60명 참석, 중앙부처")  # ▷, level 2
    dash = _line(ws, "경영위기에 처한 산업단지")  # -, level 3
    assert top.column == sub.column == dash.column  # one text column: level 3 does not start mid-page
    assert str(top.value).startswith("❍ ") and str(sub.value).startswith("▷ ") and str(dash.value).startswith("- ")
    assert top.alignment.indent < sub.alignment.indent < dash.alignment.indent
    back = read_workbook(tmp_path / "book.xlsx", reg)
    assert as_json(back) == as_json([_card(reg, C221)])


def test_a_card_without_document_title_shows_its_title_on_the_sheet(tmp_path: Path, reg: TemplateRegistry) -> None:
    card = _card(reg, "III-2-1")
    assert not card.doc_title
    path = _export(tmp_path, [card], reg)
    ws = openpyxl.load_workbook(path)["III-2-1"]
    head = ws.cell(1, 2).value
    assert isinstance(head, str) and head.startswith("="), head  # follows the 공약제목 cell
    assert ws[head[1:].replace("$", "")].value == card.title
    assert as_json(read_workbook(path, reg)) == as_json([card])  # and the card still has no 문서 제목


# ------------------------------------------------------------------ item 9: the 총괄표 on A4

def test_summary_prints_landscape_two_pages_wide_with_its_header_repeated(tmp_path: Path,
                                                                          reg: TemplateRegistry) -> None:
    path = _export(tmp_path, samples(reg), reg)
    ws = openpyxl.load_workbook(path)["총괄표"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$4" or ws.print_title_rows == "3:4"
    assert ws.max_column >= 20  # the sources of two formats side by side
    assert ws.page_setup.fitToWidth == 2  # two pages wide before the type gets small
    assert ws.print_title_cols in ("$A:$B", "A:B")  # each page names its rows


def test_summary_headers_break_before_a_parenthesis_and_fit(tmp_path: Path, reg: TemplateRegistry) -> None:
    from desktop.xlsx.sheet import display_width

    wb = openpyxl.load_workbook(_export(tmp_path, samples(reg), reg))
    # the 집계 sheet names sources by meaning (구비, 기타), not by a card's own spelling
    for title, rows in (("총괄표", (3, 4)),):
        ws = wb[title]
        cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "(" in c.value
                 and c.fill.fgColor.rgb not in (None, "00000000") and (rows is None or c.row in rows)]
        heads = [c for c in cells if "기금포함" in c.value or "민자" in c.value]
        assert heads, title
        for c in heads:
            lines = str(c.value).split("\n")
            assert not any(line.rstrip().endswith("(") for line in lines), c.value
            width = ws.column_dimensions[c.column_letter].width or 9
            assert max(display_width(line) for line in lines) <= width, (title, c.coordinate, c.value, width)
            assert ws.row_dimensions[c.row].height and ws.row_dimensions[c.row].height >= 14 * len(lines)


def test_summary_amount_columns_have_one_number_format(tmp_path: Path, reg: TemplateRegistry) -> None:
    from desktop.xlsx.summary import FIRST_DATA

    cards = samples(reg)
    ws = openpyxl.load_workbook(_export(tmp_path, cards, reg))["총괄표"]
    last = FIRST_DATA + len(cards) - 1
    plan = next(c.column for c in ws[3] if c.value == "소요예산")
    for col in range(plan, plan + 12):
        formats = {ws.cell(r, col).number_format for r in range(FIRST_DATA, last + 1)
                   if isinstance(ws.cell(r, col).value, str) and str(ws.cell(r, col).value).startswith("=")}
        assert len(formats) <= 1, (col, formats)
    assert "0.0" in ws.cell(FIRST_DATA, plan).number_format  # 9.6 beside 750: one decimal for all


def test_card_sheet_rows_have_even_stated_heights(tmp_path: Path, reg: TemplateRegistry) -> None:
    ws = openpyxl.load_workbook(_export(tmp_path, [_card(reg, C221)], reg))[C221]
    area = str(ws.print_area).split(":")[-1].replace("$", "")
    last = ws[area].row
    heights = [ws.row_dimensions[r].height for r in range(1, last + 1)]
    assert None not in heights  # stated, so Excel and LibreOffice lay the rows out alike
    one_line = {ws.row_dimensions[c.row].height for row in ws.iter_rows(max_row=last) for c in row
                if isinstance(c.value, str) and c.value.startswith(("❍ ", "▷ ")) and len(c.value) < 30}
    assert one_line == {15.0}, one_line


# ------------------------------------------------------------------ a text cell merged across columns

def test_a_text_cell_merged_in_the_source_is_one_merged_cell_on_the_sheet(tmp_path: Path,
                                                                          reg: TemplateRegistry) -> None:
    """III-2-1's '18년 조건: 상환기간 "1년 거치 4년 분할상환(연2회)" spans 중소기업육성기금 and
    우리은행협력자금 (the bank's cell stated null) — one merged, centred cell as the print shows, no "-"."""
    card = _card(reg, "III-2-1")
    path = _export(tmp_path, [card], reg)
    ws = openpyxl.load_workbook(path)["III-2-1"]
    r, c = _find(ws, "1년 거치 4년 분할상환(연2회)")
    _, bank_c = _find(ws, "우리은행협력자금")
    _, guarantee_c = _find(ws, "1년 거치 3~4년 분할상환")
    box = next(m for m in ws.merged_cells.ranges if m.min_row == r and m.min_col == c)
    assert (box.max_row, box.max_col) == (r, guarantee_c - 1)  # across the bank's column, up to 보증특례
    assert bank_c <= box.max_col
    assert ws.cell(r, c).alignment.horizontal == "center"
    assert all(ws.cell(r, cc).value is None for cc in range(c + 1, guarantee_c))  # no "-" under the merge
    assert as_json(read_workbook(path, reg)) == as_json([card])  # the bank's cell comes back null
