"""Relations a table declares (model.Relation): sum, le, ratio, no_future — on any template.

Sums build on tables.TableValues, the one reading of "which cells are derived" that the editor,
the PDF and the workbook share. A derived cell that is not stated is shown computed and so cannot
disagree; a stated one (imported cards) is compared with the sum of its operands.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.checks import codes
from desktop.core.checks.cells import cell_unit
from desktop.core.checks.labels import cell_label, clean, fmt, fmt_sum
from desktop.core.checks.precision import agree_total
from desktop.core.dates import fmt_date
from desktop.core.findings import Finding, Place
from desktop.core.layout import year_of
from desktop.core.model import Card, Relation, Table
from desktop.core.numbers import decimal_places
from desktop.core.tables import SumSpec, TableValues, select_columns, select_rows

ZERO = Decimal(0)
Cell = tuple[str, str]


class _Ctx:
    """One table under check: its values and where its findings go."""

    def __init__(self, tv: TableValues, block: str, item: tuple[int, ...]) -> None:
        self.tv = tv
        self.table = tv.table
        self.block = block
        self.item = item
        self.out: list[Finding] = []

    def add(self, code: str, message: str, cell: Cell, stated: str = "", computed: str = "") -> None:
        place = Place(block=self.block, item=self.item, row=cell[0], col=cell[1])
        self.out.append(Finding(code, codes.severity(code), message, place, stated, computed))

    def label(self, cell: Cell) -> str:
        return cell_label(self.table, *cell)

    def covered(self, cell: Cell) -> bool:
        """A derived cell whose operands hold values: its parts are checked one by one instead."""
        return self.tv.is_derived(*cell) and self.tv.computed(*cell) is not None


def check_relations(card: Card, tv: TableValues, block: str, item: tuple[int, ...]) -> list[Finding]:
    ctx = _Ctx(tv, block, item)
    _sums(ctx)
    for rel in tv.table.relations:
        try:
            if rel.kind == "le":
                _le(ctx, rel)
            elif rel.kind == "ratio":
                _ratio(ctx, rel)
            elif rel.kind == "no_future" and card.base_date is not None:
                _no_future(ctx, rel, card.base_date)
            elif rel.kind == "linear":
                _linear(ctx, rel)
        except ArithmeticError:  # absurd stored numbers (scale "NaN") make a relation unreadable, not a crash
            continue
    return ctx.out


# ---------------------------------------------------------------- sum

def _sums(ctx: _Ctx) -> None:
    tv = ctx.tv
    for spec in tv.specs:
        try:
            _sum(ctx, spec)
        except ArithmeticError:
            continue


def _sum(ctx: _Ctx, spec: SumSpec) -> None:
    tv = ctx.tv
    r, c = spec.target
    primary = tv.by_target.get(spec.target) is spec
    has, stated = tv.stated(r, c)
    if primary and not has:
        return  # shown computed: nothing stated to disagree
    computed = tv.computed(r, c, spec)
    if not has:
        # A second relation onto a computed cell (a 총 계 computed from line items, checked against
        # the sources below it): only when its operands hold something — an empty split is
        # unfinished, not contradictory.
        if computed is None:
            return
        value = tv.computed(r, c)
    else:
        value = stated
        if computed is None and _confirmed(tv, spec, stated):
            return
    operands = [tv.value(orow, ocol) for orow, ocol in spec.operands]
    if agree_total(value or ZERO, computed or ZERO, value, operands):
        return
    shown = [v for v in operands if v is not None]
    if not shown:
        rhs = "- (더할 칸이 모두 비어 있음)"
    elif len(shown) == 1:
        rhs = fmt(computed)
    else:
        rhs = f"{fmt_sum(shown)} = {fmt(computed)}"
    rel = ctx.table.relations[spec.relation]
    code = codes.SUM_ROW if rel.axis == "row" else codes.SUM_COL
    unit = _own_unit(ctx.table, spec.target)
    # A cell shown computed has nothing stated to replace: "계산값으로 바꾸기" is offered only for a stated one.
    ctx.add(code, f"{ctx.label(spec.target)} {fmt(value)}{unit if value is not None else ''} ≠ "
                  f"{rhs}{unit if shown else ''}", spec.target,
            fmt(value), fmt(computed) if has else "")


def _confirmed(tv: TableValues, spec: SumSpec, stated: Decimal | None) -> bool:
    """A stated total with every part of this relation empty, that another relation onto the same cell
    confirms (a 총 계 its sources add up to, the line items not yet written): this relation
    is unfinished, not contradictory — as sources left empty under a computed total are. Reported, it
    would offer to replace the confirmed total by "-", which the other relation then contradicts."""
    for other in tv.specs:
        if other is spec or other.target != spec.target:
            continue
        computed = tv.computed(*spec.target, other)
        if computed is not None and agree_total(stated or ZERO, computed, stated,
                                                [tv.value(*op) for op in other.operands]):
            return True
    return False


def _own_unit(table: Table, cell: Cell) -> str:
    """A unit the row or column itself declares ("개사"); the table's unit (백만원) goes unsaid."""
    r = table.row(cell[0])
    c = table.column(cell[1])
    return (r.unit if r is not None else "") or (c.unit if c is not None else "")


# ---------------------------------------------------------------- le

def _keys(table: Table, sel: str | list[str], rows: bool) -> list[str]:
    """A selector, or a bare row key / group name ("소요예산(계획)") as the `le` target allows."""
    pick = select_rows if rows else select_columns
    found = pick(table, sel)
    if found or isinstance(sel, list):
        return found
    if (table.row(sel) if rows else table.column(sel)) is not None:
        return [sel]
    return pick(table, "group:" + sel)


def _pairs(table: Table, lhs: list[str], rhs: list[str], rows: bool) -> list[tuple[str, str]]:
    if len(lhs) == 1 and len(rhs) == 1:
        return [(lhs[0], rhs[0])]

    def label(k: str) -> str:
        if rows:
            r = table.row(k)
            return clean(r.label) if r else k
        c = table.column(k)
        return clean(c.label) if c else k

    by_label: dict[str, str] = {}
    for k in rhs:
        by_label.setdefault(label(k), k)
    pairs = []
    for k in lhs:
        other = by_label.get(label(k))
        if other is not None and other != k:
            pairs.append((k, other))
    return pairs


def _le(ctx: _Ctx, rel: Relation) -> None:
    t = ctx.table
    rows = rel.axis == "col"  # axis "col": rows paired, compared in every column of scope
    pairs = _pairs(t, _keys(t, rel.of, rows), _keys(t, rel.targets or rel.target, rows), rows)
    across = select_columns(t, rel.scope) if rows else select_rows(t, rel.scope)
    for a, b in pairs:
        for k in across:
            lcell: Cell = (a, k) if rows else (k, a)
            rcell: Cell = (b, k) if rows else (k, b)
            if ctx.covered(lcell):
                continue
            lhs = ctx.tv.value(*lcell)
            if lhs is None or lhs <= ZERO:
                continue
            rhs = ctx.tv.value(*rcell)
            if lhs > (rhs or ZERO):
                ctx.add(codes.BOUND_LE, f"{ctx.label(lcell)} {fmt(lhs)} > {ctx.label(rcell)} {fmt(rhs)}",
                        lcell, fmt(lhs))


# ---------------------------------------------------------------- linear

def signed_terms(terms: list[str]) -> list[tuple[int, str]]:
    """["budget", "-spent", "+x"] → [(1, "budget"), (-1, "spent"), (1, "x")]."""
    out = []
    for t in terms:
        sign = -1 if t.startswith("-") else 1
        out.append((sign, t[1:] if t[:1] in "+-" else t))
    return out


def signed_text(values: list[tuple[int, Decimal | None]]) -> str:
    """ "5,000 − 3,000 − 1,000": the terms as the officer would work it out, empty ones as 0."""
    parts = []
    for i, (sign, v) in enumerate(values):
        shown = fmt(v if v is not None else ZERO)
        if i == 0:
            parts.append(shown if sign > 0 else f"−{shown}")
        else:
            parts.append(f"{'+' if sign > 0 else '−'} {shown}")
    return " ".join(parts)


def _linear(ctx: _Ctx, rel: Relation) -> None:
    """target = Σ ± terms, each cell as stated: a stated target is checked, an empty one is unfinished."""
    t = ctx.table
    terms = signed_terms(rel.terms)
    if rel.axis == "row":
        if t.column(rel.target) is None or any(t.column(k) is None for _, k in terms):
            return
        lines = [((rk, rel.target), [(s, (rk, k)) for s, k in terms]) for rk in select_rows(t, rel.scope)]
    else:
        if t.row(rel.target) is None or any(t.row(k) is None for _, k in terms):
            return
        lines = [((rel.target, ck), [(s, (k, ck)) for s, k in terms]) for ck in select_columns(t, rel.scope)]
    for tcell, cells in lines:
        has, stated = ctx.tv.stated(*tcell)
        if not has:
            continue
        values = [(s, ctx.tv.value(*c)) for s, c in cells]
        if all(v is None for _, v in values):
            continue
        computed = sum((s * v for s, v in values if v is not None), ZERO)
        if agree_total(stated or ZERO, computed, stated, [v for _, v in values]):
            continue
        terms_text = " ".join(
            ("" if i == 0 and s > 0 else ("− " if s < 0 else "+ ")) + ctx.label(c) for i, (s, c) in enumerate(cells))
        ctx.add(codes.LINEAR, f"{ctx.label(tcell)} {fmt(stated)} ≠ {signed_text(values)} = {fmt(computed)} "
                      f"({clean(terms_text)})", tcell, fmt(stated), fmt(computed))


# ---------------------------------------------------------------- ratio

def _ratio(ctx: _Ctx, rel: Relation) -> None:
    t = ctx.table
    if rel.axis == "col":  # rows target/num/den, in each column of scope
        if t.row(rel.target) is None or t.row(rel.num) is None or t.row(rel.den) is None:
            return
        cells = [((rel.target, k), (rel.num, k), (rel.den, k)) for k in select_columns(t, rel.scope)]
    else:
        if t.column(rel.target) is None or t.column(rel.num) is None or t.column(rel.den) is None:
            return
        cells = [((k, rel.target), (k, rel.num), (k, rel.den)) for k in select_rows(t, rel.scope)]
    for tcell, ncell, dcell in cells:
        _ratio_cell(ctx, rel, tcell, ncell, dcell)


def _ratio_cell(ctx: _Ctx, rel: Relation, tcell: Cell, ncell: Cell, dcell: Cell) -> None:
    has, stated = ctx.tv.stated(*tcell)
    if not has or stated is None:
        return
    num = ctx.tv.value(*ncell)
    den = ctx.tv.value(*dcell)
    if num is None or den is None or den == ZERO:
        return
    exact = num / den * rel.scale
    places = decimal_places(stated)
    unit = Decimal(1).scaleb(-places)
    rounded = exact.quantize(unit, rounding=ROUND_HALF_UP)
    off = abs(stated - rounded) / unit
    if off == ZERO:
        return
    suffix = "%" if cell_unit(ctx.table, *tcell) == "%" or rel.scale == 100 else ""
    scale = "" if (suffix and rel.scale == 100) or rel.scale == 1 else f" × {fmt(rel.scale)}"
    shown = exact.quantize(Decimal(1).scaleb(-(places + 1)), rounding=ROUND_HALF_UP)
    code = codes.RATIO_ROUNDING if off <= 1 else codes.RATIO
    msg = (f"{ctx.label(tcell)} {fmt(stated)}{suffix} ≠ {fmt(num)} / {fmt(den)}{scale} = {fmt(shown)}{suffix}"
           + (" (마지막 자리 1 차이)" if code == codes.RATIO_ROUNDING else ""))
    ctx.add(code, msg, tcell, fmt(stated), fmt(rounded))


# ---------------------------------------------------------------- no_future

def _no_future(ctx: _Ctx, rel: Relation, base: date) -> None:
    t = ctx.table
    later = [c.key for c in t.columns if c.kind == "number" and (year_of(c.key) or 0) > base.year]
    if not later:
        return
    for rk in _keys(t, rel.of, True):
        for ck in later:
            cell = (rk, ck)
            if ctx.covered(cell):
                continue
            v = ctx.tv.value(*cell)
            if v is None or v == ZERO:
                continue
            ctx.add(codes.FUTURE_AMOUNT,
                    f"{ctx.label(cell)} {fmt(v)}: 기준일({fmt_date(base)}) 이후 연도의 금액입니다",
                    cell, fmt(v))
