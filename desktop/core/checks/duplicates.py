"""Checks over many cards at once: two cards with the same 관리번호 at the same 기준일.

A 관리번호 names a pledge, and a 기준일 one report on it; two live cards sharing both make "export
2-2-1" (or the book, or the office's 총괄표) ambiguous — one of them is a copy nobody meant to keep.
Works on anything with id, number, base_date and title (a Card or a store's CardSummary), so the
database-wide check reads summaries, not card bodies.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from desktop.core.checks import codes
from desktop.core.dates import fmt_date
from desktop.core.findings import Finding, Place


class CardLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def base_date(self) -> date | None: ...
    @property
    def title(self) -> str: ...


def number_key(number: str) -> str:
    """A 관리번호 as the duplicate check compares it: spacing does not make another number."""
    return " ".join(number.split())


def describe(card: CardLike) -> str:
    """'제목' (id 5b0c5d2e…, 기준일 2025. 9. 30.) — how a card is named when its 관리번호 is not enough."""
    title = " ".join(card.title.split()) or "(제목 없음)"
    when = fmt_date(card.base_date) or "없음"
    return f"'{title}' (id {card.id}, 기준일 {when})"


def duplicate_groups(cards: Iterable[CardLike]) -> list[list[CardLike]]:
    """Groups of two or more distinct cards sharing 관리번호 and 기준일 (cards without 관리번호 are new
    and not compared), in the order first met."""
    groups: dict[tuple[str, date | None], list[CardLike]] = {}
    for c in cards:
        key = number_key(c.number)
        if not key:
            continue
        group = groups.setdefault((key, c.base_date), [])
        if all(o.id != c.id for o in group):
            group.append(c)
    return [g for g in groups.values() if len(g) > 1]


def duplicate_findings(cards: Iterable[CardLike]) -> dict[str, list[Finding]]:
    """card id → its 오류 `number.duplicate`, naming every card of its group (itself included)."""
    out: dict[str, list[Finding]] = {}
    for group in duplicate_groups(cards):
        first = group[0]
        when = fmt_date(first.base_date)
        names = ", ".join(describe(c) for c in group)
        message = (f"관리번호 {number_key(first.number)}"
                   + (f", 기준일 {when}" if when else " (기준일 없음)")
                   + f"인 카드가 {len(group)}장입니다: {names} — 하나만 남기거나 관리번호·기준일을 고치십시오")
        for c in group:
            out.setdefault(c.id, []).append(
                Finding(codes.NUMBER_DUPLICATE, codes.severity(codes.NUMBER_DUPLICATE), message, Place(field="number")))
    return out
