"""The stored card bodies as text, for the window's dashboard: read here on the GUI thread (the store
stays there), parsed in a worker by desktop/core/overview_cards.py — only what the overview reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from db import util
from db.models import CardBodyRow, CardRow

if TYPE_CHECKING:
    from db.store import Store


def card_bodies(store: Store, ids: Sequence[str]) -> list[tuple[str, str, int, str]]:
    """(id, pledge_id, version, body JSON) of the given cards, in no particular order."""
    out: list[tuple[str, str, int, str]] = []
    with store._read() as conn:
        for part in util.chunks(list(dict.fromkeys(ids))):
            out.extend((r[0], r[1], r[2], r[3]) for r in conn.execute(
                select(CardRow.id, CardRow.pledge_id, CardRow.version, CardBodyRow.body)
                .join(CardBodyRow, CardBodyRow.card_id == CardRow.id).where(CardRow.id.in_(part))))
    return out
