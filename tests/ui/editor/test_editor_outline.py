"""Outlines edited as outlines: Enter, Tab / Shift+Tab, Alt+↑/↓, ※, delete, dates, inline tables."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from desktop.core.layout import new_card
from desktop.ui.editor import CardEditor
from desktop.ui.editor.outline import OutlineEditor
from desktop.ui.editor.outlinemodel import MARK_ROLE

from .conftest import SAMPLE_122, SAMPLE_GURO, cell_editor, commit_text, open_card, sample, shot


def outline(editor: CardEditor, key: str) -> OutlineEditor:
    assert editor.page is not None
    sec = editor.page.sections[key]
    assert sec.outline is not None
    return sec.outline


def edit_item(qtbot, ol: OutlineEditor, row: int):  # type: ignore[no-untyped-def]
    ol.view.setFocus()
    ol.view.setCurrentIndex(ol.model.index(row, 0))
    qtbot.keyClick(ol.view, Qt.Key.Key_F2)
    return cell_editor(ol.view)


def texts(editor: CardEditor, key: str) -> list[tuple[int, str]]:
    return [(it.level, it.text) for it in editor.card().block(key).items]


def test_enter_tab_shift_tab_make_and_indent_items(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_122))
    ol = outline(editor, "issues")
    before = texts(editor, "issues")
    assert before == [(1, "경제관련 유관기관, 단체와 협력체계 구축 및 소통 강화")]

    ed = edit_item(qtbot, ol, 0)
    qtbot.keyClick(ed, Qt.Key.Key_Return)  # a new item after it, same level, being edited
    ed = cell_editor(ol.view)
    commit_text(ed, "중소기업 간담회")
    qtbot.keyClick(ed, Qt.Key.Key_Tab)  # one level deeper
    assert texts(editor, "issues")[1] == (2, "중소기업 간담회")
    assert ol.model.data(ol.model.index(1, 0), MARK_ROLE) == "▷"
    assert ol.view.state() == QAbstractItemView.State.EditingState  # still typing in it

    ed = cell_editor(ol.view)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    ed = cell_editor(ol.view)
    qtbot.keyClicks(ed, "2025. 3")
    assert texts(editor, "issues")[2] == (2, "2025. 3")  # Enter keeps the level of the item before
    qtbot.keyClick(ed, Qt.Key.Key_Tab)
    qtbot.keyClick(cell_editor(ol.view), Qt.Key.Key_Tab)
    assert texts(editor, "issues")[2][0] == 4
    qtbot.keyClick(cell_editor(ol.view), Qt.Key.Key_Tab)  # 4 is the deepest
    assert texts(editor, "issues")[2][0] == 4
    assert ol.model.data(ol.model.index(2, 0), MARK_ROLE) == "·"
    qtbot.keyClick(cell_editor(ol.view), Qt.Key.Key_Backtab)
    assert texts(editor, "issues")[2][0] == 3
    assert ol.model.data(ol.model.index(2, 0), MARK_ROLE) == "-"

    # Undo walks back one step at a time: the level, then the typing, then the items.
    stack = editor.undo_stack()
    stack.undo()
    assert texts(editor, "issues")[2][0] == 4
    while stack.canUndo():
        stack.undo()
    assert texts(editor, "issues") == before


def test_move_note_delete_and_dates(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_122))
    ol = outline(editor, "plans")
    items = editor.card().block("plans").items
    first, second = items[0].text, items[1].text
    assert items[0].date == "2024. 하반기"

    ed = edit_item(qtbot, ol, 0)
    qtbot.keyClick(ed, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    items = editor.card().block("plans").items
    assert [items[0].text, items[1].text] == [second, first]
    assert ol.view.currentIndex().row() == 1  # the moved item stays current
    qtbot.keyClick(cell_editor(ol.view), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.card().block("plans").items[0].text == first

    qtbot.keyClick(cell_editor(ol.view), Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert editor.card().block("plans").items[0].note is True
    assert ol.model.data(ol.model.index(0, 0), MARK_ROLE) == "※"
    ol.view.run("note")
    assert editor.card().block("plans").items[0].note is False

    # The date column: right-aligned, edited like the text.
    date_idx = ol.model.index(0, 1)
    assert ol.model.data(date_idx, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    ol.view.setCurrentIndex(date_idx)
    qtbot.keyClick(ol.view, Qt.Key.Key_F2)
    ded = cell_editor(ol.view)
    ded.selectAll()
    qtbot.keyClicks(ded, "2025. 2. ~ 12.")
    assert editor.card().block("plans").items[0].date == "2025. 2. ~ 12."

    n = len(editor.card().block("plans").items)
    ol.view.setCurrentIndex(ol.model.index(1, 0))
    ol.view.run("delete")
    assert len(editor.card().block("plans").items) == n - 1
    editor.undo_stack().undo()
    assert len(editor.card().block("plans").items) == n


def test_backspace_in_an_empty_item_deletes_it(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_122))
    ol = outline(editor, "issues")
    ed = edit_item(qtbot, ol, 0)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert len(editor.card().block("issues").items) == 2
    qtbot.keyClick(cell_editor(ol.view), Qt.Key.Key_Backspace)
    assert len(editor.card().block("issues").items) == 1


def test_empty_outline_gets_its_first_item_with_enter(qtbot, editor, registry) -> None:
    card = new_card(registry.get("standard"), number="1-1", title="빈 카드")
    open_card(editor, card)
    ol = outline(editor, "overview")
    assert ol.model.rowCount() == 0
    ol.view.setFocus()
    qtbot.keyClick(ol.view, Qt.Key.Key_Return)
    ed = cell_editor(ol.view)
    qtbot.keyClicks(ed, "first")
    assert texts(editor, "overview") == [(1, "first")]


def test_inline_table_inside_an_item(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_122))
    ol = outline(editor, "results")
    ol.select_item(1)
    assert ol.table_editor is None
    ol.view.run("table")
    item = editor.card().block("results").items[1]
    assert item.table is not None
    assert ol.table_editor is not None and ol.table_editor.isVisible()
    te = ol.table_editor
    rows, cols = len(item.table.rows), len(item.table.columns)
    te.add_row()
    te.add_column()
    item = editor.card().block("results").items[1]
    assert (len(item.table.rows), len(item.table.columns)) == (rows + 1, cols + 1)
    # A text cell and a number cell.
    m = te.model
    first = item.table.rows[0]
    m.setData(m.index_of(first.key, item.table.columns[0].key), "기업지원")
    m.setData(m.index_of(first.key, item.table.columns[1].key), "1,500")
    item = editor.card().block("results").items[1]
    assert item.table.rows[0].cells[item.table.columns[0].key] == "기업지원"
    assert str(item.table.rows[0].cells[item.table.columns[1].key]) == "1500"
    assert m.data(m.index_of(first.key, item.table.columns[1].key)) == "1,500"
    # Column labels of an inline table are editable.
    m.setData(m.index(0, m.lcols), "분야")
    assert editor.card().block("results").items[1].table.columns[0].label == "분야"
    te.grid.setCurrentIndex(m.index_of(first.key, item.table.columns[0].key))
    te.remove_row()
    assert len(editor.card().block("results").items[1].table.rows) == rows
    ol.view.run("untable")
    assert editor.card().block("results").items[1].table is None
    assert ol.table_editor is None and 1 not in ol.tables


def test_guro_numbered_sub_items_and_inline_tables(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_GURO))
    ol = outline(editor, "plan")
    marks = [ol.model.data(ol.model.index(r, 0), MARK_ROLE) for r in range(ol.model.rowCount())
             if editor.card().block("plan").items[r].level == 0 and not editor.card().block("plan").items[r].note]
    assert marks == ["①", "②", "③", "④"]
    ol.select_item(17)  # the per-company support list, amounts in 원
    assert ol.table_editor is not None
    m = ol.table_editor.model
    assert m.rowCount() == m.hrows + 9
    assert m.data(m.index(m.hrows, m.columnCount() - 1)) == "1,750,000"


def test_tables_inside_items_are_shown_inline_with_their_marks(qtbot, editor, registry) -> None:
    """Issue 11 item 20: the one real slip of III-2-1 (19개사 ≠ 29) sat in a table hidden behind ▦."""
    from PySide6.QtCore import QCoreApplication

    from desktop.core.findings import ERROR
    from desktop.ui.editor import colors
    from desktop.ui.editor.tablemodel import SEVERITY_ROLE
    from desktop.ui.editor.tableview import TableGrid

    open_card(editor, sample(registry, SAMPLE_GURO))
    editor.page.ensure_built()
    for _ in range(3):
        QCoreApplication.processEvents()
    # No click anywhere: every item holding a table shows it.
    with_tables = [i for i, it in enumerate(editor.card().block("plan").items) if it.table is not None]
    shown = {g.table_model().item for g in editor.page.findChildren(TableGrid)
             if g.isVisible() and g.table_model().block_key == "plan"}
    assert shown == {(i,) for i in with_tables}
    grid = next(g for g in editor.page.findChildren(TableGrid)
                if g.isVisible() and g.table_model().item == (10,) and g.table_model().block_key == "plan")
    ol = outline(editor, "plan")
    inline = grid.parentWidget().parentWidget()
    assert ol.view.viewport().rect().contains(inline.geometry())  # inside its item's row, not clipped
    item_row = ol.view.visualRect(ol.model.index(10, 0))
    assert item_row.contains(inline.geometry())

    # The error mark of the slip is on screen: red frame and fill at the 합계 cell.
    idx = grid.table_model().index_of("marketing", "total")
    assert grid.table_model().data(idx, SEVERITY_ROLE) == ERROR
    editor.scroll.ensureWidgetVisible(grid, 50, 50)
    for _ in range(3):
        QCoreApplication.processEvents()
    shot(editor, "guro-inline-tables")
    rect = grid.visualRect(idx)
    image = grid.viewport().grab().toImage()
    assert image.pixelColor(rect.left() + 1, rect.center().y()).name() == colors.ERROR  # the frame
    assert image.pixelColor(rect.left() + 6, rect.top() + 4).name() == colors.ERROR_BG  # the fill
