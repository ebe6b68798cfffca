"""The bar above a card this login may not change (SPEC §6.4): "다른 부서(OO과)의 카드라 읽기만 할 수
있습니다". The reason is the store's (db.permissions.Permissions.edit_refusal); the window opens the card
read-only (form, autosave, 저장) and shows this bar. Hidden for every card the login may change, and
always on SQLite."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel


class PermissionBar(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("permissionBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        self.text = QLabel()
        self.text.setObjectName("permissionBarText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_refusal(self, refusal: str | None) -> None:
        """Show why the card is read-only, or hide when it is not."""
        self.text.setText(refusal or "")
        self.setVisible(refusal is not None)
