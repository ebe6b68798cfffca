"""백업 만들기 and 백업에서 복원 (SQLite; a server database is backed up on the server)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

if TYPE_CHECKING:
    from desktop.ui.mainwindow import MainWindow


def make_backup(win: MainWindow) -> None:
    from db.store import StoreError

    if not win.commit_pending():
        return
    try:
        path = win.store.backup("manual")
    except StoreError as exc:
        QMessageBox.information(win, "백업", str(exc))
        return
    QMessageBox.information(win, "백업", f"백업을 만들었습니다:\n{path}")


def restore_backup(win: MainWindow) -> None:
    from db.backup import backup_time
    from db.store import StoreError

    try:
        backups = win.store.list_backups()
    except StoreError as exc:
        QMessageBox.information(win, "백업에서 복원", str(exc))
        return
    if not backups:
        QMessageBox.information(win, "백업에서 복원", "이 데이터베이스의 백업이 없습니다.")
        return
    labels = []
    for p in backups:
        when = backup_time(p)
        labels.append(f"{when:%Y-%m-%d %H:%M:%S} — {p.name}" if when else p.name)
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
        QMessageBox.critical(win, "백업에서 복원", str(exc))
        return
    current = win.current_id
    win.current_id = ""
    win.reload_list(select=current)
    QMessageBox.information(win, "백업에서 복원", f"되돌렸습니다. 되돌리기 전 상태는 여기에 있습니다:\n{before}")
