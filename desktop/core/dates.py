"""Dates as Korean documents write them: "2025. 9. 30." — printed one way, read the ways officers type."""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(
    r"^\s*\(?\s*(\d{4}|\d{2})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?\s*(?:現在)?\s*\)?\s*$"
)


class NotADate(ValueError):
    """The text is not written as a date at all (as opposed to 2025. 2. 30., no such day)."""


def fmt_date(d: date | None) -> str:
    """date(2025, 9, 30) → "2025. 9. 30."; None → "". Years are written with four digits, so that a
    two-digit year always means 20xx when read back."""
    return f"{d.year:04d}. {d.month}. {d.day}." if d else ""


def parse_date(text: str) -> date | None:
    """ "2025. 9. 30.", "2025-09-30", "2025년 9월 30일", "25. 9. 30." (a two-digit year is 20xx) and
    "(2025. 9. 30. 現在)" → date; "" → None. NotADate when the text is not written as a date,
    ValueError when no such day exists."""
    if not text.strip():
        return None
    m = _DATE.match(text)
    if m is None:
        raise NotADate(text)
    y = int(m.group(1))
    return date(2000 + y if len(m.group(1)) == 2 else y, int(m.group(2)), int(m.group(3)))
