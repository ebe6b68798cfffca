"""The workbook an officer opens: sheets, print setup, fonts, number formats, live formulas, red slips."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.core.model import Card
from desktop.core.tables import TableValues
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import export_workbook
from tests.foreign import write_seongdong
from tests.xlsx.helpers import samples

REG = TemplateRegistry.load([], None)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Card]]:
    cards = samples(REG)
    out = tmp_path_factory.mktemp("layout") / "제출.xlsx"
    export_workbook(cards, REG, out)
    return openpyxl.load_workbook(out), cards


def _cells(ws: Any) -> list[Any]:
    return [c for row in ws.iter_rows() for c in row]


def test_sheets_in_natural_order(book: tuple[Any, list[Card]]) -> None:
    wb, _ = book
    assert wb.sheetnames == ["총괄표", "집계", "1-2-2", "2-2-1", "III-2-1"]


def test_summary_rows_in_natural_order_with_live_totals(book: tuple[Any, list[Card]]) -> None:
    wb, _ = book
    ws = wb["총괄표"]
    heads = [c.value for c in ws[3]] + [c.value for c in ws[4]]
    for h in ("연번", "관리번호", "공약제목", "주관부서", "추진상황", "진도", "소요예산", "투입예산", "집행률",
              "기준일",  # and the union of both templates' sources:
              "국비", "시비", "구비", "기타", "구비\n(기금포함)", "기타\n(민자)"):  # broken before "("
        assert h in heads, h
    assert [ws.cell(r, 2).value for r in range(5, 8)] == ["1-2-2", "2-2-1", "III-2-1"]
    assert ws.freeze_panes == "C5"
    assert ws.cell(5, 2).hyperlink is not None and ws.cell(5, 2).hyperlink.location == "'1-2-2'!B1"
    amount = ws.cell(6, 9)  # 2-2-1 소요예산 계: points at the card sheet's cell
    assert amount.value.startswith("='2-2-1'!$")
    ratio = next(c for c in ws[6] if isinstance(c.value, str) and "IF(N(" in c.value)
    assert ratio.number_format.startswith("0.0%")
    total = next(c for c in _cells(ws) if isinstance(c.value, str) and c.value.startswith("=SUMPRODUCT("))
    assert "$H$5:$H$7" in total.value


def test_print_setup_fonts_and_hidden_key_column(book: tuple[Any, list[Card]]) -> None:
    wb, _ = book
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)  # 9: A4
        if ws.title not in ("총괄표", "집계"):
            # a card sheet at a stated scale that fits its width, so that its page ends can be
            # reckoned (pages.py): "fit to width" leaves LibreOffice free to shrink it further
            assert ws.page_setup.scale == 70 and not ws.sheet_properties.pageSetUpPr.fitToPage
            continue
        # one page wide; the 총괄표 of two formats' sources two pages wide (issue 18)
        assert ws.page_setup.fitToWidth == (2 if ws.title == "총괄표" else 1) and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb["총괄표"].page_setup.orientation == "landscape"
    assert wb["총괄표"].print_title_rows == "$3:$4"
    card = wb["2-2-1"]
    assert card.print_title_rows == "$1:$2"
    assert card.column_dimensions["A"].hidden
    fonts = {c.font.name for c in _cells(card) if c.value is not None and c.column > 1}
    assert fonts == {"맑은 고딕"}
    assert any(c.border.left.style == "thin" for c in _cells(card))
    assert card.merged_cells.ranges


def test_number_formats_keep_decimals(book: tuple[Any, list[Card]]) -> None:
    wb, _ = book
    ws = wb["1-2-2"]
    nine_six = [c for c in _cells(ws) if c.value == 9.6]
    assert nine_six and all(c.number_format.startswith("#,##0.0;") for c in nine_six)
    whole = next(c for c in _cells(wb["2-2-1"]) if c.value == 750)
    assert whole.number_format.startswith("#,##0;")
    assert wb["1-2-2"].cell(*next((c.row, c.column) for c in _cells(ws) if c.value == 50)).number_format == '0"%"'


def test_derived_totals_are_formulas_and_stated_ones_turn_red(book: tuple[Any, list[Card]]) -> None:
    wb, cards = book
    guro = next(c for c in cards if c.number == "III-2-1")
    ws = wb["III-2-1"]
    formulas = [c for c in _cells(ws) if isinstance(c.value, str) and c.value.startswith("=SUM(")]
    derived_absent = sum(1 for _, _, t in guro.tables() for r in t.rows for col in t.columns
                         if TableValues(t).is_derived(r.key, col.key) and col.key not in r.cells)

    def agrees(t: Any, rk: str, ck: str) -> bool:  # a stated total equal to every sum declared for it
        tv, v = TableValues(t), t.row(rk).cells[ck]
        specs = [s for s in tv.specs if s.target == (rk, ck)]
        return isinstance(v, Decimal) and all(tv.computed(rk, ck, s) == v for s in specs)

    stated = [(t, r.key, col.key) for _, _, t in guro.tables() for r in t.rows for col in t.columns
              if TableValues(t).is_derived(r.key, col.key) and col.key in r.cells]
    agreeing = sum(1 for t, rk, ck in stated if agrees(t, rk, ck))
    # derived totals and stated ones that agree are formulas (issue 18); the others keep their red rule
    assert len(formulas) == derived_absent + agreeing and derived_absent > 0 and agreeing > 0
    rules = [rule for rng in ws.conditional_formatting for rule in rng.rules]
    assert len(rules) == len(stated) - agreeing > 0
    assert all(r.type == "expression" and "<>0" in r.formula[0] for r in rules)
    # the 19개사 slip (9 + 10 + 10 = 29) is a value with its rule, not a formula
    slip = next(c for c in _cells(ws) if c.value == 19)
    assert any(slip.coordinate in str(rng.sqref) for rng in ws.conditional_formatting)


def test_totals_sheet_counts_by_status_area_and_department(book: tuple[Any, list[Card]]) -> None:
    wb, _ = book
    ws = wb["집계"]  # desktop/xlsx/overview_sheet.py; its numbers: tests/xlsx/test_overview_sheet.py
    text = [c.value for c in _cells(ws) if isinstance(c.value, str)]
    for h in ("1. 추진상황별 공약 수", "2. 분야별 추진상황", "3. 부서별 추진상황", "4. 진도 분포",
              "5. 재정 현황 (재원의 뜻별, 단위: 백만원)", "6. 이행률과 재정 비율 (평가 기준의 정의)",
              "추진중", "완료", "일자리경제과", "지역경제과", "구비"):
        assert h in text, h
    counts = [c for c in _cells(ws) if c.number_format == '#,##0;△#,##0;"-"']
    assert counts and all(isinstance(c.value, int) for c in counts)  # "-" for zero
    assert len(ws._charts) == 3


def test_foreign_template_sheet_with_its_picture(tmp_path: Path) -> None:
    template_file, card_file = write_seongdong(tmp_path)
    reg = TemplateRegistry.load([template_file.parent], None)
    from desktop.core.cardfile import read_cards

    cards = read_cards(card_file, reg)
    out = tmp_path / "성동.xlsx"
    export_workbook(cards, reg, out)
    ws = openpyxl.load_workbook(out)["1-3"]
    assert len(ws._images) == 1
    labels = {c.value for c in _cells(ws)}
    assert {"공약명", "공약출처", "연차별 투자계획", "계획액", "확보액", "2022.6월", "언론보도"} <= labels
    assert Decimal(str(next(c.value for c in _cells(ws) if c.value == 120.5))) == Decimal("120.5")
