"""How findings name places and print numbers: "소요예산 국비 계", "700", "220 + 250 + 203"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from desktop.core.findings import Place
from desktop.core.model import Block, Card, Table
from desktop.core.numbers import format_amount
from desktop.core.templates import Template

_SPACES = re.compile(r"\s+")
_TRAILING_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_HEADING_NUMBER = re.compile(r"^\s*(?:(?:\d+|[IVX]+|[①-⑳])\s*[.)]|[□■○●❍◇◆▶▷☐])\s*")


@lru_cache(maxsize=4096)
def clean(label: str) -> str:
    """A label as one line. Letters spaced out to justify a form cell ("진  도", "시 행 일") close
    up; real words keep one space between them ("소요\n예산" → "소요 예산")."""
    words = _SPACES.split(label.strip())
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return "".join(words)
    return " ".join(words)


@lru_cache(maxsize=1024)
def short_group(group: str) -> str:
    """A row/column group without its trailing note: "소요예산(계획)" → "소요예산"."""
    g = clean(group)
    s = _TRAILING_PAREN.sub("", g)
    return s or g


def heading_name(heading: str) -> str:
    """A block heading as a name: "2. 투자계획(비예산)" → "투자계획"."""
    h = _HEADING_NUMBER.sub("", clean(heading))
    return short_group(h)


def fmt(value: Decimal | None) -> str:
    """An amount as tables print it ("1,234.5", "△12", "-" for none); absurd exponents stay short."""
    if value is None:
        return "-"
    if value.is_finite() and not -30 <= value.adjusted() <= 30:
        return str(value)
    return format_amount(value)


def fmt_sum(values: Iterable[Decimal | None]) -> str:
    """The operands of a sum as the officer would add them: "220 + 250 + 203" (empty cells left out)."""
    shown = [fmt(v) for v in values if v is not None]
    return " + ".join(shown)


def row_label(table: Table, row_key: str) -> str:
    """ "소요예산 국비"; a row without a label is named by its place ("2행"), and the one row of a
    single-row table by nothing — never by its internal key ("total")."""
    r = table.row(row_key)
    if r is None:
        return row_key
    named = " ".join(p for p in (short_group(r.group), clean(r.label)) if p)
    if named:
        return named
    if len(table.rows) == 1:
        return ""
    return f"{table.rows.index(r) + 1}행"


def col_label(table: Table, col_key: str) -> str:
    c = table.column(col_key)
    if c is None:
        return col_key
    return " ".join(p for p in (short_group(c.group), clean(c.label)) if p) or col_key


def cell_label(table: Table, row_key: str, col_key: str) -> str:
    """ "소요예산 국비 계", "중소기업 마케팅 지원 사업 지원 실적 합계"."""
    return f"{row_label(table, row_key)} {col_label(table, col_key)}".strip()


_DIGIT_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False, "6": True, "7": True,
                "8": True, "9": False}


def josa(word: str, after_consonant: str, after_vowel: str) -> str:
    """The particle that fits the word's last sound: josa("진도", "이", "가") → "가"."""
    for ch in reversed(word.strip()):
        if "가" <= ch <= "힣":
            return after_consonant if (ord(ch) - 0xAC00) % 28 else after_vowel
        if ch in _DIGIT_FINAL:
            return after_consonant if _DIGIT_FINAL[ch] else after_vowel
        if ch.isalpha():
            return after_vowel
    return after_consonant


def item_name(text: str, limit: int = 24) -> str:
    t = clean(text)
    return t if len(t) <= limit else t[: limit - 1] + "…"


def table_name(block: Block, item_path: tuple[int, ...], template: Template | None = None) -> str:
    """The table's name for messages: the block heading, or the outline line holding an inline table."""
    heading = block.heading
    if not heading and template is not None:
        bd = template.block_def(block.key)
        heading = bd.heading if bd else ""
    name = heading_name(heading) or block.key
    if item_path:
        i = item_path[0]
        if 0 <= i < len(block.items):
            text = item_name(block.items[i].text)
            return f"{name} › {text}" if text else name
    return name


def find_table(card: Card, block_key: str, item: tuple[int, ...] = ()) -> tuple[Block, Table] | None:
    """The block's own table (item ()) or the inline table of block.items[item[0]]."""
    block = card.block(block_key)
    if block is None:
        return None
    if not item:
        return (block, block.table) if block.table is not None else None
    if len(item) != 1 or not 0 <= item[0] < len(block.items):
        return None
    t = block.items[item[0]].table
    return (block, t) if t is not None else None


FIELD_NAMES = {"base_date": "기준일", "period": "사업기간", "progress": "진도", "status": "추진상황"}


def field_name(template: Template | None, key: str) -> str:
    label = template.field_label(key) if template is not None else ""
    return clean(label) or FIELD_NAMES.get(key, key)


def describe_place(card: Card, template: Template | None, place: Place) -> str:
    """Where a finding sits, for the problems list and `check`: "투자계획 › 소요예산 국비 › 계"."""
    parts: list[str] = []
    if place.field:
        parts.append(field_name(template, place.field))
    if place.block:
        block = card.block(place.block)
        if block is not None:
            found = find_table(card, place.block, place.item)
            parts.append(table_name(block, place.item, template))
            if found is not None and (place.row or place.col):
                t = found[1]
                if place.row:
                    parts.append(row_label(t, place.row))
                if place.col:
                    parts.append(col_label(t, place.col))
        else:
            parts.append(place.block)
    return " › ".join(p for p in parts if p)
