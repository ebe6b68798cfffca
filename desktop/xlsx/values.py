"""Amounts between exact Decimals and the binary numbers a workbook holds.

A cell stores a double; its number format shows the decimals. An amount is written as a number
only when reading that cell back (value, then the scale its format shows) gives the same Decimal —
9.6 stays 9.6 and 9.60 stays 9.60; anything a double cannot carry (more than ~15 digits, -0) is
written as text and read back with the entry conventions (desktop.core.numbers.parse_amount).
"""

from __future__ import annotations

import contextlib
import math
from decimal import Decimal, InvalidOperation

from desktop.core.limits import decimal_too_long, too_many_digits
from desktop.core.numbers import decimal_places, plain


def _cast(text: str) -> int | float:
    """What openpyxl makes of a stored number (its reader's rule)."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def from_number(value: int | float, places: int) -> Decimal:
    """The amount a number cell shows: its value, at least at the scale its format shows."""
    if isinstance(value, bool):
        raise ValueError("boolean")
    if isinstance(value, int):
        d = Decimal(value)
    else:
        if not math.isfinite(value):
            raise ValueError("not finite")
        d = Decimal(int(value)) if value.is_integer() and abs(value) < 1e21 else Decimal(repr(value))
    if decimal_too_long(d):  # 1e300 in a number cell: no budget has 300 digits (and quantize would fail)
        raise ValueError(too_many_digits(plain(d)))
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp > 0:
        d = d.quantize(Decimal(1))
    if places > decimal_places(d) and places <= 12:
        with contextlib.suppress(InvalidOperation):
            d = d.quantize(Decimal(1).scaleb(-places))
    return d


def excel_number(d: Decimal) -> float | int | None:
    """The number to store for `d`, or None when a number cell could not give `d` back exactly."""
    if not d.is_finite():
        return None
    value: float | int = int(d) if d == d.to_integral_value() and decimal_places(d) == 0 else float(d)
    try:
        stored = _cast(format(value, ".16g"))  # what openpyxl writes
        back = from_number(stored, decimal_places(d))
    except (ValueError, OverflowError):
        return None
    if back != d or plain(back) != plain(d):
        return None
    return value
