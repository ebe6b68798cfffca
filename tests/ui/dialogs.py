"""Answering the window's modal dialogs from a test (exec() would block it).

A poll runs on the event loop until its dialog has come. Each poll belongs to the test that started it:
`end_polls` (an autouse fixture in tests/ui/conftest.py) stops every poll when its test ends, so a poll
whose dialog never came cannot answer — and swallow — a later test's dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

_generation = [0]


def end_polls() -> None:
    _generation[0] += 1


def answer_dialogs(act: Callable[[QWidget], bool]) -> None:
    """Answer each modal dialog as it opens until `act` returns True."""
    mine = _generation[0]

    def poll() -> None:
        if _generation[0] != mine:
            return
        d = QApplication.activeModalWidget()
        if d is not None and act(d):
            return
        QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


def on_next_dialog(act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog once it is open."""
    mine = _generation[0]

    def poll() -> None:
        if _generation[0] != mine:
            return
        d = QApplication.activeModalWidget()
        if d is None:
            QTimer.singleShot(20, poll)
            return
        act(d)
    QTimer.singleShot(0, poll)
