"""백업 만들기, 백업에서 복원 and the daily automatic backup (SQLite; a server database is backed up on
the server). Only this database's own backups are offered (db/backup.py matches them by its identity);
a backup that fails says so on screen."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

if TYPE_CHECKING:
    from desktop.ui.shell import Shell as MainWindow  # what the backup flows use of the window

log = logging.getLogger(__name__)

FAILED_SHOWN_MS = 60_000  # a failed automatic backup stays in the status bar for a minute


def daily_backup(win: MainWindow) -> None:
    """Once a day on start: a backup when this database's newest one is older than a day."""
    from db.store import StoreError

    if win.store.sqlite_path is None:  # a server database is backed up on the server
        return
    try:
        path = win.store.backup_if_due()
    except StoreError as exc:
        log.warning("automatic backup failed: %s", exc)
        win.statusBar().showMessage(f"자동 백업을 만들지 못했습니다: {exc}", FAILED_SHOWN_MS)
        return
    except Exception:
        log.exception("automatic backup failed")
        win.statusBar().showMessage("자동 백업을 만들지 못했습니다 (기록 파일을 보세요).", FAILED_SHOWN_MS)
        return
    if path is not None:
        win.statusBar().showMessage(f"오늘의 자동 백업을 만들었습니다: {path.name}", 5000)


def make_backup(win: MainWindow) -> None:
    from db.store import StoreError

    if not win.commit_pending():
        return
    try:
        path = win.store.backup("manual")
    except StoreError as exc:
        win.statusBar().showMessage("백업을 만들지 못했습니다.", FAILED_SHOWN_MS)
        QMessageBox.warning(win, "백업", f"백업을 만들지 못했습니다.\n\n{exc}")
        return
    QMessageBox.information(win, "백업", f"백업을 만들었습니다:\n{path}")


def _label(path: object) -> str:
    from pathlib import Path

    from db.backup import backup_time
    from db.backupcheck import inspect_backup
    from db.store import StoreError

    assert isinstance(path, Path)
    when = backup_time(path)
    try:
        what = f"카드 {inspect_backup(path).cards}장"
    except StoreError:
        what = "읽을 수 없음"
    return f"{when:%Y-%m-%d %H:%M:%S} — {what} — {path.name}" if when else f"{what} — {path.name}"


def restore_backup(win: MainWindow) -> None:
    from db.store import StoreError

    try:
        backups = win.store.list_backups()
    except StoreError as exc:
        QMessageBox.information(win, "백업에서 복원", str(exc))
        return
    if not backups:
        QMessageBox.information(win, "백업에서 복원", "이 데이터베이스의 백업이 없습니다.")
        return
    labels = [_label(p) for p in backups]
    label, ok = QInputDialog.getItem(win, "백업에서 복원", "되돌릴 백업 (최근 것이 위):", labels, 0, False)
    if not ok:
        return
    chosen = backups[labels.index(label)]
    answer = QMessageBox.warning(
        win, "백업에서 복원",
        f"데이터베이스를 이 백업으로 되돌릴까요?\n{label}\n\n지금 상태는 먼저 따로 백업해 둡니다.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes or not win.commit_pending():
        return
    try:
        before = win.store.restore_backup(chosen)
    except StoreError as exc:
        QMessageBox.critical(win, "백업에서 복원", f"되돌리지 않았습니다. 지금 카드는 그대로입니다.\n\n{exc}")
        return
    current = win.current_id
    win.current_id = ""
    win.reload_list(select=current)
    QMessageBox.information(win, "백업에서 복원", f"되돌렸습니다. 되돌리기 전 상태는 여기에 있습니다:\n{before}")
