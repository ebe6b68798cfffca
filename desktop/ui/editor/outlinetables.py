"""Tables inside outline items, shown inline: each one under its item's text, in the item's own row
of the outline, always visible (issue 11 item 20: a slip in a table hidden behind a ▦ icon went
unseen). The outline row is made tall enough for its table; the table editor is a child of the
outline's viewport placed over the lower part of that row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.outlinemodel import OutlineModel
from desktop.ui.editor.tableview import TableEditor


class OutlineHost(Protocol):
    """What the tables need of the outline view (outline.OutlineView), without importing it back."""

    def omodel(self) -> OutlineModel: ...
    def viewport(self) -> QWidget: ...
    def visualRect(self, index: QModelIndex) -> QRect: ...
    def text_offset(self, index: QModelIndex) -> int: ...
    def fit(self) -> None: ...

GAP = 6  # under the table, before the next item


class InlineTable(QWidget):
    """One item's table: its unit line ("(단위: 원)") and the table editor."""

    def __init__(self, doc: CardDoc, key: str, row: int, keys: UndoKeys, *, label: str, unit: str,
                 on_resize: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.row = row
        self.on_resize = on_resize
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        self.unit: QLabel | None = None
        if unit:
            self.unit = QLabel(unit, self)
            self.unit.setProperty("role", "muted")
            self.unit.setAlignment(Qt.AlignmentFlag.AlignRight)
            lay.addWidget(self.unit)
        self.editor = TableEditor(doc, key, (row,), keys, label=label, inline=True, parent=self)
        lay.addWidget(self.editor)
        self._height = -1

    def retarget(self, row: int, unit: str) -> None:
        """Show the table of another item (items moved, came or went): building a new editor per
        structural edit of the outline would cost more than the edit."""
        self.row = row
        model = self.editor.model
        model.item = (row,)
        model.reload()
        model.set_findings(model.doc.findings)
        if unit and self.unit is None:
            self.unit = QLabel(self)
            self.unit.setProperty("role", "muted")
            self.unit.setAlignment(Qt.AlignmentFlag.AlignRight)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, self.unit)
        if self.unit is not None:
            self.unit.setText(unit)
            self.unit.setVisible(bool(unit))

    def wanted_height(self) -> int:
        return self.sizeHint().height()

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.wanted_height() != self._height:
            self.on_resize()  # a row added, a message shown under the grid: the outline row grows
        return done

    def place(self, x: int, y: int, width: int) -> None:
        self._height = self.wanted_height()
        self.setGeometry(x, y, width, self._height)

    # Keys and clicks that the table does not take stay here: Enter on a table cell must not start
    # a new outline item, a click between the buttons must not select the outline row.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()


class InlineTables:
    """The inline tables of one outline, rebuilt when items with tables come, go or move."""

    def __init__(self, view: OutlineHost, doc: CardDoc, key: str, keys: UndoKeys, label: str) -> None:
        self.view = view
        self.doc = doc
        self.key = key
        self.keys = keys
        self.label = label
        self.widgets: dict[int, InlineTable] = {}
        self._signature: list[tuple[int, int]] | None = None

    def sync(self) -> bool:
        """Build a table editor for each item holding a table; True when anything changed."""
        items = self.view.omodel().items()
        signature = [(i, id(it.table)) for i, it in enumerate(items) if it.table is not None]
        if signature == self._signature:
            return False
        self._signature = signature
        old = [self.widgets[r] for r in sorted(self.widgets)]
        self.widgets = {}
        for k, (row, _) in enumerate(signature):
            if k < len(old):
                w = old[k]
                w.retarget(row, items[row].unit)
            else:
                w = InlineTable(self.doc, self.key, row, self.keys, label=self.label, unit=items[row].unit,
                                on_resize=self.view.fit, parent=self.view.viewport())
                w.show()
            self.widgets[row] = w
        for w in old[len(signature):]:
            w.hide()
            w.deleteLater()
        return True

    def height(self, row: int) -> int:
        w = self.widgets.get(row)
        return w.wanted_height() + GAP if w is not None else 0

    def place(self) -> None:
        view = self.view
        model = view.omodel()
        right = view.viewport().width() - 4
        for row, w in self.widgets.items():
            index = model.index(row, 0)
            rect = view.visualRect(index)
            if not rect.isValid():
                w.hide()
                continue
            x = rect.left() + view.text_offset(index)
            h = w.wanted_height()
            w.place(x, rect.bottom() + 1 - GAP - h, max(120, right - x))
            w.show()
