"""Natural order and entry conventions: the two small pieces everything else leans on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.dates import NotADate, fmt_date, parse_date
from desktop.core.natural import flat_key, natural_key
from desktop.core.numbers import NumberError, format_amount, parse_amount


def test_natural_order_numbers_roman_circled() -> None:
    nums = ["1-10-1", "1-2-2", "III-2-1", "II-1-1", "X-1", "IX-1", "III-①-1", "III-⑩-1", "III-②-1", "2-2-1"]
    assert sorted(nums, key=natural_key) == [
        "1-2-2", "1-10-1", "2-2-1", "II-1-1", "III-①-1", "III-2-1", "III-②-1", "III-⑩-1", "IX-1", "X-1",
    ]
    assert natural_key("1-2-2") < natural_key("1-10-1")
    assert natural_key("IX-1") < natural_key("X-1")
    assert natural_key("II-9") < natural_key("III-1")
    assert natural_key("III-②-1") < natural_key("III-⑩-1")
    assert natural_key("가-1") < natural_key("나-1")


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234", "1234"), ("1234.5", "1234.5"), ("9.6", "9.6"), ("-", None), ("", None), ("  12 ", "12"),
     ("△12", "-12"), ("-12", "-12"), ("１２３", "123"), ("19개사", "19")],
)
def test_entry_conventions(text: str, value: str | None) -> None:
    got = parse_amount(text, unit="개사")
    assert got == (Decimal(value) if value is not None else None)


@pytest.mark.parametrize("text", ["l2O", "1.2.3", "12,34,5", "abc", "1 2", "12원x"])
def test_refused_with_korean_message(text: str) -> None:
    with pytest.raises(NumberError) as err:
        parse_amount(text)
    assert "숫자가 아닙니다" in str(err.value) and text in str(err.value)


def test_negative_refused_where_not_allowed() -> None:
    with pytest.raises(NumberError, match="음수"):
        parse_amount("△2", negative=False)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**12, max_value=10**12))
def test_format_then_parse_is_identity(d: Decimal) -> None:
    assert parse_amount(format_amount(d)) == d


@given(st.text(max_size=20))
def test_any_text_parses_or_is_refused(text: str) -> None:
    try:
        parse_amount(text)
    except NumberError as exc:
        assert str(exc)


@pytest.mark.parametrize(
    ("text", "want"),
    [("2025. 9. 30.", date(2025, 9, 30)), ("2025-09-30", date(2025, 9, 30)), ("2025년 9월 30일", date(2025, 9, 30)),
     ("25. 9. 30.", date(2025, 9, 30)), ("(2025. 9. 30. 現在)", date(2025, 9, 30)), ("", None)],
)
def test_dates_as_written(text: str, want: date | None) -> None:
    assert parse_date(text) == want
    if want is not None:
        assert parse_date(fmt_date(want)) == want


@given(st.dates())
def test_any_date_prints_and_reads_back(d: date) -> None:
    assert parse_date(fmt_date(d)) == d


@pytest.mark.parametrize("text", ["2025. 9.", "어제", "125. 1. 1."])
def test_not_a_date(text: str) -> None:
    with pytest.raises(NotADate):
        parse_date(text)


def test_no_such_day_is_not_taken_for_unreadable() -> None:
    with pytest.raises(ValueError) as err:
        parse_date("2025. 2. 30.")
    assert not isinstance(err.value, NotADate)


@given(st.lists(st.text("0123456789-IVXivx①⑩가나 ", max_size=8), max_size=30))
def test_flat_sort_key_orders_like_natural_key(nums: list[str]) -> None:
    flat = [natural_key(n) for n in sorted(nums, key=flat_key)]
    assert flat == [natural_key(n) for n in sorted(nums, key=natural_key)]
