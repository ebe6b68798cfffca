"""Read-only tables of the dashboard whose numbers click through: each cell may carry the ids of the
cards behind it and a Korean label for the list's filter chip ("완료 3건")."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from desktop.ui import palette

IDS_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2
_LINK = QColor(palette.ACCENT)
_MUTED = QColor(palette.TEXT_MUTED)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
ALL_COLUMNS, NUMBERS = -1, -2  # `stretch`: every column shares the width / all but the first (labels)


class CountTable(QTableWidget):
    """A small table sized to its rows (no inner scrolling); a click on a number emits its cards."""

    cards_chosen = Signal(str, list)  # label for the chip, card ids

    def __init__(self, parent: QWidget | None = None, *, stretch: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("dashTable")
        self._stretch = stretch
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setMouseTracking(True)
        hh = self.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(_CENTER)
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._link_font = QFont(self.font())
        self._link_font.setUnderline(True)
        self.cellClicked.connect(self._clicked)
        self.cellEntered.connect(self._entered)

    def set_table(self, headers: list[str], rows: list[list[QTableWidgetItem]], *, total_rows: int = 0) -> None:
        """Replace the content; the last `total_rows` rows are the totals (bold, shaded)."""
        self.setUpdatesEnabled(False)
        self.clear()
        self.setColumnCount(len(headers))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(headers)
        shade = QBrush(QColor(palette.DERIVED_BG))
        for r, row in enumerate(rows):
            total = r >= len(rows) - total_rows
            for c, item in enumerate(row):
                if total:
                    item.setBackground(shade)
                    f = QFont(item.font())
                    f.setBold(True)
                    item.setFont(f)
                self.setItem(r, c, item)
        hh = self.horizontalHeader()
        for c in range(len(headers)):
            stretch = c == self._stretch or self._stretch == ALL_COLUMNS or (self._stretch == NUMBERS and c > 0)
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
        self.resizeRowsToContents()
        self.setFixedHeight(self._height())
        self.setUpdatesEnabled(True)

    def _height(self) -> int:
        h = self.horizontalHeader().height() + 2 * self.frameWidth()
        h += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if self.horizontalScrollBar().isVisible():
            h += self.horizontalScrollBar().height()
        return h

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.resizeRowsToContents()
        self.setFixedHeight(self._height())

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, column)
        ids = item.data(IDS_ROLE) if item is not None else None
        if item is not None and ids:
            self.cards_chosen.emit(str(item.data(LABEL_ROLE)), list(ids))

    def _entered(self, row: int, column: int) -> None:
        item = self.item(row, column)
        clickable = item is not None and bool(item.data(IDS_ROLE))
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)

    def cell_of(self, label: str) -> QModelIndex:
        """The cell whose chip label is `label` (tests and the driver click it)."""
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                it = self.item(r, c)
                if it is not None and it.data(LABEL_ROLE) == label:
                    return self.model().index(r, c)
        return QModelIndex()


def text_item(text: str, *, tip: str = "", align: str = "left", color: str = "") -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setTextAlignment(_LEFT if align == "left" else _CENTER if align == "center" else _RIGHT)
    if tip:
        it.setToolTip(tip)
    if color:
        it.setForeground(QColor(color))
    return it


def count_item(text: str, ids: list[str], label: str, tip: str = "") -> QTableWidgetItem:
    """A number that clicks through to `ids` (none: shown muted, not clickable)."""
    it = QTableWidgetItem(text)
    it.setTextAlignment(_RIGHT)
    if ids:
        it.setData(IDS_ROLE, list(ids))
        it.setData(LABEL_ROLE, label)
        it.setForeground(_LINK)
        it.setToolTip((tip + "\n" if tip else "") + f"누르면 카드 {len(ids)}장을 목록에 보여 줍니다")
    else:
        it.setForeground(_MUTED)
        if tip:
            it.setToolTip(tip)
    return it
