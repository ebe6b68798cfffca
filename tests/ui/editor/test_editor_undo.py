"""One undo stack per card covering every edit; Ctrl+Z / Ctrl+Y where the focus is in the form."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from desktop.ui.editor import CardEditor

from .conftest import SAMPLE_122, SAMPLE_221, cell_editor, commit_text, line_edit_showing, open_card, sample


def test_typed_title_is_one_undo_step_and_ctrl_z_in_the_field_restores_it(qtbot, editor, registry) -> None:
    card = sample(registry, SAMPLE_221)
    open_card(editor, card)
    changed: list[int] = []
    editor.changed.connect(lambda: changed.append(1))
    title = line_edit_showing(editor, card.title)
    title.setFocus()
    title.end(False)
    for ch in " 확대":  # three keystrokes as an IME commits them
        commit_text(title, ch)
    assert editor.card().title == card.title + " 확대"
    assert len(changed) == 3
    assert editor.undo_stack().count() == 1  # merged into one step

    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.card().title == card.title
    assert title.text() == card.title
    qtbot.keyClick(title, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.card().title == card.title + " 확대"
    assert title.text() == card.title + " 확대"


def test_leaving_a_field_ends_the_typing_run(qtbot, editor, registry) -> None:
    card = sample(registry, SAMPLE_221)
    open_card(editor, card)
    title = line_edit_showing(editor, card.title)
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, "A")
    title.editingFinished.emit()
    qtbot.keyClicks(title, "B")
    assert editor.undo_stack().count() == 2
    editor.undo_stack().undo()
    assert editor.card().title == card.title + "A"


def test_undo_a_cell_with_ctrl_z_in_the_grid(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    grid = editor.table_editor("invest").grid
    idx = grid.table_model().index_of("exec_national", "y2024")
    grid.setFocus()
    grid.setCurrentIndex(idx)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    cell = cell_editor(grid)
    cell.selectAll()
    qtbot.keyClicks(cell, "225")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState)
    row = lambda: editor.card().block("invest").table.row("exec_national")  # noqa: E731
    assert row().cells["y2024"] == Decimal("225")
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert row().cells["y2024"] == Decimal("220")
    assert grid.table_model().data(idx) == "220"
    qtbot.keyClick(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert row().cells["y2024"] == Decimal("225")
    # Delete clears a cell (one step), and undo brings it back.
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert "y2024" not in row().cells
    editor.undo_stack().undo()
    assert row().cells["y2024"] == Decimal("225")


def test_one_stack_per_card_kept_while_switching(qtbot, editor, registry) -> None:
    a, b = sample(registry, SAMPLE_221), sample(registry, SAMPLE_122)
    open_card(editor, a)
    title = line_edit_showing(editor, a.title)
    title.setFocus()
    qtbot.keyClicks(title, "X")
    stack_a = editor.undo_stack()
    open_card(editor, b)
    assert editor.undo_stack() is not stack_a
    assert not editor.undo_stack().canUndo()
    open_card(editor, editor.card())  # same card again: nothing lost
    open_card(editor, a)  # back to a (as stored, without the X): its stack is still there
    assert editor.undo_stack() is stack_a and stack_a.canUndo()


def test_handing_back_the_saved_card_keeps_the_form(qtbot, editor, registry) -> None:
    card = sample(registry, SAMPLE_221)
    open_card(editor, card)
    page = editor.page
    title = line_edit_showing(editor, card.title)
    title.setFocus()
    qtbot.keyClicks(title, "Z")
    saved = editor.card()
    import copy

    saved = copy.deepcopy(saved)
    saved.version += 1
    editor.set_card(saved)
    assert editor.page is page  # not rebuilt: focus and cursor stay
    assert editor.card().version == saved.version
    assert editor.card() is not saved  # the editor owns its copy


def test_every_kind_of_edit_is_undoable(qtbot, editor, registry) -> None:
    card = sample(registry, SAMPLE_221)
    open_card(editor, card)
    page = editor.page
    assert page is not None
    before = copy_card(editor)
    fields = page.fields()
    fields["progress"].spin.setValue(80)
    fields["status"].push("완료")
    fields["related"].entry.setText("기획예산과, 재무과")
    fields["related"].add_from_entry()
    fields["contacts"].add()
    fields["contacts"].typed(3, "name", "홍길동")
    fields["timing"].push("임기후 계속")
    sec = page.sections["results"]
    sec.heading.setText("3. 추진 실적")
    sec.heading.textEdited.emit("3. 추진 실적")
    assert sec.period is not None
    sec.period.textEdited.emit("[2025. 1. 1.~2025. 12. 31.]")
    page.sections["photos"].photos.set_caption(0, "새 제목")
    page.sections["photos"].photos.move(0, 1)
    after = editor.card()
    assert after.progress == 80 and after.status == "완료" and after.related == ["기획예산과", "재무과"]
    assert after.contacts[3].name == "홍길동" and after.block("results").heading == "3. 추진 실적"
    stack = editor.undo_stack()
    while stack.canUndo():
        stack.undo()
    assert copy_card(editor) == before
    # and the widgets show the restored card
    assert fields["progress"].spin.value() == 75
    assert len(fields["contacts"].lines) == 3
    assert sec.heading.text() == card.block("results").heading


def copy_card(editor: CardEditor):  # type: ignore[no-untyped-def]
    import copy

    return copy.deepcopy(editor.card())


def test_line_edits_do_not_undo_on_their_own(qtbot, editor, registry) -> None:
    """Ctrl+Z in any line edit of the form goes to the card's stack (one history, not two)."""
    card = sample(registry, SAMPLE_221)
    open_card(editor, card)
    dept = line_edit_showing(editor, card.dept)
    dept.setFocus()
    qtbot.keyClicks(dept, "Q")
    other = next(w for w in editor.findChildren(QLineEdit) if w.text() == card.number)
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # focus elsewhere in the form
    assert editor.card().dept == card.dept
    assert dept.text() == card.dept


def test_switching_cards_mid_edit_keeps_the_typed_value(qtbot, editor, registry) -> None:
    a, b = sample(registry, SAMPLE_221), sample(registry, SAMPLE_122)
    open_card(editor, a)
    grid = editor.table_editor("invest").grid
    idx = grid.table_model().index_of("exec_city", "y2024")
    grid.setFocus()
    grid.setCurrentIndex(idx)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    cell = cell_editor(grid)
    qtbot.keyClicks(cell, "15")
    doc_a = editor.doc
    open_card(editor, b)  # no Qt warning about an editor that left its view
    assert doc_a.card.block("invest").table.row("exec_city").cells["y2024"] == Decimal("15")
    assert editor.card().title == b.title
