"""Numbers in card files (issue 11, items 7 and 10): an amount is a plain decimal string — no exponent
("1e5"), at most 30 digits — and no number anywhere may be long enough to crash a parser (int() refuses
4,300+ digits with a ValueError). Refusals are Korean and name the place; valid amounts round-trip."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.cardfile import CardFileError, dumps, loads
from desktop.core.checks import check_card
from desktop.core.checks.crossfield import parse_period
from desktop.core.layout import new_card
from desktop.core.limits import MAX_DIGITS
from desktop.core.natural import natural_key
from desktop.core.numbers import NumberError, format_amount, parse_amount, plain
from desktop.core.templates import TemplateRegistry

REG = TemplateRegistry.load([], None)


def _card_json() -> dict[str, Any]:
    card = new_card(REG.get("standard"), start_year=2024, end_year=2025)
    return json.loads(dumps([card]))  # type: ignore[no-any-return]


def _with_cell(value: object) -> str:
    d = _card_json()
    d["cards"][0]["blocks"][1]["table"]["rows"][1]["cells"] = {"y2024": value}
    return json.dumps(d)


# ---------------------------------------------------------------- item 7: no exponent

@pytest.mark.parametrize("text", ["1e5", "1E5", "1.5e-3", "2E+10", "1e999999999", "-3e2"])
def test_exponent_refused_at_its_cell(text: str) -> None:
    with pytest.raises(CardFileError, match=r"rows\[1\]\.cells\.y2024: 지수 표기\(예: 1e5\)는 쓸 수 없습니다"):
        loads(_with_cell(text))


@pytest.mark.parametrize("text", ["+5", " 5", "5 ", "1_000", "1,000", "NaN", "Infinity", "-Infinity", "١٢",
                                  "0x10", ".5", "5.", "--5", ""])
def test_other_non_plain_forms_refused(text: str) -> None:
    with pytest.raises(CardFileError, match=r"rows\[1\]\.cells\.y2024: 숫자가 아닙니다"):
        loads(_with_cell(text))


@settings(max_examples=150, deadline=None)
@given(st.from_regex(r"-?[0-9]{1,12}(\.[0-9]{1,6})?[eE][+-]?[0-9]{1,8}", fullmatch=True))
def test_no_exponent_form_is_accepted(text: str) -> None:
    with pytest.raises(CardFileError, match="지수 표기"):
        loads(_with_cell(text))


amounts = st.builds(lambda n, k: Decimal(n).scaleb(-k),
                    st.integers(-(10 ** MAX_DIGITS - 1), 10 ** MAX_DIGITS - 1), st.integers(0, 8))


@settings(max_examples=150, deadline=None)
@given(amounts)
def test_valid_amounts_round_trip(value: Decimal) -> None:
    if len(plain(value).lstrip("-").replace(".", "")) > MAX_DIGITS or len(plain(value)) > 40:
        return
    card = loads(_with_cell(plain(value)))[0]
    table = card.block("invest").table  # type: ignore[union-attr]
    got = table.rows[1].cells["y2024"]  # type: ignore[union-attr]
    assert got == value and plain(got) == plain(value)  # type: ignore[arg-type]
    assert loads(dumps([card]))[0] == card


# ---------------------------------------------------------------- item 10: absurd digits

HUGE = "9" * 5000


def test_huge_progress_refused_with_its_place() -> None:
    text = json.dumps(_card_json()).replace('"progress": null', f'"progress": {HUGE}')
    with pytest.raises(CardFileError, match=r"cards\[0\]\.progress: 숫자가 너무 깁니다 \(5,000자리"):
        loads(text)


def test_huge_level_and_version_refused() -> None:
    d = _card_json()
    d["cards"][0]["goals"] = [{"text": "목표", "level": 1}]
    text = json.dumps(d).replace('"level": 1', f'"level": {HUGE}')
    with pytest.raises(CardFileError, match=r"goals\[0\]\.level: 숫자가 너무 깁니다"):
        loads(text)
    d = _card_json()
    d["cards"][0]["version"] = 7
    text = json.dumps(d).replace('"version": 7', f'"version": {HUGE}')
    with pytest.raises(CardFileError, match=r"cards\[0\]\.version: 숫자가 너무 깁니다"):
        loads(text)


def test_huge_amount_and_figure_refused() -> None:
    with pytest.raises(CardFileError, match=r"cells\.y2024: 숫자가 너무 깁니다 \(5,000자리, 최대 39자리\)"):
        loads(_with_cell(HUGE))
    with pytest.raises(CardFileError, match="숫자가 너무 깁니다"):
        loads(_with_cell("1" * 40))
    # 40 characters, as card files (and every stored body) have always allowed
    assert loads(_with_cell("9" * 39))[0].block("invest").table.rows[1].cells["y2024"] == Decimal("9" * 39)  # type: ignore[union-attr]
    assert loads(_with_cell("-" + "9" * 37 + ".5"))  # 40 characters
    d = _card_json()
    d["cards"][0]["figures"] = {"budget": {"total": "1", "unit": "백만원", "parts": [["국", HUGE]]}}
    with pytest.raises(CardFileError, match=r"figures\.budget\.parts\[0\]: 숫자가 너무 깁니다"):
        loads(json.dumps(d))


def test_huge_digits_in_a_period_refused() -> None:
    d = _card_json()
    d["cards"][0]["blocks"][2]["period"] = f"[2025. 1. 1.~{HUGE}. 9. 30.]"
    with pytest.raises(CardFileError, match=r"blocks\[2\]\.period: 숫자가 너무 깁니다"):
        loads(json.dumps(d))


def test_the_checks_never_turn_long_digits_into_int() -> None:
    """What is already in memory (a card the editor holds) never crashes the checks or the print."""
    assert parse_period(f"[2025. 1. 1.~{HUGE}. 9. 30.]") is None
    assert parse_period("[2025. 1. 1.~99999. 9. 30.]") is None
    assert natural_key(f"2-{HUGE}-1")  # sorts, as text
    card = new_card(REG.get("standard"), start_year=2024, end_year=2025)
    block = card.block("results")
    assert block is not None
    block.period = f"[2025. 1. 1.~{HUGE}. 9. 30.]"
    check_card(card, REG.get("standard"))
    assert format_amount(Decimal(HUGE)).startswith("99,999,999")
    assert format_amount(Decimal("-1E+5000")).startswith("△100,000")


@settings(max_examples=100, deadline=None)
@given(st.integers(MAX_DIGITS + 1, 6000), st.sampled_from(["", "-", "△", "+"]), st.sampled_from(["", "%", "백만원"]),
       st.booleans())
def test_the_number_parser_refuses_long_numbers_in_korean(n: int, sign: str, unit: str, comma: bool) -> None:
    digits = "7" * n
    if comma:
        digits = f"{int(digits[: min(n, 300)]):,}" + digits[300:] if n <= 300 else digits
    with pytest.raises(NumberError, match="숫자가 너무 깁니다"):
        parse_amount(sign + digits + unit, unit=unit)
