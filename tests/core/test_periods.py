"""Carrying a card into a new 기준일: each shipped template's sample, and the period text rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.carddiff import diff_cards
from desktop.core.cardfile import read_cards
from desktop.core.dates import fmt_date
from desktop.core.periods import PeriodError, carry_over, move_period_text
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


def test_standard_sample_is_carried_with_its_results_period(registry: TemplateRegistry) -> None:
    card = read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", registry)[0]
    template = registry.get(card.template)
    new = carry_over(card, date(2025, 12, 31), template)
    assert new.id != card.id and new.pledge_id == card.pledge_id and new.version == 1
    assert new.base_date == date(2025, 12, 31)
    results = new.block("results")
    assert results is not None and results.period == "[2025. 1. 1.~2025. 12. 31.]"
    # Nothing else moved: the difference is the 기준일 and the period, and the old card is untouched.
    places = {(c.place.field, c.place.block) for c in diff_cards(card, new, template)}
    assert places == {("base_date", ""), ("", "results")}
    assert card.block("results").period == "[2025. 1. 1.~2025. 9. 30.]"  # type: ignore[union-attr]


def test_next_year_starts_the_results_period_anew(registry: TemplateRegistry) -> None:
    card = read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", registry)[0]
    new = carry_over(card, date(2026, 3, 31), registry.get(card.template))
    assert new.block("results").period == "[2026. 1. 1.~2026. 3. 31.]"  # type: ignore[union-attr]


def test_older_standard_sample_is_carried(registry: TemplateRegistry) -> None:
    card = read_cards(SAMPLES / "geumjeong-2024-06-30-card-1-2-2.json", registry)[0]
    new = carry_over(card, date(2024, 12, 31), registry.get(card.template))
    assert new.base_date == date(2024, 12, 31)
    assert new.tasks == card.tasks and new.blocks[1].table == card.blocks[1].table


def test_template_without_base_date_takes_no_part(registry: TemplateRegistry) -> None:
    card = read_cards(SAMPLES / "guro-plan-III-2-1.json", registry)[0]
    with pytest.raises(PeriodError, match="기준일이 없어"):
        carry_over(card, date(2025, 12, 31), registry.get(card.template))


def test_new_date_must_come_after(registry: TemplateRegistry) -> None:
    card = read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", registry)[0]
    with pytest.raises(PeriodError, match="뒤여야"):
        carry_over(card, date(2025, 9, 30), registry.get(card.template))


@pytest.mark.parametrize(("text", "new", "expected"), [
    ("[2025. 1. 1.~2025. 9. 30.]", date(2025, 12, 31), "[2025. 1. 1.~2025. 12. 31.]"),
    ("[2018.8.9. ~ 8.30]", date(2018, 12, 31), "[2018. 8. 9.~2018. 12. 31.]"),
    ("(2025. 1. 1. ~ 2025. 6. 30.) 누계", date(2026, 6, 30), "(2026. 1. 1.~2026. 6. 30.) 누계"),
    ("기간 없음", date(2025, 12, 31), "기간 없음"),
    ("", date(2025, 12, 31), ""),
])
def test_move_period_text(text: str, new: date, expected: str) -> None:
    assert move_period_text(text, None, new) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)), st.integers(1, 800))
def test_a_year_to_date_range_always_ends_at_the_new_date(old: date, days: int) -> None:
    new = old + timedelta(days=days)
    text = f"[{fmt_date(date(old.year, 1, 1))}~{fmt_date(old)}]"
    moved = move_period_text(text, old, new)
    assert moved == f"[{fmt_date(date(new.year, 1, 1))}~{fmt_date(new)}]"
