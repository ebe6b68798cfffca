"""파일 › 가져오기 through the three-way merge (issue 13): the merge review before anything is written,
choices per place, per card and for all, cancel writing nothing. Two real SQLite databases stand for two
PCs; the card files travel between them as exported (stamped with their revisions)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox, QWidget

from db.store import Store
from desktop.core.cardfile import read_cards, write_cards
from desktop.core.layout import new_card
from desktop.core.model import Card, Item
from desktop.core.templates import TemplateRegistry
from desktop.ui import transfer
from desktop.ui.mainwindow import MainWindow
from desktop.ui.mergereview import MergeReview
from tests.ui.test_shell import answer_dialogs, open_window, registry, store  # noqa: F401 (fixtures)

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def snap(w: QWidget, name: str) -> None:
    """Screenshots for the docs when asked (SCREENSHOTS=1): a look at the screen, not an assert. Hangul
    renders with the bundled font, as the app registers it."""
    if os.environ.get("SCREENSHOTS") == "1":
        from PySide6.QtGui import QFont, QFontDatabase

        for f in sorted((SHOTS.parents[1] / "resources" / "fonts").glob("NanumGothic*.ttf")):
            QFontDatabase.addApplicationFont(str(f))
        w.setFont(QFont("NanumGothic", 10))
        QApplication.processEvents()  # lay out again with it
        w.grab().save(str(SHOTS / name))


@pytest.fixture
def other(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:  # noqa: F811
    """The other PC's database."""
    s = Store.open(tmp_path / "other.sqlite3", registry=registry)
    yield s
    s.close()


def exchange(src: Store, dst: Store, ids: list[str], path: Path, registry: TemplateRegistry) -> list[Card]:  # noqa: F811
    """Export from `src` as the window and CLI do (stamped), import into `dst` when given."""
    write_cards(path, src.stamp(src.cards(ids)))
    return read_cards(path, registry)


def two_pcs(store: Store, other: Store, registry: TemplateRegistry, tmp_path: Path,  # noqa: F811
            ) -> tuple[Card, Card, Path]:
    """Card 1 and card 2 exchanged; then here changed 주관부서 of card 1, the other PC changed it
    differently and also changed card 1's title and card 2's 추진상황. Returns both and the file back."""
    t = registry.get("standard")
    one = store.add(new_card(t, number="1-1-1", title="청년 일자리 확대", dept="일자리경제과", status="추진중",
                             progress=40, base_date=date(2025, 9, 30)))
    two = store.add(new_card(t, number="2-1-1", title="생활체육 시설 확충", dept="체육진흥과", status="추진중",
                             progress=30, base_date=date(2025, 9, 30)))
    for b in (one, two):
        b.blocks[0].items.append(Item(text="추진 내용"))
        store.save(b)
    other.merge_import(exchange(store, other, [one.id, two.id], tmp_path / "out.json", registry))
    here = store.get(one.id)
    here.dept = "경제정책과"
    store.save(here)
    there = other.get(one.id)
    there.dept = "청년정책과"
    there.title = "청년 일자리 확대 및 창업 지원"
    other.save(there)
    there2 = other.get(two.id)
    there2.status = "완료"
    there2.progress = 100
    other.save(there2)
    back = tmp_path / "back.json"
    exchange(other, store, [one.id, two.id], back, registry)
    return store.get(one.id), store.get(two.id), back


def run_import(qtbot: Any, win: MainWindow, path: Path, act: Callable[[MergeReview], None], *,
               told_after: bool = True) -> list[str]:
    told: list[str] = []
    seen: list[MergeReview] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, MergeReview) and not seen:
            seen.append(d)
            act(d)
            return not told_after  # else go on polling for the message that follows
        if isinstance(d, QMessageBox):
            told.append(d.text())
            d.accept()
            return True
        if isinstance(d, QDialog) and not isinstance(d, MergeReview):  # another dialog than the review
            told.append(f"unexpected {type(d).__name__}")
            d.reject()
            return True
        return False

    answer_dialogs(answer)
    transfer.import_paths(win, [path])
    if told_after:
        qtbot.waitUntil(lambda: bool(told), timeout=10_000)
        assert seen, f"the merge review never opened: {told}"
    else:  # cancelled: nothing more is said than the status bar's line
        qtbot.waitUntil(lambda: (bool(seen) and not seen[0].isVisible() and not win.tasks) or bool(told),
                        timeout=10_000)
        assert seen, f"the merge review never opened: {told}"
    return told


def outcomes(d: MergeReview) -> dict[str, str]:
    return {d.cards.item(r, 0).text(): d.cards.item(r, 2).text() for r in range(d.cards.rowCount())}


def test_choose_theirs_for_the_conflict_and_the_clean_change_lands(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store, other: Store,  # noqa: F811
        registry: TemplateRegistry, tmp_path: Path) -> None:  # noqa: F811
    one, two, back = two_pcs(store, other, registry, tmp_path)
    win = open_window(store)
    shown: dict[str, Any] = {}

    def act(d: MergeReview) -> None:
        shown["outcomes"] = outcomes(d)
        shown["places"] = [[d.places.item(r, c).text() for c in range(4)] for r in range(d.places.rowCount())]
        snap(d, "merge-review.png")
        box = d.places.cellWidget(0, 4)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(1)  # 들어온 것, for this one place
        shown["choices"] = d.choices()
        snap(d, "merge-review-chosen.png")
        d.ok.click()

    told = run_import(qtbot, win, back, act)
    assert shown["outcomes"] == {"1-1-1": "충돌 1곳", "2-1-1": "갱신"}
    assert shown["places"] == [["주관부서", "경제정책과", "청년정책과", "일자리경제과"]]
    assert list(shown["choices"]) == [one.id]
    got = store.get(one.id)
    assert got.dept == "청년정책과"  # the chosen side
    assert got.title == "청년 일자리 확대 및 창업 지원"  # the clean change of the same card
    assert (store.get(two.id).status, store.get(two.id).progress) == ("완료", 100)  # the clean card
    assert told and "충돌 1곳 (들어온 것 1곳, 여기 것 0곳)" in told[0]
    last = store.history(one.id)[0]  # newest first
    assert last.source == "merge" and last.summary.startswith("충돌 1곳 들어온 것으로: ")


def test_cancel_writes_nothing(qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store,  # noqa: F811
                               other: Store, registry: TemplateRegistry, tmp_path: Path) -> None:  # noqa: F811
    one, two, back = two_pcs(store, other, registry, tmp_path)
    win = open_window(store)
    before = [store.get(one.id), store.get(two.id)]
    history = [len(store.history(c.id)) for c in before]
    head = store.history_head()

    def act(d: MergeReview) -> None:
        d.all_theirs.click()
        assert d.choices()
        d.reject()

    told = run_import(qtbot, win, back, act, told_after=False)
    assert not told
    assert [store.get(one.id), store.get(two.id)] == before
    assert [len(store.history(c.id)) for c in before] == history
    assert store.history_head() == head
    assert "취소" in win.statusBar().currentMessage()


def test_all_here_keeps_here_and_still_takes_the_clean_changes(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store, other: Store,  # noqa: F811
        registry: TemplateRegistry, tmp_path: Path) -> None:  # noqa: F811
    one, two, back = two_pcs(store, other, registry, tmp_path)
    win = open_window(store)

    def act(d: MergeReview) -> None:
        d.all_here.click()
        box = d.places.cellWidget(0, 4)
        assert isinstance(box, QComboBox) and box.currentText() == "여기 것"
        assert d.choices() == {one.id: {d.conflicts(one.id)[0].key: "here"}}
        d.ok.click()

    told = run_import(qtbot, win, back, act)
    got = store.get(one.id)
    assert got.dept == "경제정책과"  # here's
    assert got.title == "청년 일자리 확대 및 창업 지원"
    assert store.get(two.id).status == "완료"
    assert "충돌 1곳 (들어온 것 0곳, 여기 것 1곳)" in told[0]


def test_per_card_choice(qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store,  # noqa: F811
                         other: Store, registry: TemplateRegistry, tmp_path: Path) -> None:  # noqa: F811
    one, _two, back = two_pcs(store, other, registry, tmp_path)
    win = open_window(store)

    def act(d: MergeReview) -> None:
        d.card_theirs.click()
        box = d.places.cellWidget(0, 4)
        assert isinstance(box, QComboBox) and box.currentText() == "들어온 것"
        d.ok.click()

    run_import(qtbot, win, back, act)
    assert store.get(one.id).dept == "청년정책과"


@pytest.mark.parametrize("take", [False, True])
def test_new_cards_of_another_office_are_asked_about(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store, other: Store,  # noqa: F811
        registry: TemplateRegistry, tmp_path: Path, take: bool) -> None:  # noqa: F811
    """SPEC §6.3: another office's new cards come in only when the officer says so."""
    t = registry.get("standard")
    mine = new_card(t, number="1-1-1", title="금정구 공약", base_date=date(2025, 9, 30))
    mine.org = "금정구"
    store.add(mine)
    card = new_card(t, number="9-9-9", title="다른 구의 공약", base_date=date(2025, 9, 30))
    card.org = "구로구"
    theirs = other.add(card)
    path = tmp_path / "guro.json"
    exchange(other, store, [theirs.id], path, registry)
    win = open_window(store)
    asked: list[str] = []
    reviewed: list[dict[str, str]] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, QMessageBox) and "다른 기관" in d.text() and not asked:
            asked.append(d.text())
            d.button(QMessageBox.StandardButton.Yes if take else QMessageBox.StandardButton.No).click()
            return False
        if isinstance(d, MergeReview):
            reviewed.append(outcomes(d))
            d.ok.click()
            return False
        if isinstance(d, QMessageBox):
            d.accept()
            return True
        return False

    answer_dialogs(answer)
    transfer.import_paths(win, [path])
    qtbot.waitUntil(lambda: bool(reviewed) and not win.tasks, timeout=10_000)
    qtbot.wait(100)
    assert asked and "구로구" in asked[0] and "9-9-9" in asked[0]
    numbers = [s.number for s in store.summaries()]
    assert ("9-9-9" in numbers) is take
