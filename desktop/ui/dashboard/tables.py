"""Read-only tables of the dashboard whose numbers click through: each cell may carry the ids of the
cards behind it and a Korean label for the list's filter chip ("완료 3건").

The panel describes a table as rows of `Cell`s (plain Python values); `CountTable.set_table` compares
them with what it shows and touches only the cells that changed — a re-filter changes counts, not the
table's shape, so no item, header or row height is made again unless it has to be (issue 16: the
dashboard re-filtered < 50 ms with 1,000 cards)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from desktop.ui import palette

IDS_ROLE = Qt.ItemDataRole.UserRole + 1  # how many cards a number clicks through to (0/None: not a link)
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2  # its chip label; the ids themselves stay in Python (`ids_at`)
_LINK = QColor(palette.ACCENT)
_MUTED = QColor(palette.TEXT_MUTED)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_ALIGN = {"left": _LEFT, "center": _CENTER, "right": _RIGHT}
ALL_COLUMNS, NUMBERS = -1, -2  # `stretch`: every column shares the width / all but the first (labels)


@dataclass(frozen=True)
class Cell:
    """What one cell shows: a text (free text may wrap: `wrap`) or a number clicking through to `ids`."""

    text: str
    ids: tuple[str, ...] = ()
    label: str = ""  # the chip's label when clicked
    tip: str = ""
    align: str = "left"
    color: str = ""  # a text's own colour ("" = the table's)
    count: bool = False  # a number (link colour when it has cards, muted without)
    icon: str = ""  # a colour swatch beside the text (#RRGGBB)
    wrap: bool = True  # free text that may take more than one line

    def item(self, total: bool, bold: QFont | None, shade: QBrush | None) -> QTableWidgetItem:
        it = QTableWidgetItem(self.text)
        it.setTextAlignment(_ALIGN[self.align])
        if self.count:
            if self.ids:
                it.setData(IDS_ROLE, len(self.ids))  # not the ids: a list of 1,000 made into a QVariant
                it.setData(LABEL_ROLE, self.label)
                it.setForeground(_LINK)
            else:
                it.setForeground(_MUTED)
        elif self.color:
            it.setForeground(QColor(self.color))
        if self.tip:
            it.setToolTip(self.tip)
        if self.icon:
            it.setIcon(swatch(self.icon))
        if total and shade is not None and bold is not None:
            it.setBackground(shade)
            it.setFont(bold)
        return it


def swatch(color: str) -> QIcon:
    """The status's colour as a small square beside its name (the text stays black: legible)."""
    pm = QPixmap(12, 12)
    pm.fill(QColor(color))
    return QIcon(pm)


class CountTable(QTableWidget):
    """A small table sized to its rows (no inner scrolling); a click on a number emits its cards."""

    cards_chosen = Signal(str, list)  # label for the chip, card ids

    def __init__(self, parent: QWidget | None = None, *, stretch: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("dashTable")
        self._stretch = stretch
        self._headers: list[str] = []
        self._cells: list[list[Cell]] = []
        self._total_rows = 0
        self._stretched: set[int] = set()  # the columns sharing the width (their free text wraps)
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
        self._shade = QBrush(QColor(palette.DERIVED_BG))
        self.cellClicked.connect(self._clicked)
        self.cellEntered.connect(self._entered)

    def set_table(self, headers: list[str], rows: list[list[Cell]], *, total_rows: int = 0) -> None:
        """Show these rows; the last `total_rows` rows are the totals (bold, shaded). Only what differs
        from the table shown is changed: the headers and the column modes when the columns change, a
        cell's item when the cell (or whether its row is a total) changes, row heights when free text
        changes or a column sized to its contents changes width."""
        model = self.model()
        self.setUpdatesEnabled(False)
        try:
            same_columns = headers == self._headers
            if not same_columns:
                self.setColumnCount(len(headers))
                self.setHorizontalHeaderLabels(headers)
                hh = self.horizontalHeader()
                self._stretched = {c for c in range(len(headers)) if c == self._stretch
                                   or self._stretch == ALL_COLUMNS or (self._stretch == NUMBERS and c > 0)}
                for c in range(len(headers)):
                    hh.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c in self._stretched
                                            else QHeaderView.ResizeMode.ResizeToContents)
                self._headers = list(headers)
            if len(rows) != self.rowCount():
                self.setRowCount(len(rows))
            old = self._cells if same_columns else []
            old_totals = len(old) - self._total_rows  # the first total row shown
            resize: list[int] = []
            widths = not same_columns
            changed = False
            model.blockSignals(True)  # one dataChanged for the table, not one per cell (each re-sizes columns)
            for r, row in enumerate(rows):
                total = r >= len(rows) - total_rows
                before = old[r] if r < len(old) and (r >= old_totals) == total else []
                grow = r >= len(old)
                for c, cell in enumerate(row):
                    was = before[c] if c < len(before) else None
                    if cell == was:
                        continue
                    self.setItem(r, c, cell.item(total, self._bold, self._shade))
                    changed = True
                    grow = grow or was is None or (cell.wrap and cell.text != was.text)
                    widths = widths or was is None or len(cell.text) != len(was.text)
                for c in range(len(row), len(before)):
                    self.takeItem(r, c)
                    changed = True
                if grow:
                    resize.append(r)
            model.blockSignals(False)
            if changed and rows and headers:
                model.dataChanged.emit(model.index(0, 0), model.index(len(rows) - 1, len(headers) - 1), [])
            self._cells = [list(row) for row in rows]
            self._total_rows = total_rows
            if widths:  # a column sized to its contents follows them
                self._fit_columns()
            if widths and any(cell.wrap for row in rows for c, cell in enumerate(row) if c in self._stretched):
                self.resizeRowsToContents()  # the stretched columns' widths changed: their free text wraps anew
            else:
                for r in resize:
                    self.resizeRowToContents(r)
            h = self._height()
            if self.minimumHeight() != h or self.maximumHeight() != h:
                self.setFixedHeight(h)
        finally:
            model.blockSignals(False)
            self.setUpdatesEnabled(True)

    def _fit_columns(self) -> None:
        hh = self.horizontalHeader()
        for c in range(self.columnCount()):
            if hh.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents:
                hh.resizeSection(c, max(hh.sectionSizeHint(c), self.sizeHintForColumn(c)))

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

    def ids_at(self, row: int, column: int) -> list[str]:
        """The cards behind a cell ([] for text and for a number of no cards)."""
        if 0 <= row < len(self._cells) and 0 <= column < len(self._cells[row]):
            return list(self._cells[row][column].ids)
        return []

    def _clicked(self, row: int, column: int) -> None:
        ids = self.ids_at(row, column)
        if ids:
            self.cards_chosen.emit(self._cells[row][column].label, ids)

    def _entered(self, row: int, column: int) -> None:
        clickable = bool(self.ids_at(row, column))
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)

    def cell_of(self, label: str) -> QModelIndex:
        """The cell whose chip label is `label` (tests and the driver click it)."""
        for r, row in enumerate(self._cells):
            for c, cell in enumerate(row):
                if cell.ids and cell.label == label:
                    return self.model().index(r, c)
        return QModelIndex()


def text_item(text: str, *, tip: str = "", align: str = "left", color: str = "", icon: str = "") -> Cell:
    return Cell(text, tip=tip, align=align, color=color, icon=icon, wrap=align == "left")


def count_item(text: str, ids: list[str], label: str, tip: str = "") -> Cell:
    """A number that clicks through to `ids` (none: shown muted, not clickable)."""
    if ids:
        tip = (tip + "\n" if tip else "") + f"누르면 카드 {len(ids)}장을 목록에 보여 줍니다"
    return Cell(text, tuple(ids), label if ids else "", tip, "right", count=True, wrap=False)
