"""Ctrl+Z / Ctrl+Y inside the form mean the card's undo stack, not a line edit's own undo.

Text widgets claim the undo keys for themselves (ShortcutOverride). The filter takes the keys first
on each text widget of the form and sends them to the card's QUndoStack, so one Ctrl+Z undoes the
last edit of the card wherever the focus is, and the shell's menu actions (bound to the same stack)
agree with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QWidget


class UndoKeys(QObject):
    def __init__(self, stack: Callable[[], QUndoStack | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = stack

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)
        if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
            widget.lineEdit().installEventFilter(self)
        if isinstance(widget, QAbstractSpinBox):
            le = widget.findChild(QWidget, "qt_spinbox_lineedit")
            if le is not None:
                le.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):  # the cheap test first: this runs for every event
            return False
        et = event.type()
        if et not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        plain_key = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (et == QEvent.Type.ShortcutOverride and isinstance(obj, QAbstractItemView) and plain_key
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
            event.accept()  # Delete in a grid clears a cell, never a window shortcut (delete card)
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or (  # Ctrl+Y on every platform
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
        if not (undo or redo):
            return False
        event.accept()
        if et == QEvent.Type.ShortcutOverride:
            return True
        stack = self._stack()
        if stack is not None:
            if undo and stack.canUndo():
                stack.undo()
            elif redo and stack.canRedo():
                stack.redo()
        return True
