"""계산값으로 바꾸기 for a whole chain of derived totals (issue 11 item 17).

Replacing one stated total by its computed value can make the totals built on it disagree (a 계
fixed, then 총계 and the header 소요예산 no longer match: 2 errors became 3). `chain_fix` starts
from the finding's cell and replaces, in a copy, every stated derived cell of the same chain (the
cells linked to it through the table's sums) that disagrees with its parts, until the chain adds
up; then the header figure that the template says equals the table (소요예산 "750백만원(국700
구50)") is taken from the fixed table when it disagrees. It returns what would change, place by
place (old → new, Korean), for the editor to show before applying it as one undo step.
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core import checks
from desktop.core.checks import codes
from desktop.core.checks.labels import cell_label, field_name, fmt, table_name
from desktop.core.figures import derived_figure
from desktop.core.findings import Finding
from desktop.core.model import Card, Figure, Table
from desktop.core.numbers import NumberError, format_amount, parse_amount
from desktop.core.tables import TableValues
from desktop.core.templates import Template

Cell = tuple[str, str]
MAX_ROUNDS = 64  # each round frees at least one stated cell; a table has fewer


@dataclass(frozen=True)
class Replacement:
    """One place that changes: where (Korean, as the problems list names it), old → new."""

    where: str
    old: str
    new: str


@dataclass
class ChainFix:
    block: str
    item: tuple[int, ...]
    table: Table  # the table after the fix
    figures: dict[str, Figure | None] = field(default_factory=dict)  # header figure fields to set
    changes: list[Replacement] = field(default_factory=list)


def figure_text(fig: Figure | None) -> str:
    """ "750백만원(국700 구50)" — as the header field shows it; "-" for none."""
    if fig is None or (fig.total is None and not fig.parts):
        return "-"
    text = format_amount(fig.total, none="") + fig.unit
    if fig.parts:
        text += "(" + " ".join(lbl + (format_amount(v) if v is not None else "") for lbl, v in fig.parts) + ")"
    return text


def _table(card: Card, block: str, item: tuple[int, ...]) -> Table | None:
    b = card.block(block)
    if b is None:
        return None
    if not item:
        return b.table
    return b.items[item[0]].table if 0 <= item[0] < len(b.items) else None


def _set_table(card: Card, block: str, item: tuple[int, ...], table: Table) -> None:
    b = card.block(block)
    assert b is not None
    if item:
        b.items[item[0]].table = table
    else:
        b.table = table


def _chain(table: Table, start: Cell) -> set[Cell]:
    """The cells linked to `start` through the table's sums (a total and each of its parts)."""
    links: dict[Cell, set[Cell]] = {}
    for spec in TableValues(table).specs:
        for op in spec.operands:
            links.setdefault(spec.target, set()).add(op)
            links.setdefault(op, set()).add(spec.target)
    seen = {start}
    todo = deque([start])
    while todo:
        for nxt in links.get(todo.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def chain_fix(card: Card, template: Template, finding: Finding) -> ChainFix | None:
    """What 계산값으로 바꾸기 on `finding` changes with its chain; None when it cannot be replaced."""
    p = finding.place
    item = tuple(p.item)
    table = _table(card, p.block, item)
    if table is None or not p.row or not p.col or table.row(p.row) is None:
        return None
    try:
        computed = parse_amount(finding.computed)
    except NumberError:
        return None
    trial = copy.deepcopy(card)
    new = copy.deepcopy(table)
    _set_table(trial, p.block, item, new)
    row = new.row(p.row)
    assert row is not None
    tv = TableValues(new)
    if tv.is_derived(p.row, p.col) and tv.computed(p.row, p.col) == computed:
        row.cells.pop(p.col, None)  # computed again, and follows its parts from now on
    else:
        row.cells[p.col] = computed  # a ratio (or a total stated against another reading)
    chain = _chain(new, (p.row, p.col))
    for _ in range(MAX_ROUNDS):
        freed = False
        left: list[Cell] = []  # findings on chain cells shown computed: nothing of their own to free
        for f in checks.check_table(trial, template, p.block, item):
            cell = (f.place.row, f.place.col)
            if f.code not in (codes.SUM_ROW, codes.SUM_COL) or f.place.field or cell not in chain:
                continue
            r = new.row(cell[0])
            if r is not None and cell[1] in r.cells:
                r.cells.pop(cell[1])
                freed = True
            else:
                left.append(cell)
        if not freed and left:
            freed = _free_rounded(new, chain, left)
        if not freed:
            break
    fix = ChainFix(p.block, item, new)
    changes = _cell_changes(card, template, table, new, p.block, item)
    first = [c for c, _ in changes if c == (p.row, p.col)]  # the cell asked for first, then its chain
    fix.changes = [r for c, r in changes if c in first] + [r for c, r in changes if c not in first]
    if not item:
        _figures(card, trial, template, fix)
    return fix


def _free_rounded(table: Table, chain: set[Cell], cells: list[Cell]) -> bool:
    """A computed cell of the chain still disagrees: free the stated totals among the parts it is checked
    against that agree with their own parts only at a coarser stated precision (a 국비 계 "0.0" over
    parts "0" and 0.1). The chain's other totals follow their parts exactly now; such a part, kept as
    stated, would leave the computed cell disagreeing with nothing left to replace."""
    tv = TableValues(table)
    freed = False
    for spec in tv.specs:
        if spec.target not in cells:
            continue
        for cell in spec.operands:
            has, stated = tv.stated(*cell)
            if cell not in chain or not has or stated is None or not tv.is_derived(*cell):
                continue
            computed = tv.computed(*cell)
            row = table.row(cell[0])
            if computed is not None and stated != computed and row is not None and cell[1] in row.cells:
                row.cells.pop(cell[1])
                freed = True
    return freed


def _cell_changes(card: Card, template: Template, old: Table, new: Table, block: str,
                  item: tuple[int, ...]) -> list[tuple[Cell, Replacement]]:
    b = card.block(block)
    assert b is not None
    name = table_name(b, item, template)
    before, after = TableValues(old), TableValues(new)
    out: list[tuple[Cell, Replacement]] = []
    for r in old.rows:
        for c in old.columns:
            if c.kind != "number":
                continue
            was, now = before.value(r.key, c.key), after.value(r.key, c.key)
            stated_before = c.key in r.cells
            nr = new.row(r.key)
            stated_after = nr is not None and c.key in nr.cells
            if was != now or stated_before != stated_after:
                out.append(((r.key, c.key),
                            Replacement(f"{name} {cell_label(old, r.key, c.key)}", _shown(was), _shown(now))))
    return out


def _shown(value: Decimal | None) -> str:
    return fmt(value) if value is not None else "-"


def _figures(card: Card, trial: Card, template: Template, fix: ChainFix) -> None:
    """Header figures that must equal this block's table and, after the fix, do not."""
    found = [f for f in checks.check_card(trial, template)
             if f.code in (codes.FIGURE_TOTAL, codes.FIGURE_SOURCE) and f.place.block == fix.block]
    table = fix.table
    for fd in template.fields:
        if fd.kind != "figure" or fd.equals.get("block") != fix.block:
            continue
        fig = card.figures.get(fd.key)
        if fig is None or not any(f.place.field == fd.key for f in found):
            continue
        if (fig.unit or fd.unit) not in ("", table.unit) and table.unit:
            continue  # another unit: the figure cannot be taken from the table as is
        new = derived_figure(trial, template, fd)
        if new is not None and figure_text(new) != figure_text(fig):
            fix.figures[fd.key] = new
            fix.changes.append(Replacement(field_name(template, fd.key) or fd.key, figure_text(fig),
                                           figure_text(new)))
