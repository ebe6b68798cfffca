"""What the File-menu code (cardactions.py, transfer.py, backup.py) needs of the main window, declared here so
that code types against Shell, not against MainWindow: imports flow one way (mainwindow → cardactions
→ transfer → shell) instead of round in a circle. Declarations only; MainWindow provides them."""

from __future__ import annotations

import builtins
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QStackedWidget

if TYPE_CHECKING:
    from db.store import Store
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.autosave import AutoSaver
    from desktop.ui.cardpanel import CardListPanel
    from desktop.ui.permissionbar import PermissionBar
    from desktop.ui.settings import Settings


class Shell(QMainWindow):
    store: Store
    registry: TemplateRegistry
    settings: Settings
    list: CardListPanel
    saver: AutoSaver
    editor: Any  # the card form (desktop.ui.editor.CardEditor), made on first use
    current_id: str
    counts: tuple[int, int]
    tasks: builtins.list[Any]  # running workers (desktop.ui.workers.Task)
    banner: QFrame
    banner_text: QLabel
    period: date | None  # the period the list shows (None: the current one)
    closed_periods: set[date]
    read_only: bool  # the card shown is in a closed period, or another department's (permission_bar)
    permission_bar: PermissionBar
    act_save: QAction
    stack: QStackedWidget  # the placeholder or the card form
    save_label: QLabel
    card_opened: Any  # Signal(str)
    live: Any  # desktop.ui.live.LiveUpdates on a shared database, else None
    connection: Any  # desktop.ui.connection.ConnectionWatch on a shared database, else None

    def commit_pending(self) -> bool:
        raise NotImplementedError

    def reload_list(self, select: str = "") -> None:
        raise NotImplementedError

    def open_card(self, card_id: str) -> bool:
        raise NotImplementedError

    def _show_nothing(self) -> None:
        raise NotImplementedError

    def _show_card(self, card: Any) -> None:
        raise NotImplementedError
