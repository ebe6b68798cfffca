"""Drives the real program for tests/ui/test_typing_kill.py: text typed into an open editor and left there.

`python tests/ui/typing_driver.py KIND DB NUMBER TEXT` opens the main window on DB (the real
desktop.ui.app code path), opens card NUMBER and types TEXT without leaving the editor:
  cell    — into the open cell editor of 투자계획 계획 국비 2025
  budget  — into the 소요예산 field
  date    — into the 기준일 field
It prints "TYPED", then "SAVED <version> <open>" after each autosave (<open>: the editor still has
the focus and the text), "STATE <state> <text>" on each status change, and runs until killed.
Nothing here ships.
"""

from __future__ import annotations

import os
import sys


def main(kind: str, db: str, number: str, text: str) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

    from desktop.commands.context import Context
    from desktop.ui.app import make_app, open_window

    app = make_app()
    ctx = Context(db=db)
    win = open_window(ctx, db)
    win.start()
    card = win.store.latest_by_number(number)
    assert card is not None, number
    win.list.select_id(card.id)
    win.show()
    win.activateWindow()
    while win.editor is None or win.editor.page is None or not win.editor.page.built:
        app.processEvents()
    ed = win.editor
    target: QLineEdit
    if kind == "cell":
        grid = ed.table_editor("invest").grid
        idx = grid.table_model().index_of("plan_national", "y2025")
        grid.setFocus()
        grid.setCurrentIndex(idx)
        grid.edit(idx)
        app.processEvents()
        target = next(w for w in grid.findChildren(QLineEdit) if w.isVisible())
    else:
        target = ed.page.fields()["budget" if kind == "budget" else "base_date"].edit
        ed.scroll.ensureWidgetVisible(target)
    target.setFocus()
    target.selectAll()
    if text.isascii():
        QTest.keyClicks(target, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QCoreApplication.sendEvent(target, event)

    def still_open() -> bool:
        if kind == "cell":
            return grid.state() == QAbstractItemView.State.EditingState and target.text() == text
        return QApplication.focusWidget() is target and target.text() == text

    win.saver.saved.connect(lambda c: print(f"SAVED {c.version} {still_open()}", flush=True))
    win.saver.state_changed.connect(lambda state, t: print(f"STATE {state} {t}", flush=True))
    print("TYPED", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(*sys.argv[1:]))
