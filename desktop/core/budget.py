"""Where a card's budget is, read from its template's declarations only: the figure field that
equals a table cell (소요예산 = 투자계획 소요예산 총계 × 계), the rows of its sources (by the field's
`sources_row`, else the parts of that total labelled as the template's sources), and the executed
amounts paired with them by label through the table's `le` relation (투입 ≤ 소요).

A figure field may say more with its optional "finance" key: {"secured": "exec_{source}",
"secured_total": "exec_total", "spent": "paid_{source}", "spent_total": "paid_total"} — the rows of the
확보(투입) amounts when no `le` relation pairs them, and of the 집행 (spent) amounts, which no built-in
format records. Here "spent" keeps the workbook's old name for the 투입 rows; "paid" is 집행.

A kind may also stand in another column or table: "secured_col" / "spent_col" name the column that
holds it (성동구: 계획액 and 확보액 side by side in the same rows; a department report: 예산액 and 집행액),
and "secured_block" / "spent_block" the table (성동구's 연차별 집행액). Without rows of its own such a kind
reads the 소요 rows (the total row and the source rows) in its own column; `Budget.places` has them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.model import Card, Table
from desktop.core.tables import TableValues, select_rows, sum_specs
from desktop.core.templates import FieldDef, Template


@dataclass(frozen=True)
class Place:
    """Where one kind of amount is: a table (block), its whole-plan column, its total row and the
    rows of its sources (source label → row key). total "" and no sources: the format has none."""

    block: str
    col: str
    total: str
    sources: dict[str, str]


@dataclass
class Budget:
    """Where a card's amounts are. Read a kind through `place` / `amount`, never through the rows
    below alone: a kind may stand in another column or table (`places`)."""

    block: str = ""
    col: str = ""
    unit: str = ""
    plan: str = ""  # row key of the planned total
    plan_sources: dict[str, str] = field(default_factory=dict)  # source label → row key
    spent: str = ""  # row key of the executed total ("" when the format has none)
    spent_sources: dict[str, str] = field(default_factory=dict)
    paid: str = ""  # row key of the 집행 total (declared by "finance": {"spent_total": …})
    paid_sources: dict[str, str] = field(default_factory=dict)  # source label → 집행 row (declared)
    # kinds declared in another column or table ("secured_col", "spent_block" …): kind → where
    places: dict[str, Place] = field(default_factory=dict)

    def place(self, kind: str) -> Place:
        """Where one kind (needed / secured / spent) of the overview is."""
        if kind in self.places:
            return self.places[kind]
        if kind == "needed":
            return Place(self.block, self.col, self.plan, self.plan_sources)
        if kind == "secured":
            return Place(self.block, self.col, self.spent, self.spent_sources)
        return Place(self.block, self.col, self.paid, self.paid_sources)

    def values(self, card: Card, block: str = "") -> TableValues | None:
        b = card.block(block or self.block)
        return TableValues(b.table) if b is not None and b.table is not None else None

    def value(self, card: Card, row: str) -> Decimal | None:
        tv = self.values(card)
        return tv.value(row, self.col) if tv is not None and row else None

    def amount(self, card: Card, kind: str, row: str = "") -> Decimal | None:
        """The amount of one kind (needed / secured / spent) where `place` says it is: its total row, or
        the row given (a source's), in its own column and table — 성동구's 확보액 beside 계획액 too. The
        one reading of "where is 확보" that the overview, the workbook's 총괄표 and the book share."""
        pl = self.place(kind)
        row = row or pl.total
        tv = self.values(card, pl.block)
        return tv.value(row, pl.col) if tv is not None and row else None


def _norm(s: str) -> str:
    return "".join(s.split())


def budget_field(template: Template) -> FieldDef | None:
    """The figure field that equals the budget table's total (the one with a source split first)."""
    fields = [f for f in template.fields if f.kind == "figure" and {"block", "row", "col"} <= set(f.equals)]
    if not fields:
        return None
    return next((f for f in fields if f.sources_row), fields[0])


def find_budget(card: Card, template: Template) -> Budget | None:
    fd = budget_field(template)
    if fd is None:
        return None
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
    _declared(b, table, template, fd.finance)
    _places(b, card, template, fd.finance)
    return b


def _places(b: Budget, card: Card, template: Template, finance: dict[str, str]) -> None:
    """The kinds the field's "finance" key places in another column ("secured_col") or table
    ("secured_block"): the rows it names there ("secured", "secured_total"), else the 소요 rows."""
    for kind in ("secured", "spent"):
        block_key, col = finance.get(f"{kind}_block", ""), finance.get(f"{kind}_col", "")
        if not block_key and not col:
            continue
        block = card.block(block_key or b.block)
        if block is None or block.table is None:
            continue
        table = block.table
        col = col or b.col
        if table.column(col) is None:
            continue
        pattern, total = finance.get(kind, ""), finance.get(f"{kind}_total", "")
        if pattern:
            found = {s.label: pattern.replace("{source}", s.key) for s in template.sources}
            sources = {label: rk for label, rk in found.items() if table.row(rk) is not None}
        else:
            sources = {} if block.key != b.block else dict(b.plan_sources)
        if not total and block.key == b.block:
            total = b.plan
        b.places[kind] = Place(block.key, col, total if table.row(total) is not None else "", sources)


def _declared(b: Budget, table: Table, template: Template, finance: dict[str, str]) -> None:
    """The rows the field's "finance" key names, where the table has them (kinds placed in another
    column or table are `_places`' business)."""
    def each(pattern: str) -> dict[str, str]:
        found = {s.label: pattern.replace("{source}", s.key) for s in template.sources}
        return {label: rk for label, rk in found.items() if table.row(rk) is not None}

    def here(kind: str) -> bool:
        return not finance.get(f"{kind}_col") and not finance.get(f"{kind}_block")

    if here("secured"):
        if finance.get("secured"):
            b.spent_sources = each(finance["secured"])
        if table.row(finance.get("secured_total", "")) is not None:
            b.spent = finance["secured_total"]
    if here("spent"):
        if finance.get("spent"):
            b.paid_sources = each(finance["spent"])
        if table.row(finance.get("spent_total", "")) is not None:
            b.paid = finance["spent_total"]


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
