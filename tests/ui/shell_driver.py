"""Drives the real program for tests/ui/test_shell_process.py, and the placeholder editor the shell
tests use until desktop.ui.editor lands.

As a script: `python -m tests.ui.shell_driver DB NUMBER TEXT` opens the main window on DB (the real
desktop.ui.app code path), selects card NUMBER, commits TEXT into its title field the way an IME
does (QInputMethodEvent), then prints "SAVED <version>" after each autosave and keeps running until
the test kills it. `python -m tests.ui.shell_driver --problem-shot DB NUMBER OUT.png` opens card
NUMBER, activates the first entry of its problems list as a user would (click, Enter) so the form
jumps to the cell in error, and saves a 1280×800 screenshot (docs/screenshots). Nothing here ships.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit, QListWidget, QVBoxLayout, QWidget

from desktop.core.model import Card


class _TitleEdit(QUndoCommand):
    def __init__(self, editor: PlaceholderEditor, old: str, new: str) -> None:
        super().__init__("제목 고침")
        self.editor, self.old, self.new = editor, old, new

    def redo(self) -> None:
        self.editor.apply_title(self.new)

    def undo(self) -> None:
        self.editor.apply_title(self.old)


class PlaceholderEditor(QWidget):
    """The CardEditor interface, with only a title field (tests only)."""

    changed = Signal()
    findings_changed = Signal(int, int)

    def __init__(self, registry: object = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.textEdited.connect(self._edited)
        self._problems = QListWidget()
        self._stacks: dict[str, QUndoStack] = {}
        self._card = Card()
        QVBoxLayout(self).addWidget(self.title)

    def _edited(self, text: str) -> None:
        self.undo_stack().push(_TitleEdit(self, self._card.title, text))

    def apply_title(self, text: str) -> None:
        self._card.title = text
        if self.title.text() != text:
            self.title.setText(text)
        self.changed.emit()

    def set_card(self, card: Card) -> None:
        self._card = card
        self.title.setText(card.title)
        self.findings_changed.emit(0, 0)

    def card(self) -> Card:
        return self._card

    def undo_stack(self) -> QUndoStack:
        return self._stacks.setdefault(self._card.id, QUndoStack(self))

    def problems_widget(self) -> QWidget:
        return self._problems

    def set_read_only(self, ro: bool) -> None:
        self.title.setReadOnly(ro)

    def focus_first_field(self) -> None:
        self.title.setFocus()


def real_editor_available() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("desktop.ui.editor") is not None
    except ModuleNotFoundError:
        return False


def title_widget(editor: QWidget, card: Card) -> QLineEdit:
    """The editor's title field: the visible line edit showing the card's title (the form may build
    its page a moment after set_card, and keeps other cards' pages hidden)."""
    for w in editor.findChildren(QLineEdit):
        if w.text() == card.title and w.isVisible():
            return w
    raise LookupError(f"no visible line edit shows the title {card.title!r}")


def has_title_widget(editor: QWidget, card: Card) -> bool:
    try:
        title_widget(editor, card)
    except LookupError:
        return False
    return True


def commit_text(widget: QWidget, text: str) -> None:
    """Type Hangul as an IME commits it (QTest.keyClicks aborts on non-ASCII)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def problem_shot(db: str, number: str, out: str) -> int:
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest

    from desktop.commands.context import Context
    from desktop.ui.app import make_app, open_window

    app = make_app()
    ctx = Context(db=db)
    win = open_window(ctx, db, screenshot=True)
    card = win.store.latest_by_number(number)
    assert card is not None, number
    win.start(select=card.id)
    win.resize(1280, 800)
    win.show()
    for _ in range(5):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    lists = win.editor.problems_widget().findChildren(QListWidget)
    assert lists and lists[0].count(), "no problems listed"
    problems = lists[0]
    rect = problems.visualItemRect(problems.item(0))
    QTest.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(problems, Qt.Key.Key_Return)
    for _ in range(10):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    ok = win.grab().save(out)
    win.store.close()
    return 0 if ok else 1


def main(argv: list[str]) -> int:
    if argv[0] == "--problem-shot":
        return problem_shot(*argv[1:])
    db, number, text = argv
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.commands.context import Context
    from desktop.ui.app import make_app, open_window

    app = make_app()
    ctx = Context(db=db)
    win = open_window(ctx, db)
    if not real_editor_available():  # until the form lands: same window, placeholder form
        from desktop.ui.mainwindow import MainWindow

        win.store.close()
        from db.store import Store

        win = MainWindow(Store.open(db, registry=ctx.registry), ctx.registry, win.settings,
                         editor=PlaceholderEditor())
    win.saver.saved.connect(lambda card: print(f"SAVED {card.version}", flush=True))
    win.start()
    card = win.store.latest_by_number(number)
    assert card is not None, number
    win.list.select_id(card.id)
    win.show()
    while not has_title_widget(win.editor, win.editor.card()):
        app.processEvents()
    field = title_widget(win.editor, win.editor.card())
    field.setFocus()
    field.end(False)
    commit_text(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    print("TYPED", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv[1:]))
