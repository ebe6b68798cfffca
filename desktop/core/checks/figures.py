"""Figure fields (FieldDef kind "figure"): "750백만원(국700 구50)", "9.6백만원(구비)", "26,670백만원".

Checked: the split adds up to the total; the total equals the table cell the template names
(FieldDef.equals); each source's part equals that source's row (FieldDef.sources_row). Only stated
figure fields are read — never numbers in prose.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from desktop.core.checks import codes
from desktop.core.checks.labels import cell_label, clean, fmt, josa, table_name
from desktop.core.findings import Finding, Place
from desktop.core.model import Block, Card, Figure
from desktop.core.tables import TableValues
from desktop.core.templates import FieldDef, Template

ZERO = Decimal(0)

# Money units as Korean tables write them, in 원.
UNITS: dict[str, Decimal] = {
    "원": Decimal(1), "천원": Decimal(10) ** 3, "만원": Decimal(10) ** 4, "백만원": Decimal(10) ** 6,
    "천만원": Decimal(10) ** 7, "억원": Decimal(10) ** 8, "억": Decimal(10) ** 8, "십억원": Decimal(10) ** 9,
    "조원": Decimal(10) ** 12,
}


def _finding(code: str, message: str, place: Place, stated: str = "", computed: str = "") -> Finding:
    return Finding(code, codes.severity(code), message, place, stated, computed)


def _name(fd: FieldDef) -> str:
    return clean(fd.label) or fd.key


def _split(fig: Figure) -> tuple[list[tuple[str, Decimal]], Decimal | None] | None:
    """The parts with their amounts, an amount-less part taking what the others leave ("(구비)" is all
    of it), and the sum when every part states one. None when the split cannot be read (two parts
    without amounts)."""
    missing = [lbl for lbl, v in fig.parts if v is None]
    stated = [(lbl, v) for lbl, v in fig.parts if v is not None]
    total_of_stated = sum((v for _, v in stated), ZERO)
    if not missing:
        return stated, total_of_stated
    if len(missing) > 1 or fig.total is None:
        return None
    parts = [*stated, (missing[0], fig.total - total_of_stated)]
    return parts, None


def field_findings(card: Card, template: Template) -> list[Finding]:
    """What the figure fields say about themselves: the split against the total."""
    out: list[Finding] = []
    for fd in template.fields:
        fig = card.figures.get(fd.key)
        if fd.kind != "figure" or fig is None or fig.total is None or not fig.parts:
            continue
        unit = fig.unit or fd.unit
        split = _split(fig)
        if split is None:
            continue
        parts, total_of_stated = split
        if total_of_stated is not None and total_of_stated != fig.total:
            shown = " + ".join(f"{lbl} {fmt(v)}" for lbl, v in parts)
            out.append(_finding(
                codes.FIGURE_SPLIT,
                f"{_name(fd)} {fmt(fig.total)}{unit} ≠ {shown} = {fmt(total_of_stated)}{unit}",
                Place(field=fd.key), fmt(fig.total), fmt(total_of_stated)))
        elif total_of_stated is None and parts and parts[-1][1] < ZERO:
            others = " + ".join(f"{lbl} {fmt(v)}" for lbl, v in parts[:-1])
            out.append(_finding(
                codes.FIGURE_SPLIT,
                f"{_name(fd)} {fmt(fig.total)}{unit} < {others} = {fmt(fig.total - parts[-1][1])}{unit}",
                Place(field=fd.key), fmt(fig.total), fmt(fig.total - parts[-1][1])))
        if fd.sources_row:
            for lbl, _ in fig.parts:
                if template.source_for(lbl) is None:
                    names = ", ".join(s.label for s in template.sources)
                    out.append(_finding(
                        codes.FIGURE_SOURCE_UNKNOWN,
                        f"{_name(fd)}의 재원 '{lbl}'{josa(lbl, '을', '를')} 템플릿의 재원({names})에서 "
                        "찾을 수 없습니다",
                        Place(field=fd.key)))
    return out


def _has_numbers(tv: TableValues) -> bool:
    return any(isinstance(v, Decimal) for r in tv.table.rows for v in r.cells.values())


class _Against:
    """One figure field compared with one table: the unit conversion and the message shape."""

    def __init__(self, fd: FieldDef, fig: Figure, tv: TableValues, tname: Callable[[], str], col: str,
                 factor: Decimal, fig_unit: str, tab_unit: str) -> None:
        self.fd, self.fig, self.tv, self.tname, self.col = fd, fig, tv, tname, col
        self.factor, self.fig_unit, self.tab_unit = factor, fig_unit, tab_unit
        self.out: list[Finding] = []

    def compare(self, code: str, what: str, amount: Decimal, row: str, at: Place) -> None:
        want = self.tv.value(row, self.col)
        if amount * self.factor == (want or ZERO):
            return
        back = want / self.factor if want is not None else None  # the table's value in the field's unit
        self.out.append(_finding(
            code,
            f"{what} {fmt(amount)}{self.fig_unit} ≠ {self.tname()} "
            f"{cell_label(self.tv.table, row, self.col)} {fmt(want)}{self.tab_unit if want is not None else ''}",
            at, fmt(amount), fmt(back)))


def table_findings(card: Card, template: Template, block: Block, tv: TableValues) -> list[Finding]:
    """Figure fields that name a cell of this block's table: the total and each source's part."""
    out: list[Finding] = []
    table = tv.table
    for fd in template.fields:
        fig = card.figures.get(fd.key)
        if fd.kind != "figure" or fig is None or fd.equals.get("block") != block.key:
            continue
        row, col = fd.equals.get("row", ""), fd.equals.get("col", "")
        if table.column(col) is None or (row and table.row(row) is None) or not _has_numbers(tv):
            continue
        place = Place(field=fd.key, block=block.key, row=row, col=col)
        fig_unit = fig.unit or fd.unit or table.unit
        tab_unit = table.unit or fd.unit or fig_unit
        if fig_unit == tab_unit:
            factor = Decimal(1)
        elif fig_unit in UNITS and tab_unit in UNITS:
            factor = UNITS[fig_unit] / UNITS[tab_unit]  # figure amount × factor = amount in the table's unit
        else:
            out.append(_finding(
                codes.FIGURE_UNIT,
                f"{_name(fd)}의 단위 '{fig_unit}'{josa(fig_unit, '과', '와')} {table_name(block, (), template)} "
                f"표의 단위 '{tab_unit}'"
                f"{josa(tab_unit, '이', '가')} 달라 비교할 수 없습니다",
                place))
            continue
        check = _Against(fd, fig, tv, lambda: table_name(block, (), template), col, factor, fig_unit, tab_unit)
        if fig.total is not None and row:
            check.compare(codes.FIGURE_TOTAL, _name(fd), fig.total, row, place)
        split = _split(fig) if fd.sources_row and fig.total is not None and fig.parts else None
        by_source: dict[str, tuple[list[str], Decimal]] = {}
        for lbl, amount in split[0] if split is not None else []:
            src = template.source_for(lbl)
            if src is None:
                continue  # said once, by field_findings
            labels, acc = by_source.get(src.key, ([], ZERO))
            by_source[src.key] = ([*labels, lbl], acc + amount)
        whole = len(fig.parts) == 1 and fig.parts[0][1] is None
        for key, (labels, amount) in by_source.items():
            rk = fd.sources_row.replace("{source}", key)
            if table.row(rk) is None:
                continue
            what = f"{_name(fd)} {'·'.join(labels)}" + (" (전액)" if whole else "")
            check.compare(codes.FIGURE_SOURCE, what, amount, rk, Place(field=fd.key, block=block.key, row=rk, col=col))
        out.extend(check.out)
    return out
