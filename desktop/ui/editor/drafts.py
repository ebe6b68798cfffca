"""Text still being typed goes into the card before every autosave (SPEC §6.1: at most the last second
of typing is lost, including text inside an open cell or field).

Fields that commit only when left (기준일, 소요예산) and open table cell editors are asked for their
text; text that reads as a value is put into the card without touching what is shown (the editor
stays open, the cursor where it is), one undo step per typing run. Text that is not a value yet
(a half-typed date) stays where it is and is reported ("기준일 입력 중"): the card keeps its last
good value, and the status bar says that something is not saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.core.numbers import NumberError
from desktop.ui.editor.fieldbase import FieldWidget
from desktop.ui.editor.tablemodel import TableModel
from desktop.ui.editor.tableview import CellDelegate, TableGrid


def cell_draft(grid: TableGrid) -> str:
    """Put the open cell editor's text into the card; "" or what is being typed where."""
    delegate = grid.itemDelegate()
    if not isinstance(delegate, CellDelegate) or delegate.open_editor is None:
        return ""
    editor, index = delegate.open_editor
    model = grid.model()
    if not isinstance(model, TableModel) or not index.isValid() or not editor.isModified():
        return ""
    text = editor.text()
    rc = model.cell_at(index)
    if rc is not None:
        row, col = rc
        try:
            model.parse(row, col, text)
        except NumberError:
            return f"{model.cell_name(row, col)} 입력 중"
    doc = model.doc
    doc.draft_key = ("draft", model.scope, index.row(), index.column(), id(editor))
    try:
        model.setData(index, text)  # the editor keeps what is typed (setEditorData leaves a modified editor)
    finally:
        doc.draft_key = None
    return ""


def commit_drafts(page: QWidget, fields: dict[str, FieldWidget]) -> list[str]:
    """Every open editor and field of the page: its text into the card; what is still being typed."""
    pending: list[str] = []
    for w in fields.values():
        label = w.draft()
        if label:
            pending.append(label)
    for grid in page.findChildren(TableGrid):
        label = cell_draft(grid)
        if label:
            pending.append(label)
    return pending
