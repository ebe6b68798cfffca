"""The dashboard in the window (issue 16, SPEC §8), driven as a user drives it over a real database of
the small office of tests/overview_office.py (two periods, three templates): its numbers are
`pledgecard summary --json`'s, a click on a count shows exactly its cards in the list (chip, way back),
the filters change the numbers, the period selector shows another period, and its two exports write
the report and the site."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from db.store import Store
from desktop.core.templates import TemplateRegistry
from desktop.ui.dashboard.tables import IDS_ROLE, CountTable
from desktop.ui.dashboard.window import CARD_TAB, DASH_TAB
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import load_settings
from tests.cli.helpers import run_cli
from tests.ui.dashboard_screens import office_db
from tests.ui.shell_driver import PlaceholderEditor
from tests.ui.test_shell import answer_dialogs


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[Store, TemplateRegistry, Path, Path]]:
    db, templates = tmp_path / "office.sqlite3", tmp_path / "templates"
    store, reg = office_db(db, templates)
    yield store, reg, db, templates
    store.close()


@pytest.fixture
def win(qtbot: Any, office: tuple[Store, TemplateRegistry, Path, Path]) -> MainWindow:
    store, reg, _, _ = office
    w = MainWindow(store, reg, load_settings(), editor=PlaceholderEditor(reg))
    qtbot.addWidget(w)
    w.start()
    w.resize(1280, 800)
    w.show()
    return w


def summary(capsys: pytest.CaptureFixture[str], office: tuple[Any, Any, Path, Path], *more: str) -> dict[str, Any]:
    _, _, db, templates = office
    r = run_cli(capsys, "--db", db, "--templates", templates, "summary", "--json", *more)
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def open_dashboard(qtbot: Any, w: MainWindow) -> Any:
    w.dashboard.tabs.setCurrentIndex(DASH_TAB)
    panel = w.dashboard.panel
    qtbot.waitUntil(lambda: panel.overview is not None and not w.dashboard.loader.busy, timeout=20_000)
    return panel


def cells(t: CountTable) -> list[list[str]]:
    return [[t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())] for r in range(t.rowCount())]


def click(qtbot: Any, table: CountTable, label: str) -> None:
    idx = table.cell_of(label)
    assert idx.isValid(), label
    table.scrollTo(idx)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(idx).center())


def listed(w: MainWindow) -> list[str]:
    return w.list.visible_ids()


def test_numbers_are_the_summarys(qtbot: Any, win: MainWindow, capsys: pytest.CaptureFixture[str],
                                  office: Any) -> None:
    doc = summary(capsys, office)
    panel = open_dashboard(qtbot, win)
    assert win.stack.currentWidget() is panel and win.dashboard.tabs.currentIndex() == DASH_TAB
    # the numbers behind the dashboard are the command's, card ids included
    assert panel.overview.to_json() == doc
    # and so are the numbers it shows
    status = cells(panel.tables["statusTable"])
    assert [(r[0].removesuffix(" (추진상황 없음)"), r[2]) for r in status[:-1]] == [
        (s["name"], f"{s['count']}건") for s in doc["statuses"]]
    assert status[-1][2] == f"{doc['cards']['count']}건"
    groups = cells(panel.tables["groupTable"])
    assert [(r[0], r[2]) for r in groups] == [(g["name"], f"{g['count']}건") for g in doc["groups"]]
    rates = cells(panel.tables["rateTable"])
    assert [(r[0], r[1]) for r in rates] == [(x["name"], f"{x['percent']}%") for x in doc["rates"]]
    assert [r[6] for r in rates] == [x["definition"] for x in doc["rates"]]  # the definition, visible
    assert rates[0][2:5] == ["3건", "10건", "10장"]  # the counts behind 완료율
    fin = cells(panel.tables["financeTable"])
    assert fin[-1] == ["계", "1,908.6", "933.8", "1,722.6", "932.8", "401.5"]
    assert {r[0]: r[1] for r in fin[:-1]} == {
        "국비": "900", "시도비": "530", "구비": "409.6", "군비": "3", "기타": "65", "기타(미분류): 특교세": "1"}
    area = cells(panel.tables["areaTable"])
    assert [(r[0], r[1]) for r in area[:-1]] == [(x["key"], str(x["total"]["count"])) for x in doc["by_area"]["rows"]]
    dept = cells(panel.tables["deptTable"])
    assert [(r[0], r[1]) for r in dept[:-1]] == [(x["key"], str(x["total"]["count"])) for x in doc["by_dept"]["rows"]]
    progress = cells(panel.tables["progressTable"])
    assert progress[0][1:] == [f"{p['count']}건" for p in doc["progress"]]
    changes = cells(panel.tables["changesTable"])
    assert changes[0][2] == f"{doc['changes']['added']['count']}건"
    assert ["추진상황", "추진중 → 완료", "1건"] in changes
    issues = cells(panel.tables["issueTable"])
    found = doc["issues"]
    assert [r[2] for r in issues] == [f"{found['errors']['count']}건", f"{found['warnings']['count']}건"]
    # the charts are there, drawn from the same overview (in a worker: they follow the numbers)
    qtbot.waitUntil(lambda: not panel.charts_pending(), timeout=20_000)
    for name in ("statusChart", "groupChart", "financeChart", "progressChart", "areaChart"):
        assert panel.charts[name].svg.startswith(b"<?xml"), name
    assert "진도 분포".encode() in panel.charts["progressChart"].svg


def test_a_click_on_a_count_lists_exactly_its_cards(qtbot: Any, win: MainWindow,
                                                    capsys: pytest.CaptureFixture[str], office: Any) -> None:
    doc = summary(capsys, office)
    panel = open_dashboard(qtbot, win)
    done = next(s for s in doc["statuses"] if s["name"] == "완료")
    click(qtbot, panel.tables["statusTable"], "추진상황 완료 2건")
    assert sorted(listed(win)) == sorted(done["cards"])
    assert win.list.chip.isVisible() and win.list.chip_text.text() == "대시보드에서: 추진상황 완료 2건"
    assert win.list.count.text() == "카드 10장 중 2장"
    # a cross-table cell: 분야 1 × 완료
    cell = next(r for r in doc["by_area"]["rows"] if r["key"] == "1")["statuses"]["완료"]
    click(qtbot, panel.tables["areaTable"], "분야 1 · 완료 2건")
    assert sorted(listed(win)) == sorted(cell["cards"])
    # an amount: the cards behind 국비 소요
    national = next(r for r in doc["finance"]["sources"] if r["meaning"] == "국비")["needed"]
    click(qtbot, panel.tables["financeTable"], "국비 소요(전체) 900")
    assert sorted(listed(win)) == sorted(national["cards"])
    # the numerator of 재정확보율 and the cards left out of 집행률
    secured = next(r for r in doc["rates"] if r["key"] == "secured")
    click(qtbot, panel.tables["rateTable"],
          f"재정확보율(전체)의 확보(투입)예산 ({len(panel.overview.rate('secured').numerator_cards)}장)")
    assert sorted(listed(win)) == sorted(secured["numerator"]["cards"])
    # cards with 오류
    errors = panel.overview.errors
    click(qtbot, panel.tables["issueTable"], f"오류가 있는 카드 {len(errors)}건")
    assert sorted(listed(win)) == sorted(errors) and errors
    # a zero is not a link
    zero = panel.tables["progressTable"].item(0, 5)
    assert zero.text() == "0건" and not zero.data(IDS_ROLE)
    # picking a listed card opens it in the form; the chip brings the dashboard back
    first = listed(win)[0]
    win.list.select_id(first)
    qtbot.waitUntil(lambda: win.current_id == first)
    assert win.dashboard.tabs.currentIndex() == CARD_TAB and win.stack.currentWidget() is win.editor
    qtbot.mouseClick(win.list.chip_back, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is panel and win.dashboard.tabs.currentIndex() == DASH_TAB
    # ✕ 모두 보기: every card again, no chip
    qtbot.mouseClick(win.list.chip_clear, Qt.MouseButton.LeftButton)
    assert len(listed(win)) == 10 and not win.list.chip.isVisible()


def test_filters_change_the_numbers(qtbot: Any, win: MainWindow, capsys: pytest.CaptureFixture[str],
                                    office: Any) -> None:
    panel = open_dashboard(qtbot, win)
    panel.dept_box.setCurrentIndex(panel.dept_box.findData("기획예산과"))
    doc = summary(capsys, office, "--dept", "기획예산과")
    assert panel.overview.to_json() == doc
    assert cells(panel.tables["statusTable"])[-1][2] == f"{doc['cards']['count']}건" == "3건"
    assert "조건: 기획예산과" in panel.as_of.text()
    panel.template_box.setCurrentIndex(panel.template_box.findData("standard"))
    doc = summary(capsys, office, "--dept", "기획예산과", "--template", "standard")
    assert panel.overview.to_json() == doc and doc["cards"]["count"] == 2
    panel.clear_button.click()
    panel.area_box.setCurrentIndex(panel.area_box.findData("3"))
    assert panel.overview.to_json() == summary(capsys, office, "--area", "3")
    panel.clear_button.click()
    assert panel.overview.to_json() == summary(capsys, office)


def test_the_first_show_says_it_is_reading_with_progress(qtbot: Any, win: MainWindow) -> None:
    """Chosen before anything was prepared (the first show after start-up): the panel shows at once a
    progress bar and what it is doing, counts the cards read, then the numbers replace both."""
    reports: list[tuple[int, int]] = []
    win.dashboard.loader.progress.connect(lambda done, total: reports.append((done, total)))
    win.dashboard.tabs.setCurrentIndex(DASH_TAB)
    panel = win.dashboard.panel
    assert panel.prepared is None and panel.progress.isVisible() and not panel.scroll_area.isVisible()
    assert panel.state.text() == "카드를 읽는 중…"
    qtbot.waitUntil(lambda: bool(reports) and reports[-1][0] == reports[-1][1] == 10, timeout=20_000)
    assert reports[0] == (0, 10)
    qtbot.waitUntil(lambda: panel.overview is not None, timeout=20_000)
    assert not panel.progress.isVisible() and not panel.state.isVisible() and panel.scroll_area.isVisible()
    panel.set_progress(3, 10)  # a later report (a period prepared again after a save) hides no numbers
    assert not panel.progress.isVisible() and panel.scroll_area.isVisible()


def test_a_refilter_updates_the_tables_in_place(qtbot: Any, win: MainWindow) -> None:
    """A re-filter changes the cells whose numbers changed and no other (issue 16's bar: re-filtered
    < 50 ms with 1,000 cards — remaking every item, header and row height was most of it); what it shows
    is the same as tables made afresh, and the changed numbers still click through."""
    panel = open_dashboard(qtbot, win)
    status, rates = panel.tables["statusTable"], panel.tables["rateTable"]
    first = cells(status)
    mark = Qt.ItemDataRole.UserRole + 9
    status.item(0, 0).setData(mark, "kept")  # the first status's name, and its definition: no filter
    status.item(0, 4).setData(mark, "kept")  # here changes them
    rates.item(0, 6).setData(mark, "kept")  # 완료율's definition
    panel.dept_box.setCurrentIndex(panel.dept_box.findData("기획예산과"))
    assert status.item(0, 0).data(mark) == status.item(0, 4).data(mark) == "kept"  # not made again
    assert rates.item(0, 6).data(mark) == "kept" and cells(rates)[0][3] == "3건"
    after = cells(status)
    assert after[-1][2] == "3건" and after != first
    fresh = CountTable(stretch=4)  # the same rows shown by a table that never showed others
    fresh.set_table([status.horizontalHeaderItem(c).text() for c in range(status.columnCount())],
                    [list(r) for r in status._cells], total_rows=1)
    assert cells(fresh) == after
    for r in range(status.rowCount()):
        for c in range(status.columnCount()):
            a, b = status.item(r, c), fresh.item(r, c)
            assert (a.data(IDS_ROLE), a.toolTip(), a.foreground().color().name()) == (
                b.data(IDS_ROLE), b.toolTip(), b.foreground().color().name()), (r, c)
    fresh.deleteLater()
    click(qtbot, status, "전체 3건")
    assert len(listed(win)) == 3
    panel.clear_filters()
    assert cells(status) == first and status.item(0, 4).data(mark) == rates.item(0, 6).data(mark) == "kept"


def test_the_period_selector_shows_the_earlier_period(qtbot: Any, win: MainWindow,
                                                     capsys: pytest.CaptureFixture[str], office: Any) -> None:
    panel = open_dashboard(qtbot, win)
    box = panel.period_box
    assert box.count() == 3 and box.isEnabled()  # 현재 기준일, 2025. 9. 30., 2025. 6. 30.
    box.setCurrentIndex(box.findData("2025-06-30"))
    qtbot.waitUntil(lambda: panel.overview is not None and panel.overview.to_json()["base_date"] == "2025-06-30",
                    timeout=20_000)
    assert win.list.period_box.currentData() == "2025-06-30"  # the list shows that period's cards too
    assert panel.overview.to_json() == summary(capsys, office, "--period", "2025-06-30")
    assert not panel.tables["changesTable"].isVisible()  # no period before it


def test_a_saved_card_updates_the_dashboard(qtbot: Any, win: MainWindow, office: Any) -> None:
    store = office[0]
    panel = open_dashboard(qtbot, win)
    card = next(c for c in store.cards() if c.number == "2-1-1" and c.base_date is not None)
    card.status = "완료"
    win._on_saved(store.save(card))  # as the autosave reports a save
    qtbot.waitUntil(lambda: next(s for s in panel.overview.statuses if s.name == "완료").cards.count(card.id) == 1,
                    timeout=20_000)
    assert len(next(s for s in panel.overview.statuses if s.name == "완료").cards) == 3


def test_report_and_site_from_the_dashboard(qtbot: Any, win: MainWindow, tmp_path: Path) -> None:
    from desktop.ui.dashboard.exports import save_report, save_site

    panel = open_dashboard(qtbot, win)
    pdf = tmp_path / "이행현황.pdf"
    save_report(win, panel.current_filter(), pdf)
    qtbot.waitUntil(lambda: not win.tasks, timeout=60_000)
    assert pdf.read_bytes().startswith(b"%PDF") and not (tmp_path / "이행현황.pdf.part").exists()
    assert "이행 현황 보고서" in win.statusBar().currentMessage()
    site = tmp_path / "site"
    panel.dept_box.setCurrentIndex(panel.dept_box.findData("기획예산과"))
    save_site(win, panel.current_filter(), site)
    qtbot.waitUntil(lambda: not win.tasks, timeout=60_000)
    assert (site / "index.html").is_file() and len(list((site / "cards").glob("*.html"))) == 3
    # a folder of other files is refused, in Korean, and left as it was
    other = tmp_path / "other"
    other.mkdir()
    (other / "mine.txt").write_text("x", encoding="utf-8")
    said: list[str] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, QMessageBox):
            said.append(d.text())
            d.accept()
            return True
        return False
    answer_dialogs(answer)
    save_site(win, panel.current_filter(), other)
    qtbot.waitUntil(lambda: bool(said) and not win.tasks, timeout=60_000)
    assert "비어 있지 않은 폴더" in said[0] and sorted(p.name for p in other.iterdir()) == ["mine.txt"]
    assert QApplication.activeModalWidget() is None


def test_closing_the_window_while_the_dashboard_loads(qtbot: Any, office: Any) -> None:
    import shiboken6

    from desktop.ui.dashboard import loader

    store, reg, _, _ = office
    w = MainWindow(store, reg, load_settings(), editor=PlaceholderEditor(reg))  # not qtbot's: deleted here
    w.start()
    w.show()
    w.dashboard.tabs.setCurrentIndex(DASH_TAB)
    assert w.dashboard.loader.busy  # the period is being prepared in the worker
    w.close()
    w.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(w))
    qtbot.waitUntil(lambda: not loader._RUNNING, timeout=20_000)  # it ends on its own; nothing reaches the window
