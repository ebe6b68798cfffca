"""ReportLab tables built with their whole-table cell settings as defaults instead of commands.

A style command such as ("LEFTPADDING", (0, 0), (-1, -1), 2.5) makes ReportLab visit every cell
and set the value on it, one Python call per cell per command; our tables start with eight of
those. Here such a command, when nothing before it sets the same property, becomes a class
default of the cells' CellStyle instead — the same value in every cell, the same PDF — and only
the remaining commands are applied cell by cell, in their order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle
from reportlab.platypus.tables import CellStyle

# style command → the CellStyle attribute it sets with its single value
_ATTR = {
    "FONTNAME": "fontname", "FACE": "fontname", "FONTSIZE": "fontsize", "SIZE": "fontsize",
    "LEADING": "leading", "ALIGN": "alignment", "ALIGNMENT": "alignment", "VALIGN": "valign",
    "LEFTPADDING": "leftPadding", "RIGHTPADDING": "rightPadding", "TOPPADDING": "topPadding",
    "BOTTOMPADDING": "bottomPadding",
}

class Table(RLTable):  # type: ignore[misc]
    """A table that lays itself out once per width, and splits inside merged group labels.

    Keep-with-next groups wrap a table to measure the group, then the frame wraps it again to place
    it: the same layout twice. A complete layout at a width is kept; a later call at that width with
    at least as much height would compute exactly the same, so it is skipped. A partial layout
    (ReportLab stops at the available height of a long table) is never reused.

    ReportLab never splits a table between two rows that one merged cell spans, so 60 rows under one
    group label ("소요예산(계획)" down the left) could not be printed at all. `group_labels` names
    such label cells; the table may split inside their rows, and the next page's part repeats the
    label, made by `continued(label, width)` ("소요예산(계획) (계속)"), as offices do. A split
    between whole groups (or moving the table on) is still preferred when it leaves no more than
    `keep_groups` points of the page empty.
    """

    _calc_memo: tuple[float, float] | None = None
    # (column, row) of a merged label spanning rows → its text; the continuation's label maker.
    group_labels: Mapping[tuple[int, int], str] = MappingProxyType({})
    continued: Callable[[str, float], Any] | None = None
    keep_groups = 0.0  # points of a page a split between whole groups may leave empty rather than cut one

    def _calc(self, availWidth: float, availHeight: float) -> None:
        memo = self._calc_memo
        if memo is not None and memo[0] == availWidth and availHeight >= memo[1]:
            return
        self._calc_memo = None
        super()._calc(availWidth, availHeight)
        if self._hmax == self._nrows:
            self._calc_memo = (availWidth, self._height)

    # ------------------------------------------------------------ splitting inside group labels

    def _repeat_count(self) -> int:
        rr = self.repeatRows
        return rr if isinstance(rr, int) else max(rr) + 1

    def _group_spans(self) -> list[tuple[tuple[int, int], str, tuple[int, int, int, int]]]:
        spans = []
        for cell, text in self.group_labels.items():
            span = self._spanRanges.get(cell) if self._spanCmds else None
            if span is not None and span[1] != span[3]:
                spans.append((cell, text, span))
        return spans

    def _span_width(self, span: tuple[int, int, int, int]) -> float:
        return float(self._colpositions[span[2] + 1] - self._colpositions[span[0]])

    def _need(self, value: Any, style: CellStyle, width: float) -> float:
        """The height a cell value needs at `width` (padding included)."""
        pad = style.topPadding + style.bottomPadding
        if isinstance(value, str):
            return float((style.leading or 1.2 * style.fontsize) * len(value.split("\n")) + pad)
        values = value if isinstance(value, (list, tuple)) else [value]
        return float(self._listCellGeom(values, width, style)[1] + pad)

    def _continuation(self, text: str, width: float) -> Any:
        assert self.continued is not None
        memo: dict[tuple[str, float], Any] = self.__dict__.setdefault("_continued_memo", {})
        key = (text, width)
        if key not in memo:
            memo[key] = self.continued(text, width)
        return memo[key]

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:
        n = int(super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans))
        groups = self._group_spans() if self.continued is not None and not ignoreSpans else []
        if not groups:
            return n
        heights = self._rowHeights
        impossible: dict[int, None] = {}
        others = [cell for cell in self._rowSpanCells if cell not in self.group_labels]
        self._getRowImpossible(impossible, others, self._spanRanges)
        if self._nosplitCmds:
            self._getRowImpossible(impossible, self._rowNoSplitCells, self._nosplitRanges)
        fits, used = 0, 0.0  # rows that fit the height
        for h in heights:
            if h is None or used + h > availHeight:
                break
            used += h
            fits += 1
        least = self._repeat_count() + 1
        kept = sum(heights[:n]) if n >= least else 0.0  # n < least: the table moves to the next page
        if availHeight - kept <= self.keep_groups:
            return n  # whole groups, and little of the page left empty
        for p in range(min(fits, len(heights) - 1), least - 1, -1):
            if p not in impossible and self._labels_fit_at(p, groups):
                return p
        return n

    def _labels_fit_at(self, p: int, groups: list[tuple[tuple[int, int], str, tuple[int, int, int, int]]]) -> bool:
        """Whether a split before row `p` leaves room for each label it cuts: the label above, its
        continuation below."""
        heights = self._rowHeights
        for (x, y), text, span in groups:
            sr, er = span[1], span[3]
            if not sr < p <= er:
                continue
            width = self._span_width(span)
            style = self._cellStyles[y][x]
            if sum(heights[sr:p]) < self._need(self._cellvalues[y][x], style, width) - 0.01:
                return False
            if None in heights[p:er + 1]:
                return False
            if sum(heights[p:er + 1]) < self._need(self._continuation(text, width), style, width) - 0.01:
                return False
        return True

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) == 2 and self.group_labels:
            self._carry_labels(parts[0], parts[1])
        return parts

    def _carry_labels(self, first: Table, rest: Table) -> None:
        """Hand the group labels on to both parts; a label cut by the split is repeated in the rest."""
        n, nrr = first._nrows, self._repeat_count()
        if rest._nrows != nrr + self._nrows - n or self.continued is None:
            return  # a row split inside (a cell taller than a page): ReportLab has split the labels itself
        first.continued = rest.continued = self.continued
        first.keep_groups = rest.keep_groups = self.keep_groups
        first.group_labels = {cell: t for cell, t in self.group_labels.items() if cell[1] < n}
        rest.group_labels = {(x, y - n + nrr): t for (x, y), t in self.group_labels.items() if y >= n}
        cut = [(x, text, span) for (x, _y), text, span in self._group_spans() if span[1] < n <= span[3]]
        if not cut:
            return
        row = rest._cellvalues[nrr] = list(rest._cellvalues[nrr])  # its own row: the original stays as it was
        for x, text, span in cut:
            row[x] = self._continuation(text, self._span_width(span))
            rest.group_labels[(x, nrr)] = text


_classes: dict[tuple[tuple[str, Any], ...], type[CellStyle]] = {}


def _cell_class(defaults: tuple[tuple[str, Any], ...]) -> type[CellStyle]:
    cls = _classes.get(defaults)
    if cls is None:
        cls = _classes[defaults] = type("CellDefaults", (CellStyle,), dict(defaults))
    return cls


def table(data: Sequence[Sequence[Any]], style: TableStyle | Sequence[tuple[Any, ...]], **kw: Any) -> RLTable:
    """RLTable(data, style=style, **kw), with whole-table cell settings applied as defaults."""
    cmds = style.getCommands() if isinstance(style, TableStyle) else list(style)
    defaults: dict[str, Any] = {}
    rest: list[tuple[Any, ...]] = []
    touched: set[str] = set()
    for cmd in cmds:
        attr = _ATTR.get(cmd[0])
        if attr is not None and len(cmd) == 4 and tuple(cmd[1]) == (0, 0) and tuple(cmd[2]) == (-1, -1) \
                and attr not in touched and attr not in defaults:
            defaults[attr] = cmd[3]
            continue
        rest.append(cmd)
        if attr is not None:
            touched.add(attr)
    rows = [list(r) for r in data]
    ncols = len(rows[0]) if rows else 0
    if not defaults or not ncols:
        return Table(rows, style=TableStyle(cmds), **kw)
    cls = _cell_class(tuple(sorted(defaults.items(), key=lambda kv: kv[0])))
    cell_styles = [[cls(repr((i, j))) for j in range(ncols)] for i in range(len(rows))]
    return Table(rows, style=TableStyle(rest), cellStyles=cell_styles, **kw)
