"""Outline lines (❍ ▷ - · ※) on a card sheet: "❍ text" in one cell spanning the width, indented by
its level (the cell's indent, as the card indents it — never a column per level, which started
level-3 text mid-page), a right-aligned date in the last columns, and an inline table under its line.
The level is read back from the indent; a workbook of the older layout (the mark in its own cell, one
column further right per level) still reads by where the mark stands."""

from __future__ import annotations

from typing import Any

from desktop.core.model import Item
from desktop.core.templates import Template, numbered_mark
from desktop.xlsx import styles
from desktop.xlsx.layout import (
    DEFAULT_MARKS,
    ITEM_UNIT,
    TABLE,
    is_mark,
)
from desktop.xlsx.sheet import SheetReader, SheetWriter
from desktop.xlsx.tables import read_table, write_table

LEVELS = 5  # 0 … 4
DATE_COLS = 2  # the right-aligned date spans the last two columns


def level_mark(template: Template | None, level: int, note: bool) -> str:
    if note:
        return (template.mark(level, note=True) if template else "") or "※"
    mark = template.mark(level) if template else ""
    return mark or DEFAULT_MARKS.get(level, "·")


def mark_set(template: Template | None) -> set[str]:
    marks = {level_mark(template, lv, False) for lv in range(LEVELS)}
    marks.add(level_mark(template, 1, True))
    return marks


def write_items(sw: SheetWriter, items: list[Item], c0: int, template: Template | None, what: str,
                first_row: int | None = None, owner: str = "") -> None:
    """Write the lines with their mark column starting at c0. first_row: the row already taken for
    the first line (a header field group's own row). owner: the block or field key, to record where
    each inline table's cells are (sw.tables)."""
    last = sw.last_col
    numbered = 0
    for idx, it in enumerate(items):
        r = first_row if (idx == 0 and first_row is not None) else sw.take()  # a line needs no marker
        level = min(max(it.level, 0), LEVELS - 1)
        base = level_mark(template, level, it.note)
        if level == 0 and not it.note:
            base = numbered_mark(base, numbered)
            numbered += 1
        text_end = max(last - DATE_COLS if it.date else last, c0 + 1)
        line = f"{base} {it.text}" if base else it.text
        sw.text(r, c0, line, c2=text_end, border=False, align=styles.INDENTS[level], what=what)
        sw.fit(r, c0, text_end, line)
        if it.date:
            sw.text(r, last - DATE_COLS + 1, it.date, c2=last, border=False, align=styles.TOP_RIGHT,
                    what=f"{what} 날짜")
        if it.unit:
            ru = sw.take()
            sw.mark(ru, ITEM_UNIT)
            sw.text(ru, max(last - 3, c0), it.unit, c2=last, border=False, align=styles.RIGHT,
                    font=styles.SMALL, what=f"{what} 단위")
        if it.table is not None:
            sw.keeps.append((r, sw.row))  # the line (and unit) introducing a table stay with it
            sw.tables[(owner, idx)] = write_table(sw, it.table, c0, f"{what} 표")


def read_items(sr: SheetReader, rows: list[tuple[int, str, Any]], c0: int, last: int,
               template: Template | None) -> list[Item]:
    """Read outline lines (and their units and inline tables) from `rows`, mark column at c0."""
    marks = mark_set(template)
    note_mark = level_mark(template, 1, True)
    out: list[Item] = []
    i = 0
    while i < len(rows):
        r, tag, _ = rows[i]
        if tag == TABLE:
            table, i = read_table(sr, rows, i)
            if out and table is not None:
                out[-1].table = table
            elif table is not None:
                sr.problem(r, c0, "표가 어느 줄에 딸린 것인지 알 수 없습니다 (표 위의 줄을 지웠습니까?)")
            continue
        if tag == ITEM_UNIT:
            unit = ""
            for c in range(c0, last + 1):
                if sr.present(r, c):
                    unit = sr.text(r, c)
                    break
            if out:
                out[-1].unit = unit
            i += 1
            continue
        item = _read_line(sr, r, c0, last, marks, note_mark)
        if item is not None:
            out.append(item)
        i += 1
    return out


def _read_line(sr: SheetReader, r: int, c0: int, last: int, marks: set[str], note_mark: str) -> Item | None:
    first = next((c for c in range(c0, min(c0 + LEVELS, last) + 1) if sr.present(r, c)), None)
    if first is None:
        # nothing in the mark columns: a line typed further right, or an empty row
        first = next((c for c in range(c0, last - DATE_COLS + 1) if sr.present(r, c)), None)
        if first is None:
            return None
    head = sr.text(r, first)
    dc = last - DATE_COLS + 1
    date = sr.text(r, dc) if dc > first + 1 else ""
    mark, _, rest = head.partition(" ")
    if first == c0 and is_mark(mark, marks) and (rest or not sr.present(r, c0 + 1)):
        # "❍ text" in one cell: its level is the cell's indent
        return Item(text=rest, level=min(sr.indent(r, c0), LEVELS - 1), note=mark == note_mark, date=date)
    if is_mark(head, marks):
        text = sr.text(r, first + 1) if first + 1 < dc else ""
        return Item(text=text, level=min(first - c0, LEVELS - 1), note=head == note_mark, date=date)
    # a line typed without a mark: its column gives the level (one left of where a text stands)
    level = max(0, min(first - c0 - 1, LEVELS - 1))
    return Item(text=head, level=level, date=date if first < dc else "")
