"""Reporting periods in the window (issue 12, SPEC §6.2), driven as a user drives it: the list shows
the current period, the selector shows an earlier one, a closed period's card is read-only (banner,
no editing, no autosave, no error on typing), 새 기준일… and 기준일 다시 열기… from the 기간 menu."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from db.store import Store
from desktop.core.layout import new_card
from desktop.core.model import Card, Item
from desktop.core.templates import TemplateRegistry
from desktop.ui.adjustdialog import AdjustDialog
from desktop.ui.cardlist import COL_DATE, ID_ROLE
from desktop.ui.mainwindow import MainWindow
from desktop.ui.perioddialogs import NewPeriodDialog, ReopenDialog, read_new_date
from desktop.ui.settings import load_settings
from tests.ui.shell_driver import commit_text, has_title_widget, title_widget
from tests.ui.test_shell import answer_dialogs

JUNE, SEPT = date(2025, 6, 30), date(2025, 9, 30)
CARDS = [("1-1-1", "청년 일자리 확대", "일자리경제과", 40), ("2-2-1", "중소기업 애로해소", "기업지원과", 75),
         ("3-1-1", "생활체육 시설 확충", "체육진흥과", 30)]


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def store(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    s = Store.open(tmp_path / "cards.sqlite3", registry=registry)
    yield s
    s.close()


def two_periods(store: Store, registry: TemplateRegistry) -> dict[str, Card]:
    """Three cards at 2025. 6. 30., then 새 기준일 2025. 9. 30. (June closed); returns the September cards."""
    for number, title, dept, progress in CARDS:
        c = new_card(registry.get("standard"), number=number, title=title, dept=dept, status="정상추진",
                     progress=progress, base_date=JUNE)
        c.blocks[0].items.append(Item(text=f"{title} 추진"))
        store.add(c)
    return {c.number: c for c in store.open_period(SEPT)}


@pytest.fixture
def sept(store: Store, registry: TemplateRegistry) -> dict[str, Card]:
    return two_periods(store, registry)


@pytest.fixture
def open_window(qtbot: Any, registry: TemplateRegistry) -> Callable[[Store], MainWindow]:
    from desktop.ui.editor import CardEditor

    def opener(store: Store) -> MainWindow:
        w = MainWindow(store, registry, load_settings(), editor=CardEditor(registry))
        qtbot.addWidget(w)
        w.start()
        w.show()
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        return w
    return opener


@pytest.fixture
def win(open_window: Callable[[Store], MainWindow], store: Store, sept: dict[str, Card]) -> MainWindow:
    return open_window(store)


def shown_ids(w: MainWindow) -> list[str]:
    p = w.list.proxy
    return [p.index(r, 0).data(ID_ROLE) for r in range(p.rowCount())]


def choose(w: MainWindow, d: date | None) -> None:
    """Pick a period in the list's selector, as a user does."""
    box = w.list.period_box
    box.setCurrentIndex(box.findData(d.isoformat() if d else ""))


def test_the_list_shows_the_current_period_only(win: MainWindow, sept: dict[str, Card]) -> None:
    assert sorted(shown_ids(win)) == sorted(c.id for c in sept.values())
    p = win.list.proxy
    assert {p.index(r, COL_DATE).data() for r in range(p.rowCount())} == {"2025.9.30."}
    box = win.list.period_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "현재 기준일 (2025. 9. 30.)", "2025. 9. 30. · 카드 3장", "2025. 6. 30. · 카드 3장 · 닫힘"]
    assert win.list.count.text() == "카드 3장"


def test_a_closed_period_opens_read_only_and_typing_is_not_an_error(
        qtbot: Any, win: MainWindow, store: Store) -> None:
    choose(win, JUNE)
    june = {s.id for s in store.period_summaries(JUNE)}
    assert set(shown_ids(win)) == june and win.period == JUNE
    qtbot.waitUntil(lambda: win.current_id in june)
    card = store.get(win.current_id)
    qtbot.waitUntil(lambda: has_title_widget(win.editor, card))
    assert win.period_banner.isVisible()
    assert win.period_banner_text.text().startswith("2025. 6. 30. 기준일은 닫혀 있어 읽기만 할 수 있습니다")
    assert win.period_reopen_button.isVisible() and win.period_reopen_button.text() == "다시 열기…"
    field = title_widget(win.editor, card)
    assert field.isReadOnly()
    assert not win.act_save.isEnabled()
    field.setFocus()
    qtbot.keyClicks(field, "abc")  # the first keystrokes: nothing happens, no message box, nothing to save
    assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # no IME commits either
    qtbot.wait(50)
    assert QApplication.activeModalWidget() is None
    assert field.text() == card.title
    assert not win.saver.dirty and win.save_label.text() == ""
    assert win.commit_pending()
    assert store.get(card.id).version == card.version


def test_back_to_the_current_period_is_editable(qtbot: Any, win: MainWindow, store: Store,
                                                sept: dict[str, Card]) -> None:
    choose(win, JUNE)
    qtbot.waitUntil(lambda: win.read_only)
    choose(win, None)
    assert sorted(shown_ids(win)) == sorted(c.id for c in sept.values())
    qtbot.waitUntil(lambda: win.current_id in {c.id for c in sept.values()})
    card = store.get(win.current_id)
    qtbot.waitUntil(lambda: has_title_widget(win.editor, card))
    assert not win.period_banner.isVisible() and not win.read_only
    field = title_widget(win.editor, card)
    assert not field.isReadOnly()
    field.setFocus()
    field.end(False)
    commit_text(field, " 확대")
    assert win.commit_pending()
    assert store.get(card.id).title == card.title + " 확대"


def test_reopen_from_the_banner_asks_a_reason_and_makes_it_editable(
        qtbot: Any, win: MainWindow, store: Store) -> None:
    choose(win, JUNE)
    qtbot.waitUntil(lambda: win.read_only)
    steps: list[str] = []

    def answer(d: QWidget) -> bool:
        if not isinstance(d, ReopenDialog):
            return False
        if not steps:  # 다시 열기 without a reason: refused at the field, the dialog stays
            d.buttons.accepted.emit()
            steps.append(d.problem.text())
            return False
        d.reason.setText("2분기 실적 정정")
        d.buttons.accepted.emit()
        return True

    answer_dialogs(answer)
    win.period_reopen_button.click()
    assert steps == ["다시 여는 사유를 적어 주세요."]
    assert store.period_of(JUNE).state == "open"
    assert store.period_events(JUNE)[-1][1:3] == ("reopen", "2분기 실적 정정")
    qtbot.waitUntil(lambda: not win.read_only and win.current_id != "")
    assert not win.period_banner.isVisible()
    card = store.get(win.current_id)
    assert card.base_date == JUNE
    qtbot.waitUntil(lambda: has_title_widget(win.editor, card))
    assert not title_widget(win.editor, card).isReadOnly()


def test_new_period_from_the_menu_carries_the_cards_and_shows_them(
        qtbot: Any, win: MainWindow, store: Store) -> None:
    seen: list[str] = []

    def answer(d: QWidget) -> bool:
        if not isinstance(d, NewPeriodDialog):
            return False
        seen.append(d.date_edit.text())
        seen.append(d.info.text())
        d.date_edit.setText("2025-12-31")
        d.buttons.accepted.emit()
        return True

    answer_dialogs(answer)
    win.act_new_period.trigger()
    assert seen[0] == "2025. 12. 31."  # the next quarter's end is proposed
    assert "지금 카드 3장" in seen[1] and "2025. 9. 30. 기준일은 닫혀" in seen[1]
    qtbot.waitUntil(lambda: not win.tasks, timeout=30_000)
    assert store.period_of(date(2025, 12, 31)).cards == 3
    assert store.period_of(SEPT).state == "closed"
    p = win.list.proxy
    assert {p.index(r, COL_DATE).data() for r in range(p.rowCount())} == {"2025.12.31."}
    assert win.list.period_box.itemText(0) == "현재 기준일 (2025. 12. 31.)"
    assert "카드 3장을 옮겼고" in win.statusBar().currentMessage()


def test_new_period_date_is_checked_in_korean(qtbot: Any, win: MainWindow, store: Store) -> None:
    assert read_new_date("2025. 12. 31.", SEPT) == (date(2025, 12, 31), "")
    assert read_new_date("2025-12-31", SEPT) == (date(2025, 12, 31), "")
    assert read_new_date("다음 분기", SEPT)[1] == "날짜가 아닙니다. 예: 2025. 12. 31. 또는 2025-12-31"
    assert read_new_date("2025. 2. 30.", SEPT)[1] == "'2025. 2. 30.'은(는) 없는 날짜입니다"
    assert read_new_date("2025. 9. 30.", SEPT)[1] == "새 기준일은 가장 최근 기준일 2025. 9. 30.보다 뒤여야 합니다"
    dlg = NewPeriodDialog(store, win)
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(dlg.buttons.StandardButton.Ok)
    dlg.date_edit.setText("2025. 6. 30.")
    assert not ok.isEnabled() and "뒤여야 합니다" in dlg.problem.text()
    dlg.date_edit.setText("2026. 3. 31.")
    assert ok.isEnabled() and dlg.problem.text() == ""


def test_a_refusal_of_the_store_is_shown_in_korean(qtbot: Any, win: MainWindow, store: Store) -> None:
    texts: list[str] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, QMessageBox):
            texts.append(d.text())
            d.accept()
            return True
        return False

    answer_dialogs(answer)
    win.open_period(JUNE)  # an existing, earlier 기준일 (the dialog would not let it through)
    qtbot.waitUntil(lambda: bool(texts), timeout=30_000)
    assert "새 기준일 2025. 6. 30." in texts[0] and "Traceback" not in texts[0]
    assert store.period_of(SEPT).state == "open"


def test_card_actions_of_the_period_menu_need_a_card(qtbot: Any, open_window: Callable[[Store], MainWindow],
                                                     store: Store) -> None:
    w = open_window(store)  # an empty database: no card shown
    assert not w.act_history.isEnabled() and not w.act_compare.isEnabled()
    assert w.act_new_period.isEnabled() and w.act_office_compare.isEnabled()
    assert not w.list.period_box.isEnabled()  # no period yet: only 현재 기준일


# ---------------------------------------------------------------- 공약 조정… and 공약 변경 현황 저장…

def _fill(kind: int, text: str, reason: str, body: str, when: str) -> Callable[[QWidget], bool]:
    def act(d: QWidget) -> bool:
        if not isinstance(d, AdjustDialog):
            return False
        d.kind.setCurrentIndex(kind)
        d.text.setPlainText(text)
        d.reason.setText("")
        assert not d.ok.isEnabled() and "사유" in d.problem.text()  # told while filling, not on OK
        d.decided.setText("어제")
        d.reason.setText(reason)
        d.body.setText(body)
        assert not d.ok.isEnabled() and "날짜가 아닙니다" in d.problem.text()
        d.decided.setText(when)
        assert d.ok.isEnabled(), d.problem.text()
        d.ok.click()
        return True
    return act


def test_adjusting_the_title_changes_the_card_and_records_it(win: MainWindow, store: Store,
                                                             sept: dict[str, Card], qtbot: Any) -> None:
    card = sept["2-2-1"]
    win.open_card(card.id)
    answer_dialogs(_fill(0, "중소기업 판로 지원", "주민배심원단 권고", "주민배심원단", "2025. 3. 10."))
    win.act_adjust.trigger()
    qtbot.waitUntil(lambda: store.get(card.id).title == "중소기업 판로 지원")
    stored = store.get(card.id)
    (rec,) = stored.adjustments
    assert (rec.what, rec.before, rec.body, rec.decided) == ("공약제목", "중소기업 애로해소", "주민배심원단",
                                                             date(2025, 3, 10))
    assert store.history(card.id)[0].source == "adjust"
    assert win.editor is not None and win.editor.card().title == "중소기업 판로 지원"  # the form shows it


def test_saving_the_changes_list(win: MainWindow, store: Store, sept: dict[str, Card], qtbot: Any,
                                 tmp_path: Path, monkeypatch: Any) -> None:
    card = sept["1-1-1"]
    win.open_card(card.id)
    answer_dialogs(_fill(3, "국비 미확보", "재원 없음", "구청장 결재", "2025-04-01"))
    win.act_adjust.trigger()
    qtbot.waitUntil(lambda: bool(store.get(card.id).adjustments))
    out = tmp_path / "현황.xlsx"
    monkeypatch.setattr("desktop.ui.filedialogs.save_file", lambda *a, **k: out)
    win.act_adjustments.trigger()
    from openpyxl import load_workbook

    values = [c for row in load_workbook(out)["공약 변경 현황"].iter_rows(min_row=4, values_only=True) for c in row]
    assert "1-1-1" in values and "재원 없음" in values and "구청장 결재" in values


def test_a_closed_period_card_is_not_adjusted(win: MainWindow, store: Store, sept: dict[str, Card],
                                              qtbot: Any, monkeypatch: Any) -> None:
    june = next(s for s in store.summaries() if s.base_date == JUNE)
    win.choose_period(JUNE)
    win.open_card(june.id)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    win.act_adjust.trigger()
    assert told and "닫힌 기준일" in told[0]
    assert store.get(june.id).adjustments == []
