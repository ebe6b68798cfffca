"""How an outline row looks and is typed: the template's mark and indent before the text, a
line-edit editor placed after the mark, and the outline keys (Enter, Tab, Alt+↑ …) taken from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.outlinemodel import LEVEL_ROLE, MARK_ROLE
from desktop.ui.editor.qtfix import idata

if TYPE_CHECKING:
    from desktop.ui.editor.outline import OutlineView

Index = QModelIndex | QPersistentModelIndex
INDENT = 18


class OutlineDelegate(QStyledItemDelegate):
    def __init__(self, view: OutlineView, keys: UndoKeys) -> None:
        super().__init__(view)
        self.view = view
        self.keys = keys
        self.editor: QLineEdit | None = None
        self.editing: QPersistentModelIndex | None = None

    def text_offset(self, index: Index) -> int:
        """Where the item's text (and its table) starts, after the indent and the mark."""
        if index.column() != 0:
            return 0
        level = int(idata(index, LEVEL_ROLE) or 0)
        mark = str(idata(index, MARK_ROLE) or "")
        return 4 + max(0, level - 1) * INDENT + (self.view.fontMetrics().horizontalAdvance(mark + " ") if mark else 0)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if index.column() == 0:
            level = int(idata(index, LEVEL_ROLE) or 0)
            mark = str(idata(index, MARK_ROLE) or "")
            style = self.view.style()
            text = opt.text  # type: ignore[attr-defined]
            opt.text = ""  # type: ignore[attr-defined]
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self.view)
            rect = QRect(option.rect)  # type: ignore[attr-defined]
            x = rect.left() + 4 + max(0, level - 1) * INDENT
            painter.save()
            if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
                painter.setPen(opt.palette.highlightedText().color())  # type: ignore[attr-defined]
            if mark:
                top = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                painter.drawText(QRect(x, rect.top() + 3, rect.width(), rect.height()), top, mark)
                x += self.view.fontMetrics().horizontalAdvance(mark + " ")
            body = QRect(x, rect.top(), rect.right() - x - 2, rect.height())
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
            painter.drawText(body.adjusted(0, 3, 0, 0), flags, text)
            painter.restore()
            return
        super().paint(painter, opt, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.column() != 0:
            return super().sizeHint(option, index)
        width = max(60, self.view.columnWidth(0) - self.text_offset(index) - 6)
        text = str(idata(index, Qt.ItemDataRole.DisplayRole) or "")
        fm = self.view.fontMetrics()
        r = fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text or " ")
        return QSize(width, max(r.height() + 6, 24) + self.view.table_height(index.row()))

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == 1:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            editor.setPlaceholderText("2025. 2. ~ 12.")
        pindex = QPersistentModelIndex(index)
        editor.textEdited.connect(lambda text: self.view.typed(pindex, text))
        self.keys.watch(editor)
        self.editor = editor
        self.editing = pindex
        if self.view.tools is not None:
            self.view.tools.attach(self.view)
        editor.destroyed.connect(self._gone)
        return editor

    def _gone(self) -> None:
        self.editor = None
        self.editing = None

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        rect.setLeft(rect.left() + self.text_offset(index))
        rect.setHeight(min(rect.height(), 26))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = str(idata(index, Qt.ItemDataRole.EditRole) or "")
        if editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        self.view.omodel().setData(index, editor.text())
        self.view.doc.seal()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(obj, QLineEdit):
            assert isinstance(event, QKeyEvent)
            if self.view.outline_key(event, obj):
                return True
        return super().eventFilter(obj, event)
