"""Amounts as officers type them, into exact Decimals, and back to print.

Accepted: "1,234", "1234.5", "9.6", "-" / "" / "–" (none), "△12" and "-12" (negative, where the
column allows it), full-width digits and signs, surrounding spaces, and the cell's own unit written
after the number ("19개사" in a 개사 column, "20%" in a % row). A unit that is not the cell's own
("50%" in a 백만원 cell, SPEC §3) is refused: see `strip_unit`. Everything else is refused with a
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
    s = strip_unit(s, unit, raw)
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


# A unit written after a number: Hangul (백만원, 개사, 명), a percent or per-mille sign, or one of the
# squared unit symbols (㎡, ㎞). Latin letters are not taken as a unit ("12a" is just not a number).
_UNIT_SUFFIX = re.compile(r"(?<=[\d.])\s*(?P<unit>[%‰％가-힣\u3380-\u33df]+)$")
_SAME_UNIT = {"％": "%", "억": "억원"}


def _unit_key(unit: str) -> str:
    return _SAME_UNIT.get(unit, unit)


def strip_unit(s: str, unit: str, raw: str) -> str:
    """The number text without the unit typed after it, which must be the cell's `unit` (SPEC §3:
    "50%" in a 백만원 cell is refused, not stored as 50). Raises NumberError otherwise. A text with no
    unit after its number is returned as it is."""
    m = _UNIT_SUFFIX.search(s)
    if m is None:
        if unit and s.endswith(unit):  # a unit the pattern does not know ("km")
            return s[: -len(unit)].rstrip()
        return s
    typed = m.group("unit")
    if unit and _unit_key(typed) == _unit_key(unit):
        return s[: m.start()].rstrip()
    shown = raw.strip()
    if unit:
        raise NumberError(f"단위가 다릅니다: 이 칸은 '{unit}' 단위입니다 ('{typed}' 아님) '{shown}'")
    raise NumberError(f"단위를 붙일 수 없는 칸입니다 ('{typed}') '{shown}'")


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
