"""Values a card file may not carry: bare JSON fractions (a float cannot hold an exact amount) and
lone surrogates (cannot be stored, printed or exported)."""

from __future__ import annotations

import json

import pytest

from desktop.core.cardfile import CardFileError, dumps, loads
from desktop.core.layout import new_card
from desktop.core.templates import TemplateRegistry


def _card_json() -> dict[str, object]:
    reg = TemplateRegistry.load()
    return json.loads(dumps([new_card(reg.get("standard"), start_year=2024, end_year=2025)]))  # type: ignore[no-any-return]


def test_float_amount_refused_at_its_cell() -> None:
    d = _card_json()
    d["cards"][0]["blocks"][1]["table"]["rows"][1]["cells"] = {"y2024": 9.6}  # type: ignore[index]
    with pytest.raises(CardFileError, match=r"rows\[1\]\.cells\.y2024: 금액은 따옴표로 감싼 십진수"):
        loads(json.dumps(d))


@pytest.mark.parametrize("key", ["title", "progress"])
def test_float_in_text_or_integer_field_refused(key: str) -> None:
    d = _card_json()
    d["cards"][0][key] = 1.5  # type: ignore[index]
    with pytest.raises(CardFileError, match=rf"cards\[0\]\.{key}: "):
        loads(json.dumps(d))


def test_lone_surrogate_refused_with_its_place() -> None:
    d = _card_json()
    text = json.dumps(d).replace('"title": ""', '"title": "a\\ud800b"')
    with pytest.raises(CardFileError, match=r"cards\[0\]\.title: 잘못된 유니코드"):
        loads(text)
