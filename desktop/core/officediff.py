"""What changed across the office between two sets of cards (two 기준일 or two periods).

Cards are paired by pledge (pledge_id: the identity a card keeps from one period to the next), then,
for cards that were entered anew, by 관리번호. Each pair's changes come from carddiff; over all pairs
the office sees how statuses and 진도 moved ("정상추진 → 완료 12건"). `diff_json` is the stable
document of `pledgecard diff --json` (docs/diff.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from desktop.core.carddiff import Change, diff_cards
from desktop.core.dates import fmt_date
from desktop.core.model import Card
from desktop.core.natural import card_order
from desktop.core.templates import Template

DIFF_FORMAT = "pledgecard-diff"
DIFF_VERSION = 1

CardKind = Literal["added", "removed", "changed", "unchanged"]
CARD_KIND_NAMES = {"added": "새 카드", "removed": "없어진 카드", "changed": "변경", "unchanged": "변경 없음"}


@dataclass
class CardDiff:
    old: Card | None
    new: Card | None
    changes: list[Change] = field(default_factory=list)

    @property
    def card(self) -> Card:
        found = self.new if self.new is not None else self.old
        assert found is not None
        return found

    @property
    def kind(self) -> CardKind:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.changes else "unchanged"


@dataclass
class OfficeDiff:
    cards: list[CardDiff]

    def changed(self) -> list[CardDiff]:
        return [c for c in self.cards if c.kind != "unchanged"]

    def transitions(self, key: Callable[[Card], str]) -> list[tuple[str, str, int]]:
        """(from, to, cards) for every pair whose key moved, most cards first: statuses, 진도 bands."""
        counts: Counter[tuple[str, str]] = Counter()
        for c in self.cards:
            if c.old is not None and c.new is not None:
                a, b = key(c.old), key(c.new)
                if a != b:
                    counts[(a, b)] += 1
        return [(a, b, n) for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def status_transitions(self) -> list[tuple[str, str, int]]:
        return self.transitions(lambda c: c.status or "(없음)")

    def progress_transitions(self) -> list[tuple[str, str, int]]:
        return self.transitions(progress_band)

    def counts(self) -> dict[str, int]:
        found: Counter[str] = Counter(c.kind for c in self.cards)
        return {k: found[k] for k in CARD_KIND_NAMES}


def progress_band(card: Card) -> str:
    """진도 in bands of 20 for the office's view: "0~19%", …, "100%"; "(없음)" when unstated."""
    p = card.progress
    if p is None:
        return "(없음)"
    if p >= 100:
        return "100%"
    low = max(0, p) // 20 * 20
    return f"{low}~{low + 19}%"


def pair_cards(old: Iterable[Card], new: Iterable[Card]) -> list[tuple[Card | None, Card | None]]:
    """Old and new cards of one pledge together, in the new cards' 관리번호 order; cards of no
    counterpart alone. By pledge first; among what is left, by 관리번호 (a card entered anew)."""
    olds, news = list(old), list(new)
    by_pledge = {c.pledge_id: c for c in olds}
    pairs: list[tuple[Card | None, Card | None]] = []
    left_new: list[Card] = []
    for c in news:
        o = by_pledge.pop(c.pledge_id, None)
        if o is not None:
            pairs.append((o, c))
        else:
            left_new.append(c)
    by_number: dict[str, list[Card]] = {}
    for o in by_pledge.values():
        by_number.setdefault(o.number.strip(), []).append(o)
    for c in left_new:
        same = by_number.get(c.number.strip()) if c.number.strip() else None
        pairs.append((same.pop(0) if same else None, c))
    gone = [o for os in by_number.values() for o in os]
    pairs.extend((o, None) for o in gone)

    def order(p: tuple[Card | None, Card | None]) -> Any:
        c = p[1] if p[1] is not None else p[0]
        assert c is not None
        return card_order(c.number, c.base_date, c.title, c.id)

    return sorted(pairs, key=order)


def diff_office(old: Iterable[Card], new: Iterable[Card],
                template: Callable[[str], Template | None] = lambda _name: None) -> OfficeDiff:
    found: list[CardDiff] = []
    for o, n in pair_cards(old, new):
        changes = diff_cards(o, n, template(n.template)) if o is not None and n is not None else []
        # Between two periods every card's 기준일 moves: that is the comparison, not a change of the card.
        changes = [ch for ch in changes if ch.place.field != "base_date"]
        found.append(CardDiff(o, n, changes))
    return OfficeDiff(found)


def _card_ref(c: Card | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"id": c.id, "base_date": c.base_date.isoformat() if c.base_date else None, "version": c.version}


def change_json(ch: Change) -> dict[str, Any]:
    p = ch.place
    return {
        "kind": ch.kind,
        "where": ch.where,
        "place": {"field": p.field, "block": p.block, "item": list(p.item), "row": p.row, "col": p.col},
        "old": ch.old,
        "new": ch.new,
        "change": None if ch.delta is None else format(ch.delta, "f"),
    }


def diff_json(diff: OfficeDiff, date_from: str, date_to: str) -> dict[str, Any]:
    """The stable `diff --json` document (docs/diff.md)."""
    return {
        "format": DIFF_FORMAT,
        "version": DIFF_VERSION,
        "from": date_from,
        "to": date_to,
        "summary": diff.counts(),
        "status_transitions": [{"from": a, "to": b, "cards": n} for a, b, n in diff.status_transitions()],
        "progress_transitions": [{"from": a, "to": b, "cards": n} for a, b, n in diff.progress_transitions()],
        "cards": [
            {
                "number": c.card.number,
                "title": c.card.title,
                "pledge_id": c.card.pledge_id,
                "kind": c.kind,
                "old": _card_ref(c.old),
                "new": _card_ref(c.new),
                "changes": [change_json(ch) for ch in c.changes],
            }
            for c in diff.cards
        ],
    }


def diff_text(diff: OfficeDiff, date_from: str, date_to: str, limit: int | None = None) -> list[str]:
    """The Korean report of `pledgecard diff`: a summary, the transitions, then each card's changes."""
    n = diff.counts()
    lines = [f"{date_from} → {date_to}: 변경 {n['changed']}건, 새 카드 {n['added']}건, "
             f"없어진 카드 {n['removed']}건, 변경 없음 {n['unchanged']}건"]
    for title, moves in (("추진상황", diff.status_transitions()), ("진도", diff.progress_transitions())):
        if moves:
            lines.append(f"{title}: " + ", ".join(f"{a} → {b} {k}건" for a, b, k in moves))
    for c in diff.changed():
        head = f"{c.card.number or '(관리번호 없음)'} {c.card.title}".strip()
        if c.kind == "added":
            lines.append(f"{head}: 새 카드 ({fmt_date(c.card.base_date)})")
            continue
        if c.kind == "removed":
            lines.append(f"{head}: 없어진 카드")
            continue
        shown = c.changes if limit is None else c.changes[:limit]
        lines.append(f"{head}: 변경 {len(c.changes)}곳")
        lines.extend(f"  {ch.describe()}" for ch in shown)
        if len(shown) < len(c.changes):
            lines.append(f"  … 외 {len(c.changes) - len(shown)}곳")
    return lines
