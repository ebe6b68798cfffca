"""A card's version must fit a database INTEGER (2³¹−1): a larger one is refused by the reader, in Korean."""

from __future__ import annotations

import json

import pytest

from desktop.core.cardfile import CardFileError, card_to_json, loads
from desktop.core.layout import new_card
from desktop.core.templates import TemplateRegistry


def _file(version: int) -> str:
    card = new_card(TemplateRegistry.load().get("standard"), number="2-2-1", title="판 번호")
    d = card_to_json(card)
    d["version"] = version
    return json.dumps({"format": "pledgecard-cards", "version": 1, "cards": [d]}, ensure_ascii=False)


def test_the_largest_integer_version_is_read() -> None:
    (card,) = loads(_file(2**31 - 1))
    assert card.version == 2**31 - 1


@pytest.mark.parametrize("version", [2**31, 2**63, 10**30])
def test_a_version_above_the_integer_limit_is_refused(version: int) -> None:
    with pytest.raises(CardFileError) as err:
        loads(_file(version), "big.json")
    msg = str(err.value)
    assert "big.json" in msg and "version" in msg
    # Up to 18 digits the range is said with the number; longer numbers are refused for their length.
    assert ("범위를 벗어났습니다" in msg and str(version) in msg) or "숫자가 너무 깁니다" in msg
