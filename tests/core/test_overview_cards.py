"""The dashboard's cards (desktop/core/overview_cards.py): parsed from stored bodies with the header and
the budget block only, they give the very overview the whole cards give; a card is parsed again only
after it was saved (a new version)."""

from __future__ import annotations

from db.codec import body_text
from desktop.core.overview import prepare
from desktop.core.overview_cards import OverviewCards, overview_card
from tests.conftest import SAMPLES
from tests.overview_office import office, registry


def _body(card: object) -> str:
    return body_text(card)  # type: ignore[arg-type]  # as the store keeps it


def test_light_cards_give_the_same_overview() -> None:
    from desktop.core.cardfile import read_cards

    reg = registry()
    now, before = office()
    cards = [*now, *(c for f in sorted(SAMPLES.glob("*.json")) for c in read_cards(f, reg))]
    issues = {c.id: (i % 2, i % 3) for i, c in enumerate(cards)}
    light = [overview_card(_body(c), reg) for c in cards]
    assert all(len(c.blocks) <= 1 and not c.goals for c in light)  # only what the overview reads
    for c, lc in zip(cards, light, strict=True):
        lc.id, lc.pledge_id = c.id, c.pledge_id
    full = prepare(cards, reg, issues=issues, previous=before).overview().to_json()
    assert prepare(light, reg, issues=issues, previous=before).overview().to_json() == full


def test_cache_parses_a_card_again_only_after_a_save() -> None:
    reg = registry()
    now, _ = office()
    cache = OverviewCards(reg)
    assert cache.missing((c.id, 1) for c in now) == [c.id for c in now]
    cache.add((c.id, c.pledge_id, 1, _body(c)) for c in now)
    assert cache.missing((c.id, 1) for c in now) == []
    now[0].status = "보류"
    assert cache.missing([(now[0].id, 2), (now[1].id, 1)]) == [now[0].id]
    cache.add([(now[0].id, now[0].pledge_id, 2, _body(now[0]))])
    assert cache.cards([now[0].id])[0].status == "보류" and cache.cards([now[0].id])[0].version == 2

