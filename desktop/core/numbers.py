"""Amounts as officers type them, into exact Decimals, and back to print.

Accepted: "1,234", "1234.5", "9.6", "-" / "" / "–" (none), "△12" and "-12" (negative, where the
column allows it), full-width digits and signs, surrounding spaces, and the cell's own unit written
after the number ("19개사" in a 개사 column, "20%" in a % row). Everything else is refused with a
Korean message that quotes what was typed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop.core.limits import too_many_digits

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９，．－＋　",
    "0123456789,.-+ ",
)
_NONE = {"", "-", "–", "—", "－", "ㅡ"}
_NUMBER = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")


class NumberError(ValueError):
    """A refused entry. str(err) is the Korean message for the user."""


def parse_amount(text: str, *, negative: bool = True, unit: str = "") -> Decimal | None:
    """Parse one cell's text. Returns None for an empty cell; raises NumberError when refused."""
    raw = text
    s = text.translate(_FULLWIDTH).strip()
    if s in _NONE:
        return None
    if why := too_many_digits(s):  # before any int/Decimal: a 5,000-digit entry is refused, not parsed
        raise NumberError(why)
    if unit and s.endswith(unit):
        s = s[: -len(unit)].rstrip()
    elif s.endswith("%"):
        s = s[:-1].rstrip()
    sign = 1
    if s[:1] in ("△", "▲", "-"):
        sign = -1
        s = s[1:].lstrip()
    elif s[:1] == "+":
        s = s[1:].lstrip()
    m = _NUMBER.match(s)
    if m is None:
        if s.count(".") > 1:
            raise NumberError(f"숫자가 아닙니다 (소수점이 두 개 이상) '{raw.strip()}'")
        if "," in s and re.fullmatch(r"[\d,]+(\.\d+)?", s):
            raise NumberError(f"숫자가 아닙니다 (쉼표 위치가 잘못됨) '{raw.strip()}'")
        raise NumberError(f"숫자가 아닙니다 '{raw.strip()}'")
    if sign < 0 and not negative:
        raise NumberError(f"이 칸에는 음수를 쓸 수 없습니다 '{raw.strip()}'")
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    try:
        value = Decimal(digits + ("." + frac if frac else ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise NumberError(f"숫자가 아닙니다 '{raw.strip()}'") from exc
    return -value if sign < 0 else value


def format_amount(value: Decimal | None, *, none: str = "-", negative_mark: str = "△") -> str:
    """1234.5 → "1,234.5"; None → "-"; negatives with △ as Korean tables write them."""
    if value is None:
        return none
    sign = ""
    if value < 0:
        sign = negative_mark
        value = -value
    text = format(value, "f")
    whole, _, frac = text.partition(".")
    whole = _grouped(whole.lstrip("-"))  # "-0" prints "0"
    return sign + whole + ("." + frac if frac else "")


def _grouped(digits: str) -> str:
    """"1234567" → "1,234,567" without int(): a value of any length prints (int() refuses 4,300+ digits)."""
    head = len(digits) % 3 or 3
    return ",".join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def plain(value: Decimal | None) -> str:
    """Canonical exact text for storage and card files: no grouping, scale kept ("9.6", "-12")."""
    return "" if value is None else format(value, "f")


def decimal_places(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0
