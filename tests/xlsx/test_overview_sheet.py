"""The workbook's 집계 sheet (issue 16, SPEC §5 and §8): the tables of the 이행 현황 보고서 from the same
overview core — its cells, read back with openpyxl, are `pledgecard summary --json`'s numbers for the
same cards (the small office of tests/overview_office.py: three templates, 구로구's "구비 (기금포함)",
천원 and 원 tables, a table in 개사) — with native Excel charts over the right cells, printed on A4
landscape; the workbook still imports to the same cards."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db.store import Store
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import export_workbook, read_workbook
from tests.cli.helpers import run_cli
from tests.overview_office import office, write_eval_template


@pytest.fixture
def book(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Any, dict[str, Any], list[Any], Any]:
    """(the 집계 sheet, summary --json, the cards exported, the registry) for the office's current period."""
    templates = tmp_path / "templates"
    write_eval_template(templates)
    reg = TemplateRegistry.load([templates], None)
    now, before = office()
    db = tmp_path / "office.sqlite3"
    with Store.open(db, registry=reg) as store:
        store.import_cards([*before[:2], *now])
        cards = store.cards([s.id for s in store.period_summaries(None)])
    out = tmp_path / "제출.xlsx"
    export_workbook(cards, reg, out)
    r = run_cli(capsys, "--db", db, "--templates", templates, "summary", "--json")
    assert r.code == 0, r.err
    return openpyxl.load_workbook(out)["집계"], json.loads(r.out), cards, reg


def _row_of(ws: Any, text: str, col: int = 1, start: int = 1) -> int:
    for r in range(start, ws.max_row + 1):
        if ws.cell(r, col).value == text:
            return r
    raise AssertionError(f"no row with {text!r}")


def _rows(ws: Any, head: int, stop: str | None = None) -> list[int]:
    """The data rows under a header row: until an empty cell in column A (or the row `stop`)."""
    out = []
    r = head + 1
    while ws.cell(r, 1).value not in (None, stop):
        out.append(r)
        r += 1
    return out


def _dec(v: Any) -> Decimal:
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


def test_cells_are_the_summarys_numbers(book: tuple[Any, dict[str, Any], list[Any], Any]) -> None:
    ws, doc, _, _ = book
    assert "시험구 · 2025. 9. 30. 기준일 현재 · 공약 10건 · 금액 단위: 백만원" in ws.cell(2, 1).value
    # 1. 추진상황, with the template's grouping and definitions
    head = _row_of(ws, "추진상황")
    rows = _rows(ws, head, "계")
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 3).value, ws.cell(r, 5).value) for r in rows] == [
        (s["name"], s["group"], s["count"], s["definition"]) for s in doc["statuses"]]
    total = rows[-1] + 1
    assert ws.cell(total, 1).value == "계" and ws.cell(total, 3).value == doc["cards"]["count"] == 10
    assert [round(ws.cell(r, 4).value * 100, 1) for r in rows] == [s["count"] * 10.0 for s in doc["statuses"]]
    head = _row_of(ws, "묶음")
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 5).value) for r in _rows(ws, head)] == [
        (g["name"], " + ".join(g["statuses"]), g["count"]) for g in doc["groups"]]
    # 2, 3. cross tables
    for what, key in (("분야", "by_area"), ("부서", "by_dept")):
        head = _row_of(ws, what)
        statuses = doc[key]["statuses"]
        assert [ws.cell(head, 3 + k).value for k in range(len(statuses))] == statuses
        got = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(2, 3 + len(statuses))]
               for r in _rows(ws, head, "합계")}
        assert got == {x["key"]: [x["total"]["count"], *(x["statuses"][s]["count"] for s in statuses)]
                       for x in doc[key]["rows"]}
        tot = _row_of(ws, "합계", start=head)
        assert [ws.cell(tot, c).value for c in range(2, 3 + len(statuses))] == [
            doc[key]["total"]["total"]["count"], *(doc[key]["total"]["statuses"][s]["count"] for s in statuses)]
    # 4. 진도
    head = _row_of(ws, "진도")
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in _rows(ws, head)] == [
        (p["band"], p["count"]) for p in doc["progress"]]
    # 5. 재정 by source meaning: 구로구's "구비 (기금포함)" is in 구비 (409.6), nothing dropped
    head = _row_of(ws, "재원")
    scopes = ["needed", "secured", "needed_in_term", "secured_in_term", "spent"]
    got_fin = {ws.cell(r, 1).value: [_dec(ws.cell(r, 2 + k).value) for k in range(5)] for r in _rows(ws, head, "계")}
    assert got_fin == {s["meaning"]: [Decimal(s[k]["amount"]) for k in scopes] for s in doc["finance"]["sources"]}
    assert got_fin["구비"][0] == Decimal("409.6")
    tot = _row_of(ws, "계", start=head)
    assert [_dec(ws.cell(tot, 2 + k).value) for k in range(5)] == [
        Decimal(doc["finance"]["total"][k]["amount"]) for k in scopes]
    # 6. the rates, with their definitions and the counts behind them
    head = _row_of(ws, "지표")
    for r, rate in zip(_rows(ws, head), doc["rates"], strict=True):
        assert ws.cell(r, 1).value == rate["name"]
        assert _dec(ws.cell(r, 2).value) == Decimal(rate["percent"])
        assert _dec(ws.cell(r, 3).value) == Decimal(rate["numerator"]["value"])
        assert _dec(ws.cell(r, 4).value) == Decimal(rate["denominator"]["value"])
        assert ws.cell(r, 5).value == len(rate["denominator"]["cards"])
        assert ws.cell(r, 6).value == rate["excluded"]["count"]
        assert ws.cell(r, 7).value.startswith(rate["definition"])
    # no header or label broken after "구비 (": sources are shown by meaning
    assert not any(isinstance(c.value, str) and c.value.rstrip().endswith("(") for row in ws.iter_rows() for c in row)


def test_native_charts_over_the_right_cells(book: tuple[Any, dict[str, Any], list[Any], Any]) -> None:
    ws, doc, _, _ = book
    status, money, hist = ws._charts
    s_rows = _rows(ws, _row_of(ws, "추진상황"), "계")
    assert status.series[0].val.numRef.f == f"'집계'!$C${s_rows[0]}:$C${s_rows[-1]}"
    assert status.series[0].cat.numRef.f == f"'집계'!$A${s_rows[0]}:$A${s_rows[-1]}"
    colours = [str(getattr(fill.srgbClr, "val", fill.srgbClr)) for fill in
               (p.graphicalProperties.solidFill for p in status.series[0].dPt)]
    assert colours == [s["color"].lstrip("#").upper() for s in doc["statuses"]]  # the statuses' colours
    head = _row_of(ws, "재원")
    f_rows = _rows(ws, head, "계")
    assert [s.val.numRef.f for s in money.series] == [
        f"'집계'!${c}${f_rows[0]}:${c}${f_rows[-1]}" for c in ("B", "C")]  # 소요(전체), 확보(전체)
    assert [s.tx.strRef.f for s in money.series] == [f"'집계'!{c}{head}" for c in ("B", "C")]
    assert ws.cell(head, 2).value == "소요(전체)" and ws.cell(head, 3).value == "확보(전체)"
    p_rows = _rows(ws, _row_of(ws, "진도"))
    assert hist.series[0].val.numRef.f == f"'집계'!$B${p_rows[0]}:$B${p_rows[-1]}"
    assert hist.series[0].cat.numRef.f == f"'집계'!$A${p_rows[0]}:$A${p_rows[-1]}"


def test_prints_on_a4_landscape_fit_to_width(book: tuple[Any, dict[str, Any], list[Any], Any]) -> None:
    ws, _, _, _ = book
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area and len(ws.row_breaks.brk) == 1  # the charts on a page of their own
    last_col = max(c.column for row in ws.iter_rows() for c in row if c.value is not None)
    assert last_col <= 11  # 분야 + 계 + nine statuses at most: legible at 100 % on landscape A4
    widths = [ws.column_dimensions[chr(64 + c)].width for c in range(1, last_col + 1)]
    assert widths[0] == 22 and all(w == 11 for w in widths[1:])


def test_workbook_still_imports_to_the_same_cards(book: tuple[Any, dict[str, Any], list[Any], Any],
                                                  tmp_path: Path) -> None:
    _, _, cards, reg = book
    from desktop.core.cardfile import card_to_json

    out = tmp_path / "again.xlsx"
    export_workbook(cards, reg, out)
    back = read_workbook(out, reg)
    key = {c.id: card_to_json(c) for c in cards}
    assert {c.id: card_to_json(c) for c in back} == key


def test_rows_are_as_tall_as_their_text_and_charts_within_the_printed_columns(
        book: tuple[Any, dict[str, Any], list[Any], Any]) -> None:
    """A definition in a narrow column made rows a page tall, and charts stood past the print area (issue
    16, found printing the merged workbook): every row holds a few lines at most, every merged cell runs
    left to right inside the printed columns, and every chart is stretched over printed cells."""
    from openpyxl.drawing.spreadsheet_drawing import TwoCellAnchor
    from openpyxl.utils import range_boundaries

    ws, _, _, _ = book
    area = range_boundaries(str(ws.print_area).split("!")[-1].replace("$", ""))
    heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
    assert max(heights.values()) <= 60, {r: h for r, h in heights.items() if h > 60}
    for m in ws.merged_cells.ranges:
        assert area[0] <= m.min_col <= m.max_col <= area[2], m.coord
    defs = _rows(ws, _row_of(ws, "지표"))
    assert area[2] - 7 >= 4  # the definitions: five columns at least, beside their numbers
    assert defs and all(any(m.min_row == r and m.min_col == 7 and m.max_col == area[2]
                            for m in ws.merged_cells.ranges) for r in defs)
    assert len(ws._charts) == 3
    for chart in ws._charts:
        a = chart.anchor
        assert isinstance(a, TwoCellAnchor)
        assert area[0] - 1 <= a._from.col < a.to.col <= area[2]  # "to" is the edge of the column after
        assert area[1] - 1 <= a._from.row < a.to.row <= area[3]


def _print_totals(cards: list[Any], reg: Any, out_dir: Path) -> list[tuple[str, float, list[dict[str, Any]]]]:
    """The 집계 printed alone by LibreOffice: each page's text, width and words."""
    import pdfplumber

    from tests.xlsx.helpers import print_workbook

    out = out_dir / "집계만.xlsx"
    export_workbook(cards, reg, out)
    wb = openpyxl.load_workbook(out)
    for name in wb.sheetnames:
        if name != "집계":
            del wb[name]
    wb.save(out)
    with pdfplumber.open(print_workbook(out, out_dir)) as pdf:
        return [(p.extract_text() or "", float(p.width), p.extract_words()) for p in pdf.pages]


def _legible(pages: list[tuple[str, float, list[dict[str, Any]]]], most: int) -> None:
    assert len(pages) <= most, len(pages)
    for n, (_, width, words) in enumerate(pages, start=1):
        assert len([w for w in words if not re.fullmatch(r"[\d/ ]+", w["text"])]) > 10, f"page {n} near empty"
        assert all(w["x1"] <= width - 10 for w in words), f"page {n}: past the right edge"
    flat = re.sub(r"\s+", "", "".join(t for t, _, _ in pages))
    for title in ("추진상황별공약수", "진도분포(공약수)", "재원별소요·확보예산(단위:백만원)",
                  "6.이행률과재정비율(평가기준의정의)", "완료율=", "집행률="):
        assert title in flat, title


def test_the_totals_sheet_prints_legibly(book: tuple[Any, dict[str, Any], list[Any], Any], tmp_path: Path) -> None:
    """The office's 집계 printed by LibreOffice: tables, the rates and the charts on a page of their own."""
    _, _, cards, reg = book
    _legible(_print_totals(cards, reg, tmp_path), 4)


def test_one_cards_totals_sheet_prints_legibly(tmp_path: Path) -> None:
    """One 구로구 card (one status: a narrow sheet): the rates' definitions stood in a column narrower than
    nothing, rows a page tall — printed on 8 pages, five near-empty, the charts cut at the right."""
    from tests.pdf.helpers import registry, sample

    reg = registry()
    _legible(_print_totals([sample("guro-plan-III-2-1", reg)], reg, tmp_path), 3)
