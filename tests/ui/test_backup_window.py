"""The window's backups: only this database's are offered, a damaged backup is refused with the current
cards intact, and a backup that cannot be made says so on screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from db.store import Store
from desktop.core import paths
from desktop.core.layout import new_card
from desktop.core.templates import TemplateRegistry
from desktop.ui import backup as backup_flow
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import load_settings
from tests.ui.dialogs import answer_dialogs
from tests.ui.test_shell import make_editor


@pytest.fixture
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


def _store(folder: Path, registry: TemplateRegistry, numbers: list[str]) -> Store:
    folder.mkdir()
    s = Store.open(folder / "pledgecard.sqlite3", registry=registry)
    for n in numbers:
        s.add(new_card(registry.get("standard"), number=n, title=f"공약 {n}", base_date=date(2025, 9, 30)))
    return s


@pytest.fixture
def store(tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    s = _store(tmp_path / "mine", registry, ["1-1-1", "3-2-1"])
    yield s
    s.close()


@pytest.fixture
def win(qtbot: Any, store: Store, registry: TemplateRegistry) -> MainWindow:
    settings = load_settings()
    settings.samples_offered = True
    w = MainWindow(store, registry, settings, editor=make_editor(registry))
    qtbot.addWidget(w)
    w.start()
    w.show()
    return w


def _restore_first_offered(qtbot: Any, win: MainWindow) -> tuple[list[str], list[str]]:
    """Run 백업에서 복원, choose the first backup offered, say Yes; (offered labels, messages shown)."""
    offered: list[str] = []
    told: list[str] = []

    def act(d: QWidget) -> bool:
        if isinstance(d, QInputDialog):
            offered.extend(d.comboBoxItems())
            d.accept()
        elif isinstance(d, QMessageBox) and d.standardButton(d.defaultButton()) == QMessageBox.StandardButton.No:
            d.button(QMessageBox.StandardButton.Yes).click()
        elif isinstance(d, QMessageBox):
            told.append(d.text())
            d.accept()
            return True
        return False

    answer_dialogs(act)
    backup_flow.restore_backup(win)
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    return offered, told


def _numbers(store: Store) -> list[str]:
    return [s.number for s in store.summaries()]


def test_restore_offers_only_this_databases_backups(qtbot: Any, tmp_path: Path, registry: TemplateRegistry,
                                                    store: Store, win: MainWindow) -> None:
    other = _store(tmp_path / "other", registry, ["9-9-9"])  # also pledgecard.sqlite3
    try:
        other.backup()
        other.backup()
        mine = store.backup()
    finally:
        other.close()
    offered, told = _restore_first_offered(qtbot, win)
    assert len(offered) == 1 and mine.name in offered[0] and "카드 2장" in offered[0]
    assert told[0].startswith("되돌렸습니다")
    assert _numbers(store) == ["1-1-1", "3-2-1"]


def test_restore_of_a_backup_with_a_damaged_card_is_refused(qtbot: Any, store: Store, win: MainWindow) -> None:
    made = store.backup()
    con = sqlite3.connect(made)
    con.execute("UPDATE card_bodies SET body = 'garbage' WHERE card_id = (SELECT id FROM cards WHERE number = '3-2-1')")
    con.commit()
    con.close()
    win.store.add(new_card(win.registry.get("standard"), number="5-5-5", title="지금 카드"))
    _, told = _restore_first_offered(qtbot, win)
    assert "되돌리지 않았습니다" in told[0] and "3-2-1" in told[0] and "공약 3-2-1" in told[0]
    assert _numbers(store) == ["1-1-1", "3-2-1", "5-5-5"]


def test_a_failed_daily_backup_says_so_in_the_status_bar(store: Store, win: MainWindow) -> None:
    paths.backups_dir().write_text("a file where the backups folder should be")  # a real failure, even as root
    win.daily_backup()
    msg = win.statusBar().currentMessage()
    assert "자동 백업을 만들지 못했습니다" in msg and "백업 폴더를 만들 수 없습니다" in msg
    assert str(paths.backups_dir()) in msg
    win.grab().save(str(paths.data_dir() / "failed-backup.png"))


def test_a_failed_manual_backup_says_so(qtbot: Any, win: MainWindow) -> None:
    import shutil

    # The window's daily backup runs 1.5 s after start; under load it can come before this line. Let it
    # run first (it makes the folder), then put a file where the folder must be.
    qtbot.waitUntil(lambda: paths.backups_dir().is_dir(), timeout=10000)
    shutil.rmtree(paths.backups_dir())
    paths.backups_dir().write_text("not a folder")
    told: list[str] = []

    def act(d: QWidget) -> bool:
        if isinstance(d, QMessageBox):
            told.append(d.text())
            d.accept()
            return True
        return False

    answer_dialogs(act)
    backup_flow.make_backup(win)
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    assert told[0].startswith("백업을 만들지 못했습니다") and "백업 폴더를 만들 수 없습니다" in told[0]


def test_a_database_failure_in_the_window_is_a_korean_dialog(qtbot: Any, store: Store, win: MainWindow,
                                                             registry: TemplateRegistry) -> None:
    import sys

    from desktop.ui.app import install_excepthook

    qtbot.waitUntil(lambda: bool(win.current_id))
    other = Store.open(store.sqlite_path, registry=registry)  # another officer purges the open card
    other.delete(win.current_id)
    other.purge(win.current_id)
    other.close()
    told: list[str] = []

    def act(d: QWidget) -> bool:
        if isinstance(d, QMessageBox):
            told.append(f"{d.windowTitle()}|{d.text()}")
            d.accept()
            return True
        return False

    saved_hook = sys.excepthook
    install_excepthook(win)  # what the real program installs
    try:
        answer_dialogs(act)
        win.act_duplicate.trigger()  # the store refuses inside a slot: no traceback, a Korean dialog
        qtbot.waitUntil(lambda: bool(told), timeout=5000)
    finally:
        sys.excepthook = saved_hook
    title, text = told[0].split("|", 1)
    assert title == "공약카드 — 데이터베이스"
    assert text.startswith("데이터베이스 작업을 하지 못했습니다") and "카드를 찾을 수 없습니다" in text
    assert "StoreError" not in text and "예상하지 못한" not in text
