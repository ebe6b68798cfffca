"""ReportLab tables built with their whole-table cell settings as defaults instead of commands.

A style command such as ("LEFTPADDING", (0, 0), (-1, -1), 2.5) makes ReportLab visit every cell
and set the value on it, one Python call per cell per command; our tables start with eight of
those. Here such a command, when nothing before it sets the same property, becomes a class
default of the cells' CellStyle instead — the same value in every cell, the same PDF — and only
the remaining commands are applied cell by cell, in their order.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    """A table that lays itself out once per width.

    Keep-with-next groups wrap a table to measure the group, then the frame wraps it again to place
    it: the same layout twice. A complete layout at a width is kept; a later call at that width with
    at least as much height would compute exactly the same, so it is skipped. A partial layout
    (ReportLab stops at the available height of a long table) is never reused.
    """

    _calc_memo: tuple[float, float] | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:
        memo = self._calc_memo
        if memo is not None and memo[0] == availWidth and availHeight >= memo[1]:
            return
        self._calc_memo = None
        super()._calc(availWidth, availHeight)
        if self._hmax == self._nrows:
            self._calc_memo = (availWidth, self._height)


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
