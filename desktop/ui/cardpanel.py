"""The list side of the main window: the period selector (현재 기준일 or an earlier one), search box,
filters by 부서, 상태 and template, the card table (model and filter proxy in cardlist.py) and a
count. Emits the card the user picks and the period chosen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import combos
from desktop.ui.cardlist import (
    ALL,
    COL_DATE,
    COL_DEPT,
    COL_FINDINGS,
    COL_NUMBER,
    COL_PROGRESS,
    COL_STATUS,
    COL_TITLE,
    ID_ROLE,
    CardFilterProxy,
    CardListModel,
)

if TYPE_CHECKING:
    from db.periodstore import PeriodInfo
    from db.store import CardSummary


def period_label(p: PeriodInfo | None, latest: PeriodInfo | None = None) -> str:
    """The selector's entry: "현재 기준일 (2025. 9. 30.)" or "2025. 6. 30. · 카드 40장 · 닫힘"."""
    from desktop.core.dates import fmt_date

    if p is None:
        return f"현재 기준일 ({fmt_date(latest.base_date)})" if latest is not None else "현재 기준일"
    closed = " · 닫힘" if p.state == "closed" else ""
    return f"{fmt_date(p.base_date)} · 카드 {p.cards}장{closed}"


class CardListPanel(QWidget):
    """Search box, three filter combos, the table and a count; emits the card the user picks."""

    card_activated = Signal(str)  # the current card changed to this id (never "")
    period_chosen = Signal(object)  # the user chose a period: its 기준일 (date), or None for the current one
    back_to_dashboard = Signal()  # the chip's "대시보드로"

    def __init__(self, template_labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardListPanel")
        self.model = CardListModel(self)
        self.proxy = CardFilterProxy(self.model)
        self._template_labels = template_labels
        self._filtering = False
        self._shown_id = ""  # the card the user last picked (what the editor shows)

        self.period_box = QComboBox()
        self.period_box.setObjectName("periodBox")
        self.period_box.setToolTip("보여 줄 기간: 현재 기준일(공약마다 가장 최근 기준일의 카드) 또는 지난 기준일")
        self.period_box.addItem("현재 기준일", "")  # data: the 기준일 in ISO, "" for the current period
        self.period_box.currentIndexChanged.connect(self._on_period)
        period_row = QHBoxLayout()
        period_row.setSpacing(6)
        period_label_ = QLabel("기간")
        period_label_.setObjectName("mutedLabel")
        period_row.addWidget(period_label_)
        period_row.addWidget(self.period_box, 1)

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("검색: 제목, 부서, 본문 (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_query)

        self.dept_box = self._combo("모든 부서")
        self.status_box = self._combo("모든 상태")
        self.template_box = self._combo("모든 템플릿")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        for box in (self.dept_box, self.status_box, self.template_box):
            filters.addWidget(box, 1)

        self.chip = QFrame()  # "대시보드에서: 완료 3건" — the list shows the cards behind a dashboard number
        self.chip.setObjectName("dashChip")
        chip = QHBoxLayout(self.chip)
        chip.setContentsMargins(8, 3, 3, 3)
        chip.setSpacing(4)
        self.chip_text = QLabel()
        self.chip_text.setObjectName("dashChipText")
        self.chip_back = QPushButton("대시보드로")
        self.chip_back.setToolTip("대시보드로 돌아갑니다 (Ctrl+2)")
        self.chip_back.clicked.connect(self.back_to_dashboard)
        self.chip_clear = QPushButton("✕ 모두 보기")
        self.chip_clear.setToolTip("이 조건을 지우고 모든 카드를 보여 줍니다")
        self.chip_clear.clicked.connect(self.clear_ids)
        chip.addWidget(self.chip_text, 1)
        chip.addWidget(self.chip_back)
        chip.addWidget(self.chip_clear)
        self.chip.hide()

        self.view = QTableView()
        self.view.setObjectName("cardTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        vh = self.view.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.view.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_NUMBER, 72), (COL_DEPT, 76), (COL_STATUS, 56), (COL_PROGRESS, 38),
                           (COL_DATE, 68), (COL_FINDINGS, 58)):
            hh.resizeSection(col, width)
        hh.setMinimumSectionSize(30)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.proxy.modelReset.connect(self._reselect)

        self.count = QLabel()
        self.count.setObjectName("listCount")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addLayout(period_row)
        lay.addWidget(self.search)
        lay.addLayout(filters)
        lay.addWidget(self.chip)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.count)

        self._update_count()

    def _combo(self, all_label: str) -> QComboBox:
        box = QComboBox()
        box.addItem(all_label, ALL)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        box.currentIndexChanged.connect(self._on_filter)
        return box

    # -- periods
    def set_periods(self, periods: list[PeriodInfo], selected: date | None) -> None:
        """Fill the selector: 현재 기준일 first, then every period newest first (cards, 닫힘)."""
        box = self.period_box
        box.blockSignals(True)
        box.clear()
        latest = periods[-1] if periods else None
        box.addItem(period_label(None, latest), "")
        for p in reversed(periods):
            box.addItem(period_label(p), p.base_date.isoformat())
            if p.state == "closed":
                box.setItemData(box.count() - 1, "닫힌 기간: 읽기만 할 수 있습니다", Qt.ItemDataRole.ToolTipRole)
        i = box.findData(selected.isoformat()) if selected is not None else 0
        box.setCurrentIndex(max(i, 0))
        box.setEnabled(bool(periods))
        box.blockSignals(False)

    def selected_period(self) -> date | None:
        d = self.period_box.currentData()
        return date.fromisoformat(d) if isinstance(d, str) and d else None

    def _on_period(self) -> None:
        self.period_chosen.emit(self.selected_period())

    # -- content
    def set_summaries(self, rows: list[CardSummary]) -> None:
        self._drop_ids()  # another period or a reload: the dashboard's cards were of the list before
        self.model.set_rows(rows)
        self._refill_combos()
        self.proxy.apply()
        self._update_count()

    def upsert(self, s: CardSummary) -> None:
        known = (s.dept, s.status, s.template)
        self.model.upsert(s)
        if any(box.findData(v) < 0 for box, v in zip(
                (self.dept_box, self.status_box, self.template_box), known, strict=True) if v):
            self._refill_combos()
        self._update_count()

    def remove(self, card_id: str) -> None:
        self.model.remove(card_id)
        self._update_count()

    def _refill_combos(self) -> None:
        rows = self.model.rows
        depts = sorted({s.dept for s in rows if s.dept})
        statuses = sorted({s.status for s in rows if s.status})
        templates = sorted({s.template for s in rows})
        for box, values, labels in ((self.dept_box, depts, {}), (self.status_box, statuses, {}),
                                    (self.template_box, templates, self._template_labels)):
            combos.refill(box, values, labels)

    # -- filtering
    def _on_query(self, text: str) -> None:
        self.proxy.query = text
        self._apply()

    def _on_filter(self) -> None:
        self.proxy.dept = str(self.dept_box.currentData() or ALL)
        self.proxy.status = str(self.status_box.currentData() or ALL)
        self.proxy.template = str(self.template_box.currentData() or ALL)
        self._apply()

    def _apply(self) -> None:
        self.proxy.apply()
        self._update_count()

    # -- the dashboard's click-through
    def show_ids(self, label: str, ids: list[str]) -> None:
        """Show exactly these cards (search and filters cleared), under a chip naming where they came from."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.proxy.query = ""
        for box in (self.dept_box, self.status_box, self.template_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.proxy.dept = self.proxy.status = self.proxy.template = ALL
        self.proxy.ids = frozenset(ids)
        self.chip_text.setText(f"대시보드에서: {label}")
        self.chip_text.setToolTip(f"대시보드에서 고른 카드만 보여 줍니다: {label}")
        self.chip.show()
        self._apply()

    def clear_ids(self) -> None:
        if self._drop_ids():
            self._apply()

    def _drop_ids(self) -> bool:
        if self.proxy.ids is None:
            return False
        self.proxy.ids = None
        self.chip.hide()
        return True

    def shown_label(self) -> str:
        """The chip's text ("" when the list is not narrowed by the dashboard)."""
        return self.chip_text.text() if self.chip.isVisible() or self.proxy.ids is not None else ""

    def _reselect(self) -> None:
        """After any reset of the shown rows (filter, sort, a new or deleted card): the card in the
        editor stays selected when it is shown — and the editor never switches cards on its own."""
        keep = self._shown_id
        row = self.model.row_of(keep) if keep else None
        if row is None:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():
            return
        self._filtering = True
        try:
            self.view.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._filtering = False
        self.view.scrollTo(idx)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(f"카드 {total}장" if shown == total else f"카드 {total}장 중 {shown}장")

    # -- selection
    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid() and not self._filtering:
            self._shown_id = str(current.data(ID_ROLE))
            self.card_activated.emit(self._shown_id)

    def select_id(self, card_id: str) -> bool:
        """Make `card_id` the current row (clearing a filter that hides it); False if unknown."""
        row = self.model.row_of(card_id)
        if row is None:
            return False
        src = self.model.index(row, 0)
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            self._drop_ids()
            self.search.clear()
            for box in (self.dept_box, self.status_box, self.template_box):
                box.setCurrentIndex(0)
            self._apply()
            idx = self.proxy.mapFromSource(src)
        sel = self.view.selectionModel()
        sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(idx)
        return True

    def current_id(self) -> str:
        idx = self.view.currentIndex()
        return str(idx.data(ID_ROLE)) if idx.isValid() else ""

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [str(i.data(ID_ROLE)) for i in sorted(rows, key=lambda i: i.row())]

    def visible_ids(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def first_id(self) -> str:
        return str(self.proxy.index(0, 0).data(ID_ROLE)) if self.proxy.rowCount() else ""
