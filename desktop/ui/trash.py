"""휴지통: deleted cards, restored or removed for good (after asking)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from db.store import Store

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TrashDialog(QDialog):
    restored = Signal(list)  # ids put back into the list

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("휴지통")
        self.resize(640, 380)
        self._store = store
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["관리번호", "공약제목", "주관부서", "마지막 저장"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        for col in (0, 2, 3):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.restore_selected)
        self.empty = QLabel("휴지통이 비어 있습니다.")
        self.empty.setObjectName("mutedLabel")

        self.restore_button = QPushButton("복원")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton("영구 삭제…")
        self.purge_button.clicked.connect(self.purge_selected)
        close = QPushButton("닫기")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)

        note = QLabel("삭제한 카드는 여기에 남습니다. 복원하면 목록으로 돌아갑니다.")
        note.setObjectName("mutedLabel")
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        lay.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        rows = self._store.summaries(deleted=True)
        self.table.setRowCount(len(rows))
        for i, s in enumerate(rows):
            when = s.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            for j, text in enumerate((s.number or "-", s.title or "(제목 없음)", s.dept or "-", when)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, s.id)
                self.table.setItem(i, j, item)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _selected(self) -> list[str]:
        return [str(self.table.item(i.row(), 0).data(ID_ROLE)) for i in self.table.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        has = bool(self._selected())
        self.restore_button.setEnabled(has)
        self.purge_button.setEnabled(has)

    def restore_selected(self) -> None:
        ids = self._selected()
        for cid in ids:
            self._store.restore(cid)
        if ids:
            self.restored.emit(ids)
            self.reload()

    def purge_selected(self) -> None:
        ids = self._selected()
        if not ids:
            return
        answer = QMessageBox.question(
            self, "영구 삭제", f"선택한 카드 {len(ids)}장을 영구히 삭제할까요? 되돌릴 수 없습니다.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        for cid in ids:
            self._store.purge(cid)
        self.reload()
