"""Natural order of 관리번호: segment by segment at '-'.

Numbers by value (1-2-2 < 1-10-1), Roman numerals by value (IX < X), circled numbers by value
(① < ⑩), other text alphabetically. Within one segment position, numbers of any notation sort
before text so that mixed books stay stable.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.model import Card

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# Unicode Roman numeral characters (Ⅰ..Ⅻ, ⅰ..ⅻ) map to their ASCII spelling.
_ROMAN_CHARS = {chr(0x2160 + i): s for i, s in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])}
_ROMAN_CHARS.update({chr(0x2170 + i): s for i, s in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])})


def _circled(ch: str) -> int | None:
    o = ord(ch)
    if 0x2460 <= o <= 0x2473:  # ① .. ⑳
        return o - 0x2460 + 1
    if 0x3251 <= o <= 0x325F:  # ㉑ .. ㉟
        return o - 0x3251 + 21
    if 0x32B1 <= o <= 0x32BF:  # ㊱ .. ㊿
        return o - 0x32B1 + 36
    if o == 0x24EA:  # ⓪
        return 0
    return None


def roman_value(s: str) -> int | None:
    s = "".join(_ROMAN_CHARS.get(c, c) for c in s).upper()
    if not s or not _ROMAN_RE.match(s):
        return None
    total = 0
    prev = 0
    for c in reversed(s):
        v = _ROMAN[c]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


SegmentKey = tuple[int, int, str]


def segment_key(seg: str) -> SegmentKey:
    s = seg.strip()
    if s.isdecimal() and len(s) <= 30:  # int() refuses 4,300+ digits; a longer run sorts as text
        return (0, int(s), s)
    if len(s) == 1 and (c := _circled(s)) is not None:
        return (0, c, s)
    if (r := roman_value(s)) is not None:
        return (0, r, s)
    return (1, 0, s.casefold())


def natural_key(number: str) -> tuple[SegmentKey, ...]:
    """Sort key for a 관리번호; empty numbers sort last."""
    if not number.strip():
        return ((2, 0, ""),)
    return tuple(segment_key(p) for p in number.split("-"))


@functools.lru_cache(maxsize=65536)
def flat_key(number: str) -> tuple[int | str, ...]:
    """natural_key flattened: every segment key has three parts, so the flat tuple sorts the same, and a
    flat tuple compares about a third faster (10,000 list rows are sorted at every start)."""
    return tuple(part for seg in natural_key(number) for part in seg)


def card_order(number: str, base_date: date | None, title: str, card_id: str) -> tuple[Any, ...]:
    """The one order of cards everywhere (list, store, book, workbook): 관리번호 naturally, then the
    older 기준일 first, then title and id so that equal numbers never come out in two orders."""
    return (flat_key(number), base_date or date.min, title, card_id)


def sort_cards(cards: Iterable[Card]) -> list[Card]:
    return sorted(cards, key=lambda c: card_order(c.number, c.base_date, c.title, c.id))
