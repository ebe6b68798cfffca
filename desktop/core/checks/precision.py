"""Comparing stated figures at the precision of the coarsest one (SPEC §3).

A total stated to two decimals against parts stated to one (3,875.82 against 1,937.9 + 1,937.9) is
no contradiction: at one decimal both are 3,875.8. Figures that all share one precision compare
exactly, as they always have (version-1 files check as before).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.numbers import decimal_places


def coarsest(figures: Iterable[Decimal | None]) -> tuple[int, int] | None:
    """(fewest, most) decimal places among the stated figures; None when none is stated."""
    places = [decimal_places(v) for v in figures if v is not None and v.is_finite()]
    return (min(places), max(places)) if places else None


def agree(lhs: Decimal, rhs: Decimal, figures: Iterable[Decimal | None]) -> bool:
    """Whether two sides of a relation agree: exactly, or — when the stated figures mix precisions — once
    both are rounded (half up) to the coarsest stated precision. Figures of one precision compare exactly."""
    if lhs == rhs:
        return True
    span = coarsest(figures)
    if span is None or span[0] == span[1]:
        return False
    unit = Decimal(1).scaleb(-span[0])
    return lhs.quantize(unit, rounding=ROUND_HALF_UP) == rhs.quantize(unit, rounding=ROUND_HALF_UP)
