"""Runs the whole program (`pledgecard … gui`, desktop.cli.main) with a scripted user, for the tests
that need a real process start and a real exit (tests/ui/test_app_process.py). Nothing here ships.

    python -m tests.ui.app_driver SCENARIO [pledgecard arguments…]

The program runs unchanged; the only addition is a timer, started as soon as the QApplication
exists, that plays SCENARIO with real key events and clicks and prints what it sees on stdout:

- preview-quit: Ctrl+P on the open card, 닫기 in the preview, then Ctrl+Q.
- geometry: prints the window's frame and the screen's available area, then Ctrl+Q.
- resize W H: resizes the main window to W×H (as a user dragging its edge), then Ctrl+Q.

A step that waits for more than a minute prints STUCK and ends the process with exit code 3.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

STEP_MS = 50
PATIENCE = 60_000 // STEP_MS


def say(*parts: object) -> None:
    print(*parts, flush=True)


def main_window() -> Any:
    from desktop.ui.mainwindow import MainWindow

    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible():
            return w
    return None


def wait_for(what: str, ready: Callable[[], Any], then: Callable[[Any], None], tries: int = 0) -> None:
    """Call then(result) once ready() returns something true; checks every STEP_MS."""
    value = ready()
    if value:
        then(value)
        return
    if tries > PATIENCE:
        say("STUCK", what)
        os._exit(3)
    QTimer.singleShot(STEP_MS, lambda: wait_for(what, ready, then, tries + 1))


def key(widget: QWidget, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, k, mods)


def active(win: QWidget) -> Any:
    """The window once it is the active one (shortcuts only reach the active window)."""
    if QApplication.activeWindow() is not win:
        win.activateWindow()
        return None
    return win


def quit_with_ctrl_q(win: QWidget) -> None:
    def press(w: QWidget) -> None:
        say("QUIT")
        key(w, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    wait_for("the main window to be active for Ctrl+Q", lambda: active(win), press)


def open_card(then: Callable[[Any], None]) -> None:
    def ready() -> Any:
        w = main_window()
        return w if w is not None and w.current_id else None

    wait_for("the main window with an open card", ready, then)


# ---------------------------------------------------------------- scenarios

def preview_quit() -> None:
    from desktop.ui.print_preview import PrintPreviewDialog

    def shown() -> Any:
        d = QApplication.activeModalWidget()
        return d if isinstance(d, PrintPreviewDialog) and d.isVisible() and d.page_count() else None

    def close_preview(d: PrintPreviewDialog) -> None:
        say("PREVIEW", d.page_count())
        button = next(b for b in d.findChildren(QPushButton) if b.text() == "닫기")
        button.click()
        wait_for("the preview to close", lambda: QApplication.activeModalWidget() is None, lambda _x: after())

    def after() -> None:
        say("CLOSED")
        quit_with_ctrl_q(main_window())

    def ctrl_p(win: Any) -> None:
        say("OPENED", win.current_id)
        wait_for("the print preview", shown, close_preview)
        key(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # runs the preview's own event loop

    open_card(lambda win: wait_for("the main window to be active for Ctrl+P", lambda: active(win), ctrl_p))


def geometry() -> None:
    def report(win: Any) -> None:
        f = win.frameGeometry()
        a = win.screen().availableGeometry()
        say("GEOMETRY", f.x(), f.y(), f.width(), f.height(), "AVAILABLE", a.x(), a.y(), a.width(), a.height())
        quit_with_ctrl_q(win)

    open_card(lambda win: QTimer.singleShot(200, lambda: report(win)))  # the window manager places it


def resize(width: int, height: int) -> None:
    def go(win: Any) -> None:
        win.resize(width, height)
        wait_for("the resize", lambda: win.size().width() == width and win.size().height() == height,
                 lambda _x: (say("RESIZED", width, height), quit_with_ctrl_q(win)))

    open_card(go)


def main(argv: list[str]) -> int:
    scenario, rest = argv[0], argv[1:]
    if scenario == "resize":
        w, h = int(rest[0]), int(rest[1])
        rest = rest[2:]
        play: Callable[[], None] = lambda: resize(w, h)  # noqa: E731
    else:
        play = {"preview-quit": preview_quit, "geometry": geometry}[scenario]

    from desktop.ui import app as app_module
    from desktop.ui.settings import load_settings, save_settings

    settings = load_settings()  # the first start's 내 정보 question was answered (tests/ui/test_officer.py asks it)
    settings.officer_asked = True
    save_settings(settings)
    real_make_app = app_module.make_app

    def make_app(argv: list[str] | None = None) -> QApplication:
        qapp = real_make_app(argv)
        QTimer.singleShot(0, play)
        return qapp

    app_module.make_app = make_app  # type: ignore[assignment]
    from desktop.cli import main as pledgecard

    code = pledgecard(rest)
    say("RETURNED", code)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
