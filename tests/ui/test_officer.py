"""The officer's 이름 and 부서 in the window (issue 12): asked once at the first start (skippable),
editable from the 파일 menu (내 정보…), kept in the settings file (desktop/core/officer.py) and named in
every history entry the window's saves write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from db.store import Store
from desktop.core.layout import new_card
from desktop.core.officer import Officer, read_officer, write_officer
from desktop.core.paths import settings_path
from desktop.core.templates import TemplateRegistry
from desktop.ui.mainwindow import MainWindow
from desktop.ui.officerdialog import OfficerDialog
from desktop.ui.settings import load_settings
from tests.ui.shell_driver import commit_text, has_title_widget, title_widget
from tests.ui.test_shell import answer_dialogs


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def store(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    s = Store.open(tmp_path / "cards.sqlite3", registry=registry)
    s.add(new_card(registry.get("standard"), number="1-1-1", title="청년 일자리"))
    yield s
    s.close()


def window(qtbot: Any, store: Store, registry: TemplateRegistry) -> MainWindow:
    from desktop.ui.editor import CardEditor

    w = MainWindow(store, registry, load_settings(), editor=CardEditor(registry))
    qtbot.addWidget(w)
    w.start()
    w.show()
    return w


def fill(name: str, dept: str) -> Any:
    def answer(d: QWidget) -> bool:
        if not isinstance(d, OfficerDialog):
            return False
        d.name.setText(name)
        d.dept.setText(dept)
        d.accept()
        return True
    return answer


def test_first_start_asks_once_and_the_history_names_the_officer(qtbot: Any, store: Store,
                                                                  registry: TemplateRegistry) -> None:
    w = window(qtbot, store, registry)
    asked: list[str] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, OfficerDialog):
            asked.append(d.windowTitle())
        return fill("김민수", "기획예산과")(d)

    answer_dialogs(answer)
    w.ask_officer_once()
    assert asked == ["내 정보"]
    assert read_officer() == Officer("김민수", "기획예산과")
    assert store.actor.name == "김민수" and store.actor.dept == "기획예산과"
    card = store.summaries()[0]
    qtbot.waitUntil(lambda: w.current_id == card.id)
    c = store.get(card.id)
    qtbot.waitUntil(lambda: has_title_widget(w.editor, c))
    field = title_widget(w.editor, c)
    field.setFocus()
    field.end(False)
    commit_text(field, " 확대")
    assert w.commit_pending()
    entry = store.history(card.id)[0]
    assert (entry.who, entry.dept, entry.source_name) == ("김민수", "기획예산과", "편집기")
    w.save_window_state()  # the window's own settings save keeps what the dialog stored
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["officer_name"] == "김민수" and saved["officer_asked"] is True
    w.ask_officer_once()  # asked once: not again (a dialog would block this call)
    assert asked == ["내 정보"]


def test_skipping_the_first_question_does_not_ask_again(qtbot: Any, store: Store,
                                                        registry: TemplateRegistry) -> None:
    w = window(qtbot, store, registry)
    skipped: list[str] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, OfficerDialog):
            skipped.append(d.windowTitle())
            d.reject()  # 나중에
            return True
        return False

    answer_dialogs(answer)
    w.ask_officer_once()
    assert skipped and read_officer() == Officer("", "")
    assert load_settings().officer_asked
    w.ask_officer_once()
    assert len(skipped) == 1


def test_started_with_an_officer_set_the_window_uses_it(qtbot: Any, store: Store,
                                                        registry: TemplateRegistry) -> None:
    write_officer(Officer("박지훈", "체육진흥과"))
    w = window(qtbot, store, registry)
    assert (store.actor.name, store.actor.dept) == ("박지훈", "체육진흥과")
    w.ask_officer_once()  # known already: nothing asked
    answer_dialogs(fill("박지훈", "문화체육과"))
    w.act_officer.trigger()  # 파일 › 내 정보 (이름·부서)…
    assert read_officer() == Officer("박지훈", "문화체육과")
    assert store.actor.dept == "문화체육과"
