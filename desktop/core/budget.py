"""Where a card's budget is, read from its template's declarations only: the figure field that
equals a table cell (소요예산 = 투자계획 소요예산 총계 × 계), the rows of its sources (by the field's
`sources_row`, else the parts of that total labelled as the template's sources), and the executed
amounts paired with them by label through the table's `le` relation (투입 ≤ 소요)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.model import Card, Table
from desktop.core.tables import TableValues, select_rows, sum_specs
from desktop.core.templates import Template


@dataclass
class Budget:
    block: str = ""
    col: str = ""
    unit: str = ""
    plan: str = ""  # row key of the planned total
    plan_sources: dict[str, str] = field(default_factory=dict)  # source label → row key
    spent: str = ""  # row key of the executed total ("" when the format has none)
    spent_sources: dict[str, str] = field(default_factory=dict)

    def values(self, card: Card) -> TableValues | None:
        b = card.block(self.block)
        return TableValues(b.table) if b is not None and b.table is not None else None

    def value(self, card: Card, row: str) -> Decimal | None:
        tv = self.values(card)
        return tv.value(row, self.col) if tv is not None and row else None


def _norm(s: str) -> str:
    return "".join(s.split())


def find_budget(card: Card, template: Template) -> Budget | None:
    fields = [f for f in template.fields if f.kind == "figure" and {"block", "row", "col"} <= set(f.equals)]
    if not fields:
        return None
    fd = next((f for f in fields if f.sources_row), fields[0])
    block = card.block(fd.equals["block"])
    if block is None or block.table is None:
        return None
    table = block.table
    plan, col = fd.equals["row"], fd.equals["col"]
    if table.row(plan) is None or table.column(col) is None:
        return None
    b = Budget(block=block.key, col=col, unit=table.unit, plan=plan)
    operands = {r for s in sum_specs(table) if s.target == (plan, col) for r, _ in s.operands}
    for s in template.sources:
        rk = fd.sources_row.replace("{source}", s.key) if fd.sources_row else ""
        if not rk or table.row(rk) is None:
            rk = next((r.key for r in table.rows if r.key in operands and template.source_for(r.label) is s), "")
        if rk:
            b.plan_sources[s.label] = rk
    b.spent = _paired(table, plan)
    for label, rk in b.plan_sources.items():
        other = _paired(table, rk)
        if other:
            b.spent_sources[label] = other
    return b


def _paired(table: Table, row_key: str) -> str:
    """The row that a `le` relation bounds by `row_key` (the 투입 row of a 소요 row), by label."""
    row = table.row(row_key)
    if row is None:
        return ""
    for rel in table.relations:
        if rel.kind != "le":
            continue
        upper = select_rows(table, rel.target)
        if row_key not in upper:
            continue
        for rk in select_rows(table, rel.of):
            other = table.row(rk)
            if other is not None and rk != row_key and _norm(other.label) == _norm(row.label):
                return rk
    return ""
