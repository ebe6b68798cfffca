"""What the office's overview reads from the store beyond the cards themselves: the stored card bodies
as text, for the window's dashboard (read here on the GUI thread — the store stays there — and parsed
in a worker by desktop/core/overview_cards.py, only what the overview reads), and the period before
the one shown, for "changes since the previous period" (`pledgecard summary`, report, site, dashboard)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from db import util
from db.models import CardBodyRow, CardRow
from desktop.core.model import Card

if TYPE_CHECKING:
    from db.store import CardSummary, Store


def card_bodies(store: Store, ids: Sequence[str]) -> list[tuple[str, str, int, str]]:
    """(id, pledge_id, version, body JSON) of the given cards, in no particular order."""
    out: list[tuple[str, str, int, str]] = []
    with store._read() as conn:
        for part in util.chunks(list(dict.fromkeys(ids))):
            out.extend((r[0], r[1], r[2], r[3]) for r in conn.execute(
                select(CardRow.id, CardRow.pledge_id, CardRow.version, CardBodyRow.body)
                .join(CardBodyRow, CardBodyRow.card_id == CardRow.id).where(CardRow.id.in_(part))))
    return out


def previous_period(store: Store, chosen: date | None) -> tuple[list[Card] | None, date | None]:
    """The period before `chosen` (the latest earlier 기준일 in the database) and its cards as the list
    shows them — no card body read: the changes compare 추진상황 and 진도 only. (None, None) when
    `chosen` is None or no earlier period exists."""
    if chosen is None:
        return None, None
    earlier = sorted(p.base_date for p in store.periods() if p.base_date < chosen)
    if not earlier:
        return None, None
    return [_listed_card(s) for s in store.period_summaries(earlier[-1])], earlier[-1]


def _listed_card(s: CardSummary) -> Card:
    """A card holding only what the list shows of it (header fields; no outline, no tables)."""
    return Card(id=s.id, pledge_id=s.pledge_id, template=s.template, number=s.number, title=s.title, dept=s.dept,
                status=s.status, progress=s.progress, base_date=s.base_date, org=s.org)
