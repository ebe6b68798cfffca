"""Outlines: ❍ ▷ - · and ※ with hanging indents, dates right-aligned, inline tables under their line.

The marks come from the template (Template.mark); a level-0 mark that is a circled number counts
up (① ② ③) within its outline, as numbered sub-items do.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from desktop.core.model import Item
from desktop.core.templates import CIRCLED, Template, numbered_mark
from desktop.pdf import fonts, styles
from desktop.pdf.tables import table_flowables
from desktop.pdf.text import DatedLine, Lead, Line, Shifted

INDENT = {0: 0.0, 1: 4.0, 2: 16.0, 3: 28.0, 4: 38.0}


def indent_of(level: int) -> float:
    return INDENT.get(level, INDENT[4] + 10.0 * (level - 4) if level > 4 else 0.0)


class Marks:
    """Hands out the mark of each item in order (so ① ② ③ count within one outline)."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.count = 0

    def __call__(self, item: Item) -> str:
        if item.table_alone:
            return ""  # a table standing alone in the outline: no stray mark
        mark = self.template.mark(item.level, item.note)
        text = item.text.lstrip()
        if not item.note and mark in CIRCLED:
            n = self.count
            self.count += 1
            if text[:1] in CIRCLED:  # written with its own number
                return ""
            return numbered_mark(mark, n)
        if mark and text.startswith(mark + " "):
            return ""
        return mark


def item_line(item: Item, mark: str, style: ParagraphStyle, base: float = 0.0, date_column: float = 0.0) -> Flowable:
    line = Line(mark, item.text, style, base + indent_of(item.level))
    if item.date.strip():
        return DatedLine(line, ": " + item.date.strip(), style, column=date_column)
    return line


def date_columns(items: list[Item], style: ParagraphStyle) -> dict[int, float]:
    """Item index → the width of its run's date column: consecutive dated items of one level put
    their colons one under the other (향후계획's "… : 2025. 2. ~ 12." / "… : 2025. 11."), the dates
    left-aligned after them and the longest ending at the right edge. A lone dated item: 0 (its date
    simply right-aligned)."""
    out: dict[int, float] = {}
    i = 0
    while i < len(items):
        j = i
        if items[i].date.strip():
            while j + 1 < len(items) and items[j + 1].date.strip() and items[j + 1].level == items[i].level:
                j += 1
        if j > i:
            w = max(fonts.width(": " + it.date.strip(), styles.date_right.fontSize) for it in items[i:j + 1])
            for k in range(i, j + 1):
                out[k] = w + 1
        i = j + 1
    return out


def outline_groups(items: list[Item], template: Template, avail: float, *,
                   style: ParagraphStyle | None = None, base: float = 0.0) -> list[list[Flowable]]:
    """The flowables of each item: its line, then its inline table (unit line and table) if any."""
    style = style or styles.body
    marks = Marks(template)
    out: list[list[Flowable]] = []
    last: Item | None = None  # the last item that is not a note
    columns = date_columns(items, style)
    for n, item in enumerate(items):
        mark = marks(item)
        shift = 0.0
        if item.note and last is not None and last.level == item.level:
            # a ※ note on an item of its own level stands under that item's text ("▷ 연장기간 …"
            # then "  ※ 최초 지정기간 …"), not beside it as another item
            shift = fonts.width(template.mark(item.level) + " ", style.fontSize)
        if not item.note:
            last = item
        line = item_line(item, mark, style, base + shift, columns.get(n, 0.0))
        group: list[Flowable] = [] if item.table_alone and not item.date.strip() else [line]
        if item.table is not None and item.table.columns:
            left = base + indent_of(item.level) + (6.0 if mark else 0.0)
            left = min(left, avail * 0.3)
            tables = table_flowables(item.table, avail - left, item.unit)
            group = lead_into([*group, *(Shifted(f, left) for f in tables)])
        out.append(group)
    return out


def lead_into(flowables: list[Flowable]) -> list[Flowable]:
    """[line(s)…, unit line, table] → one Lead (the table may split under its line); else as is."""
    if len(flowables) < 2 or isinstance(flowables[-1], Line):
        return flowables
    return [Lead(flowables[:-1], flowables[-1])]


def outline_flowables(items: list[Item], template: Template, avail: float, *,
                      style: ParagraphStyle | None = None, base: float = 0.0) -> list[Flowable]:
    return [f for g in outline_groups(items, template, avail, style=style, base=base) for f in g]
