"""Comparing stated figures at the precision of the coarsest one (SPEC §3).

A total stated to two decimals against parts stated to one (3,875.82 against 1,937.9 + 1,937.9) is
no contradiction: at one decimal both are 3,875.8. Figures that all share one precision compare
exactly, as they always have (version-1 files check as before).

A total against its parts (sums, signed relations, relations across tables) allows rounding only when
every part is stated coarser than the total: the parts were rounded from the figures the total was
added from (3,875.82 over 1,937.9 + 1,937.9), so they are compared at the coarsest part's precision.
A total stated no finer than one of its parts is compared exactly: "0" over a part of 0.1 is a
contradiction, as "-" over 0.1 is, and so is 0.0 over 0.1 and "0". A zero states nothing to round
("0", "0.0" and "-" all say none): it neither makes a relation coarse nor is a total rounded.
Were a coarse figure to absorb a slip in one relation, a second relation onto the same total
(a 총 계 read from the line items and from the sources) would see the slip while this one did
not, and replacing the total that shows it (계산값으로 바꾸기 with its chain) would bring the hidden
one to light: more errors after the fix than before.
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


def agree_total(total: Decimal, computed: Decimal, stated: Decimal | None, parts: Iterable[Decimal | None]) -> bool:
    """Whether a total (`stated`, compared as `total`) agrees with its parts (summed, with their signs, to
    `computed`): exactly, or — when every part is stated coarser than the total — at the coarsest part's
    precision (see the module docstring)."""
    if total == computed:
        return True
    rounded = [v for v in parts if v is not None and v.is_finite() and v != 0]
    span = coarsest(rounded)
    if span is None or stated is None or not stated.is_finite() or stated == 0 or decimal_places(stated) <= span[1]:
        return False
    return agree(total, computed, [stated, *rounded])
