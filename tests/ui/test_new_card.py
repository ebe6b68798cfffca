"""New cards start well (issue 11, item 19): the template and 기관명 this database uses, 분야 from
관리번호, hints that cannot be taken for values, "-" for an empty 진도 in print, and no 저장됨 that
did not happen."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from db.store import Store
from desktop.core.layout import new_card
from desktop.core.templates import TemplateRegistry
from desktop.ui.editor import CardEditor
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import Settings
from tests.pdf.helpers import page_texts, render
from tests.ui.test_shell import registry, store  # noqa: F401 - fixtures


def geumjeong_db(store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    for number, title in (("1-2-2", "지역경제활성화 종합대책본부 설치"), ("2-2-1", "중소기업 애로해소 지원"),
                          ("2-3-1", "전통시장 활성화")):
        c = new_card(registry.get("standard"), number=number, title=title, base_date=date(2025, 9, 30))
        c.org = "금정구"
        store.add(c)
    guro = new_card(registry.get("guro"), number="III-2-1", title="청년 창업 지원")
    guro.org = "구로구"
    store.add(guro)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], int]]:
    """The template question: what it offered and which one it preselected (the user takes that one)."""
    seen: list[tuple[list[str], int]] = []

    def get_item(parent: Any, title: str, label: str, items: list[str], current: int = 0,
                 editable: bool = True) -> tuple[str, bool]:
        seen.append((list(items), current))
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    return seen


def window(qtbot: Any, store: Store, registry: TemplateRegistry) -> MainWindow:  # noqa: F811
    w = MainWindow(store, registry, Settings(), editor=CardEditor(registry))
    qtbot.addWidget(w)
    w.start()
    w.show()
    qtbot.waitExposed(w)
    return w


def test_ctrl_n_starts_with_this_databases_template_and_org(qtbot: Any, store: Store, registry: TemplateRegistry,  # noqa: F811
                                                            asked: list[tuple[list[str], int]]) -> None:
    geumjeong_db(store, registry)
    w = window(qtbot, store, registry)
    w.act_new.trigger()  # Ctrl+N
    (items, current), = asked
    assert items[current] == registry.get("standard").label  # 3 of 4 cards: not 구로구형 first in the list
    card = w.editor.card()
    assert card.template == "standard"
    assert card.org == "금정구"  # no 기관명 in the settings: the one the other cards have
    assert store.get(card.id).org == "금정구"
    assert w.save_label.text() == ""  # nothing about saving until something is saved


def test_settings_org_wins_over_the_cards(qtbot: Any, store: Store, registry: TemplateRegistry,  # noqa: F811
                                          asked: list[tuple[list[str], int]]) -> None:
    geumjeong_db(store, registry)
    w = window(qtbot, store, registry)
    w.settings = Settings(org="부산광역시 금정구")
    w.new_card()
    assert w.editor.card().org == "부산광역시 금정구"


def test_area_follows_the_number_until_typed(qtbot: Any, store: Store, registry: TemplateRegistry,  # noqa: F811
                                             asked: list[tuple[list[str], int]]) -> None:
    geumjeong_db(store, registry)
    w = window(qtbot, store, registry)
    w.new_card()
    fields = w.editor.page.fields()
    number, area = fields["number"].edit, fields["area"].edit
    assert number.placeholderText() == "예: 2-2-1"  # a hint, not a value
    assert area.placeholderText().startswith("예: ")
    number.setFocus()
    qtbot.keyClicks(number, "3-1-2")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert w.editor.card().area == "3" and area.text() == "3"
    number.selectAll()
    qtbot.keyClicks(number, "4-1-1")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert w.editor.card().area == "4"  # it followed: the officer never typed it
    area.setFocus()
    area.selectAll()
    qtbot.keyClicks(area, "econ")
    number.setFocus()
    number.selectAll()
    qtbot.keyClicks(number, "5-1-1")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert w.editor.card().area == "econ"  # typed by the officer: kept
    w.save_now()
    assert store.get(w.current_id).number == "5-1-1"


def test_date_field_hint_reads_as_an_example(qtbot: Any, store: Store, registry: TemplateRegistry,  # noqa: F811
                                             asked: list[tuple[list[str], int]]) -> None:
    geumjeong_db(store, registry)
    w = window(qtbot, store, registry)
    w.new_card()
    assert w.editor.page.fields()["base_date"].edit.placeholderText().startswith("예: ")


def test_empty_progress_prints_a_dash(tmp_path: Path, registry: TemplateRegistry) -> None:  # noqa: F811
    card = new_card(registry.get("standard"), number="2-2-1", title="중소기업 애로해소 지원",
                    dept="기업지원과", status="추진중", progress=None, base_date=date(2025, 9, 30))
    text = page_texts(render([card], registry, tmp_path / "card.pdf"))[0]
    assert re.search(r"진\s*도\s*-", text), text  # the 진도 cell says "-", not nothing
