"""The merge review (SPEC §6.3): what an import will do, card by card, before anything is written.

Each incoming card is 추가 / 갱신 / 충돌 / 변경 없음 (or 건너뜀); for the selected card with conflicts every
place is shown side by side — 여기 | 들어온 것 | 기준 — with a choice per place, per card (이 카드 모두 …)
or for all (모두 여기 것 / 모두 들어온 것). A place nobody chose for stays as here. `choices()` is what
Store.merge_import takes; the dialog itself writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import palette

if TYPE_CHECKING:
    from db.mergestore import MergeReport
    from desktop.core.merge import Choice, Conflict
    from desktop.core.model import Card

OUTCOME = {"added": "추가", "taken": "갱신", "merged": "갱신", "unchanged": "변경 없음", "skipped": "건너뜀"}
CHOICES: list[tuple[Choice, str]] = [("here", "여기 것"), ("theirs", "들어온 것")]
PLACE_COLS = ["곳", "여기", "들어온 것", "기준(base)", "고르기"]


def _shown(v: str | None) -> str:
    return "(없음)" if v is None else v


class MergeReview(QDialog):
    """`report` is a dry run of Store.merge_import for `cards` (nothing written yet)."""

    def __init__(self, source: str, cards: list[Card], report: MergeReport, parent: QWidget | None = None,
                 *, title: str = "가져오기 검토", accept_text: str = "가져오기") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1040, 620)
        self._cards = cards
        self._conflicts: dict[str, list[Conflict]] = {cc.card_id: cc.conflicts for cc in report.conflicts}
        self._chosen: dict[str, dict[str, Choice]] = {cid: {} for cid in self._conflicts}
        skipped = dict(report.skipped)
        self._why = {c.id: skipped.get(c.number.strip() or c.id, "") for c in cards
                     if report.outcome.get(c.id) == "skipped"}
        self._outcome = report.outcome
        counts: dict[str, int] = {}
        for c in cards:
            kind = "충돌" if c.id in self._conflicts else OUTCOME.get(report.outcome.get(c.id, ""), "변경 없음")
            counts[kind] = counts.get(kind, 0) + 1
        n_places = sum(len(v) for v in self._conflicts.values())
        head = QLabel(f"<b>{source}</b>에서 카드 {len(cards)}장을 읽었습니다: "
                      + ", ".join(f"{k} {v}장" for k, v in counts.items())
                      + (f" — 양쪽에서 다르게 고친 곳 {n_places}곳을 골라 주세요 (고르지 않은 곳은 여기 것을 둡니다)"
                         if n_places else ""))
        head.setWordWrap(True)

        self.cards = QTableWidget(len(cards), 3)
        self.cards.setHorizontalHeaderLabels(["관리번호", "공약제목", "가져오면"])
        self.cards.verticalHeader().hide()
        self.cards.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cards.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hh = self.cards.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.cards.setShowGrid(False)
        warn = palette.color(palette.WARNING)
        for i, c in enumerate(cards):
            for j, v in enumerate((c.number or "-", c.title or "(제목 없음)", self.outcome_text(c.id))):
                item = QTableWidgetItem(v)
                if j == 2 and c.id in self._conflicts:
                    item.setForeground(warn)
                self.cards.setItem(i, j, item)

        self.card_label = QLabel()
        self.card_label.setWordWrap(True)
        self.places = QTableWidget(0, len(PLACE_COLS))
        self.places.setHorizontalHeaderLabels(PLACE_COLS)
        self.places.verticalHeader().hide()
        self.places.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.places.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.places.setWordWrap(True)
        ph = self.places.horizontalHeader()
        ph.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2, 3):
            ph.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        ph.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.card_here = QPushButton("이 카드 모두 여기 것")
        self.card_theirs = QPushButton("이 카드 모두 들어온 것")
        self.card_here.clicked.connect(lambda: self._choose_card("here"))
        self.card_theirs.clicked.connect(lambda: self._choose_card("theirs"))
        card_row = QHBoxLayout()
        card_row.addWidget(self.card_label, 1)
        card_row.addWidget(self.card_here)
        card_row.addWidget(self.card_theirs)
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        lower_lay.addLayout(card_row)
        lower_lay.addWidget(self.places, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.cards)
        split.addWidget(lower)
        split.setSizes([220, 380])

        self.all_here = QPushButton("모두 여기 것")
        self.all_theirs = QPushButton("모두 들어온 것")
        self.all_here.clicked.connect(lambda: self._choose_all("here"))
        self.all_theirs.clicked.connect(lambda: self._choose_all("theirs"))
        for b in (self.all_here, self.all_theirs):
            b.setEnabled(bool(self._conflicts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(accept_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("취소")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.all_here)
        bottom.addWidget(self.all_theirs)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)

        self.cards.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._show(row))
        first = next((i for i, c in enumerate(cards) if c.id in self._conflicts), 0)
        if cards:
            self.cards.setCurrentCell(first, 0)  # shows it (currentCellChanged)

    # ------------------------------------------------------------ what the officer chose

    def outcome_text(self, card_id: str) -> str:
        if card_id in self._conflicts:
            return f"충돌 {len(self._conflicts[card_id])}곳"
        text = OUTCOME.get(self._outcome.get(card_id, ""), "변경 없음")
        why = self._why.get(card_id)
        return f"{text}: {why}" if why else text

    def choices(self) -> dict[str, dict[str, Choice]]:
        """Per card id, per Conflict.key: what to keep (only the places chosen)."""
        return {cid: dict(ch) for cid, ch in self._chosen.items() if ch}

    def choose(self, card_id: str, key: str, choice: Choice) -> None:
        self._chosen[card_id][key] = choice
        if self._current() == card_id:
            self._refresh()

    def conflicts(self, card_id: str) -> list[Conflict]:
        return list(self._conflicts.get(card_id, []))

    def _choose_card(self, choice: Choice) -> None:
        cid = self._current()
        if cid in self._conflicts:
            self._chosen[cid] = {c.key: choice for c in self._conflicts[cid]}
            self._refresh()

    def _choose_all(self, choice: Choice) -> None:
        for cid, conflicts in self._conflicts.items():
            self._chosen[cid] = {c.key: choice for c in conflicts}
        self._refresh()

    # ------------------------------------------------------------ showing one card

    def _current(self) -> str:
        row = self.cards.currentRow()
        return self._cards[row].id if 0 <= row < len(self._cards) else ""

    def _show(self, row: int) -> None:
        card = self._cards[row] if 0 <= row < len(self._cards) else None
        conflicts = self._conflicts.get(card.id, []) if card else []
        for b in (self.card_here, self.card_theirs):
            b.setEnabled(bool(conflicts))
        self.places.setRowCount(len(conflicts))
        if card is None:
            self.card_label.setText("")
            return
        name = " ".join(x for x in (card.number, card.title) if x) or "(제목 없음)"
        if not conflicts:
            self.card_label.setText(f"{name}: {self.outcome_text(card.id)} — 고를 곳이 없습니다")
            return
        for i, c in enumerate(conflicts):
            base = "(공통 조상 없음)" if c.base is None else c.base
            for j, v in enumerate((c.where, _shown(c.here), _shown(c.theirs), base)):
                item = QTableWidgetItem(v)
                item.setToolTip(v)
                self.places.setItem(i, j, item)
            box = QComboBox()
            for value, label in CHOICES:
                box.addItem(label, value)
            box.setToolTip("고르지 않으면 여기 것을 둡니다")
            box.currentIndexChanged.connect(
                lambda idx, cid=card.id, key=c.key: self.choose(cid, key, CHOICES[idx][0]))
            self.places.setCellWidget(i, 4, box)
        self._refresh()
        self.places.resizeRowsToContents()

    def _refresh(self) -> None:
        """The selected card's label, bold for the side kept and each place's choice, from `_chosen`."""
        cid = self._current()
        conflicts = self._conflicts.get(cid, [])
        if not conflicts:
            return
        card = self._cards[self.cards.currentRow()]
        name = " ".join(x for x in (card.number, card.title) if x) or "(제목 없음)"
        chosen = self._chosen[cid]
        self.card_label.setText(f"<b>{name}</b>: 양쪽에서 다르게 고친 곳 {len(conflicts)}곳 "
                                f"(고른 곳 {sum(1 for c in conflicts if c.key in chosen)}곳)")
        for i, c in enumerate(conflicts):
            kept = chosen.get(c.key, "here")
            for j in (1, 2):
                item = self.places.item(i, j)
                if item is not None:
                    font = item.font()
                    font.setBold(kept == ("here" if j == 1 else "theirs"))
                    item.setFont(font)
            box = self.places.cellWidget(i, 4)
            if isinstance(box, QComboBox):
                box.blockSignals(True)
                box.setCurrentIndex(1 if kept == "theirs" else 0)
                box.blockSignals(False)
