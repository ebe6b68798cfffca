"""The grid of one table: merged headers, live re-check in the cell editor, 계산값으로 바꾸기, ranges
(Shift+click / Shift+arrows select, Ctrl+C copies tab-separated, Ctrl+V pastes a range: tablerange)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QHelpEvent, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.findings import ERROR, Finding
from desktop.ui.editor import colors, replacechain, tableops, tablerange
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.qtfix import idata
from desktop.ui.editor.tablemodel import REFUSED_ROLE, SEVERITY_ROLE, TableModel
from desktop.ui.editor.tips import show_tip, wrap_tip

Index = QModelIndex | QPersistentModelIndex



class CellEdit(QLineEdit):
    """A cell editor that hands a pasted range (text with tabs or newlines) to the grid: pasted
    into this one cell it would be refused as one wrong number."""

    def __init__(self, view: TableGrid, index: QPersistentModelIndex, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self.index = index

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and is_range(QGuiApplication.clipboard().text()):
            self.view.paste_range_from(self, self.index)
            return
        super().keyPressEvent(event)


def is_range(text: str) -> bool:
    return "\t" in text or "\n" in text.rstrip("\r\n")


class CellDelegate(QStyledItemDelegate):
    """Line-edit cells whose every keystroke re-checks the table (TableModel.preview)."""

    def __init__(self, view: TableGrid, keys: UndoKeys) -> None:
        super().__init__(view)
        self.view = view
        self.keys = keys
        self.open_editor: tuple[QLineEdit, QPersistentModelIndex] | None = None  # drafts.py reads it
        self.closeEditor.connect(self._closed)

    def _closed(self, *_: object) -> None:
        opened, self.open_editor = self.open_editor, None
        m = self.view.model()
        if isinstance(m, TableModel):  # None while the program closes
            m.end_preview()
            if opened is not None:  # the typed text is gone (taken, refused or dropped): so is its mark
                m.clear_refusal(opened[1])
                m.doc.typing.emit()  # and the autosave looks again (nothing typed is left unsaved)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = CellEdit(self.view, QPersistentModelIndex(index), parent)
        editor.setFrame(False)
        model = self.view.table_model()
        if model.kind(index) == "cell":
            rc = model.cell_at(index)
            if rc is not None and rc[1].kind == "number":
                editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            pindex = QPersistentModelIndex(index)
            editor.textEdited.connect(lambda text: self.view.live_check(editor, pindex, text))
        doc = self.view.table_model().doc
        editor.textEdited.connect(lambda _t: doc.typing.emit())  # autosave takes it within a second
        self.open_editor = (editor, QPersistentModelIndex(index))
        self.keys.watch(editor)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        if editor.isModified():  # the live re-check repaints the table: never overwrite what is being typed
            return
        editor.setText(str(idata(index, Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        if not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole) and isinstance(model, TableModel):
            refused = model.clear_refusal(index)
            if refused:  # the old value is back: the message shows at the cell, no red mark stays
                self.view.tell(index, refused)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: Index) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            tip = str(idata(index, Qt.ItemDataRole.ToolTipRole) or "")
            if tip:  # long messages wrap instead of running off the window
                QToolTip.showText(event.globalPos(), wrap_tip(tip), view.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        refused = idata(index, REFUSED_ROLE)
        sev = idata(index, SEVERITY_ROLE)
        if refused or sev:
            painter.save()
            color = QColor(colors.ERROR if (refused or sev == ERROR) else colors.WARNING)
            pen = QPen(color)
            pen.setWidth(2 if refused else 1)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))  # type: ignore[attr-defined]
            painter.restore()


class TableGrid(QTableView):
    """The view: spans from the model, sized to its content (the form scrolls, not the grid)."""

    replace_requested = Signal(object)  # a Finding whose computed value should replace the cell
    message_changed = Signal(str, str)  # (message, severity) of the current cell, "" when none

    def __init__(self, model: TableModel, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refusal: tuple[QPersistentModelIndex, str] | None = None  # the last refused entry, at its cell
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self, keys))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)  # Shift+click/arrows
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        model.modelReset.connect(self.relayout)
        model.dataChanged.connect(lambda *_: self._current_message())
        self.extra_menu: Callable[[QMenu, QModelIndex], None] | None = None
        self.notice = ""  # what the last paste refused, shown under the grid until the user moves on
        keys.watch(self)
        self.relayout()

    def table_model(self) -> TableModel:
        m = self.model()
        assert isinstance(m, TableModel)
        return m

    def relayout(self) -> None:
        m = self.table_model()
        self.clearSpans()
        for s in m.spans():
            self.setSpan(s.row, s.col, s.rows, s.cols)
        h = self.horizontalHeader()
        h.setMinimumSectionSize(36)
        fm = self.fontMetrics()
        for c in range(m.columnCount()):
            if c < m.lcols:
                texts = [m.data(m.index(r, c)) or "" for r in range(m.rowCount())]
                width = max([fm.horizontalAdvance(str(x)) for x in texts if "\n" not in str(x)] + [40]) + 16
                h.resizeSection(c, min(width, 260))
                h.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            else:
                h.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        self._fit_height()

    def _fit_height(self) -> None:
        m = self.table_model()
        height = sum(self.rowHeight(r) for r in range(m.rowCount())) + 2 * self.frameWidth()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(max(height, 30))

    # ---------------------------------------------------------------- live check
    def live_check(self, editor: QLineEdit, index: QPersistentModelIndex, text: str) -> None:
        """Every keystroke in the cell editor: re-check, colour the editor, show the message."""
        m = self.table_model()
        m.preview(index, text)
        sev = m.data(index, SEVERITY_ROLE) or ""
        msg = m.data(index, Qt.ItemDataRole.ToolTipRole) or ""
        colors.set_severity(editor, sev)
        self.message_changed.emit(msg, sev)
        tip = wrap_tip(msg)
        if editor.toolTip() != tip:  # the message shows at once, without hovering
            editor.setToolTip(tip)
            if editor.isVisible():
                show_tip(editor, msg)

    def tell(self, index: Index, message: str) -> None:
        """An entry was refused and the old value is back: say why at the cell and under the table."""
        self.refusal = (QPersistentModelIndex(index), message)
        self.message_changed.emit(message, ERROR)
        show_tip(self.viewport(), message, self.visualRect(QModelIndex(index)))
        self.table_model().doc.notice.emit(message)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        if not self._pasting:
            self.notice = ""
        self._current_message()

    _pasting = False

    def _current_message(self) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            return  # the live check speaks while a cell is being typed
        idx = self.currentIndex()
        m = self.table_model()
        if self.refusal is not None:  # a refusal is told until the user moves on
            if self.refusal[0] == QPersistentModelIndex(idx):
                self.message_changed.emit(self.refusal[1], ERROR)
                return
            self.refusal = None
        msg, sev = "", ""
        if idx.isValid() and m.kind(idx) in ("cell", "rowhead"):
            sev = m.data(idx, SEVERITY_ROLE) or ""
            msg = (m.data(idx, Qt.ItemDataRole.ToolTipRole) or "") if sev else ""
        if self.notice:
            msg, sev = self.notice + ("\n" + msg if msg else ""), ERROR
        self.message_changed.emit(msg, sev)

    # ---------------------------------------------------------------- keys and menu
    def keyPressEvent(self, event: QKeyEvent) -> None:
        idx = self.currentIndex()
        idle = self.state() != QAbstractItemView.State.EditingState
        if idle and event.matches(QKeySequence.StandardKey.Copy):
            self.copy_range()
            return
        if idle and event.matches(QKeySequence.StandardKey.Paste):
            self.paste_range()
            return
        if (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and idx.isValid() and idle
                and len(self.selectedIndexes()) > 1):
            tablerange.clear(self.table_model(), self.selectedIndexes())
            return
        if (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and idx.isValid() and idle
                and idx.flags() & Qt.ItemFlag.ItemIsEditable):
            self.table_model().setData(idx, "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)

    # ---------------------------------------------------------------- ranges
    def copy_range(self) -> None:
        """Ctrl+C: the selected cells as tab-separated text, rows by newline (Excel, HWP)."""
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        text = tablerange.copy_text(self.table_model(), indexes)
        if text:
            QGuiApplication.clipboard().setText(text)

    def paste_range(self, start: QModelIndex | None = None) -> tablerange.PasteResult:
        """Ctrl+V: the clipboard's range from the top-left selected cell, one undo step."""
        if start is None:
            selected = self.selectedIndexes()
            start = min(selected, key=lambda i: (i.row(), i.column())) if selected else self.currentIndex()
        m = self.table_model()
        result = tablerange.paste(m, start, QGuiApplication.clipboard().text())
        self._pasting = True
        try:
            first = m.index(start.row(), start.column())  # the model may have been reset
            self.setCurrentIndex(first)
            if result.rows and result.cols:
                last = m.index(start.row() + result.rows - 1, start.column() + result.cols - 1)
                self.selectionModel().select(QItemSelection(first, last),
                                             QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._pasting = False
        self.notice = result.message()
        self._current_message()
        return result

    def paste_range_from(self, editor: QLineEdit, index: QPersistentModelIndex) -> None:
        """A range pasted inside an open cell editor: close it (nothing typed is kept), paste from its cell."""
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if index.isValid():
            self.paste_range(self.table_model().index(index.row(), index.column()))

    def select_cell(self, row_key: str, col_key: str) -> bool:
        idx = self.table_model().index_of(row_key, col_key)
        if not idx.isValid():
            return False
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setCurrentIndex(idx)
        self.scrollTo(idx)
        return True

    def replaceable(self, index: Index) -> list[Finding]:
        m = self.table_model()
        rc = m.cell_at(index)
        if rc is None:
            return []
        return [f for f in m.cell_findings(rc[0].key, rc[1].key)
                if tableops.can_replace(f) and f.place.row == rc[0].key and f.place.col == rc[1].key]

    def _menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        menu = QMenu(self)
        for f in self.replaceable(index):
            act = menu.addAction(f"계산값으로 바꾸기 ({f.stated} → {f.computed})")
            act.triggered.connect(lambda _=False, f=f: self.replace_requested.emit(f))
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction("복사\tCtrl+C", self.copy_range)
        if not self.table_model().doc.read_only:
            menu.addAction("붙여넣기\tCtrl+V", self.paste_range)
        if self.extra_menu is not None:
            self.extra_menu(menu, index)
        if not menu.isEmpty():
            menu.exec(self.viewport().mapToGlobal(pos))


class TableEditor(QWidget):
    """A table with its tools: add/remove rows (line items) and, for inline tables, columns."""

    def __init__(self, doc: CardDoc, block_key: str, item: tuple[int, ...], keys: UndoKeys, *,
                 label: str = "", inline: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.inline = inline
        self.model = TableModel(doc, block_key, item, label=label, editable_labels=inline)
        self.model.setParent(self)  # goes with the form (and its connections to the card with it)
        self.grid = TableGrid(self.model, keys, self)
        self.grid.extra_menu = self._extra_menu
        self.grid.replace_requested.connect(lambda f: replacechain.replace_with_computed(doc, f, self))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.grid)
        self.note: QLabel | None = None  # the current cell's message, under the grid (made when needed)
        self.grid.message_changed.connect(self._note)
        self.addable = tableops.addable_rows(doc, block_key, item)
        if self.addable:
            bar = QHBoxLayout()
            bar.setSpacing(4)
            self.buttons: list[QToolButton] = []
            specs: list[tuple[str, Callable[[], None]]] = [("＋ 행", self.add_row), ("－ 행", self.remove_row)]
            if inline:
                specs += [("＋ 열", self.add_column), ("－ 열", self.remove_column)]
            for text, fn in specs:
                b = QToolButton(self)
                b.setText(text)
                b.setAutoRaise(True)
                b.clicked.connect(fn)
                bar.addWidget(b)
                self.buttons.append(b)
            bar.addStretch(1)
            lay.addLayout(bar)

    def _note(self, msg: str, severity: str) -> None:
        if not msg:
            if self.note is not None:
                self.note.hide()
            return
        if self.note is None:
            self.note = QLabel(self)
            self.note.setWordWrap(True)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self.note)
        self.note.setText(msg)
        self.note.setProperty("role", "error-note" if severity == ERROR else "warning-note")
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
        self.note.show()

    def _current(self) -> tuple[int, int]:
        idx = self.grid.currentIndex()
        m = self.model
        return (idx.row() - m.hrows, idx.column() - m.lcols) if idx.isValid() else (-1, -1)

    def add_row(self) -> None:
        r, _ = self._current()
        tableops.add_row(self.model, r if (self.inline and r >= 0) else None)

    def remove_row(self) -> None:
        r, _ = self._current()
        t = self.model.table()
        if 0 <= r < len(t.rows) and (self.inline or t.rows[r].key in self.model.user_rows()):
            tableops.remove_row(self.model, t.rows[r].key)

    def add_column(self) -> None:
        _, c = self._current()
        tableops.add_column(self.model, c if c >= 0 else None)

    def remove_column(self) -> None:
        _, c = self._current()
        t = self.model.table()
        if 0 <= c < len(t.columns):
            tableops.remove_column(self.model, t.columns[c].key)

    def _extra_menu(self, menu: QMenu, index: QModelIndex) -> None:
        if self.doc.read_only or not self.addable:
            return
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction("행 추가", self.add_row)
        menu.addAction("행 삭제", self.remove_row)
        if self.inline:
            menu.addAction("열 추가", self.add_column)
            menu.addAction("열 삭제", self.remove_column)
            rc = self.model.cell_at(index)
            if rc is not None:
                col = rc[1]
                other = "text" if col.kind == "number" else "number"
                name = "글자 열로" if other == "text" else "숫자 열로"
                menu.addAction(name, lambda: tableops.set_column_kind(self.model, col.key, other))
