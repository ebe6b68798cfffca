"""Another department's card opens read-only in the window, with the reason (SPEC §6.4): an officer's
login on a PostgreSQL database set up by `admin init` (tests/db/conftest.py's real server)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from db import admin
from db.store import Store
from desktop.core.layout import new_card
from desktop.core.templates import TemplateRegistry
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import load_settings
from tests.db.conftest import _reset, pg_url  # noqa: F401 - the server fixture
from tests.ui.shell_driver import commit_text, has_title_widget, title_widget
from tests.ui.test_shell import answer_dialogs


@pytest.fixture
def officer_store(pg_url: str) -> Iterator[tuple[Store, dict[str, str]]]:  # noqa: F811
    _reset(pg_url)
    reg = TemplateRegistry.load()
    ids = {}
    with Store.open(pg_url, registry=reg) as owner:
        admin.init(owner)
        admin.add_user(owner, "kim", "일자리경제과", "pw")
        for number, title, dept in (("1-1", "청년 일자리 확대", "일자리경제과"), ("2-1", "돌봄 확대", "복지정책과")):
            ids[dept] = owner.add(new_card(reg.get("standard"), number=number, title=title, dept=dept,
                                           status="정상추진", progress=10)).id
    s = Store.open(pg_url.replace("pledge@", "kim@"), registry=reg)
    yield s, ids
    s.close()


def test_another_departments_card_is_read_only_with_the_reason(
        qtbot: Any, officer_store: tuple[Store, dict[str, str]]) -> None:
    from desktop.ui.editor import CardEditor

    store, ids = officer_store
    settings = load_settings()
    settings.default_template = "standard"  # 새 카드 without asking which template
    w = MainWindow(store, store.registry, settings, editor=CardEditor(store.registry))
    qtbot.addWidget(w)
    w.start()
    w.show()
    assert w.open_card(ids["복지정책과"])
    other = store.get(ids["복지정책과"])
    qtbot.waitUntil(lambda: has_title_widget(w.editor, other))
    assert w.permission_bar.isVisible()
    assert w.permission_bar.text.text() == \
        "다른 부서(복지정책과)의 카드라 읽기만 할 수 있습니다 (내 부서: 일자리경제과)"
    assert not w.period_banner.isVisible()  # not a closed period: the other bar
    assert title_widget(w.editor, other).isReadOnly() and not w.act_save.isEnabled() and w.read_only

    assert w.open_card(ids["일자리경제과"])
    own = store.get(ids["일자리경제과"])
    qtbot.waitUntil(lambda: has_title_widget(w.editor, own))
    assert not w.permission_bar.isVisible() and not w.read_only
    field = title_widget(w.editor, own)
    assert not field.isReadOnly()
    field.setFocus()
    field.end(False)
    commit_text(field, " 추진")
    assert w.commit_pending()
    assert store.get(own.id).title == "청년 일자리 확대 추진"
    assert store.history(own.id)[0].os_user == "kim"

    refused: list[str] = []

    def close_refusal(d: QWidget) -> bool:  # a refusal would be a modal message: note it and close it
        if isinstance(d, QMessageBox):
            refused.append(d.text())
            d.close()
        return True

    answer_dialogs(close_refusal)
    w.new_card()  # a new card is this login's department's: the server would take no other
    assert refused == []
    new = store.get(w.current_id)
    assert new.id not in ids.values() and new.dept == "일자리경제과"
    assert not w.permission_bar.isVisible()
