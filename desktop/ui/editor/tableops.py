"""Structural edits of a table (rows, columns, labels, 계산값으로 바꾸기), each one undo step.

A structural edit snapshots the whole table (tables are small) and replaces it, so undo is exact.
"""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from desktop.core.findings import Finding
from desktop.core.model import Column, Row
from desktop.core.numbers import NumberError, parse_amount
from desktop.core.tables import TableValues
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.refs import table_of
from desktop.ui.editor.tablebase import replace_table, template_row_keys
from desktop.ui.editor.tablemodel import TableModel

Index = QModelIndex | QPersistentModelIndex


def addable_rows(doc: CardDoc, block_key: str, item: tuple[int, ...]) -> bool:
    if item:
        return True
    bd = doc.template.block_def(block_key)
    return bool(bd is not None and bd.table is not None and bd.table.addable_rows)


def _unique(prefix: str, taken: set[str]) -> str:
    while True:
        key = f"{prefix}{uuid.uuid4().hex[:6]}"
        if key not in taken:
            return key


def add_row(model: TableModel, after: int | None = None) -> str:
    """Add a line-item row; returns its key. Template tables get it after the last line item."""
    t = copy.deepcopy(model.table())
    key = _unique("r", {r.key for r in t.rows})
    new = Row(key=key, label="")
    if after is not None:
        pos = after + 1
    else:
        proto = template_row_keys(model.doc, model.block_key, model.item)
        user = [i for i, r in enumerate(t.rows) if r.key not in proto]
        pos = (user[-1] + 1) if user else (0 if proto else len(t.rows))
    pos = max(0, min(pos, len(t.rows)))
    if pos < len(t.rows) and t.rows[pos].group and pos > 0 and t.rows[pos - 1].group == t.rows[pos].group:
        new.group = t.rows[pos].group
    t.rows.insert(pos, new)
    replace_table(model.doc, model.block_key, model.item, t, "행 추가")
    return key


def remove_row(model: TableModel, row_key: str) -> bool:
    t = copy.deepcopy(model.table())
    t.rows = [r for r in t.rows if r.key != row_key]
    return replace_table(model.doc, model.block_key, model.item, t, "행 삭제")


def add_column(model: TableModel, after: int | None = None, kind: str = "text") -> str:
    t = copy.deepcopy(model.table())
    key = _unique("c", {c.key for c in t.columns})
    pos = len(t.columns) if after is None else max(0, min(after + 1, len(t.columns)))
    t.columns.insert(pos, Column(key=key, label="", kind="number" if kind == "number" else "text"))
    replace_table(model.doc, model.block_key, model.item, t, "열 추가")
    return key


def remove_column(model: TableModel, col_key: str) -> bool:
    t = copy.deepcopy(model.table())
    t.columns = [c for c in t.columns if c.key != col_key]
    for r in t.rows:
        r.cells.pop(col_key, None)
    t.relations = [x for x in t.relations if x.target != col_key]
    return replace_table(model.doc, model.block_key, model.item, t, "열 삭제")


def set_column_kind(model: TableModel, col_key: str, kind: str) -> bool:
    """Switch an inline column between 글자 and 숫자, converting the cells that can be converted."""
    t = copy.deepcopy(model.table())
    col = t.column(col_key)
    if col is None or col.kind == kind:
        return False
    col.kind = "number" if kind == "number" else "text"
    for r in t.rows:
        v = r.cells.get(col_key)
        if col.kind == "number" and isinstance(v, str):
            try:
                r.cells[col_key] = parse_amount(v, unit=col.unit or t.unit)
            except NumberError:
                r.cells[col_key] = None if not v.strip() else v  # kept as written; the checks flag it
        elif col.kind == "text" and isinstance(v, Decimal):
            r.cells[col_key] = format(v, "f")
    return replace_table(model.doc, model.block_key, model.item, t, "열 종류 변경")


def set_label(model: TableModel, index: Index, text: str) -> bool:
    return model.setData(index, text)


def replace_with_computed(doc: CardDoc, finding: Finding) -> bool:
    """계산값으로 바꾸기: a stated total that disagrees becomes the computed value.

    A derived cell loses its statement (it is computed again, and follows its parts from now on);
    any other cell (a ratio) gets Finding.computed.
    """
    p = finding.place
    t = table_of(doc.card, p.block, tuple(p.item))
    if t is None or not p.row or not p.col:
        return False
    row = t.row(p.row)
    if row is None:
        return False
    values = TableValues(t)
    new = copy.deepcopy(t)
    nrow = new.row(p.row)
    assert nrow is not None
    try:
        computed = parse_amount(finding.computed)
    except NumberError:
        return False
    if values.is_derived(p.row, p.col) and values.computed(p.row, p.col) == computed:
        nrow.cells.pop(p.col, None)  # computed again, and follows its parts from now on
    else:
        nrow.cells[p.col] = computed
    return replace_table(doc, p.block, tuple(p.item), new, "계산값으로 바꾸기")


def can_replace(finding: Finding) -> bool:
    """A stated cell that disagrees with its computed value (not a header figure naming the cell)."""
    p = finding.place
    return bool(finding.computed and p.row and p.col and p.block and not p.field)
