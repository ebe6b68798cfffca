"""Ranges of a table: copy as tab-separated text (Excel, HWP), paste such text from the current cell.

A paste checks each cell as if it were typed there (TableModel.parse), applies every accepted cell
in one undo step, keeps the previous value of each refused cell (marked red with its reason, as a
refused entry is), and says in Korean what was refused and where.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from desktop.core.model import Column, Row
from desktop.core.numbers import NumberError, format_amount
from desktop.core.ranges import MAX_CELLS, format_range, parse_range
from desktop.ui.editor.tablebase import replace_table
from desktop.ui.editor.tablemodel import TableModel

Index = QModelIndex | QPersistentModelIndex
SHOWN_REFUSALS = 3  # the message names this many refused cells, then counts the rest


@dataclass
class PasteResult:
    applied: int = 0  # cells whose value changed
    refused: list[str] = field(default_factory=list)  # one Korean message per refused cell, naming it
    outside: int = 0  # cells of the range that fall outside the table
    rows: int = 0  # the pasted range inside the table (for selecting it)
    cols: int = 0

    def message(self) -> str:
        """What the user is told: "" when every cell went in."""
        parts: list[str] = []
        if self.refused:
            shown = "".join(f"\n· {m}" for m in self.refused[:SHOWN_REFUSALS])
            more = len(self.refused) - SHOWN_REFUSALS
            parts.append(f"붙여넣기: {len(self.refused)}칸을 넣지 않았습니다 (이전 값 유지){shown}"
                         + (f"\n· 외 {more}칸" if more > 0 else ""))
        if self.outside:
            parts.append(f"붙여넣기: 표 밖으로 나간 {self.outside}칸은 넣지 않았습니다")
        if parts and self.applied:
            parts.append(f"나머지 {self.applied}칸은 넣었습니다 (Ctrl+Z로 한 번에 되돌릴 수 있음)")
        return "\n".join(parts)


def cell_text(model: TableModel, index: Index) -> str:
    """A cell as copied: numbers plain enough for a spreadsheet to read ("-1234.5" → "-1,234.5"),
    computed cells with their value, no unit; header cells with their label."""
    rc = model.cell_at(index)
    if rc is None:
        return str(model.data(index) or "")
    row, col = rc
    value = model._value(row, col)
    if isinstance(value, Decimal):
        return format_amount(value, negative_mark="-")
    return value if isinstance(value, str) else ""


def copy_text(model: TableModel, indexes: list[QModelIndex]) -> str:
    """The selected cells as tab-separated rows (the bounding rectangle of the selection)."""
    if not indexes:
        return ""
    rows = [i.row() for i in indexes]
    cols = [i.column() for i in indexes]
    chosen = {(i.row(), i.column()) for i in indexes}
    out: list[list[str]] = []
    for r in range(min(rows), max(rows) + 1):
        out.append([cell_text(model, model.index(r, c)) if (r, c) in chosen else ""
                    for c in range(min(cols), max(cols) + 1)])
    return format_range(out)


def paste(model: TableModel, start: Index, text: str) -> PasteResult:
    """Paste a range into the table from `start` (its top-left cell), as one undo step."""
    result = PasteResult()
    if model.doc.read_only or not start.isValid():
        return result
    cells = parse_range(text)
    if sum(len(r) for r in cells) > MAX_CELLS:
        result.refused.append(f"붙일 칸이 너무 많습니다 ({sum(len(r) for r in cells)}칸)")
        return result
    table = model.table()
    r0, c0 = start.row() - model.hrows, start.column() - model.lcols
    if r0 < 0 or c0 < 0:
        result.refused.append("숫자나 글자 칸을 고른 뒤 붙여 넣으십시오 (제목 칸에는 붙일 수 없음)")
        return result
    new = copy.deepcopy(table)
    refused: dict[tuple[str, str], str] = {}
    accepted: list[tuple[str, str]] = []
    for i, line in enumerate(cells):
        for j, typed in enumerate(line):
            r, c = r0 + i, c0 + j
            if r >= len(table.rows) or c >= len(table.columns):
                result.outside += 1
                continue
            result.rows, result.cols = max(result.rows, i + 1), max(result.cols, j + 1)
            row, col = table.rows[r], table.columns[c]
            key = (row.key, col.key)
            if model.is_derived(row, col):
                if _same_as_shown(model, row, col, typed):
                    continue  # the spreadsheet's own total, equal to ours: nothing to say
                msg = f"{model.cell_name(row, col)}: 계산되는 칸이라 붙이지 않았습니다 '{typed.strip()}'"
                refused[key] = msg
                continue
            try:
                state = model.parse(row, col, typed)
            except NumberError as exc:
                refused[key] = str(exc)
                continue
            accepted.append(key)
            target = new.rows[r]
            if state == model.cell_state(row, col):
                continue
            if state[0]:
                target.cells[col.key] = state[1]
            else:
                target.cells.pop(col.key, None)
            result.applied += 1
    if result.applied:
        replace_table(model.doc, model.block_key, model.item, new, f"붙여넣기 ({result.applied}칸)")
    for key in accepted:
        model.refused.pop(key, None)
    model.refused.update(refused)
    result.refused = list(refused.values()) + result.refused
    model.refresh_values()
    return result


def _same_as_shown(model: TableModel, row: Row, col: Column, typed: str) -> bool:
    try:
        return model.values().value(row.key, col.key) == model.parse(row, col, typed)[1]
    except NumberError:
        return False


def clear(model: TableModel, indexes: list[QModelIndex]) -> int:
    """Delete over a range: every typed cell of it emptied, one undo step; the count of cells cleared."""
    if model.doc.read_only:
        return 0
    new = copy.deepcopy(model.table())
    n = 0
    for index in indexes:
        rc = model.cell_at(index)
        if rc is None or model.is_derived(*rc):
            continue
        row, col = rc
        target = new.row(row.key)
        if target is not None and col.key in target.cells:
            target.cells.pop(col.key)
            model.refused.pop((row.key, col.key), None)
            n += 1
    if n:
        replace_table(model.doc, model.block_key, model.item, new, f"지우기 ({n}칸)")
    return n
