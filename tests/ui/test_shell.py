"""The window around the card form, driven as a user drives it: the list, search, selection, trash,
autosave, conflicts, new and duplicate cards. Korean is typed the way an IME commits it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from db.store import Store
from desktop.core.layout import new_card
from desktop.core.model import Card, Item
from desktop.core.templates import TemplateRegistry
from desktop.ui.cardlist import COL_FINDINGS, COL_NUMBER, COL_TITLE, ID_ROLE
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import Settings, load_settings
from tests.ui import dialogs
from tests.ui.shell_driver import (
    PlaceholderEditor,
    commit_text,
    has_title_widget,
    real_editor_available,
    title_widget,
)


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def store(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    s = Store.open(tmp_path / "cards.sqlite3", registry=registry)
    yield s
    s.close()


CARDS = [  # number, title, dept, status, progress, body text
    ("1-10-1", "지역경제 활성화 종합대책", "일자리경제과", "추진중", 50, "종합대책본부 운영"),
    ("1-2-2", "지역경제활성화 종합대책본부 설치", "일자리경제과", "완료", 100, "경제단체 소통"),
    ("2-2-1", "중소기업 애로해소 및 환경 개선 지원", "기업지원과", "추진중", 75, "지식산업센터 입주업종 확대"),
    ("III-2-1", "청년 창업 마케팅 지원", "청년정책과", "", None, "판로 개척"),
    ("II-1-1", "생활체육 시설 확충", "체육진흥과", "추진중", 30, "공공체육관 건립"),
]


def add_cards(store: Store, registry: TemplateRegistry) -> dict[str, Card]:
    out = {}
    for number, title, dept, status, progress, body in CARDS:
        c = new_card(registry.get("standard"), number=number, title=title, dept=dept, status=status,
                     progress=progress, base_date=date(2025, 9, 30) if progress is not None else None)
        c.blocks[0].items.append(Item(text=body))
        out[number] = store.add(c)
    return out


@pytest.fixture
def cards(store: Store, registry: TemplateRegistry) -> dict[str, Card]:
    return add_cards(store, registry)


def make_editor(registry: TemplateRegistry) -> QWidget:
    if real_editor_available():
        from desktop.ui.editor import CardEditor

        return CardEditor(registry)
    return PlaceholderEditor()


@pytest.fixture
def open_window(qtbot: Any, registry: TemplateRegistry) -> Callable[[Store], MainWindow]:
    def opener(store: Store, settings: Settings | None = None) -> MainWindow:
        w = MainWindow(store, registry, settings or load_settings(), editor=make_editor(registry))
        qtbot.addWidget(w)
        w.start()
        w.show()
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)  # shortcuts (Ctrl+N, Ctrl+F) go to the active window
        return w
    return opener


@pytest.fixture
def win(open_window: Callable[[Store], MainWindow], store: Store, cards: dict[str, Card]) -> MainWindow:
    return open_window(store)


def shown(w: MainWindow, column: int = COL_NUMBER) -> list[str]:
    p = w.list.proxy
    return [p.index(r, column).data() for r in range(p.rowCount())]


def row_of(w: MainWindow, card_id: str) -> int:
    p = w.list.proxy
    return next(r for r in range(p.rowCount()) if p.index(r, 0).data(ID_ROLE) == card_id)


def click_row(qtbot: Any, w: MainWindow, card_id: str) -> None:
    view = w.list.view
    rect = view.visualRect(w.list.proxy.index(row_of(w, card_id), COL_TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: has_title_widget(w.editor, w.editor.card()))  # the form is built


def type_title(qtbot: Any, w: MainWindow, text: str) -> None:
    """Put the caret at the end of the title field and commit Hangul there, then Enter."""
    field = title_widget(w.editor, w.editor.card())
    field.setFocus()
    field.end(False)
    commit_text(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def answer_dialogs(act: Callable[[QWidget], bool]) -> None:
    """Answer each modal dialog as it opens until `act` returns True (tests/ui/dialogs.py)."""
    dialogs.answer_dialogs(act)


def on_next_dialog(qtbot: Any, act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog once it is open (tests/ui/dialogs.py)."""
    dialogs.on_next_dialog(act)


# ---------------------------------------------------------------- the list

def test_list_is_in_natural_order_with_dashes_for_empty(win: MainWindow) -> None:
    assert shown(win) == ["1-2-2", "1-10-1", "2-2-1", "II-1-1", "III-2-1"]
    r = row_of(win, win.list.model.rows[4].id)  # III-2-1: no status, progress or date
    row = [win.list.proxy.index(r, c).data() for c in range(7)]
    assert row[0] == "III-2-1" and row[3:6] == ["-", "-", "-"]
    assert shown(win, COL_FINDINGS)[0] == "0 / 0"
    assert win.list.count.text() == "카드 5장"


def test_sorting_by_number_column_keeps_natural_order(win: MainWindow) -> None:
    win.list.view.sortByColumn(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    assert shown(win) == ["III-2-1", "II-1-1", "2-2-1", "1-10-1", "1-2-2"]
    win.list.view.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert shown(win) == ["1-2-2", "1-10-1", "2-2-1", "II-1-1", "III-2-1"]


def test_sorting_by_title_keeps_the_open_card(qtbot: Any, win: MainWindow, cards: dict[str, Card]) -> None:
    click_row(qtbot, win, cards["2-2-1"].id)
    win.list.view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = shown(win, COL_TITLE)
    assert titles == sorted(titles)
    assert win.list.current_id() == cards["2-2-1"].id
    assert win.editor.card().id == cards["2-2-1"].id


def test_filtering_never_switches_the_open_card(qtbot: Any, win: MainWindow, cards: dict[str, Card]) -> None:
    click_row(qtbot, win, cards["1-2-2"].id)
    commit_text(win.list.search, "체육")  # hides 1-2-2
    assert shown(win) == ["II-1-1"]
    assert win.editor.card().id == cards["1-2-2"].id
    win.list.search.clear()
    assert win.list.current_id() == cards["1-2-2"].id  # selected again when shown


def test_korean_search_filters_as_you_type(qtbot: Any, win: MainWindow) -> None:
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.list.search.hasFocus()
    commit_text(win.list.search, "지역경제")
    assert shown(win) == ["1-2-2", "1-10-1"]
    commit_text(win.list.search, " 본부")  # every word must match: title of 1-2-2, body of 1-10-1
    assert shown(win) == ["1-2-2", "1-10-1"]
    win.list.search.clear()
    commit_text(win.list.search, "지식산업센터")  # body text only
    assert shown(win) == ["2-2-1"]
    assert win.list.count.text() == "카드 5장 중 1장"
    win.list.search.clear()
    commit_text(win.list.search, "체육진흥")  # department
    assert shown(win) == ["II-1-1"]
    win.list.search.clear()
    assert len(shown(win)) == 5


def test_filters_by_department_status_and_template(win: MainWindow) -> None:
    dept = win.list.dept_box
    dept.setCurrentIndex(dept.findData("일자리경제과"))
    assert shown(win) == ["1-2-2", "1-10-1"]
    status = win.list.status_box
    status.setCurrentIndex(status.findData("완료"))
    assert shown(win) == ["1-2-2"]
    dept.setCurrentIndex(0)
    status.setCurrentIndex(0)
    tpl = win.list.template_box
    assert tpl.findData("standard") > 0
    tpl.setCurrentIndex(tpl.findData("standard"))
    assert len(shown(win)) == 5


# ---------------------------------------------------------------- selection and the editor

def test_selecting_a_card_shows_it_in_the_editor(qtbot: Any, win: MainWindow, cards: dict[str, Card]) -> None:
    target = cards["2-2-1"]
    click_row(qtbot, win, target.id)
    assert win.editor.card().id == target.id
    assert title_widget(win.editor, win.editor.card()).text() == target.title
    assert target.number in win.windowTitle()
    assert win.findings_label.text() == "오류 0 · 경고 0"


def test_autosave_writes_the_edit_to_the_store(qtbot: Any, win: MainWindow, store: Store,
                                               cards: dict[str, Card]) -> None:
    target = cards["2-2-1"]
    click_row(qtbot, win, target.id)
    type_title(qtbot, win, " 확대")
    assert win.saver.dirty or store.get(target.id).title.endswith(" 확대")
    qtbot.waitUntil(lambda: store.get(target.id).title == target.title + " 확대", timeout=3000)
    assert win.save_label.text().startswith("저장됨 ")
    # the list shows the saved title, and searching finds it
    assert target.title + " 확대" in shown(win, COL_TITLE)
    commit_text(win.list.search, "확대")
    assert "2-2-1" in shown(win)


def test_ctrl_s_saves_at_once(qtbot: Any, win: MainWindow, store: Store, cards: dict[str, Card]) -> None:
    target = cards["1-2-2"]
    click_row(qtbot, win, target.id)
    type_title(qtbot, win, "(개정)")
    win.act_save.trigger()
    assert store.get(target.id).title == target.title + "(개정)"
    assert not win.saver.dirty


def test_undo_redo_actions_follow_the_editor(qtbot: Any, win: MainWindow, store: Store,
                                             cards: dict[str, Card]) -> None:
    target = cards["1-2-2"]
    click_row(qtbot, win, target.id)
    assert not win.act_undo.isEnabled()
    type_title(qtbot, win, " 추가")
    assert win.act_undo.isEnabled()
    win.act_undo.trigger()
    assert win.editor.card().title == target.title
    win.act_redo.trigger()
    assert win.editor.card().title == target.title + " 추가"


def test_switching_cards_saves_the_previous_one(qtbot: Any, win: MainWindow, store: Store,
                                                cards: dict[str, Card]) -> None:
    click_row(qtbot, win, cards["1-2-2"].id)
    type_title(qtbot, win, "!")
    click_row(qtbot, win, cards["2-2-1"].id)  # before the autosave timer fires
    assert store.get(cards["1-2-2"].id).title.endswith("!")
    assert win.editor.card().id == cards["2-2-1"].id


def test_conflict_asks_and_can_keep_both(qtbot: Any, win: MainWindow, store: Store, tmp_path: Path,
                                         registry: TemplateRegistry, cards: dict[str, Card]) -> None:
    target = cards["2-2-1"]
    click_row(qtbot, win, target.id)
    other = Store.open(tmp_path / "cards.sqlite3", registry=registry)  # another officer, same database
    theirs = other.get(target.id)
    theirs.title = "다른 사람이 고친 제목"
    other.save(theirs)
    other.close()
    asked: list[tuple[str, str]] = []

    def ask(parent: Any, mine: Card, stored: Card) -> str:
        asked.append((mine.title, stored.title))
        return "copy"

    win.saver.ask = ask  # type: ignore[assignment]
    type_title(qtbot, win, " 내 편집")
    win.act_save.trigger()
    assert asked == [(target.title + " 내 편집", "다른 사람이 고친 제목")]
    titles = {s.title for s in store.summaries()}
    assert "다른 사람이 고친 제목" in titles  # theirs kept as saved
    assert target.title + " 내 편집 (내 사본)" in titles  # mine kept as a new card
    assert win.editor.card().title == target.title + " 내 편집 (내 사본)"


def test_conflict_keep_mine_overwrites_only_when_chosen(qtbot: Any, win: MainWindow, store: Store,
                                                        tmp_path: Path, registry: TemplateRegistry,
                                                        cards: dict[str, Card]) -> None:
    target = cards["1-10-1"]
    click_row(qtbot, win, target.id)
    other = Store.open(tmp_path / "cards.sqlite3", registry=registry)
    theirs = other.get(target.id)
    theirs.dept = "기획예산과"
    other.save(theirs)
    other.close()
    win.saver.ask = lambda *a: "mine"  # type: ignore[assignment]
    type_title(qtbot, win, "!")
    win.act_save.trigger()
    saved = store.get(target.id)
    assert saved.title == target.title + "!"
    assert saved.version == 3


# ---------------------------------------------------------------- new, duplicate, delete, trash

def test_new_card_uses_the_default_template_and_settings(qtbot: Any, open_window: Any, store: Store,
                                                         cards: dict[str, Card]) -> None:
    settings = Settings(default_template="standard", org="금정구", new_doc_title="시장 공약사항 관리카드")
    w = open_window(store, settings)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    card = w.editor.card()
    assert card.id not in {c.id for c in cards.values()}
    stored = store.get(card.id)
    assert (stored.template, stored.org, stored.doc_title) == ("standard", "금정구", "시장 공약사항 관리카드")
    assert w.list.count.text() == "카드 6장"
    assert w.list.current_id() == card.id


def test_duplicate_makes_a_new_card(qtbot: Any, win: MainWindow, store: Store, cards: dict[str, Card]) -> None:
    click_row(qtbot, win, cards["2-2-1"].id)
    win.act_duplicate.trigger()
    copy = win.editor.card()
    assert copy.id != cards["2-2-1"].id
    assert copy.title == cards["2-2-1"].title + " (사본)"
    assert copy.blocks[0].items[0].text == "지식산업센터 입주업종 확대"
    assert len(store.summaries()) == 6


def test_delete_goes_to_the_trash_and_restores(qtbot: Any, win: MainWindow, store: Store,
                                               cards: dict[str, Card]) -> None:
    target = cards["2-2-1"]
    click_row(qtbot, win, target.id)
    win.list.view.setFocus()
    qtbot.keyClick(win.list.view, Qt.Key.Key_Delete)
    assert "2-2-1" not in shown(win)
    assert [s.number for s in store.summaries(deleted=True)] == ["2-2-1"]
    assert "휴지통" in win.statusBar().currentMessage()
    assert win.editor.card().id != target.id  # the next card is open

    def in_trash(d: QWidget) -> None:
        from desktop.ui.trash import TrashDialog

        assert isinstance(d, TrashDialog)
        assert d.table.rowCount() == 1 and d.table.item(0, 0).text() == "2-2-1"
        d.table.selectRow(0)
        qtbot.mouseClick(d.restore_button, Qt.MouseButton.LeftButton)
        assert d.empty.isVisible()
        d.accept()

    on_next_dialog(qtbot, in_trash)
    win.act_trash.trigger()
    assert "2-2-1" in shown(win)
    assert store.summaries(deleted=True) == []
    assert win.editor.card().id == target.id


def test_delete_key_in_the_editor_does_not_delete_the_card(qtbot: Any, win: MainWindow, store: Store,
                                                           cards: dict[str, Card]) -> None:
    click_row(qtbot, win, cards["1-2-2"].id)
    field = title_widget(win.editor, win.editor.card())
    field.setFocus()
    field.home(False)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert store.summaries(deleted=True) == []


# ---------------------------------------------------------------- first start

def test_first_start_offers_the_samples(qtbot: Any, open_window: Any, store: Store) -> None:
    w = open_window(store)
    assert w.banner.isVisible()
    assert w.stack.currentWidget() is w.placeholder
    qtbot.mouseClick(w.banner_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.list.model.rowCount() == 3, timeout=5000)
    assert not w.banner.isVisible()
    assert set(shown(w)) == {"1-2-2", "2-2-1", "III-2-1"}
    assert load_settings().samples_offered
    assert w.current_id


def test_no_offer_once_declined(qtbot: Any, open_window: Any, store: Store) -> None:
    w = open_window(store)
    qtbot.mouseClick(w.banner_no, Qt.MouseButton.LeftButton)
    w.close()
    assert not open_window(store).banner.isVisible()


def test_close_saves_pending_edits(qtbot: Any, win: MainWindow, store: Store, cards: dict[str, Card]) -> None:
    click_row(qtbot, win, cards["III-2-1"].id)
    type_title(qtbot, win, "(수정)")
    assert win.close()
    assert store.get(cards["III-2-1"].id).title == cards["III-2-1"].title + "(수정)"


def test_daily_backup_once_a_day(win: MainWindow, store: Store) -> None:
    win.daily_backup()
    assert len(store.list_backups()) == 1
    win.daily_backup()
    assert len(store.list_backups()) == 1


def test_import_shows_what_it_will_do_first(qtbot: Any, win: MainWindow, store: Store, tmp_path: Path,
                                            registry: TemplateRegistry, cards: dict[str, Card]) -> None:
    from desktop.core.cardfile import write_cards
    from desktop.ui import transfer

    old = store.stamp([store.get(cards["1-2-2"].id)])[0]  # exported now, changed in the database afterwards
    newer = store.get(cards["1-2-2"].id)
    newer.title = "데이터베이스에서 고친 제목"
    store.save(newer)
    fresh = new_card(registry.get("standard"), number="9-9-9", title="새로 들어온 카드")
    changed = store.get(cards["2-2-1"].id)
    changed.title = "파일에서 고친 제목"
    changed.version += 1
    path = tmp_path / "in.json"
    write_cards(path, [old, *store.stamp([fresh, changed])])  # as exports are: with their revisions
    seen: dict[str, str] = {}
    told: list[str] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, transfer.MergeReview):
            for r in range(d.cards.rowCount()):
                seen[d.cards.item(r, 0).text()] = d.cards.item(r, 2).text()
            d.accept()
        elif isinstance(d, QMessageBox):
            told.append(d.text())
            d.accept()
            return True
        return False

    answer_dialogs(answer)
    transfer.import_paths(win, [path])
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    # an earlier state of 1-2-2 is here already; 2-2-1 was exported from here's state: taken whole
    assert seen == {"1-2-2": "변경 없음", "9-9-9": "추가", "2-2-1": "갱신"}
    assert told[0].startswith("추가 1장, 갱신 1장, 병합 0장, 변경 없음 1장, 건너뜀 0장")
    assert store.get(cards["1-2-2"].id).title == "데이터베이스에서 고친 제목"
    assert store.get(cards["2-2-1"].id).title == "파일에서 고친 제목"
    assert "9-9-9" in shown(win)


def test_dialogs_are_korean(win: MainWindow) -> None:
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["파일(&F)", "편집(&E)", "기간(&P)", "보기(&V)", "도움말(&H)"]
    texts = [a.text() for a in win.menuBar().actions()[0].menu().actions() if a.text()]
    assert "새 카드" in texts and "PDF/인쇄…" in texts and "휴지통…" in texts and "끝내기" in texts
    assert win.act_print.shortcut().toString() == "Ctrl+P"
    assert isinstance(win, QDialog) is False
