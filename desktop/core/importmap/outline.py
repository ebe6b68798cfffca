"""Outline lines → items: levels from the marks (❍ ○ ▷ - · ※ ① …) and, where marks say nothing more,
from indentation; dates written after the item (": 2025. 2. ~ 12.") split off where the block carries
dates; continuation lines (deeper, unmarked) joined to their item; a table under an item becomes its
inline table (SPEC §2)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.importmap.elements import El, Grid, Line
from desktop.core.model import Item, Table

CIRCLED = "".join(chr(0x2460 + i) for i in range(20))
LEVEL_MARKS: dict[str, int] = {
    **{c: 0 for c in CIRCLED},
    "❍": 1, "○": 1, "◯": 1, "●": 1, "◦": 1, "ㅇ": 1,
    "▷": 2, "▶": 2, "►": 2, "▸": 2, "➢": 2,
    "-": 3, "–": 3, "‐": 3, "－": 3,
    "·": 4, "‧": 4, "∙": 4, "•": 4, "⋅": 4,
}
NOTE = "※"
_MD_BULLET = re.compile(r"^-\s+(?=\S)")
_UNIT_LINE = re.compile(r"^\(\s*단\s*위\s*[:：]?.*\)$")
_DATE = re.compile(r"^\d{4}\s*\.(?:[\s\d.~/]|상반기|하반기|월)*$")
_TABLE_UNIT = re.compile(r"단\s*위\s*[:：]?\s*([^)/]+)\)")
_SPLIT_DATE = re.compile(r"\s*:\s*(?P<date>[^:]*)$")


def mark_of(text: str) -> tuple[str, str]:
    """(mark, rest) of a line: the leading mark and the text after it; ("", text) when unmarked."""
    if not text:
        return "", text
    ch = text[0]
    if ch == NOTE or ch in LEVEL_MARKS:
        rest = text[1:]
        if ch in "-–‐－" and rest[:1] not in (" ", "\u3000"):  # "-12" or "-" alone is not a mark
            return "", text
        return ch, rest.strip()
    return "", text


def is_unit_line(text: str) -> bool:
    return bool(_UNIT_LINE.match(text.strip()))


def markdown_bullets(lines: list[Line]) -> bool:
    """Whether "-" is a list bullet nesting by indentation ("  - ▷ item"), as one seed writes outlines,
    rather than the level-3 mark."""
    return any(_MD_BULLET.match(ln.text) and mark_of(_MD_BULLET.sub("", ln.text))[0] not in ("", "-")
               for ln in lines)


@dataclass
class OutlineStyle:
    markdown: bool = False
    note_levels: dict[int, int] = field(default_factory=dict)  # indentation → level of ※ there


def style_of(lines: list[Line]) -> OutlineStyle:
    md = markdown_bullets(lines)
    levels: dict[int, int] = {}
    for ln in lines:
        lv = _level(ln, md)
        if lv is not None and lv[0] >= 1:
            levels[ln.indent] = min(levels.get(ln.indent, 9), lv[0])
    return OutlineStyle(md, levels)


def _level(ln: Line, md: bool) -> tuple[int, bool, str] | None:
    """(level, note, text) of a marked line; None when the line has no mark."""
    text = ln.text
    depth = None
    if md and _MD_BULLET.match(text):
        depth = ln.indent // 2 + 1
        text = _MD_BULLET.sub("", text)
    mark, rest = mark_of(text)
    if mark == NOTE:
        return (depth or 0, True, rest)
    if mark:
        if depth is not None and mark == "-":
            return (depth, False, rest)
        return (LEVEL_MARKS[mark], False, rest)
    if depth is not None:
        return (depth, False, text)
    return None


def split_date(text: str) -> tuple[str, str]:
    """("설명회 개최(60명 참석)", "2025. 2. 26.") from "설명회 개최(60명 참석): 2025. 2. 26."; a short
    label before the colon ("사업기간: 2025. 4. ~ 12.") is a labelled value, not an item's date."""
    m = _SPLIT_DATE.search(text)
    if m is None or not _DATE.match(m.group("date").strip()):
        return text, ""
    head = text[: m.start()].rstrip()
    if len(re.sub(r"\s+", "", head)) <= 5:
        return text, ""
    return head, m.group("date").strip()


LooseFn = Callable[[list[Line]], Table | None]
TableFn = Callable[[Grid, str], Table | None]


def parse_items(els: list[El], style: OutlineStyle, *, dates: bool = False,
                loose: LooseFn | None = None, grid: TableFn | None = None) -> list[Item]:
    """The items of an outline's elements; the elements used are marked placed."""
    items: list[Item] = []
    item_indent = -1
    unit = ""
    run: list[Line] = []

    def flush_run() -> None:
        nonlocal run
        if run and loose is not None and items and items[-1].table is None:
            table = loose(run)
            if table is not None:
                items[-1].table = table
                for ln in run:
                    ln.placed = True
        run = []

    for el in els:
        if isinstance(el, Grid):
            flush_run()
            if items and items[-1].table is None and grid is not None:
                table = grid(el, unit)
                if table is not None:
                    items[-1].table = table
                    if items[-1].text:
                        items[-1].unit = unit
                    elif m := _TABLE_UNIT.search(unit):  # an item that is only its table: the unit is the table's
                        table.unit = m.group(1).strip()
                    el.placed = True
            unit = ""
            continue
        if not isinstance(el, Line) or el.blank:
            continue
        if is_unit_line(el.text):
            unit = el.text
            el.placed = True
            continue
        lv = _level(el, style.markdown)
        if lv is not None and run and lv[0] == 0 and not lv[1]:
            lv = None  # circled items inside a table copied out as lines ("분야 | ① … ②")
        if lv is not None:
            flush_run()
            level, note, text = lv
            if note:
                level = level or style.note_levels.get(el.indent, items[-1].level if items else 1)
            items.append(Item(text=text, level=level, note=note))
            item_indent = el.indent
            el.placed = True
            unit = ""
        elif items and el.indent > item_indent and not run:
            items[-1].text = (items[-1].text + " " + el.text).strip()
            el.placed = True
        else:
            run.append(el)
    flush_run()
    if dates:
        for it in items:
            it.text, it.date = split_date(it.text)
    return items
