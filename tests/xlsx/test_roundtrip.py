"""Export → import is the identity: generated cards of every template, the samples, the 성동구 format."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.core.cardfile import read_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.foreign import CARD_ID, write_seongdong
from tests.strategies import card_lists, registry_with_foreign
from tests.xlsx.helpers import as_json, by_id, check_package, round_trip, samples, workbook_ready

REGISTRY = registry_with_foreign()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(card_lists(max_size=3))
def test_generated_cards_come_back_identical(cards: list[Card]) -> None:
    cards = [workbook_ready(c) for c in cards]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "cards.xlsx"
        back = round_trip(cards, REGISTRY, path)
        check_package(path)
        assert as_json(by_id(back)) == as_json(by_id(cards))
        assert by_id(back) == by_id(cards)
        again = round_trip(back, REGISTRY, Path(d) / "again.xlsx")
        assert by_id(again) == by_id(cards)


def test_samples_round_trip(tmp_path: Path) -> None:
    reg = TemplateRegistry.load([], None)
    cards = samples(reg)
    assert len(cards) == 3
    back = round_trip(cards, reg, tmp_path / "samples.xlsx")
    check_package(tmp_path / "samples.xlsx")
    assert as_json(by_id(back)) == as_json(by_id(cards))
    assert by_id(back) == by_id(cards)


def test_foreign_template_from_a_folder_round_trips(tmp_path: Path) -> None:
    template_file, card_file = write_seongdong(tmp_path)
    reg = TemplateRegistry.load([template_file.parent], None)
    assert "seongdong" in reg.templates
    cards = read_cards(card_file, reg)
    back = round_trip(cards, reg, tmp_path / "seongdong.xlsx")
    assert [c.id for c in back] == [CARD_ID]
    assert as_json(back) == as_json(cards)
    photos = back[0].block("press").photos  # type: ignore[union-attr]
    assert photos[0].image == cards[0].block("press").photos[0].image  # type: ignore[union-attr]
    assert photos[1].image is None and photos[1].caption.startswith("공유오피스")


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_single(tmp_path: Path, n: int) -> None:
    reg = TemplateRegistry.load([], None)
    cards = samples(reg)[:n]
    assert round_trip(cards, reg, tmp_path / "x.xlsx") == cards
