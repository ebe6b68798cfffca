"""A card's timeline in the window (issue 12): entries newest first with who, 부서 and the way in,
an entry's changes old → new, 이 상태로 되돌리기 as a new change that the open card then shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from db.actor import Actor
from db.store import Store
from desktop.core.layout import new_card
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import load_settings
from desktop.ui.timeline import TimelineDialog
from tests.ui.shell_driver import has_title_widget, title_widget
from tests.ui.test_shell import answer_dialogs


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def store(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    s = Store.open(tmp_path / "cards.sqlite3", registry=registry)
    yield s
    s.close()


@pytest.fixture
def card(store: Store, registry: TemplateRegistry) -> Card:
    """Made by 김민수, then 진도 40 → 60 by 이서연, then the title changed by 김민수."""
    store.actor = Actor("김민수", "기획예산과")
    c = store.add(new_card(registry.get("standard"), number="1-1-1", title="청년 일자리", status="정상추진",
                           progress=40))
    store.actor = Actor("이서연", "일자리경제과")
    c.progress = 60
    c = store.save(c)
    store.actor = Actor("김민수", "기획예산과")
    c.title = "청년 일자리 확대"
    return store.save(c)


def texts(dlg: TimelineDialog, col: int) -> list[str]:
    m = dlg.model
    return [m.index(r, col).data() for r in range(m.rowCount())]


def test_entries_newest_first_with_who_dept_and_way(qtbot: Any, store: Store, card: Card) -> None:
    dlg = TimelineDialog(store, card.id)
    qtbot.addWidget(dlg)
    assert texts(dlg, 1) == ["김민수", "이서연", "김민수"]
    assert texts(dlg, 2) == ["기획예산과", "일자리경제과", "기획예산과"]
    assert texts(dlg, 3) == ["편집기", "편집기", "편집기"]
    assert "진도" in texts(dlg, 4)[1]
    assert dlg.count.text() == "기록 3건 · 가장 최근 것부터"
    assert not dlg.revert_button.isEnabled()  # the newest entry is the state shown now


def test_selecting_an_entry_shows_old_and_new(qtbot: Any, store: Store, card: Card) -> None:
    dlg = TimelineDialog(store, card.id)
    qtbot.addWidget(dlg)
    dlg.view.selectRow(1)
    t = dlg.changes
    rows = [[t.item(r, c).text() for c in range(4)] for r in range(t.rowCount())]
    assert ["변경", "진도", "40%", "60%"] in rows, rows
    assert dlg.detail_title.text().startswith(f"{dlg.model.entries[1].seq}번 기록 — ")
    assert "이서연 · 일자리경제과, 편집기" in dlg.detail_title.text()
    assert dlg.revert_button.isEnabled()


def test_revert_is_a_new_change_and_the_window_shows_it(qtbot: Any, store: Store, card: Card,
                                                         registry: TemplateRegistry) -> None:
    from desktop.ui.editor import CardEditor

    w = MainWindow(store, registry, load_settings(), editor=CardEditor(registry))
    qtbot.addWidget(w)
    w.start()
    w.show()
    qtbot.waitUntil(lambda: w.current_id == card.id)
    dialogs: list[str] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, TimelineDialog) and not dialogs:
            dialogs.append("timeline")
            d.view.selectRow(2)  # the first entry: 청년 일자리, 진도 40%
            yes_on_next_question()
            d.revert_button.click()
            return False
        if isinstance(d, TimelineDialog):
            dialogs.append(d.count.text())
            d.accept()
            return True
        return False

    def yes_on_next_question() -> None:  # answers the confirmation the click opens
        def yes(d: QWidget) -> bool:
            if isinstance(d, QMessageBox):
                dialogs.append(d.windowTitle())
                d.button(QMessageBox.StandardButton.Yes).click()
                return True
            return False
        answer_dialogs(yes)

    answer_dialogs(answer)
    w.act_history.trigger()
    assert dialogs == ["timeline", "이 상태로 되돌리기", "기록 4건 · 가장 최근 것부터"]
    now = store.get(card.id)
    assert (now.title, now.progress, now.version) == ("청년 일자리", 40, card.version + 1)
    top = store.history(card.id)[0]
    assert top.source_name == "되돌리기" and top.who == ""  # this window's officer: none set
    qtbot.waitUntil(lambda: w.current_id == card.id and has_title_widget(w.editor, now))
    assert title_widget(w.editor, now).text() == "청년 일자리"
    assert w.editor.card().version == now.version  # the next autosave does not conflict


def test_a_closed_period_card_cannot_be_reverted(qtbot: Any, store: Store, card: Card) -> None:
    dlg = TimelineDialog(store, card.id, read_only=True)
    qtbot.addWidget(dlg)
    dlg.view.selectRow(2)
    assert not dlg.revert_button.isEnabled()
    assert "다시 여세요" in dlg.revert_button.toolTip()
