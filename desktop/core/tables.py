"""What a table's declared sums mean: which cells are derived, from which, and their values.

Shared by the checks, the editor, the PDF and the workbook so that all four agree on one reading
of a relation. A derived cell shows its stated value when the card states one (kept as stated, so a
slip stays visible and is checked), else the value computed from its parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.core.layout import year_of
from desktop.core.model import Row, Table

Selector = str | list[str]


@dataclass(frozen=True)
class SumSpec:
    """One derived cell: cell[target] = Σ operands (all (row key, column key))."""

    relation: int  # index in table.relations
    target: tuple[str, str]
    operands: tuple[tuple[str, str], ...]


def _sum_targets(table: Table, axis: str) -> set[str]:
    return {r.target for r in table.relations if r.kind == "sum" and r.axis == axis}


def select_rows(table: Table, sel: Selector, target: str = "", axis_targets: set[str] | None = None) -> list[str]:
    return _select([(r.key, r.label, r.group) for r in table.rows], sel, target, axis_targets or set())


def select_columns(table: Table, sel: Selector, target: str = "", axis_targets: set[str] | None = None) -> list[str]:
    items = [(c.key, c.label, c.group) for c in table.columns if c.kind == "number"]
    if sel == "years":
        return [k for k, _, _ in items if year_of(k) is not None]
    return _select(items, sel, target, axis_targets or set())


def _select(items: list[tuple[str, str, str]], sel: Selector, target: str, targets: set[str]) -> list[str]:
    if isinstance(sel, list):
        keys = {k for k, _, _ in items}
        return [k for k in sel if k in keys and k != target]
    tgt = next(((lbl, grp) for k, lbl, grp in items if k == target), ("", ""))
    if sel == "all":
        return [k for k, _, _ in items]
    if sel == "rest":
        return [k for k, _, _ in items if k != target and k not in targets]
    if sel == "same_group":
        return [k for k, _, g in items if k != target and g == tgt[1] and k not in targets]
    if sel == "same_label":
        return [k for k, lbl, _ in items if k != target and lbl == tgt[0]]
    if sel.startswith("group:"):
        name = sel[len("group:"):]
        return [k for k, _, g in items if k != target and g == name and k not in targets]
    return []


def sum_specs(table: Table) -> list[SumSpec]:
    """Every derived cell of the table with its operands, in relation order."""
    specs: list[SumSpec] = []
    row_targets = _sum_targets(table, "col")  # a column sum's target is a row
    col_targets = _sum_targets(table, "row")
    for i, rel in enumerate(table.relations):
        if rel.kind != "sum":
            continue
        if rel.axis == "row":
            if table.column(rel.target) is None:
                continue
            of = select_columns(table, rel.of, rel.target, col_targets)
            for rk in select_rows(table, rel.scope):
                specs.append(SumSpec(i, (rk, rel.target), tuple((rk, c) for c in of)))
        else:
            if table.row(rel.target) is None:
                continue
            of = select_rows(table, rel.of, rel.target, row_targets)
            for ck in select_columns(table, rel.scope):
                specs.append(SumSpec(i, (rel.target, ck), tuple((r, ck) for r in of)))
    return specs


class TableValues:
    """Effective values of a table: stated where stated, computed for derived cells that are not."""

    def __init__(self, table: Table, specs: list[SumSpec] | None = None) -> None:
        """`specs`: sum_specs(table) when the caller already has them for a table of the same rows,
        columns and relations (the overview reads a thousand tables of one layout)."""
        self.table = table
        # Rows by key, the first of a key winning as Table.row() has it: the checks read a cell
        # hundreds of times per keystroke, and a linear Table.row() per read was most of the time.
        # A snapshot of the rows, like the cache of computed cells.
        self.rows: dict[str, Row] = {}
        for r in table.rows:
            self.rows.setdefault(r.key, r)
        self.specs = sum_specs(table) if specs is None else specs
        self.by_target: dict[tuple[str, str], SumSpec] = {}
        for s in self.specs:
            self.by_target.setdefault(s.target, s)  # the first declared relation computes the cell
        self._cache: dict[tuple[str, str], Decimal | None] = {}

    def is_derived(self, row: str, col: str) -> bool:
        return (row, col) in self.by_target

    def stated(self, row: str, col: str) -> tuple[bool, Decimal | None]:
        r = self.rows.get(row)
        if r is None or col not in r.cells:
            return False, None
        v = r.cells[col]
        return True, v if isinstance(v, Decimal) else None

    def value(self, row: str, col: str) -> Decimal | None:
        has, v = self.stated(row, col)
        if has or not self.is_derived(row, col):
            return v
        return self.computed(row, col)

    def computed(self, row: str, col: str, spec: SumSpec | None = None, _depth: int = 0) -> Decimal | None:
        """The sum of the operands' effective values; None when every operand is empty."""
        spec = spec or self.by_target.get((row, col))
        if spec is None:
            return None
        if spec is self.by_target.get((row, col)) and (row, col) in self._cache:
            return self._cache[(row, col)]
        total: Decimal | None = None
        for r, c in spec.operands:
            if _depth > 8:
                break
            has, v = self.stated(r, c)
            if not has and self.is_derived(r, c):
                v = self.computed(r, c, _depth=_depth + 1)
            if v is not None:
                total = v if total is None else total + v
        if spec is self.by_target.get((row, col)):
            self._cache[(row, col)] = total
        return total

