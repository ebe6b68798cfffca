"""One card's money for the overview: 소요 / 확보(투입) / 집행, by source meaning, whole plan and in-term,
in 백만원 (exact Decimal, whatever unit the card's table is in).

Where the amounts are comes from the template only (desktop/core/budget.py). The in-term part is the
columns up to the end of the term: year columns up to `term_end`, and 기투자 (already spent before);
임기후 (or a year after the term) is not. A kind's total is its table row's 총계 (stated or computed);
what the sources do not account for (총계 ≠ Σ 재원) is kept as "기타(미분류): 재원 미구분", so the
parts always add up to the total and nothing is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from desktop.core.budget import Budget, Place, budget_field, find_budget
from desktop.core.layout import year_of
from desktop.core.model import Card, Column, Table
from desktop.core.tables import SumSpec, TableValues, select_rows, sum_specs
from desktop.core.templates import Template
from desktop.core.vocab import UNMAPPED, norm, source_meaning, to_unit

KINDS = ("needed", "secured", "spent")
KIND_NAMES = {"needed": "소요", "secured": "확보(투입)", "spent": "집행"}
UNSPLIT = f"{UNMAPPED}: 재원 미구분"
FIRST_TERM_END = 2026  # 민선 8기 (2022. 7. 1. ~ 2026. 6. 30.); terms last four years


def term_end_for(day: date) -> int:
    """The last year of the local-government term that holds `day` (terms end 30 June every 4 years)."""
    year = FIRST_TERM_END + 4 * -(-(day.year - FIRST_TERM_END) // 4)  # the first term end in or after its year
    if year == day.year and (day.month, day.day) > (6, 30):
        year += 4
    return year  # counted, not a date: a 기준일 in 9999 has its term end in 10002


@dataclass
class Amounts:
    """One kind (소요, 확보, 집행) of one card: by meaning, whole and in-term, in 백만원."""

    whole: dict[str, Decimal] = field(default_factory=dict)
    in_term: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.whole.values(), Decimal(0))

    @property
    def total_in_term(self) -> Decimal:
        return sum(self.in_term.values(), Decimal(0))


Condition = Literal["ok", "none", "unit"]


@dataclass
class CardFinance:
    condition: Condition  # ok; none: no budget table in its format; unit: an amount unit that is not money
    unit: str = ""  # the table's unit as written
    kinds: dict[str, Amounts] = field(default_factory=dict)  # only the kinds its format records


def column_year(col: Column) -> int | None:
    """The year a column stands for: its key (y2024), else a year in its label or its group
    ("2019년", "2022.6월" over 계획액/확보액)."""
    y = year_of(col.key)
    if y is not None:
        return y
    for text in (col.label, col.group):
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_SUM_LABELS = ("계", "합계", "총계")


def in_term_columns(table: Table, term_end: int, total_col: str | None = None) -> list[str] | None:
    """The number columns inside the term: years ≤ term_end and columns that are not years and not
    after the term (기투자); never a sum target (계).

    With `total_col` (the column of a kind's whole-plan amount): only the columns that column sums
    (성동구's 계획액 계 sums the 계획액 of each year, not the 확보액 beside them); None when that column is
    not a sum of columns — the table splits the amount by no year, so all of it counts in the term."""
    targets = {r.target for r in table.relations if r.kind == "sum" and r.axis == "row"}
    if total_col is not None:
        spec = next((s for s in sum_specs(table) if s.target[1] == total_col and s.operands
                     and all(r == s.target[0] for r, _ in s.operands)), None)
        if spec is None:
            return None
        allowed = {c for _, c in spec.operands}
    keys: list[str] = []
    for c in table.columns:
        if c.kind != "number" or c.key in targets or (total_col is not None and c.key not in allowed):
            continue
        y = column_year(c)
        label = norm(c.label)
        if y is not None:
            if y <= term_end:
                keys.append(c.key)
        elif "임기후" not in label and "이후" not in label and label not in _SUM_LABELS:
            keys.append(c.key)
    return keys


@dataclass(frozen=True)
class _Layout:
    """What a card's budget tables say, the same for every card of one template and layout."""

    budget: Budget | None
    specs: dict[str, list[SumSpec]]  # block → its table's sums
    cols: dict[tuple[str, str], list[str] | None]  # (block, kind's column) → in-term columns


_LAYOUTS: dict[tuple[object, ...], _Layout] = {}


def _shape(t: Table) -> tuple[object, ...]:
    return (tuple((r.key, r.label, r.group) for r in t.rows),
            tuple((c.key, c.kind, c.label, c.group) for c in t.columns), tuple(repr(r) for r in t.relations))


def _layout(card: Card, template: Template, term_end: int) -> _Layout | None:
    fd = budget_field(template)
    block = card.block(fd.equals["block"]) if fd is not None else None
    if fd is None or block is None or block.table is None:
        return None
    blocks = [block.key, *sorted({v for k, v in fd.finance.items() if k.endswith("_block")} - {block.key})]
    tables = {k: b.table for k in blocks if (b := card.block(k)) is not None and b.table is not None}
    key = (id(template), template.name, repr(fd), tuple((x.label, x.key) for x in template.sources), term_end,
           tuple((k, _shape(t)) for k, t in tables.items()))
    found = _LAYOUTS.get(key)
    if found is None:
        if len(_LAYOUTS) > 256:
            _LAYOUTS.clear()
        budget = find_budget(card, template)
        cols: dict[tuple[str, str], list[str] | None] = {}
        if budget is not None:
            for kind in KINDS:
                pl = budget.place(kind)
                if pl.block in tables:
                    cols[(pl.block, pl.col)] = in_term_columns(tables[pl.block], term_end, pl.col)
        found = _LAYOUTS[key] = _Layout(budget, {k: sum_specs(t) for k, t in tables.items()}, cols)
    return found


def card_finance(card: Card, template: Template | None, term_end: int) -> CardFinance:
    layout = _layout(card, template, term_end) if template is not None else None
    budget = layout.budget if layout is not None else None
    if template is None or layout is None or budget is None:
        return CardFinance("none")
    block = card.block(budget.block)
    assert block is not None and block.table is not None
    table = block.table
    if to_unit(Decimal(1), table.unit) is None:
        return CardFinance("unit", table.unit)
    meanings = {s.label: source_meaning(s) for s in template.sources}
    out = CardFinance("ok", table.unit)
    values: dict[str, TableValues] = {}
    for kind in KINDS:
        pl = budget.place(kind)
        if not pl.total and not pl.sources:
            continue
        b = card.block(pl.block)
        if b is None or b.table is None or pl.block not in layout.specs:
            continue
        tv = values.get(pl.block)
        if tv is None:
            tv = values[pl.block] = TableValues(b.table, layout.specs[pl.block])
        unit = b.table.unit or table.unit
        if to_unit(Decimal(1), unit) is None:
            continue
        got = _amounts(tv, pl, unit, meanings, layout.cols.get((pl.block, pl.col)))
        _split_by_figure(got, card, template, pl, unit)
        out.kinds[kind] = got
    return out


def _amounts(tv: TableValues, pl: Place, unit: str, meanings: dict[str, str], cols: list[str] | None) -> Amounts:
    def whole(row: str) -> Decimal:
        return _money(tv.value(row, pl.col), unit)

    def in_term(row: str) -> Decimal:  # summed in the table's unit, converted once (exact either way)
        if cols is None:  # no split by year: the whole amount is in the term
            return whole(row)
        values = [v for v in (tv.value(row, c) for c in cols) if v is not None]
        return _money(sum(values, Decimal(0)), unit) if values else Decimal(0)

    got = Amounts()
    for label, row in pl.sources.items():
        m = meanings.get(label, f"{UNMAPPED}: {label}")
        for part, value in ((got.whole, whole(row)), (got.in_term, in_term(row))):
            if value:
                part[m] = part.get(m, Decimal(0)) + value
    if pl.total:
        for part, value in ((got.whole, whole(pl.total)), (got.in_term, in_term(pl.total))):
            rest = value - sum(part.values(), Decimal(0))
            if rest:
                part[UNSPLIT] = rest
    return got


def _split_by_figure(got: Amounts, card: Card, template: Template, pl: Place, unit: str) -> None:
    """A table without source rows whose total a figure field states with its split ("34,962 (국 1,080,
    시 22,377, 구비 11,505)"): the stated split, by meaning, takes the place of 재원 미구분 (in the term too
    when the table splits the amount by no year). What the split does not account for stays 미구분."""
    if pl.sources or UNSPLIT not in got.whole:
        return
    fd = next((f for f in template.fields if f.kind == "figure"
               and f.equals.get("block") == pl.block and f.equals.get("row") == pl.total
               and f.equals.get("col") == pl.col), None)
    fig = card.figures.get(fd.key) if fd is not None else None
    if fd is None or fig is None or not fig.parts:
        return
    fig_unit = fig.unit or fd.unit or unit
    parts: dict[str, Decimal] = {}
    for label, amount in fig.parts:
        if amount is None:
            if len(fig.parts) != 1:
                return
            amount = fig.total if fig.total is not None else None
            if amount is None:
                return
        value = to_unit(amount, fig_unit)
        if value is None:
            return
        src = template.source_for(label)
        m = source_meaning(src) if src is not None else f"{UNMAPPED}: {label.strip()}"
        parts[m] = parts.get(m, Decimal(0)) + value
    same = got.in_term == got.whole
    rest = got.whole[UNSPLIT] - sum(parts.values(), Decimal(0))
    if rest < 0:  # the split says more than the table: the table's total stands, unsplit
        return
    del got.whole[UNSPLIT]
    for m, v in parts.items():
        if v:
            got.whole[m] = got.whole.get(m, Decimal(0)) + v
    if rest:
        got.whole[UNSPLIT] = rest
    if same:
        got.in_term = dict(got.whole)


def _money(value: Decimal | None, unit: str) -> Decimal:
    if value is None:
        return Decimal(0)
    return to_unit(value, unit) or Decimal(0)


def page_rows(card: Card, template: Template, term_end: int,
              others: list[Card]) -> dict[str, dict[str, tuple[Decimal, Decimal]]]:
    """What a card that sums other cards of its document states for each of them: the rows of its
    budget table that a document relation ties to a page (예산 현황's 도시재생 뉴딜사업 row = that
    project's page, by its title or 관리번호 as the relation's `card_by` says), page id → kind → (whole,
    in-term) in 백만원. `others` are the other cards of its document. Empty for a card that sums none."""
    layout = _layout(card, template, term_end)
    budget = layout.budget if layout is not None else None
    if layout is None or budget is None or not template.document.relations:
        return {}
    out: dict[str, dict[str, tuple[Decimal, Decimal]]] = {}
    for kind in KINDS:
        pl = budget.place(kind)
        b = card.block(pl.block)
        if b is None or b.table is None or pl.block not in layout.specs or to_unit(Decimal(1), b.table.unit) is None:
            continue
        tv = TableValues(b.table, layout.specs[pl.block])
        cols = layout.cols.get((pl.block, pl.col))
        pages: dict[str, str] = {}  # row key → page id
        for rel in template.document.relations:
            if rel.block != pl.block or rel.item is not None:
                continue
            by = {k: o.id for o in others
                  if o.id != card.id and (k := norm(o.title if rel.card_by == "title" else o.number))}
            for rk in select_rows(b.table, rel.rows):
                row = b.table.row(rk)
                if row is not None and rk != pl.total and rk not in pl.sources.values() and norm(row.label) in by:
                    pages.setdefault(rk, by[norm(row.label)])
        for rk, page in pages.items():
            whole = _money(tv.value(rk, pl.col), b.table.unit)
            if cols is None:
                term = whole
            else:
                vals = [v for v in (tv.value(rk, c) for c in cols) if v is not None]
                term = _money(sum(vals, Decimal(0)), b.table.unit)
            out.setdefault(page, {})[kind] = (whole, term)
    return out
