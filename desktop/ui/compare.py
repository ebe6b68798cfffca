"""비교 for one card (SPEC §6.2): the card against its pledge's card at another 기준일, side by side —
종전 (the earlier 기준일) | 변경 (the later) — each change marked (added, removed, changed, moved; a
number cell with its change), from desktop/core/carddiff. The 기준일 itself is what is compared, not
a change, and is left out (as officediff does)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dates import fmt_date
from desktop.ui.timeline import change_rows, changes_table, fill_changes

if TYPE_CHECKING:
    from db.store import CardSummary, Store
    from desktop.core.model import Card
    from desktop.core.templates import TemplateRegistry


def card_name(c: Card | CardSummary) -> str:
    return " ".join(x for x in (c.number, c.title) if x) or "(제목 없음)"


class CardCompareDialog(QDialog):
    def __init__(self, store: Store, registry: TemplateRegistry, card_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.registry = registry
        self.card = store.get(card_id)
        self.setWindowTitle(f"다른 기준일과 비교 — {card_name(self.card)}")
        self.resize(1040, 640)
        mine = self.card.base_date
        others = [s for s in store.summaries() if s.pledge_id == self.card.pledge_id and s.id != card_id]
        others.sort(key=lambda s: (s.base_date is None, s.base_date), reverse=True)
        self.other_box = QComboBox()
        self.other_box.setObjectName("compareWith")
        for s in others:
            when = fmt_date(s.base_date) if s.base_date else "기준일 없음"
            self.other_box.addItem(f"{when} 카드 ({card_name(s)})", s.id)
        earlier = [i for i, s in enumerate(others) if mine is None or (s.base_date is not None and s.base_date < mine)]
        if earlier:
            self.other_box.setCurrentIndex(earlier[0])  # the period just before this one
        self.other_box.currentIndexChanged.connect(self.compare)

        self.sides = QLabel()
        self.sides.setObjectName("panelTitle")
        self.sides.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("mutedLabel")
        self.table = changes_table()
        self.table.setObjectName("cardChanges")
        top = QHBoxLayout()
        top.addWidget(QLabel(f"이 카드 ({fmt_date(mine) if mine else '기준일 없음'})와 비교할 카드:"))
        top.addWidget(self.other_box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("닫기")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.sides)
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(buttons)
        lay.addLayout(bottom)
        if not others:
            self.other_box.setEnabled(False)
            self.sides.setText("이 공약은 다른 기준일의 카드가 없습니다. 새 기준일을 열면 기준일마다 카드가 생깁니다.")
        self.compare()

    def compare(self) -> None:
        from desktop.core.carddiff import diff_cards

        other_id = self.other_box.currentData()
        if not other_id:
            self.table.setRowCount(0)
            self.count.setText("")
            return
        other = self.store.get(str(other_id))
        old, new = sorted((other, self.card), key=lambda c: c.base_date or date.min)
        changes = [ch for ch in diff_cards(old, new, self.registry.templates.get(new.template))
                   if ch.place.field != "base_date"]
        self.sides.setText(f"종전: {fmt_date(old.base_date) or '기준일 없음'} 카드   |   "
                           f"변경: {fmt_date(new.base_date) or '기준일 없음'} 카드")
        self.table.setHorizontalHeaderLabels(["구분", "위치", f"종전 ({fmt_date(old.base_date)})",
                                              f"변경 ({fmt_date(new.base_date)})"])
        fill_changes(self.table, change_rows(changes))
        self.count.setText(f"바뀐 곳 {len(changes)}곳" if changes else "두 카드의 내용이 같습니다 (기준일만 다릅니다).")
