"""Reporting periods (SPEC §6.2): a card carried into a new 기준일, its period-bound parts moved on.

A period is a 기준일. Opening a new one copies every current card to it as a new card of the same
pledge; the blocks the template marks `period: true` (추진실적 "[2025. 1. 1.~2025. 9. 30.]") get the
new range: the end becomes the new 기준일, and a range that began on 1 January begins on 1 January
of the new 기준일's year (a year's results counted from the start of the year). Formats without a
기준일 (구로구) keep one card per pledge and take no part.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from desktop.core.dates import fmt_date
from desktop.core.model import Card, new_id, utcnow
from desktop.core.templates import Template

_RANGE = re.compile(
    r"(?P<open>[\[(（]?)\s*(?P<start>\d{4}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.?)\s*(?P<sep>[~∼〜-])\s*"
    r"(?P<end>(?:\d{4}\s*\.\s*)?\d{1,2}\s*\.\s*\d{1,2}\s*\.?)\s*(?P<close>[\])）]?)"
)
_PARTS = re.compile(r"\d+")


class PeriodError(ValueError):
    """A period that cannot be opened (Korean, says why)."""


def _read(text: str, year: int | None = None) -> date | None:
    nums = [int(n) for n in _PARTS.findall(text)]
    try:
        if len(nums) == 3:
            return date(nums[0], nums[1], nums[2])
        if len(nums) == 2 and year is not None:
            return date(year, nums[0], nums[1])
    except ValueError:
        return None
    return None


def move_period_text(text: str, old_base: date | None, new_base: date) -> str:
    """ "[2025. 1. 1.~2025. 9. 30.]" → "[2025. 1. 1.~2025. 12. 31.]" for new_base 2025-12-31;
    "[2026. 1. 1.~2026. 3. 31.]" for 2026-03-31. Text that holds no range is kept as written."""
    m = _RANGE.search(text)
    if m is None:
        return text
    start = _read(m.group("start"))
    if start is None:
        return text
    end = _read(m.group("end"), start.year)
    if end is None:
        return text
    del old_base  # the range ends at the old 기준일 or not: either way it now ends at the new one
    if start.month == 1 and start.day == 1 and start.year != new_base.year:
        start = date(new_base.year, 1, 1)
    opened, closed = m.group("open"), m.group("close")
    moved = f"{opened}{fmt_date(start)}~{fmt_date(new_base)}{closed}"
    return text[: m.start()] + moved + text[m.end():]


def carry_over(card: Card, new_base: date, template: Template) -> Card:
    """The card of the same pledge at `new_base`: a new card (new id, version 1), everything kept
    as the officer left it but the 기준일 and the periods of period-bound blocks."""
    if not template.has_base_date:
        raise PeriodError(f"'{template.label or template.name}' 양식은 기준일이 없어 기준일을 옮기지 않습니다")
    if card.base_date is not None and new_base <= card.base_date:
        raise PeriodError(f"새 기준일 {fmt_date(new_base)}은(는) 지금 기준일 "
                          f"{fmt_date(card.base_date)}보다 뒤여야 합니다")
    new = copy.deepcopy(card)
    new.id = new_id()
    new.version = 1
    new.updated_at = utcnow()
    new.base_date = new_base
    for block in new.blocks:
        bd = template.block_def(block.key)
        if bd is not None and bd.period and block.period:
            block.period = move_period_text(block.period, card.base_date, new_base)
    return new
