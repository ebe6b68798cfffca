"""Entry conventions at a cell (SPEC §3): accepted into exact Decimals, or refused with a Korean
message that says what and where; negatives only where the column allows them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.checks import check_cell_text
from desktop.core.model import Column, Row, Table
from desktop.core.numbers import NumberError
from tests.checks.helpers import load, table


def invest() -> Table:
    card, _ = load("2-2-1")
    return table(card)


@pytest.mark.parametrize(("text", "value"), [
    ("1,234", "1234"), ("1234.5", "1234.5"), ("9.6", "9.6"), ("-", None), ("", None), ("  12 ", "12"),
    ("１２３", "123"), ("１,２３４.５", "1234.5"), ("750백만원", "750"), ("0", "0"), ("0.10", "0.10"), ("－", None),
])
def test_accepted(text: str, value: str | None) -> None:
    got = check_cell_text(invest(), "plan_national", "y2025", text)
    assert got == (Decimal(value) if value is not None else None)
    if got is not None:
        assert str(got) == value  # exact, with its scale: "0.10" stays two places


@pytest.mark.parametrize(("text", "why"), [
    ("l2O", "숫자가 아닙니다 'l2O'"),
    ("1.2.3", "숫자가 아닙니다 (소수점이 두 개 이상) '1.2.3'"),
    ("12,34,5", "숫자가 아닙니다 (쉼표 위치가 잘못됨) '12,34,5'"),
    ("십이", "숫자가 아닙니다 '십이'"),
    ("12개사", "단위가 다릅니다: 이 칸은 '백만원' 단위입니다 ('개사' 아님) '12개사'"),
    ("50%", "단위가 다릅니다: 이 칸은 '백만원' 단위입니다 ('%' 아님) '50%'"),
    ("50 원", "단위가 다릅니다: 이 칸은 '백만원' 단위입니다 ('원' 아님) '50 원'"),
    ("△12", "이 칸에는 음수를 쓸 수 없습니다 '△12'"),
    ("-12", "이 칸에는 음수를 쓸 수 없습니다 '-12'"),
])
def test_refused_with_the_place(text: str, why: str) -> None:
    with pytest.raises(NumberError) as err:
        check_cell_text(invest(), "plan_national", "y2025", text, where="투자계획")
    assert str(err.value) == f"투자계획 소요예산 국비 2025년: {why}"


def test_without_where_the_cell_labels_still_say_where() -> None:
    with pytest.raises(NumberError, match=r"^투입예산 구비 계: 숫자가 아닙니다 'x'$"):
        check_cell_text(invest(), "exec_district", "total", "x")


def test_negatives_where_the_column_allows_them() -> None:
    staff = Table(key="staff", columns=[Column("quota", "정원"), Column("gap", "과부족", negative=True)],
                  rows=[Row("g6", "6급")])
    assert check_cell_text(staff, "g6", "gap", "△2") == Decimal(-2)
    assert check_cell_text(staff, "g6", "gap", "-2") == Decimal(-2)
    assert check_cell_text(staff, "g6", "gap", "▲ 3") == Decimal(-3)
    with pytest.raises(NumberError, match="음수"):
        check_cell_text(staff, "g6", "quota", "△2")


def test_units_of_the_row_and_column() -> None:
    card, _ = load("III-2-1")
    marketing = card.block("plan").items[10].table  # type: ignore[union-attr]
    assert marketing is not None
    assert check_cell_text(marketing, "marketing", "total", "29개사") == Decimal(29)
    indicators = table(card, "indicators")
    assert check_cell_text(indicators, "achieve", "y2018", "20%") == Decimal(20)


def test_too_long_or_too_large_is_refused() -> None:
    with pytest.raises(NumberError, match="너무 깁니다"):
        check_cell_text(invest(), "plan_national", "y2025", "1" * 41)
    with pytest.raises(NumberError, match="너무 큽니다"):
        check_cell_text(invest(), "plan_national", "y2025", "9" * 31)
    assert check_cell_text(invest(), "plan_national", "y2025", "9" * 30) == Decimal("9" * 30)


def test_text_columns_and_missing_cells_are_programming_errors() -> None:
    card, _ = load("2-2-1")
    fields = card.block("results").items  # type: ignore[union-attr]
    text_table = next(i.table for i in fields if i.table is not None)
    with pytest.raises(ValueError, match="holds text"):
        check_cell_text(text_table, text_table.rows[0].key, text_table.columns[0].key, "1")
    with pytest.raises(ValueError, match="no cell"):
        check_cell_text(invest(), "nope", "y2025", "1")
