"""One card's money for the overview: 소요 / 확보(투입) / 집행, by source meaning, whole plan and in-term,
in 백만원 (exact Decimal, whatever unit the card's table is in).

Where the amounts are comes from the template only (desktop/core/budget.py). The in-term part is the
columns up to the end of the term: year columns up to `term_end`, and 기투자 (already spent before);
임기후 (or a year after the term) is not. A kind's total is its table row's 총계 (stated or computed);
what the sources do not account for (총계 ≠ Σ 재원) is kept as "기타(미분류): 재원 미구분", so the
parts always add up to the total and nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from desktop.core.budget import Budget, budget_field, find_budget
from desktop.core.layout import year_of
from desktop.core.model import Card, Table
from desktop.core.tables import SumSpec, TableValues, sum_specs
from desktop.core.templates import Template
from desktop.core.vocab import UNMAPPED, norm, source_meaning, to_unit

KINDS = ("needed", "secured", "spent")
KIND_NAMES = {"needed": "소요", "secured": "확보(투입)", "spent": "집행"}
UNSPLIT = f"{UNMAPPED}: 재원 미구분"
FIRST_TERM_END = 2026  # 민선 8기 (2022. 7. 1. ~ 2026. 6. 30.); terms last four years


def term_end_for(day: date) -> int:
    """The last year of the local-government term that holds `day` (terms end 30 June every 4 years)."""
    year = FIRST_TERM_END
    while date(year, 6, 30) < day:
        year += 4
    while date(year - 4, 6, 30) >= day:
        year -= 4
    return year


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


def in_term_columns(table: Table, term_end: int) -> list[str]:
    """The number columns inside the term: years ≤ term_end and columns that are not years and not
    after the term (기투자); never a sum target (계)."""
    targets = {r.target for r in table.relations if r.kind == "sum" and r.axis == "row"}
    keys: list[str] = []
    for c in table.columns:
        if c.kind != "number" or c.key in targets:
            continue
        y = year_of(c.key)
        label = norm(c.label)
        if y is not None:
            if y <= term_end:
                keys.append(c.key)
        elif "임기후" not in label and "이후" not in label and label not in ("계", "합계", "총계"):
            keys.append(c.key)
    return keys


@dataclass(frozen=True)
class _Layout:
    """What a budget table's layout says, the same for every card of one template and years."""

    budget: Budget | None
    specs: list[SumSpec]
    cols: list[str]


_LAYOUTS: dict[tuple[object, ...], _Layout] = {}


def _layout(card: Card, template: Template, term_end: int) -> _Layout | None:
    fd = budget_field(template)
    block = card.block(fd.equals["block"]) if fd is not None else None
    if block is None or block.table is None:
        return None
    t = block.table
    key = (id(template), template.name, repr(fd), tuple((x.label, x.key) for x in template.sources), term_end,
           block.key,
           tuple((r.key, r.label, r.group) for r in t.rows), tuple((c.key, c.kind, c.label) for c in t.columns),
           tuple(repr(r) for r in t.relations))
    found = _LAYOUTS.get(key)
    if found is None:
        if len(_LAYOUTS) > 256:
            _LAYOUTS.clear()
        found = _LAYOUTS[key] = _Layout(find_budget(card, template), sum_specs(t), in_term_columns(t, term_end))
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
    tv = TableValues(table, layout.specs)
    cols = layout.cols
    meanings = {s.label: source_meaning(s) for s in template.sources}
    out = CardFinance("ok", table.unit)
    rows: dict[str, tuple[str, dict[str, str]]] = {
        "needed": (budget.plan, budget.plan_sources),
        "secured": (budget.spent, budget.spent_sources),
        "spent": (budget.paid, budget.paid_sources),
    }
    for kind, (total_row, source_rows) in rows.items():
        if not total_row and not source_rows:
            continue
        out.kinds[kind] = _amounts(tv, budget, table.unit, total_row, source_rows, meanings, cols)
    return out


def _amounts(tv: TableValues, budget: Budget, unit: str, total_row: str, source_rows: dict[str, str],
             meanings: dict[str, str], cols: list[str]) -> Amounts:
    def whole(row: str) -> Decimal:
        return _money(tv.value(row, budget.col), unit)

    def in_term(row: str) -> Decimal:  # summed in the table's unit, converted once (exact either way)
        values = [v for v in (tv.value(row, c) for c in cols) if v is not None]
        return _money(sum(values, Decimal(0)), unit) if values else Decimal(0)

    got = Amounts()
    for label, row in source_rows.items():
        m = meanings.get(label, f"{UNMAPPED}: {label}")
        for part, value in ((got.whole, whole(row)), (got.in_term, in_term(row))):
            if value:
                part[m] = part.get(m, Decimal(0)) + value
    if total_row:
        for part, value in ((got.whole, whole(total_row)), (got.in_term, in_term(total_row))):
            rest = value - sum(part.values(), Decimal(0))
            if rest:
                part[UNSPLIT] = rest
    return got


def _money(value: Decimal | None, unit: str) -> Decimal:
    if value is None:
        return Decimal(0)
    return to_unit(value, unit) or Decimal(0)
