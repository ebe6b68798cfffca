"""Card files: export then import is the identity, for any valid card of any template."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.cardfile import dumps, loads, read_cards, write_cards
from desktop.core.layout import new_card
from desktop.core.model import Card
from desktop.core.tables import TableValues
from desktop.core.templates import Template
from tests.foreign import seongdong_card
from tests.strategies import all_templates, card_lists, cards, registry_with_foreign

HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=HEALTH)


@SLOW
@given(cards())
def test_dumps_then_loads_is_identity(card: Card) -> None:
    (back,) = loads(dumps([card]))
    assert back == card
    # Exact decimals keep their scale ("1.50" stays "1.50"), not just their value.
    for (_, _, t1), (_, _, t2) in zip(card.tables(), back.tables(), strict=True):
        for r1, r2 in zip(t1.rows, t2.rows, strict=True):
            assert {k: str(v) for k, v in r1.cells.items()} == {k: str(v) for k, v in r2.cells.items()}


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.name)
@settings(max_examples=20, deadline=None, suppress_health_check=HEALTH)
@given(data=st.data())
def test_every_template_round_trips(template: Template, data: st.DataObject) -> None:
    card = data.draw(cards(template=template))
    assert card.template == template.name
    assert loads(dumps([card])) == [card]


@settings(max_examples=20, deadline=None, suppress_health_check=HEALTH)
@given(card_lists())
def test_write_then_read_file_is_identity(batch: list[Card]) -> None:
    reg = registry_with_foreign()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "카드 묶음.json"
        write_cards(path, batch)
        assert read_cards(path, reg) == batch
        text = path.read_text(encoding="utf-8")
        assert json.loads(text)["cards"] == json.loads(dumps(batch))["cards"]
        assert not list(Path(d).glob("*.tmp"))  # the atomic write left nothing behind


def test_foreign_card_round_trips_and_keeps_stated_apart_from_derived() -> None:
    card = seongdong_card()
    (back,) = loads(dumps([card]))
    assert back == card
    invest = back.block("invest")
    assert invest is not None and invest.table is not None
    tv = TableValues(invest.table)
    assert tv.stated("total", "plan_total") == (True, Decimal("800"))  # stated total kept as stated
    assert tv.stated("total", "plan_2022") == (False, None)  # absent: computed
    assert tv.value("total", "plan_2022") == Decimal("50")
    assert tv.stated("src_national", "plan_2019") == (True, None)  # stated "-"
    spent = back.block("spent")
    assert spent is not None and spent.table is not None
    assert TableValues(spent.table).value("spent", "total") == Decimal("590.5")


def test_scale_and_sign_are_kept_exactly() -> None:
    t = next(t for t in all_templates() if t.name == "standard")
    card = new_card(t, start_year=2024, end_year=2025)
    table = card.blocks[1].table
    assert table is not None
    row = table.rows[1]
    row.cells = {"y2024": Decimal("1.50"), "y2025": Decimal("-12"), "prior": Decimal("0.000001"), "after": None}
    text = dumps([card])
    assert '"1.50"' in text and '"-12"' in text and '"0.000001"' in text
    (back,) = loads(text)
    assert back.blocks[1].table is not None
    got = back.blocks[1].table.rows[1].cells
    assert [str(v) for v in got.values()] == ["1.50", "-12", "0.000001", "None"]
    assert "after" in got and "total" not in got  # stated "-" is not the same as "nothing stated"
