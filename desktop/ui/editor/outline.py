"""The outline editor: items with levels shown as the template's marks, edited like an outliner.

Keys in an item (typing in its cell): Enter — a new item after it at the same level; Tab /
Shift+Tab — one level deeper / shallower (0–4); Alt+Up / Alt+Down — move; Backspace in an empty
item — delete it; Ctrl+8 — ※ note on/off. The same operations sit on the small tool bar and the
context menu. An item may hold a table, shown and edited inline under the item's text (outlinetables).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.editor import colors
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.outlinedelegate import OutlineDelegate
from desktop.ui.editor.outlinemodel import LEVEL_ROLE, OutlineModel
from desktop.ui.editor.outlinetables import InlineTables
from desktop.ui.editor.qtfix import idata
from desktop.ui.editor.tableview import TableEditor

Index = QModelIndex | QPersistentModelIndex


class OutlineView(QTableView):
    def __init__(self, model: OutlineModel, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = model.doc
        self.setModel(model)
        self.delegate = OutlineDelegate(self, keys)
        self.setItemDelegate(self.delegate)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the outline (the tab order of the form goes on)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        h = self.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if model.columnCount() > 1:
            h.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
            h.resizeSection(1, 150)
        self.max_rows: int | None = None  # compact header outlines scroll after this many rows
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda pos: self.menu_at(self.viewport().mapToGlobal(pos)))
        model.modelReset.connect(self.fit)
        model.dataChanged.connect(self._changed)
        keys.watch(self)
        self._width = 0
        self.tools: OutlineTools | None = None
        self.inline: InlineTables | None = None  # the items' tables, set by OutlineEditor

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.omodel().rowCount() == 0:  # say how to start, instead of an empty box
            p = QPainter(self.viewport())
            p.setPen(QColor(colors.MUTED))
            p.drawText(self.viewport().rect().adjusted(6, 0, 0, 0),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       "항목 없음 — Enter: 항목 추가")
            p.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.tools is not None:
            self.tools.attach(self)

    def omodel(self) -> OutlineModel:
        m = self.model()
        assert isinstance(m, OutlineModel)
        return m

    def _changed(self) -> None:
        ed, idx = self.delegate.editor, self.delegate.editing
        if ed is not None and idx is not None and idx.isValid():
            text = str(idata(idx, Qt.ItemDataRole.EditRole) or "")
            if ed.text() != text:  # undo while the item is being edited
                ed.setText(text)
        self.fit()

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.width() != self._width:
            self._width = self.width()
            self.fit()

    def text_offset(self, index: QModelIndex) -> int:
        return self.delegate.text_offset(index)

    def table_height(self, row: int) -> int:
        """The height of the item's inline table (0 without one): the row makes room for it."""
        return self.inline.height(row) if self.inline is not None else 0

    def fit(self) -> None:
        """Rows sized to their wrapped text and tables; the view as tall as its rows (up to max_rows)."""
        n = self.omodel().rowCount()
        if self.isVisible() and self.viewport().width() > 100:
            for r in range(n):
                self.setRowHeight(r, max(24, self.sizeHintForRow(r)))
        else:  # not laid out yet: one line per row until the first resize measures the wrapped text
            for r in range(n):
                self.setRowHeight(r, 24 + self.table_height(r))
        heights = [self.rowHeight(r) for r in range(n)]
        shown = heights if self.max_rows is None else heights[: self.max_rows]
        self.setFixedHeight(max(sum(shown), 26) + 2 * self.frameWidth())
        if self.inline is not None:
            self.inline.place()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self.inline is not None:
            self.inline.place()

    # ---------------------------------------------------------------- operations
    def row(self) -> int:
        idx = self.currentIndex()
        return idx.row() if idx.isValid() else -1

    def typed(self, index: QPersistentModelIndex, text: str) -> None:
        if index.isValid():
            self.omodel().setData(index, text)

    def edit_row(self, row: int, col: int = 0) -> None:
        idx = self.omodel().index(row, col)
        if idx.isValid():
            self.setCurrentIndex(idx)
            self.edit(idx)

    def _commit_open_editor(self) -> None:
        ed, idx = self.delegate.editor, self.delegate.editing
        if ed is not None and idx is not None and idx.isValid():
            self.omodel().setData(idx, ed.text())
            self.delegate.editor = None
            self.delegate.editing = None
            self.closePersistentEditor(self.model().index(idx.row(), idx.column()))
            self.setFocus()

    def run(self, op: str) -> None:
        if self.doc.read_only:
            return
        m = self.omodel()
        row = self.row()
        editing = self.delegate.editor is not None
        col = self.currentIndex().column() if self.currentIndex().isValid() else 0
        self._commit_open_editor()
        if op == "new":
            new = m.insert(row + 1 if row >= 0 else m.rowCount())
            self.edit_row(new)
            return
        if row < 0:
            return
        level = int(idata(m.index(row, 0), LEVEL_ROLE) or 0)
        if op == "deeper":
            m.set_level(row, level + 1)
        elif op == "shallower":
            m.set_level(row, level - 1)
        elif op == "note":
            m.toggle_note(row)
        elif op in ("up", "down"):
            row = m.move(row, -1 if op == "up" else 1)
        elif op == "delete":
            m.remove(row)
            row = min(row, m.rowCount() - 1) if m.rowCount() else -1
            editing = False
        elif op == "table":
            m.add_table(row)
        elif op == "untable":
            m.remove_table(row)
        if row >= 0:
            self.setCurrentIndex(m.index(row, col))
            if editing:
                self.edit_row(row, col)

    def outline_key(self, event: QKeyEvent, editor: QLineEdit | None = None) -> bool:
        key, mods = event.key(), event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not alt and not ctrl:
            self.run("new")
        elif key == Qt.Key.Key_Tab and not ctrl:
            self.run("deeper")
        elif key == Qt.Key.Key_Backtab:
            self.run("shallower")
        elif alt and key == Qt.Key.Key_Up:
            self.run("up")
        elif alt and key == Qt.Key.Key_Down:
            self.run("down")
        elif ctrl and key == Qt.Key.Key_8:
            self.run("note")
        elif ctrl and key == Qt.Key.Key_Delete:
            self.run("delete")
        elif key == Qt.Key.Key_Backspace and editor is not None and editor.text() == "" \
                and self.currentIndex().column() == 0:
            row = self.row()
            self.run("delete")
            if row > 0:
                self.edit_row(row - 1)
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.row() >= 0:
                self.edit(self.currentIndex())
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run("new")
                return
            if key == Qt.Key.Key_Delete and self.row() >= 0:
                self.run("delete")
                return
            # Tab / Shift+Tab change levels only while an item is typed; on the list they move on
            if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.outline_key(event):
                return
        super().keyPressEvent(event)

    def menu_at(self, global_pos: object) -> None:
        if self.doc.read_only:
            return
        menu = QMenu(self)
        for text, op, shortcut in OPS:
            act = menu.addAction(text, lambda op=op: self.run(op))
            act.setShortcutVisibleInContextMenu(True)
            if shortcut:
                act.setText(f"{text}\t{shortcut}")
        menu.exec(global_pos)  # type: ignore[arg-type]


OPS = [
    ("항목 추가", "new", "Enter"), ("한 수준 안으로", "deeper", "Tab"), ("한 수준 밖으로", "shallower", "Shift+Tab"),
    ("※ 표시", "note", "Ctrl+8"), ("위로", "up", "Alt+↑"), ("아래로", "down", "Alt+↓"),
    ("항목 삭제", "delete", "Ctrl+Del"), ("표 넣기", "table", ""), ("표 빼기", "untable", ""),
]
TOOL = [("＋", "new"), ("→", "deeper"), ("←", "shallower"), ("※", "note"), ("▲", "up"), ("▼", "down"),
        ("✕", "delete"), ("▦", "table")]


class OutlineTools(QWidget):
    """One tool bar for every outline of the form: it acts on the outline that last had the focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(1)
        self.title = QLabel("항목", self)
        self.title.setProperty("role", "muted")
        bar.addWidget(self.title)
        tips = {op: f"{t} ({s})" if s else t for t, op, s in OPS}
        self.buttons: dict[str, QToolButton] = {}
        for text, op in TOOL:
            b = QToolButton(self)
            b.setText(text)
            b.setAutoRaise(True)
            b.setToolTip(tips[op])
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, op=op: self.run(op))
            bar.addWidget(b)
            self.buttons[op] = b
        bar.addStretch(1)
        self.view: OutlineView | None = None
        self.attach(None)

    def attach(self, view: OutlineView | None) -> None:
        self.view = view
        label = view.omodel().label if view is not None else ""
        self.title.setText(f"{label} 항목:" if label else "항목:")
        on = view is not None and not view.doc.read_only
        for b in self.buttons.values():
            b.setEnabled(on)

    def run(self, op: str) -> None:
        view = self.view
        if view is None:
            return
        try:
            view.run(op)
            view.setFocus()
        except RuntimeError:  # the form was rebuilt
            self.attach(None)


class OutlineEditor(QWidget):
    """An outline whose items' tables are shown inline, each under its item (outlinetables)."""

    def __init__(self, doc: CardDoc, key: str, keys: UndoKeys, *, dates: bool = False, label: str = "",
                 compact: bool = False, tools: OutlineTools | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = key
        self.keys = keys
        self.label = label
        self.model = OutlineModel(doc, key, dates=dates, label=label)
        self.model.setParent(self)
        self.view = OutlineView(self.model, keys, self)
        self.view.tools = tools
        if compact:
            self.view.max_rows = 4
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(2)
        self.lay.addWidget(self.view)
        self.inline = InlineTables(self.view, doc, key, keys, label)
        self.view.inline = self.inline
        self.model.modelReset.connect(self._items_changed)
        self.model.dataChanged.connect(self._items_changed)
        self.inline.sync()
        self.view.fit()

    @property
    def tables(self) -> dict[int, TableEditor]:
        """The table editor of each item that holds a table, by row."""
        return {row: w.editor for row, w in self.inline.widgets.items()}

    @property
    def table_editor(self) -> TableEditor | None:
        """The table of the current item, if it holds one."""
        w = self.inline.widgets.get(self.view.row())
        return w.editor if w is not None else None

    def _items_changed(self) -> None:
        if self.inline.sync():
            self.view.fit()

    def select_item(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.setFocus()
