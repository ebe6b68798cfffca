"""What both the table model and the table operations need, so that imports go one way
(tableview → tableops → tablemodel → tablebase): the template's own rows of a table, replacing a
whole table as one undo step, and the new text of a header or label cell.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from desktop.core.layout import instantiate_table, period_years
from desktop.core.model import Column, Row, Table
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.refs import set_table, table_of, table_scope


def template_row_keys(doc: CardDoc, block_key: str, item: tuple[int, ...]) -> set[str]:
    """Row keys the template itself lays out for this table (empty for inline tables)."""
    if item:
        return set()
    bd = doc.template.block_def(block_key)
    if bd is None or bd.table is None:
        return set()
    proto = instantiate_table(block_key, bd.table, doc.template, period_years(doc.card))
    return {r.key for r in proto.rows}


def replace_table(doc: CardDoc, block_key: str, item: tuple[int, ...], table: Table | None, text: str) -> bool:
    return doc.push(text, table_scope(block_key, item),
                    lambda c: table_of(c, block_key, item),
                    lambda c, v: set_table(c, block_key, item, v), table)


def _relabel(line: Column | Row, whole_group: bool, lines: Sequence[Column | Row], text: str) -> bool:
    """A header cell's new text: the group label of every line in its group, or the line's own label.
    False when nothing changes."""
    if whole_group:
        old = line.group
        for x in lines:
            if x.group == old:
                x.group = text
        return True
    if line.label == text:
        return False
    line.label = text
    return True


def relabelled(table: Table, hrows: int, lcols: int, r: int, c: int, text: str) -> Table | None:
    """A copy of the table with the header or label cell at grid position (r, c) reading `text`;
    None when nothing changes."""
    t = copy.deepcopy(table)
    if r < hrows and c < lcols:
        if t.corner == text:
            return None
        t.corner = text
    elif r < hrows:
        col = t.columns[c - lcols]
        if not _relabel(col, hrows == 2 and r == 0 and bool(col.group), t.columns, text):
            return None
    else:
        row = t.rows[r - hrows]
        if not _relabel(row, lcols == 2 and c == 0 and bool(row.group), t.rows, text):
            return None
    return t
