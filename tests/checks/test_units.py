"""SPEC §3: a unit typed with a number must be the cell's unit ("50%" in a 백만원 cell is refused, issue 11
item 5). The rule sits in the core parser, so the editor and workbook import share it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.checks import check_cell_text
from desktop.core.numbers import NumberError, format_amount, parse_amount
from tests.checks.helpers import load

UNITS = ["백만원", "천원", "원", "억원", "만원", "개사", "명", "%", "㎡", "건", "개소"]
amounts = st.builds(lambda n, k: Decimal(n).scaleb(-k), st.integers(0, 10**12), st.integers(0, 2))


@given(amounts, st.sampled_from(UNITS), st.sampled_from([*UNITS, ""]), st.sampled_from(["", " "]))
def test_a_typed_unit_is_the_cells_unit_or_refused(value: Decimal, typed: str, cell: str, gap: str) -> None:
    text = f"{format_amount(value)}{gap}{typed}"
    if typed == cell:
        assert parse_amount(text, unit=cell) == value
        return
    with pytest.raises(NumberError) as err:
        parse_amount(text, unit=cell)
    msg = str(err.value)
    assert "단위" in msg and text in msg and f"'{typed}'" in msg
    if cell:
        assert f"'{cell}'" in msg  # says which unit the cell takes


@given(amounts, st.sampled_from(UNITS))
def test_no_unit_is_always_the_cells_unit(value: Decimal, cell: str) -> None:
    assert parse_amount(format_amount(value), unit=cell) == value


def test_fifty_percent_in_a_million_won_cell_is_refused_at_the_cell() -> None:
    card, _ = load("2-2-1")
    invest = card.block("invest").table  # type: ignore[union-attr]
    assert invest is not None and invest.unit == "백만원"
    with pytest.raises(NumberError, match="단위가 다릅니다") as err:
        check_cell_text(invest, "plan_national", "y2025", "50%", where="투자계획")
    assert str(err.value).startswith("투자계획 소요예산 국비 2025년: ")
    assert check_cell_text(invest, "plan_national", "y2025", "50백만원") == Decimal(50)
    card, _ = load("III-2-1")
    indicators = next(t for _, _, t in card.tables() if t.key == "indicators")
    assert check_cell_text(indicators, "achieve", "y2018", "20%") == Decimal(20)  # a % row takes %
    assert check_cell_text(indicators, "achieve", "y2018", "２０％") == Decimal(20)
