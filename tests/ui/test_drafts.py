"""Text still in an open field or cell (SPEC §6.1) in the real window: it reaches the store while the
editor stays open, and the status bar never says 저장됨 while typed text is outside the database.
Also: a refused entry leaves no stale mark, and long messages fit on the screen (issue 11, item 16)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from db.store import Store
from desktop.core.cardfile import read_cards
from desktop.core.templates import TemplateRegistry
from desktop.ui.editor import CardEditor
from desktop.ui.editor.tips import show_tip, tip_label, wrap_tip
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import SAMPLES
from tests.ui.test_shell import registry, store  # noqa: F401 - fixtures


def window(qtbot: Any, store: Store, registry: TemplateRegistry) -> MainWindow:  # noqa: F811
    card = store.add(read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", registry)[0])
    w = MainWindow(store, registry, Settings(), editor=CardEditor(registry))
    qtbot.addWidget(w)
    w.start(select=card.id)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.editor.page is not None and w.editor.page.built)
    qtbot.waitUntil(lambda: w.editor.table_editor("invest").grid.isVisible())  # blocks are shown a turn later
    return w


def type_into(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_half_typed_date_is_never_claimed_saved(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    w = window(qtbot, store, registry)
    assert w.save_label.text() == ""  # opening saves nothing
    d = w.editor.page.fields()["base_date"].edit
    type_into(qtbot, d, "2025. 12")  # not a date (yet)
    assert w.save_label.text() == "변경됨"
    qtbot.waitUntil(lambda: w.saver.pending == ["기준일 입력 중"])
    assert w.save_label.text() == "저장 안 됨: 기준일 입력 중"
    assert w.save_label.property("state") == "pending"
    assert d.hasFocus() and d.text() == "2025. 12"  # the text stays where it is typed
    assert d.property("severity") == "error"  # and shows it is not a date
    assert store.get(w.current_id).base_date == date(2025, 9, 30)  # the last good date is kept

    qtbot.keyClicks(d, ". 1.")  # now a date: saved while the field still has the focus
    qtbot.waitUntil(lambda: store.get(w.current_id).base_date == date(2025, 12, 1))
    assert d.hasFocus() and d.text() == "2025. 12. 1."  # as typed, the cursor where it was
    qtbot.waitUntil(lambda: w.save_label.text().startswith("저장됨 "))
    assert w.saver.pending == []


def test_open_cell_is_saved_with_the_editor_open(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    w = window(qtbot, store, registry)
    grid = w.editor.table_editor("invest").grid
    idx = grid.table_model().index_of("plan_national", "y2025")
    grid.setFocus()
    grid.setCurrentIndex(idx)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    cell = next(x for x in grid.findChildren(QLineEdit) if x.isVisible())
    cell.selectAll()
    qtbot.keyClicks(cell, "300")
    assert w.save_label.text() == "변경됨"
    qtbot.waitUntil(lambda: store.get(w.current_id).block("invest").table.row("plan_national").cells["y2025"]
                    == Decimal("300"))
    assert grid.state() == QAbstractItemView.State.EditingState and cell.text() == "300"
    qtbot.waitUntil(lambda: w.save_label.text().startswith("저장됨 "))
    qtbot.keyClicks(cell, "1,2,3")  # 3001,2,3: refused text inside the open cell is not saved …
    qtbot.waitUntil(lambda: bool(w.saver.pending))
    assert w.save_label.text().startswith("저장 안 됨: 투자계획") and "입력 중" in w.save_label.text()
    assert store.get(w.current_id).block("invest").table.row("plan_national").cells["y2025"] == Decimal("300")
    qtbot.keyClick(cell, Qt.Key.Key_Escape)  # … and dropped: the old value is back, nothing pending
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState)
    model = grid.table_model()
    assert model.data(idx) == "300" and not model.data(idx, Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: w.save_label.text().startswith("저장됨 "))  # nothing typed is left unsaved
    assert w.saver.pending == []
    # The drafts and the final value are one undo step.
    w.editor.undo_stack().undo()
    assert w.editor.card().block("invest").table.row("plan_national").cells["y2025"] == Decimal("250")


def test_long_message_wraps_and_stays_on_the_screen(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    w = window(qtbot, store, registry)
    screen = w.screen().availableGeometry()
    w.move(screen.right() - w.width() + 200, screen.top())  # the form runs past the right edge
    field = w.editor.page.fields()["budget"].edit
    message = ("소요예산: 금액으로 읽을 수 없습니다 '" + "8OO" * 40
               + "' (예: 750백만원(국700 구50)), 이전 값을 그대로 둡니다")
    assert wrap_tip(message) != message and wrap_tip("짧은 말") == "짧은 말"
    show_tip(field, message)
    qtbot.waitUntil(lambda: tip_label() is not None)
    label = tip_label()
    assert label is not None
    geo = label.geometry()
    assert screen.contains(geo), (geo, screen)  # all of it on the screen
    assert geo.width() < screen.width() // 2 + 100  # wrapped to a readable width, not one long line
    assert geo.height() > label.fontMetrics().height() * 2  # on several lines


def test_refused_date_leaves_no_red_mark(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    w = window(qtbot, store, registry)
    d = w.editor.page.fields()["base_date"].edit
    type_into(qtbot, d, "2025. 13. 1.")
    assert d.property("severity") == "error" and "없는 날짜" in d.toolTip()  # red while typed
    w.list.view.setFocus()  # leaving the field: refused, the old date comes back
    qtbot.waitUntil(lambda: d.text() == "2025. 9. 30.")
    assert not d.property("severity") and "없는 날짜" not in d.toolTip()
    assert "없는 날짜" in w.statusBar().currentMessage()  # said where the officer looks
    qtbot.waitUntil(lambda: w.save_label.text().startswith("저장됨"))  # the old date is the saved one
    assert QApplication.focusWidget() is not d
