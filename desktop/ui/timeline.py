"""A card's timeline (SPEC §6.2): every recorded change, newest first — when (local time), who, 부서,
through what, summary. Selecting an entry shows what it changed, old → new (desktop/core/carddiff
between the state before and the state after it); 이 상태로 되돌리기 saves that state as a new change
(Store.revert_to: history is never rewritten).

The list is a plain table model over the entries the store read (no state decoded until one is
selected), so a 500-entry timeline shows at once (bench/bench_timeline.py, docs/performance.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.util import local
from desktop.ui import palette

if TYPE_CHECKING:
    from db.store import Store
    from desktop.core.audit import Entry
    from desktop.core.carddiff import Change

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ["때", "이름", "부서", "경로", "바뀐 것"]
KIND_COLORS = {"added": "#2e7d32", "removed": "#c62828", "changed": "#2f6690", "moved": "#5f6b7a"}


def local_time(entry: Entry) -> str:
    return local(entry.at)


class EntriesModel(QAbstractTableModel):
    def __init__(self, entries: list[Entry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.entries[index.row()]
        c = index.column()
        if c == 0:
            return local_time(e)
        if c == 1:
            return e.who or "-"
        if c == 2:
            return e.dept or "-"
        if c == 3:
            return e.source_name
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = f"\n{e.os_user}@{e.host}" if e.os_user or e.host else ""
            return f"{e.seq}번 기록 · 판 {e.revision}\n{e.summary}{extra}"
        return e.summary

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()


def change_rows(changes: list[Change]) -> list[tuple[str, str, str, str, str]]:
    """(kind, 구분, 위치, 종전, 변경) of each change, as the detail table shows them."""
    from desktop.core.carddiff import KIND_NAMES
    from desktop.core.numbers import format_amount

    rows: list[tuple[str, str, str, str, str]] = []
    for ch in changes:
        new = ch.new if ch.new is not None else ""
        if ch.delta is not None:
            new += f" ({'+' if ch.delta > 0 else ''}{format_amount(ch.delta, negative_mark='-')})"
        rows.append((ch.kind, KIND_NAMES[ch.kind], ch.where, ch.old or "", new))
    return rows


def stored_rows(entry: Entry) -> list[tuple[str, str, str, str, str]]:
    """The changes the entry recorded, when a state to compare is not kept (a purged card)."""
    from desktop.core.carddiff import KIND_NAMES

    out = []
    for ch in entry.changes:
        kind = str(ch.get("kind", "changed"))
        new = str(ch.get("new") or "")
        if ch.get("change"):
            new += f" ({ch['change']})"
        out.append((kind, KIND_NAMES.get(kind, kind), str(ch.get("where", "")), str(ch.get("old") or ""), new))
    return out


def fill_changes(table: QTableWidget, rows: list[tuple[str, str, str, str, str]]) -> None:
    table.setRowCount(len(rows))
    for r, (kind, name, where, old, new) in enumerate(rows):
        for c, text in enumerate((name, where, old, new)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c == 0:
                item.setForeground(QColor(KIND_COLORS.get(kind, palette.TEXT)))
            if c == 2 and kind in ("changed", "removed") and old:
                item.setBackground(QColor(palette.ERROR_BG))
            if c == 3 and kind in ("changed", "added", "moved") and new:
                item.setBackground(QColor("#e8f5e9"))
            table.setItem(r, c, item)
    table.resizeRowsToContents()


def changes_table() -> QTableWidget:
    t = QTableWidget(0, 4)
    t.setHorizontalHeaderLabels(["구분", "위치", "종전", "변경"])
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().hide()
    t.setWordWrap(True)
    h = t.horizontalHeader()
    h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    h.resizeSection(1, 220)
    h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    return t


class TimelineDialog(QDialog):
    reverted = Signal(str)  # the card's id, after 이 상태로 되돌리기 saved a past state

    def __init__(self, store: Store, card_id: str, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.store = store
        self.card_id = card_id
        self.read_only = read_only
        card = store.get(card_id)
        self.template = store.registry.templates.get(card.template)
        name = " ".join(x for x in (card.number, card.title) if x) or "(제목 없음)"
        self.setWindowTitle(f"카드 기록 — {name}")
        self.resize(1000, 660)

        self.count = QLabel()
        self.count.setObjectName("mutedLabel")
        self.model = EntriesModel(store.history(card_id), self)
        self.view = QTableView()
        self.view.setObjectName("timeline")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        h = self.view.horizontalHeader()
        for col, width in ((0, 150), (1, 80), (2, 100), (3, 90)):
            h.resizeSection(col, width)
        h.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        self.detail_title = QLabel("기록을 고르면 그때 바뀐 것(종전 → 변경)을 보여 줍니다.")
        self.detail_title.setObjectName("panelTitle")
        self.detail_title.setWordWrap(True)
        self.changes = changes_table()
        self.changes.setObjectName("timelineChanges")
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.changes, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(detail)
        split.setSizes([300, 320])
        split.setChildrenCollapsible(False)

        self.revert_button = QPushButton("이 상태로 되돌리기")
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(self.revert)
        if read_only:
            self.revert_button.setToolTip("닫힌 기준일의 카드입니다. 되돌리려면 먼저 기준일을 다시 여세요.")
        close = QPushButton("닫기")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        self._update_count()
        if self.model.entries:
            self.view.selectRow(0)

    def _update_count(self) -> None:
        n = len(self.model.entries)
        self.count.setText(f"기록 {n}건 · 가장 최근 것부터" if n else "이 카드에는 아직 기록이 없습니다.")

    def selected(self) -> Entry | None:
        idx = self.view.currentIndex()
        return self.model.entries[idx.row()] if idx.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        e = self.model.entries[current.row()]
        who = " · ".join(x for x in (e.who, e.dept) if x) or "이름 없음"
        self.detail_title.setText(f"{e.seq}번 기록 — {local_time(e)}, {who}, {e.source_name}: {e.summary}")
        fill_changes(self.changes, self.rows_of(e))
        latest = current.row() == 0
        self.revert_button.setEnabled(not self.read_only and not latest)
        self.revert_button.setToolTip(
            "닫힌 기준일의 카드입니다. 되돌리려면 먼저 기준일을 다시 여세요." if self.read_only
            else "지금 상태가 이 기록 뒤의 상태입니다." if latest
            else "이 기록 바로 뒤의 상태를 새 변경으로 저장합니다 (그 사이의 기록은 그대로 남습니다).")

    def rows_of(self, e: Entry) -> list[tuple[str, str, str, str, str]]:
        """The entry's changes: the state before it against the state after it (carddiff)."""
        from db.errors import StoreError
        from desktop.core.carddiff import diff_cards

        try:
            after = self.store.state_at(e.seq)
            before = self.store.state_before(e.seq)
        except StoreError:
            return stored_rows(e)
        if before is None:
            return stored_rows(e)
        return change_rows(diff_cards(before, after, self.template))

    def revert(self) -> None:
        from db.errors import StoreError

        e = self.selected()
        if e is None:
            return
        ask = QMessageBox.question(
            self, "이 상태로 되돌리기",
            f"{e.seq}번 기록({local_time(e)}) 바로 뒤의 상태로 카드를 되돌립니다.\n\n"
            "되돌리기도 새 기록으로 남고, 지금 내용과 그 사이의 기록은 그대로 남아 언제든 다시 볼 수 있습니다.")
        if ask != QMessageBox.StandardButton.Yes:
            return
        try:
            card = self.store.revert_to(e.seq)
        except StoreError as exc:
            QMessageBox.warning(self, "이 상태로 되돌리기", str(exc))
            return
        self.model.set_entries(self.store.history(self.card_id))
        self._update_count()
        self.view.selectRow(0)
        self.reverted.emit(card.id)
