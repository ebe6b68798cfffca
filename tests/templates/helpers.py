"""Small templates written as data for the tests of issue 15, and ways to fill their cards."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.core.layout import new_card
from desktop.core.model import Card, Table
from desktop.core.templates import Template, template_from_json


def template(**parts: Any) -> Template:
    d: dict[str, Any] = {"format": "pledgecard-template", "version": 2, "name": "t", "label": "시험",
                         "fields": [{"key": "title", "label": "사업명"}], "blocks": []}
    d.update(parts)
    return template_from_json(d)


def table_block(key: str, table: dict[str, Any], heading: str = "") -> dict[str, Any]:
    return {"key": key, "heading": heading or key, "kind": "figure", "table": table}


def tbl(card: Card, block: str) -> Table:
    b = card.block(block)
    assert b is not None and b.table is not None
    return b.table


def fill(card: Card, block: str, rows: dict[str, dict[str, str | None]]) -> None:
    t = tbl(card, block)
    for rk, cells in rows.items():
        r = t.row(rk)
        assert r is not None, rk
        for ck, v in cells.items():
            assert t.column(ck) is not None, ck
            r.cells[ck] = Decimal(v) if v is not None else None


def card_of(t: Template, **values: Any) -> Card:
    return new_card(t, **values)
