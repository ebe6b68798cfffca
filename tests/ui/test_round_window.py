"""The department round in the window (issue 13): 부서별로 나눠 보내기 writes one card file and one
workbook per 주관부서; 돌려받은 파일 모으기 merges what came back, reports per department (changed,
conflicts, new 오류/경고, who returned nothing) and offers the merge review for the conflicts left.
Each department is its own real SQLite database, as its own PC would be."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from db.store import Store
from desktop.core.cardfile import read_cards, write_cards
from desktop.core.layout import new_card
from desktop.core.model import Card, Item
from desktop.core.templates import TemplateRegistry
from desktop.ui import deptround
from desktop.ui.mainwindow import MainWindow
from desktop.ui.mergereview import MergeReview
from tests.ui.test_merge_review import snap
from tests.ui.test_shell import answer_dialogs, open_window, registry, store  # noqa: F401 (fixtures)

DEPTS = [("1-1-1", "청년 일자리 확대", "일자리경제과"), ("2-1-1", "생활체육 시설 확충", "체육진흥과"),
         ("3-1-1", "어린이 공원 조성", "공원녹지과")]
DAY = date(2025, 9, 30)


@pytest.fixture
def dept_db(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Callable[[str], Store]]:  # noqa: F811
    opened: list[Store] = []

    def make(name: str) -> Store:
        s = Store.open(tmp_path / f"{name}.sqlite3", registry=registry)
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()


def seed(store: Store, registry: TemplateRegistry) -> dict[str, Card]:  # noqa: F811
    out = {}
    for number, title, dept in DEPTS:
        c = new_card(registry.get("standard"), number=number, title=title, dept=dept, status="추진중",
                     progress=40, base_date=DAY)
        c.blocks[0].items.append(Item(text="추진 내용"))
        out[dept] = store.add(c)
    return out


def accept_messages(told: list[str]) -> None:
    def answer(d: QWidget) -> bool:
        if isinstance(d, QMessageBox):
            told.append(d.text())
            d.accept()
            return True
        return False

    answer_dialogs(answer)


def test_handout_then_collect_three_departments(qtbot: Any, open_window: Callable[[Store], MainWindow],  # noqa: F811
                                                store: Store, registry: TemplateRegistry,  # noqa: F811
                                                dept_db: Callable[[str], Store], tmp_path: Path) -> None:
    cards = seed(store, registry)
    win = open_window(store)
    out, back = tmp_path / "보낼 파일", tmp_path / "돌려받은 파일"
    back.mkdir()
    told: list[str] = []
    accept_messages(told)
    deptround.handout_path(win, out)
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert "부서 3곳에 나눠 보낼 파일을 썼습니다" in told[0]
    for _n, _t, dept in DEPTS:
        for ext in (".json", ".xlsx"):
            assert (out / f"{dept} 2025. 9. 30. 공약카드{ext}").is_file()

    # 일자리경제과 changes 추진상황 only; 체육진흥과 changes the title, which was also changed here; 공원녹지과
    # sends nothing back.
    edits: list[tuple[str, dict[str, Any]]] = [("일자리경제과", {"status": "완료", "progress": 100}),
                                              ("체육진흥과", {"title": "체육시설 확충"})]
    for dept, edit in edits:
        pc = dept_db(dept)
        got = read_cards(out / f"{dept} 2025. 9. 30. 공약카드.json", registry)
        assert pc.merge_import(got).added
        c = pc.get(cards[dept].id)
        for k, v in edit.items():
            setattr(c, k, v)
        pc.save(c)
        write_cards(back / f"{dept} 2025. 9. 30. 공약카드.json", pc.stamp(pc.cards([c.id])))
    here = store.get(cards["체육진흥과"].id)
    here.title = "생활체육 시설 확충 및 개방"
    store.save(here)

    dlg = deptround.collect_path(win, back)
    assert dlg is not None
    qtbot.addWidget(dlg)
    snap(dlg, "round-collect.png")
    rows = {dlg.table.item(r, 0).text(): [dlg.table.item(r, c).text() for c in range(2, 9)]
            for r in range(dlg.table.rowCount())}
    #                     바뀐 카드, 추가, 갱신, 병합, 충돌, 새 오류, 새 경고
    assert rows["일자리경제과"][:5] == ["1", "0", "1", "0", "0"]
    assert rows["체육진흥과"][:5] == ["0", "0", "0", "0", "1"]  # the conflict left as here: nothing changed
    assert "돌려받지 못한 부서 1곳: 공원녹지과" in dlg.missing.text()
    assert "체육진흥과 · 충돌: 카드 2-1-1" in dlg.details.toPlainText()
    assert "'생활체육 시설 확충 및 개방' | 들어온 것 '체육시설 확충'" in dlg.details.toPlainText()
    assert (store.get(cards["일자리경제과"].id).status, store.get(cards["일자리경제과"].id).progress) == ("완료", 100)
    assert store.get(cards["체육진흥과"].id).title == "생활체육 시설 확충 및 개방"
    assert dlg.review.isEnabled()

    seen: list[dict[str, str]] = []

    def review(d: QWidget) -> bool:
        if isinstance(d, MergeReview):
            seen.append({d.cards.item(r, 0).text(): d.cards.item(r, 2).text() for r in range(d.cards.rowCount())})
            snap(d, "round-review.png")
            d.all_theirs.click()
            d.ok.click()
            return True
        return False

    answer_dialogs(review)
    dlg.review.click()
    assert seen == [{"2-1-1": "충돌 1곳"}]
    assert store.get(cards["체육진흥과"].id).title == "체육시설 확충"
    assert store.history(cards["체육진흥과"].id)[0].source == "merge"
    assert not dlg.review.isEnabled() and dlg.open_total == 0
    text = dlg.details.toPlainText()
    assert "— 1곳 (정함)" in text and "'체육시설 확충' → 들어온 것" in text
    assert store.get(cards["공원녹지과"].id).title == "어린이 공원 조성"


def test_collect_of_a_folder_without_files_changes_nothing(qtbot: Any, open_window: Callable[[Store], MainWindow],  # noqa: F811
                                                           store: Store, registry: TemplateRegistry,  # noqa: F811
                                                           tmp_path: Path) -> None:
    seed(store, registry)
    win = open_window(store)
    head = store.history_head()
    (tmp_path / "빈 폴더").mkdir()
    told: list[str] = []
    accept_messages(told)
    assert deptround.collect_path(win, tmp_path / "빈 폴더") is None
    assert told and "돌려받은 카드 파일(.json)이나 통합문서(.xlsx)가 없습니다" in told[0]
    assert store.history_head() == head
