"""The card list's model and filter: every card as saved (CardSummary — no body parsed, no check
re-run), in natural 관리번호 order, searched as you type and filtered by 부서, 상태 and template.
The widgets around them are in cardpanel.py.

Filtering 10,000 cards must stay under 30 ms per keystroke: the match is one Python pass over the
lower-case search text (narrowed while the query grows, cached for Backspace), and the proxy maps
rows without calling Python per source row. Sorting by a column happens in the source model with a
key function, not with a Python lessThan called n·log n times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QWidget,
)

from desktop.core.checks.labels import clean
from desktop.core.natural import card_order
from desktop.ui import palette

if TYPE_CHECKING:
    from db.store import CardSummary
    from desktop.core.model import Card
    from desktop.core.templates import Template

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ["관리번호", "공약제목", "주관부서", "추진상황", "진도", "기준일", "오류/경고"]
COL_NUMBER, COL_TITLE, COL_DEPT, COL_STATUS, COL_PROGRESS, COL_DATE, COL_FINDINGS = range(7)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY, _TOOLTIP, _FONT, _ALIGN, _FOREGROUND, _ID = (int(r) for r in (  # roles as plain ints
    Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value, Qt.ItemDataRole.FontRole.value,
    Qt.ItemDataRole.TextAlignmentRole.value, Qt.ItemDataRole.ForegroundRole.value, ID_ROLE))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
ALL = ""  # the "모든 …" entry of a filter combo
FilterKey = tuple[str, str, str, str, frozenset[str] | None]  # query, 부서, 상태, template, card ids
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def list_headers(rows: list[CardSummary], templates: Mapping[str, Template]) -> list[str]:
    """The column headers in the words of the template most listed cards use (사업명, 부서 …)."""
    names = Counter(s.template for s in rows if s.template in templates)
    if not names:
        return list(COLUMNS)
    t = templates[names.most_common(1)[0][0]]
    own = {COL_TITLE: "title", COL_DEPT: "dept", COL_STATUS: "status", COL_PROGRESS: "progress", COL_DATE: "base_date"}
    out = list(COLUMNS)
    if t.card_word != "공약" or t.list_columns:
        for col, key in own.items():
            f = t.field_def(key)
            out[col] = clean(f.label) if f is not None else COLUMNS[col]
    return out


def format_date(d: date | None) -> str:
    """기준일 in the list, compact: 2025.9.30."""
    return f"{d.year}.{d.month}.{d.day}." if d else "-"


def summary_of(card: Card, errors: int, warnings: int) -> CardSummary:
    """The list row of a card just saved, built here instead of re-reading the whole list."""
    from db.codec import search_text
    from db.store import CardSummary

    return CardSummary(
        id=card.id, pledge_id=card.pledge_id, template=card.template, number=card.number, title=card.title,
        dept=card.dept, status=card.status, progress=card.progress, base_date=card.base_date, org=card.org,
        errors=errors, warnings=warnings, version=card.version, updated_at=card.updated_at, deleted=False,
        search_text=search_text(card),
    )


def _sort_key(column: int) -> Callable[[CardSummary], Any]:
    last = (1,)
    keys: dict[int, Callable[[CardSummary], Any]] = {
        COL_NUMBER: lambda s: card_order(s.number, s.base_date, s.title, s.id),
        COL_TITLE: lambda s: (s.title == "", s.title.casefold()),
        COL_DEPT: lambda s: (s.dept == "", s.dept.casefold()),
        COL_STATUS: lambda s: (s.status == "", s.status),
        COL_PROGRESS: lambda s: last if s.progress is None else (0, s.progress),
        COL_DATE: lambda s: last if s.base_date is None else (0, s.base_date.toordinal()),
        COL_FINDINGS: lambda s: (s.errors, s.warnings),
    }
    return keys[column]


class CardListModel(QAbstractTableModel):
    """All live cards. `matches[i]` says whether row i passes the current filter (set by the proxy)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CardSummary] = []
        self.hay: list[str] = []
        self.matches: list[bool] = []
        self._by_id: dict[str, int] = {}
        self._sort = (COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)
        self._error = palette.color(palette.ERROR)
        self._warning = palette.color(palette.WARNING)
        self._muted = palette.color(palette.TEXT_MUTED)
        self.templates: Mapping[str, Template] = {}  # for the column headers in the cards' own words
        self.headers = list(COLUMNS)

    # -- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, c: int, role: int) -> Any:
        # Asked ~6 times per shown cell on every repaint: plain int compares, the common case first.
        if role == _DISPLAY:
            return self._text(self.rows[row], c)
        if role == _ID:
            return self.rows[row].id
        if c == COL_FINDINGS:
            s = self.rows[row]
            if role == _FOREGROUND:
                return self._error if s.errors else self._warning if s.warnings else self._muted
            if role == _FONT:
                return self._bold if (s.errors or s.warnings) else None
            if role == _ALIGN:
                return _CENTER
            if role == _TOOLTIP:
                return f"저장할 때 검사한 결과: 오류 {s.errors}건, 경고 {s.warnings}건"
            return None
        if role == _ALIGN and c == COL_PROGRESS:
            return _RIGHT
        if role == _TOOLTIP and c == COL_TITLE:
            return self.rows[row].title or None
        return None

    @staticmethod
    def _text(s: CardSummary, c: int) -> str:
        if c == COL_NUMBER:
            return s.number or "-"
        if c == COL_TITLE:
            return s.title or "(제목 없음)"
        if c == COL_DEPT:
            return s.dept or "-"
        if c == COL_STATUS:
            return s.status or "-"
        if c == COL_PROGRESS:
            return "-" if s.progress is None else f"{s.progress}%"
        if c == COL_DATE:
            return format_date(s.base_date)
        return f"{s.errors} / {s.warnings}"

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        was = [(p, self.rows[p.row()].id) for p in persistent]
        key = _sort_key(column)  # once, not once per row
        order_idx = sorted(range(len(self.rows)), key=lambda i: key(self.rows[i]),
                           reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = [self.rows[i] for i in order_idx]
        self.hay = [self.hay[i] for i in order_idx]
        self.matches = [self.matches[i] for i in order_idx]
        self._reindex()
        for p, cid in was:
            self.changePersistentIndex(p, self.index(self._by_id[cid], p.column()))
        self.layoutChanged.emit()

    # -- content
    def set_rows(self, rows: Iterable[CardSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.headers = list_headers(self.rows, self.templates)
        self.hay = [self._hay(s) for s in self.rows]
        self.matches = [True] * len(self.rows)
        if self._sort != (COL_NUMBER, Qt.SortOrder.AscendingOrder):  # the store gives natural order already
            key = _sort_key(self._sort[0])
            idx = sorted(range(len(self.rows)), key=lambda i: key(self.rows[i]),
                         reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
            self.rows = [self.rows[i] for i in idx]
            self.hay = [self.hay[i] for i in idx]
        self._reindex()
        self.endResetModel()

    def upsert(self, s: CardSummary) -> None:
        """Replace the row of s.id, or insert it where the current sort puts it."""
        i = self._by_id.get(s.id)
        if i is not None:
            self.rows[i] = s
            self.hay[i] = self._hay(s)
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
            return
        key = _sort_key(self._sort[0])
        desc = self._sort[1] == Qt.SortOrder.DescendingOrder
        k = key(s)
        pos = next((j for j, r in enumerate(self.rows) if (key(r) < k if desc else key(r) > k)), len(self.rows))
        self.beginInsertRows(QModelIndex(), pos, pos)
        self.rows.insert(pos, s)
        self.hay.insert(pos, self._hay(s))
        self.matches.insert(pos, True)  # a new card shows even when it does not match the search yet
        self._reindex()
        self.endInsertRows()

    def remove(self, card_id: str) -> None:
        i = self._by_id.get(card_id)
        if i is None:
            return
        self.beginRemoveRows(QModelIndex(), i, i)
        del self.rows[i], self.hay[i], self.matches[i]
        self._reindex()
        self.endRemoveRows()

    def row_of(self, card_id: str) -> int | None:
        return self._by_id.get(card_id)

    def summary(self, card_id: str) -> CardSummary | None:
        i = self._by_id.get(card_id)
        return None if i is None else self.rows[i]

    def _reindex(self) -> None:
        self._by_id = {s.id: i for i, s in enumerate(self.rows)}

    @staticmethod
    def _hay(s: CardSummary) -> str:
        # search_text (db.codec) already holds the number, title, 부서 and body text, lower-cased
        return s.search_text


class CardFilterProxy(QAbstractProxyModel):
    """The source rows that pass the filter, in source order.

    Unlike QSortFilterProxyModel, no Python code runs per source row on a filter change (that alone
    costs 10-20 ms for 10,000 cards): the match is one pass in `apply`, narrowed to the previous
    matches while the query only grows, and remembered for the way back (Backspace). Qt calls into
    Python only for the rows the view shows.
    """

    def __init__(self, source: CardListModel) -> None:
        super().__init__()
        self._src = source
        self._rows: list[int] = []
        self._pos: dict[int, int] | None = None
        self._cache: dict[FilterKey, list[bool]] = {}
        self._last: FilterKey | None = None
        self.query = ""
        self.dept = ALL
        self.status = ALL
        self.template = ALL
        self.ids: frozenset[str] | None = None  # only these cards (the dashboard's click-through)
        self.setSourceModel(source)
        for about, done in ((source.modelAboutToBeReset, source.modelReset),
                            (source.layoutAboutToBeChanged, source.layoutChanged),
                            (source.rowsAboutToBeInserted, source.rowsInserted),
                            (source.rowsAboutToBeRemoved, source.rowsRemoved)):
            about.connect(self._about)
            done.connect(self._done)
        source.dataChanged.connect(self._data_changed)
        self._rebuild()

    # -- structure follows the source (a reset: these are rare — load, sort, new, delete)
    def _about(self, *_: object) -> None:
        self.beginResetModel()

    def _done(self, *_: object) -> None:
        self._forget()
        self._rebuild()
        self.endResetModel()

    def _forget(self) -> None:
        self._cache.clear()
        self._last = None

    def _rebuild(self) -> None:
        self._rows = [i for i, m in enumerate(self._src.matches) if m]
        self._pos = None

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int] | None = None) -> None:
        self._forget()  # a saved card's text changed: cached matches are stale (the row stays shown)
        for r in range(top.row(), bottom.row() + 1):
            p = self._positions().get(r)
            if p is not None:
                self.dataChanged.emit(self.index(p, 0), self.index(p, self.columnCount() - 1))

    def _positions(self) -> dict[int, int]:
        if self._pos is None:
            self._pos = {s: p for p, s in enumerate(self._rows)}
        return self._pos

    # -- Qt proxy API
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def mapToSource(self, proxy: Index) -> QModelIndex:
        if not proxy.isValid() or proxy.row() >= len(self._rows):
            return QModelIndex()
        return self._src.index(self._rows[proxy.row()], proxy.column())

    def mapFromSource(self, source: Index) -> QModelIndex:
        p = self._positions().get(source.row()) if source.isValid() else None
        return QModelIndex() if p is None else self.createIndex(p, source.column())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self._src.headerData(section, orientation, role)

    # The view asks these for every shown cell and role: answered straight from the source rows,
    # without building a source QModelIndex per call (that doubles the cost of a repaint).
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self._src.cell(self._rows[index.row()], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._src.sort(column, order)

    # -- filtering
    def apply(self) -> None:
        """Match the current criteria and show the matching rows."""
        key = (" ".join(self.query.lower().split()), self.dept, self.status, self.template, self.ids)
        src = self._src
        matches = self._cache.get(key)
        if matches is None:
            matches = self._match(key)
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = matches
        self._last = key
        if matches is src.matches or matches == src.matches:
            return  # the same rows (a broad query growing): nothing to redraw
        self.beginResetModel()
        src.matches = matches
        self._rebuild()
        self.endResetModel()

    def _match(self, key: FilterKey) -> list[bool]:
        query, dept, status, template, ids = key
        src = self._src
        terms = query.split()
        if not (terms or dept or status or template) and ids is None:
            return [True] * len(src.rows)
        last = self._last
        if last is not None and last[1:] == key[1:] and query.startswith(last[0]) and last in self._cache:
            # the query only grew: a row that did not match before cannot match now
            before = self._cache[last]
            hay = src.hay
            out = list(before)
            for i, was in enumerate(before):
                if was and not all(t in hay[i] for t in terms):
                    out[i] = False
            return out
        if not (dept or status or template) and ids is None:
            if len(terms) == 1:
                t = terms[0]
                return [t in h for h in src.hay]
            return [all(t in h for t in terms) for h in src.hay]
        return [(not dept or s.dept == dept) and (not status or s.status == status)
                and (not template or s.template == template) and (ids is None or s.id in ids)
                and all(t in h for t in terms)
                for s, h in zip(src.rows, src.hay, strict=True)]
