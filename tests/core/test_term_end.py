"""The term a 기준일 falls in, for any date a card file may hold (a workbook of a card dated 9999 crashed)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.finance import term_end_for


def test_terms_end_on_30_june_every_four_years() -> None:
    assert term_end_for(date(2022, 6, 30)) == 2022
    assert term_end_for(date(2022, 7, 1)) == 2026
    assert term_end_for(date(2026, 6, 30)) == 2026
    assert term_end_for(date(2019, 3, 3)) == 2022
    assert term_end_for(date(9999, 12, 31)) == 10002


@given(st.dates())
def test_any_date_has_its_term(day: date) -> None:
    end = term_end_for(day)
    assert (end - 2026) % 4 == 0
    assert (end, 6, 30) >= (day.year, day.month, day.day) > (end - 4, 6, 30)
