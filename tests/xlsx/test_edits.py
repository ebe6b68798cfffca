"""What is changed in Excel comes back changed: values are read from the visible cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.core.model import Card
from desktop.core.tables import TableValues
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import WorkbookError, export_workbook, read_workbook
from tests.xlsx.helpers import samples

REG = TemplateRegistry.load([], None)


@pytest.fixture
def book(tmp_path: Path) -> tuple[Path, list[Card]]:
    cards = samples(REG)
    out = tmp_path / "제출.xlsx"
    export_workbook(cards, REG, out)
    return out, cards


def _edit(path: Path, sheet: str, fn: Any) -> dict[str, Card]:
    wb = openpyxl.load_workbook(path)
    fn(wb[sheet], wb)
    wb.save(path)
    return {c.number: c for c in read_workbook(path, REG)}


def _find(ws: Any, pred: Any) -> Any:
    return next(c for row in ws.iter_rows() for c in row if pred(c))


def _row_of(ws: Any, key: str) -> int:
    return _find(ws, lambda c: c.column == 1 and c.value == f'r "{key}"').row


def _col_of(ws: Any, row: int, label: str) -> int:
    """The column whose header (the first rows above `row` in the table) reads `label`."""
    for r in range(row - 1, max(row - 4, 1), -1):
        for c in ws[r]:
            if c.value == label:
                return int(c.column)
    raise AssertionError(label)


def test_a_changed_figure_comes_back_changed(book: tuple[Path, list[Card]]) -> None:
    path, cards = book

    def change(ws: Any, _: Any) -> None:
        r = _row_of(ws, "plan_national")
        ws.cell(r, _col_of(ws, _row_of(ws, "plan_total"), "2025년")).value = 260

    back = _edit(path, "2-2-1", change)["2-2-1"]
    table = back.block("invest").table  # type: ignore[union-attr]
    assert table.row("plan_national").cells["y2025"] == Decimal(260)  # type: ignore[union-attr]
    before = next(c for c in cards if c.number == "2-2-1")
    assert before.block("invest").table.row("plan_national").cells["y2025"] == Decimal(250)  # type: ignore[union-attr]


def test_a_changed_line_comes_back_changed(book: tuple[Path, list[Card]]) -> None:
    path, cards = book
    old = next(c for c in cards if c.number == "1-2-2").block("overview").items[0].text  # type: ignore[union-attr]

    def change(ws: Any, _: Any) -> None:  # the line is "- 사업기간: …": its mark, then its text
        cell = _find(ws, lambda c: isinstance(c.value, str) and c.value.endswith(" " + old))
        cell.value = cell.value[: -len(old)] + "사업기간: 2022. ~ 2027."

    back = _edit(path, "1-2-2", change)["1-2-2"]
    assert back.block("overview").items[0].text == "사업기간: 2022. ~ 2027."  # type: ignore[union-attr]


def test_formula_means_computed_and_value_means_stated(book: tuple[Path, list[Card]]) -> None:
    path, cards = book
    orig = next(c for c in cards if c.number == "1-2-2").block("invest").table  # type: ignore[union-attr]
    assert orig is not None
    tv = TableValues(orig)
    derived_absent = next((r.key, c.key) for r in orig.rows for c in orig.columns
                          if tv.is_derived(r.key, c.key) and c.key not in r.cells)
    stated = next((r.key, c.key) for r in orig.rows for c in orig.columns
                  if tv.is_derived(r.key, c.key) and isinstance(r.cells.get(c.key), Decimal))
    wb = openpyxl.load_workbook(path)
    ws = wb["1-2-2"]
    cols = {c.key: c for c in orig.columns}
    head = _row_of(ws, orig.rows[0].key)

    def cell(rc: tuple[str, str]) -> Any:
        return ws.cell(_row_of(ws, rc[0]), _col_of(ws, head, cols[rc[1]].label))

    f = cell(derived_absent)
    assert isinstance(f.value, str) and f.value.startswith("=SUM(")
    f.value = 99  # a value typed over the formula: now stated
    s = cell(stated)
    assert str(s.value).startswith("=SUM(")  # a stated total that agrees with its parts: live too
    s.value = "=SUM(1,2)"  # another formula typed over a stated total: computed
    wb.save(path)
    back = next(c for c in read_workbook(path, REG) if c.number == "1-2-2").block("invest").table  # type: ignore[union-attr]
    assert back is not None
    assert back.row(derived_absent[0]).cells[derived_absent[1]] == Decimal(99)  # type: ignore[union-attr]
    assert stated[1] not in back.row(stated[0]).cells  # type: ignore[union-attr]


def test_a_renamed_sheet_imports_the_same(book: tuple[Path, list[Card]]) -> None:
    path, cards = book

    def rename(ws: Any, _: Any) -> None:
        ws.title = "새 이름"

    back = _edit(path, "2-2-1", rename)
    assert sorted(back) == sorted(c.number for c in cards)
    assert back["2-2-1"] == next(c for c in cards if c.number == "2-2-1")


def test_problems_name_the_renamed_sheet(book: tuple[Path, list[Card]]) -> None:
    path, _ = book
    wb = openpyxl.load_workbook(path)
    ws = wb["III-2-1"]
    ws.title = "구로"
    cell = _find(ws, lambda c: c.value == 26670)
    cell.value = "이만육천"
    wb.save(path)
    with pytest.raises(WorkbookError) as err:
        read_workbook(path, REG)
    assert f"'구로' 시트 {cell.coordinate}: 숫자가 아닙니다 '이만육천'" in str(err.value)


def test_every_bad_cell_is_reported_at_once(book: tuple[Path, list[Card]]) -> None:
    path, _ = book
    wb = openpyxl.load_workbook(path)
    bad = []
    for ws in wb.worksheets[2:]:
        cell = _find(ws, lambda c: isinstance(c.value, int | float) and c.column > 2 and c.data_type == "n")
        cell.value = "x1"
        bad.append(f"'{ws.title}' 시트 {cell.coordinate}")
    wb.save(path)
    with pytest.raises(WorkbookError) as err:
        read_workbook(path, REG)
    assert all(b in str(err.value) for b in bad)
    assert "고칠 곳 3건" in str(err.value)


def test_entry_conventions_in_a_text_cell(book: tuple[Path, list[Card]]) -> None:
    path, _ = book

    def change(ws: Any, _: Any) -> None:
        r = _row_of(ws, "plan_national")
        ws.cell(r, _col_of(ws, _row_of(ws, "plan_total"), "계")).value = "△1,234.5"

    back = _edit(path, "2-2-1", change)["2-2-1"]
    assert back.block("invest").table.row("plan_national").cells["total"] == Decimal("-1234.5")  # type: ignore[union-attr]


def test_an_emptied_card_id_makes_a_new_card(book: tuple[Path, list[Card]]) -> None:
    path, cards = book
    old = next(c for c in cards if c.number == "1-2-2")

    def clear(ws: Any, _: Any) -> None:
        _find(ws, lambda c: c.value == old.id).value = None

    back = _edit(path, "1-2-2", clear)["1-2-2"]
    assert back.id != old.id and len(back.id) == 36
    assert back.title == old.title


def test_a_copied_sheet_is_refused_until_its_id_is_cleared(book: tuple[Path, list[Card]]) -> None:
    path, _ = book
    wb = openpyxl.load_workbook(path)
    copy = wb.copy_worksheet(wb["1-2-2"])
    copy.title = "복사본"
    wb.save(path)
    with pytest.raises(WorkbookError, match=r"카드 ID .*'1-2-2' 시트에도 있습니다"):
        read_workbook(path, REG)


def test_a_number_typed_into_a_text_field_is_text(book: tuple[Path, list[Card]]) -> None:
    path, _ = book

    def change(ws: Any, _: Any) -> None:
        _find(ws, lambda c: c.value == "일자리경제과" and c.column > 2).value = 2024

    back = _edit(path, "1-2-2", change)
    assert any(c.dept == "2024" for c in back.values())


def test_a_line_typed_into_the_blank_row_joins_its_block(book: tuple[Path, list[Card]]) -> None:
    path, cards = book
    before = next(c for c in cards if c.number == "1-2-2").block("overview").items  # type: ignore[union-attr]

    def add(ws: Any, _: Any) -> None:
        heading = _find(ws, lambda c: c.value == "2. 투자계획(예산/비예산)")
        blank = heading.row - 1  # the blank line before the next section
        assert all(ws.cell(blank, c).value is None for c in range(1, 12))
        ws.cell(blank, 4).value = "▷"  # a level-2 mark, where the level-2 marks stand
        ws.cell(blank, 5).value = "엑셀에서 더한 줄"

    back = _edit(path, "1-2-2", add)["1-2-2"].block("overview").items  # type: ignore[union-attr]
    assert back[:-1] == before
    assert (back[-1].text, back[-1].level, back[-1].note) == ("엑셀에서 더한 줄", 2, False)


def test_a_unit_that_is_not_the_cells_is_refused_in_a_workbook(book: tuple[Path, list[Card]]) -> None:
    """Issue 11 item 5, the same rule as at the editor's cell: "50%" in a 백만원 table is not 50."""
    path, _ = book
    wb = openpyxl.load_workbook(path)
    ws = wb["2-2-1"]
    cell = ws.cell(_row_of(ws, "plan_national"), _col_of(ws, _row_of(ws, "plan_total"), "2025년"))
    cell.value = "50%"
    wb.save(path)
    with pytest.raises(WorkbookError) as err:
        read_workbook(path, REG)
    why = "단위가 다릅니다: 이 칸은 '백만원' 단위입니다 ('%' 아님) '50%'"
    assert f"'2-2-1' 시트 {cell.coordinate}: {why}" in str(err.value)
