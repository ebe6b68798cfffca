"""Outlines: ❍ ▷ - · and ※ with hanging indents, dates right-aligned, inline tables under their line.

The marks come from the template (Template.mark); a level-0 mark that is a circled number counts
up (① ② ③) within its outline, as numbered sub-items do.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from desktop.core.model import Item
from desktop.core.templates import CIRCLED, Template, numbered_mark
from desktop.pdf import styles
from desktop.pdf.tables import table_flowables
from desktop.pdf.text import DatedLine, Line, Shifted

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


def item_line(item: Item, mark: str, style: ParagraphStyle, base: float = 0.0) -> Flowable:
    line = Line(mark, item.text, style, base + indent_of(item.level))
    if item.date.strip():
        return DatedLine(line, ": " + item.date.strip(), style)
    return line


def outline_groups(items: list[Item], template: Template, avail: float, *,
                   style: ParagraphStyle | None = None, base: float = 0.0) -> list[list[Flowable]]:
    """The flowables of each item: its line, then its inline table (unit line and table) if any."""
    style = style or styles.body
    marks = Marks(template)
    out: list[list[Flowable]] = []
    for item in items:
        mark = marks(item)
        line = item_line(item, mark, style, base)
        group: list[Flowable] = [] if item.table_alone and not item.date.strip() else [line]
        if item.table is not None and item.table.columns:
            line.keepWithNext = 1
            left = base + indent_of(item.level) + (6.0 if mark else 0.0)
            left = min(left, avail * 0.3)
            group.extend(Shifted(f, left) for f in table_flowables(item.table, avail - left, item.unit))
        out.append(group)
    return out


def outline_flowables(items: list[Item], template: Template, avail: float, *,
                      style: ParagraphStyle | None = None, base: float = 0.0) -> list[Flowable]:
    return [f for g in outline_groups(items, template, avail, style=style, base=base) for f in g]
