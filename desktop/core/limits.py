"""How long a number may be: every place that turns user text into an int or a Decimal asks here first.

A card file, a workbook or a typed cell can hold a 5,000-digit number. Python refuses to turn more than
4,300 digits into an int (ValueError), and a Decimal of a million digits makes every sum and print slow;
no figure of a pledge card needs more than a few dozen digits. So an amount has at most MAX_DIGITS
digits in all (the whole part and the fraction), and a count (진도, 판, a year) at most MAX_INT_DIGITS.
The amount limit is the card files' old bound of 40 characters, so that every body already stored
reads back and every card that could be exported comes back from its workbook. Refusals are Korean
and quote the start of what was written.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_DIGITS = 39  # digits of one amount, whole part and fraction together: a card file's 40 characters
MAX_INT_DIGITS = 18  # digits of an integer field (진도 %, 판, 연도)
MAX_RUN = 100  # digits in a row inside a text the checks read numbers from (a block's period)

_RUN = re.compile(r"\d+")
_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _quote(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else text[:37] + "…"


def digit_count(text: str) -> int:
    """The digits of a number as written (any Unicode decimal digit)."""
    return sum(1 for c in text if c.isdecimal())


def too_many_digits(text: str, limit: int = MAX_DIGITS) -> str:
    """The Korean refusal for a number written with more than `limit` digits, else ""."""
    n = digit_count(text)
    if n <= limit:
        return ""
    return f"숫자가 너무 깁니다 ({n:,}자리, 최대 {limit}자리) '{_quote(text)}'"


def longest_run(text: str) -> int:
    """The longest run of digits in free text ("[2025. 1. 1.~2025. 9. 30.]" → 4)."""
    return max((len(m) for m in _RUN.findall(text)), default=0)


def run_too_long(text: str, limit: int = MAX_DIGITS) -> str:
    """The Korean refusal for text holding a run of more than `limit` digits, else ""."""
    n = longest_run(text)
    if n <= limit:
        return ""
    return f"숫자가 너무 깁니다 ({n:,}자리, 최대 {limit}자리) '{_quote(text)}'"


def amount_text_error(text: str, limit: int = MAX_DIGITS) -> str:
    """Why `text` is not an amount as a card file writes it ("9.6", "-12", "1.50": an optional minus,
    ASCII digits, an optional fraction; no exponent, no grouping, no sign '+', at most `limit`
    digits), or "" when it is one."""
    if not _AMOUNT.fullmatch(text):
        if "e" in text.lower() and any(c.isdigit() for c in text):
            return f"지수 표기(예: 1e5)는 쓸 수 없습니다. 숫자를 그대로 쓰십시오 '{_quote(text)}'"
        return f"숫자가 아닙니다 '{_quote(text)}'"
    return too_many_digits(text, limit)


def decimal_too_long(value: Decimal) -> bool:
    """Whether an exact value needs more than MAX_DIGITS digits when written out in full ("f")."""
    if not value.is_finite():
        return True
    t = value.as_tuple()
    exp = t.exponent
    assert isinstance(exp, int)
    written = max(len(t.digits) + exp, 1) if exp >= 0 else max(len(t.digits), -exp + 1)
    return written > MAX_DIGITS


def safe_int(text: str, limit: int = MAX_INT_DIGITS) -> int | None:
    """int(text) for plain digits (an optional sign) of at most `limit` digits, else None: never the
    ValueError of a 5,000-digit string."""
    s = text.strip()
    body = s[1:] if s[:1] in "+-" else s
    if not body or not body.isdecimal() or len(body) > limit:
        return None
    return int(s)
