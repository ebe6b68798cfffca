"""Cards as the overview reads them, parsed from stored bodies without what it never looks at.

A stored body is a whole card (outline items, every table, photos); the overview reads the header
fields and the budget table only. Parsing just those is several times faster than the whole card
(1,000 cards: the dashboard shows within its bar), and a cache keyed by (id, version) parses a card
again only after it was saved. The cards made here are for the overview only — never saved, printed
or shown as a card.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from desktop.core.budget import budget_field
from desktop.core.cardfile import CARD_FORMAT, CARD_VERSION, CardFileError, cards_from_json
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry

_DROP = ("goals", "tasks", "contacts", "related", "extra", "adjustments", "revisions")


def overview_card(body: str, registry: TemplateRegistry, source: str = "데이터베이스") -> Card:
    """The card of a stored body with its header and its budget block only. Raises CardFileError."""
    try:
        d = json.loads(body)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise CardFileError(f"'{source}': 저장된 카드 내용이 JSON이 아닙니다 ({exc})") from None
    if not isinstance(d, dict):
        raise CardFileError(f"'{source}': 저장된 카드 내용이 카드가 아닙니다")
    t = registry.templates.get(str(d.get("template", "")))
    fd = budget_field(t) if t is not None else None
    keep = fd.equals["block"] if fd is not None else None
    blocks = d.get("blocks")
    if isinstance(blocks, list):
        d["blocks"] = [{k: v for k, v in b.items() if k not in ("items", "photos")}
                       for b in blocks if isinstance(b, dict) and keep is not None and b.get("key") == keep]
    for k in _DROP:
        d.pop(k, None)
    return cards_from_json({"format": CARD_FORMAT, "version": CARD_VERSION, "cards": [d]}, source)[0]


class OverviewCards:
    """The overview cards of one database, parsed once per (id, version)."""

    def __init__(self, registry: TemplateRegistry) -> None:
        self.registry = registry
        self._cards: dict[str, tuple[int, Card]] = {}

    def missing(self, versions: Iterable[tuple[str, int]]) -> list[str]:
        """The ids whose body must be read: not parsed yet, or saved since."""
        return [i for i, v in versions if self._cards.get(i, (None,))[0] != v]

    def add(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """Rows of (id, pledge_id, version, body) — db/overviewread.card_bodies."""
        for card_id, pledge_id, version, body in rows:
            card = overview_card(body, self.registry)
            card.id, card.pledge_id, card.version = card_id, pledge_id, version
            self._cards[card_id] = (version, card)

    def cards(self, ids: Iterable[str]) -> list[Card]:
        return [self._cards[i][1] for i in ids if i in self._cards]
