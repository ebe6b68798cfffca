"""Excel / HWP ranges in a table (issue 11 item 15): paste from the current cell (each cell checked,
one undo step, refused cells named), select with Shift+click / Shift+arrows, copy tab-separated.
The real clipboard is used (QGuiApplication.clipboard works offscreen)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from desktop.ui.editor.tablemodel import REFUSED_ROLE
from desktop.ui.editor.tableview import TableGrid

from .conftest import SAMPLE_221, open_card, sample
from .test_editor_tables import grid_of, start_editing

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def cells(editor, row: str) -> list[Decimal | None]:  # type: ignore[no-untyped-def]
    r = editor.card().block("invest").table.row(row)
    return [r.cells.get(c) for c in ("y2024", "y2025", "y2026", "after")]


def go(grid: TableGrid, row: str, col: str) -> None:
    grid.setFocus()
    grid.setCurrentIndex(grid.table_model().index_of(row, col))


def test_pasting_an_excel_row_fills_cells_in_one_undo_step(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    grid = grid_of(editor, "invest")
    stack = editor.undo_stack()
    go(grid, "plan_city", "y2024")
    QGuiApplication.clipboard().setText("300\t260\t240\r\n")  # as Excel copies one row of three cells
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)

    assert cells(editor, "plan_city")[:3] == [Decimal(300), Decimal(260), Decimal(240)]
    assert stack.count() == 1
    assert grid.notice == ""  # nothing refused, nothing to say
    # The pasted range is selected.
    assert len(grid.selectedIndexes()) == 3
    stack.undo()
    assert cells(editor, "plan_city")[:3] == [None, None, None]

    # Two rows (from HWP or Excel), typed conventions included.
    go(grid, "plan_city", "y2024")
    QGuiApplication.clipboard().setText("1,234\t９\n△0\t-\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)
    assert cells(editor, "plan_city")[:2] == [Decimal(1234), Decimal(9)]
    assert cells(editor, "plan_district")[:2] == [Decimal(50), None]  # △0 refused (no negatives), - empties
    assert stack.count() == 1 and "음수" in grid.notice  # (the undone paste is gone from the stack)


def test_refused_cells_are_named_and_keep_their_value(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    grid = grid_of(editor, "invest")
    model = grid.table_model()
    go(grid, "plan_national", "y2024")
    QGuiApplication.clipboard().setText("300\tabc\t50%")
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)

    assert cells(editor, "plan_national")[:3] == [Decimal(300), Decimal(250), Decimal(230)]  # the old 250, 230
    assert editor.undo_stack().count() == 1
    refused = model.data(model.index_of("plan_national", "y2025"), REFUSED_ROLE)
    assert "국비 2025년" in refused and "숫자가 아닙니다 'abc'" in refused
    assert "단위" in model.data(model.index_of("plan_national", "y2026"), REFUSED_ROLE)
    note = editor.table_editor("invest").note
    assert note is not None and note.isVisible()
    assert "2칸을 넣지 않았습니다" in note.text() and "국비 2025년" in note.text() and "국비 2026년" in note.text()
    assert "나머지 1칸은 넣었습니다" in note.text()

    # Past the table's last column: the cells that fit go in, the rest is said.
    go(grid, "exec_city", "y2026")
    QGuiApplication.clipboard().setText("7\t8\t9\t10")
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)
    assert cells(editor, "exec_city")[2:] == [Decimal(7), Decimal(8)]
    assert "표 밖으로 나간 2칸" in note.text()
    # Moving on clears the paste's message.
    go(grid, "exec_city", "y2024")
    assert not note.isVisible()


def test_a_range_pasted_inside_an_open_cell_goes_to_the_cells(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    grid = grid_of(editor, "invest")
    _, cell = start_editing(qtbot, grid, "exec_city", "y2024")
    QGuiApplication.clipboard().setText("5\t6\n")
    qtbot.keyClick(cell, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState)
    assert cells(editor, "exec_city")[:2] == [Decimal(5), Decimal(6)]
    assert editor.undo_stack().count() == 1
    # One number pasted into an open cell stays ordinary typing.
    _, cell = start_editing(qtbot, grid, "exec_city", "y2026")
    QGuiApplication.clipboard().setText("42")
    qtbot.keyClick(cell, Qt.Key.Key_V, CTRL)
    assert grid.state() == QAbstractItemView.State.EditingState and cell.text() == "42"


def test_shift_arrows_and_shift_click_select_a_range_that_copies_as_tab_separated(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    grid = grid_of(editor, "invest")
    model = grid.table_model()
    go(grid, "plan_national", "y2024")
    grid.selectionModel().select(grid.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    assert len(grid.selectedIndexes()) == 6
    qtbot.keyClick(grid, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "220\t250\t230\n\t\t\n"

    # Shift+click from 국비 2024년 to 구비 2025년, computed and stated totals copied by value.
    first = model.index_of("plan_total", "total")
    last = model.index_of("plan_national", "y2024")
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(first).center())
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, SHIFT, grid.visualRect(last).center())
    assert len(grid.selectedIndexes()) == 6
    qtbot.keyClick(grid, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "750\t\t270\n700\t\t220\n"

    # What was copied pastes back: the same values elsewhere, one step.
    go(grid, "exec_city", "y2024")
    QGuiApplication.clipboard().setText("220\t250\t230\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, CTRL)
    assert cells(editor, "exec_city")[:3] == [Decimal(220), Decimal(250), Decimal(230)]
    # Delete over a range empties it, one step.
    grid.selectionModel().select(
        QItemSelection(model.index_of("exec_city", "y2024"), model.index_of("exec_city", "y2026")),
        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert cells(editor, "exec_city")[:3] == [None, None, None]
    editor.undo_stack().undo()
    assert cells(editor, "exec_city")[:3] == [Decimal(220), Decimal(250), Decimal(230)]
