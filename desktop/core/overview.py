"""The office's overview (SPEC §8): every number the dashboard, the 이행 현황 보고서, the workbook's 집계
sheet, the public site and `pledgecard summary` show, computed once here, each with the ids of the
cards behind it (so any number clicks through to its cards).

Use:
    prepared = prepare(cards, registry, issues=…, previous=…, term_end=…)   # once per period
    ov = prepared.overview(Filter(areas={"1"}))                               # cheap: per filter
    ov.statuses, ov.by_area, ov.finance, ov.rates, ov.changes, ov.to_json()

`cards` are one period's cards (the caller chooses the period: the current one, or the cards at a
기준일). `previous` are the cards of the period before, for "changes since the previous period".
`issues` maps card id → (오류, 경고) counts (the store keeps them per card; without it the checks run
here). The definitions of the rates are the evaluators' (SPEC §8) and travel with the numbers
(`Rate.definition`); amounts are in 백만원, exact (Decimal), whatever unit each card is in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.core.finance import KINDS, CardFinance, card_finance, page_rows, term_end_for
from desktop.core.model import Card
from desktop.core.natural import card_order, natural_key
from desktop.core.officediff import pair_cards, progress_band
from desktop.core.templates import Template, TemplateRegistry
from desktop.core.vocab import (
    GROUP_ORDER,
    NONE,
    UNIT,
    StatusInfo,
    is_done,
    meaning_rank,
    norm,
    status_info,
    status_rank,
)

PROGRESS_BANDS = ["0~19%", "20~39%", "40~59%", "60~79%", "80~99%", "100%", "(없음)"]
SCOPES = ("needed", "needed_in_term", "secured", "secured_in_term", "spent")
SCOPE_NAMES = {
    "needed": "소요(전체)", "needed_in_term": "소요(임기 내)", "secured": "확보(전체)",
    "secured_in_term": "확보(임기 내)", "spent": "집행",
}


@dataclass(frozen=True)
class Facts:
    """What the overview needs of one card, read once per period."""

    id: str
    number: str
    title: str
    template: str
    area: str
    dept: str
    status: str  # as written; NONE when empty
    status_key: str  # spaces removed: the same status however spaced
    group: str
    done: bool
    progress: int | None
    band: str
    base_date: date | None
    finance: CardFinance
    errors: int
    warnings: int
    order: tuple[Any, ...]
    word: str = "공약"  # what the card is, in its template's word (공약, 사업 …)


@dataclass(frozen=True)
class Filter:
    """None = no restriction; otherwise the values kept (분야, 주관부서, template name)."""

    areas: frozenset[str] | None = None
    depts: frozenset[str] | None = None
    templates: frozenset[str] | None = None
    kinds: frozenset[str] | None = None  # what the cards are, in their templates' words (공약, 사업)

    def keeps(self, f: Facts) -> bool:
        return ((self.areas is None or f.area in self.areas)
                and (self.depts is None or f.dept in self.depts)
                and (self.templates is None or f.template in self.templates)
                and (self.kinds is None or f.word in self.kinds))

    def to_json(self) -> dict[str, list[str] | None]:
        return {k: None if v is None else sorted(v)
                for k, v in (("areas", self.areas), ("depts", self.depts), ("templates", self.templates),
                             ("kinds", self.kinds))}


@dataclass
class StatusCount:
    name: str
    group: str
    definition: str
    color: str
    cards: list[str] = field(default_factory=list)


@dataclass
class GroupCount:
    name: str
    statuses: list[str]
    cards: list[str] = field(default_factory=list)


@dataclass
class Cross:
    """분야 (or 부서) × 추진상황: cells[(key, status)] → card ids; row and column totals."""

    what: str  # 분야 / 부서
    keys: list[str]
    statuses: list[str]
    cells: dict[tuple[str, str], list[str]]
    rows: dict[str, list[str]]
    columns: dict[str, list[str]]


@dataclass
class Amount:
    value: Decimal = Decimal(0)
    cards: list[str] = field(default_factory=list)

    def add(self, value: Decimal, card: str) -> None:
        if value:
            self.value += value
            self.cards.append(card)


@dataclass
class SourceRow:
    meaning: str  # 국비 / 시도비 / 구비 / 기타 / "기타(미분류): <name>"
    amounts: dict[str, Amount]  # scope (SCOPES) → amount in 백만원 and its cards


@dataclass
class Finance:
    unit: str
    sources: list[SourceRow]
    total: dict[str, Amount]
    records: dict[str, list[str]]  # kind → cards whose format records it (needed / secured / spent)
    no_budget: list[str]  # cards whose format has no budget table
    unknown_unit: list[tuple[str, str]]  # (card, unit as written): amounts that are not money, not added
    # a card that sums other cards of its document (a department's 예산 현황) → the pages kept with it,
    # whose rows in it are not added again (each amount counted once, on its page)
    covered: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Rate:
    key: str  # completion / secured / secured_in_term / spent
    name: str
    definition: str
    numerator: Decimal
    denominator: Decimal
    numerator_label: str
    denominator_label: str
    percent: Decimal | None  # one decimal, half up; None when the denominator is 0
    cards: list[str]  # the cards counted in the denominator
    numerator_cards: list[str]
    excluded: list[str]  # cards left out of this rate (their format does not record what it divides)
    note: str = ""


@dataclass
class Transition:
    before: str
    after: str
    cards: list[str]


@dataclass
class Changes:
    previous: date | None
    added: list[str]
    removed: list[str]  # ids of cards of the previous period
    statuses: list[Transition]
    progress: list[Transition]


@dataclass
class Overview:
    base_date: date | None  # the latest 기준일 among the cards ("기준일 현재")
    orgs: list[str]
    term_end: int
    filter: Filter
    cards: list[str]  # every card kept, in 관리번호 order
    statuses: list[StatusCount]
    groups: list[GroupCount]
    by_area: Cross
    by_dept: Cross
    progress: list[tuple[str, list[str]]]
    finance: Finance
    rates: list[Rate]
    changes: Changes | None
    errors: list[str]  # cards with at least one 오류
    warnings: list[str]  # cards with at least one 경고
    facts: dict[str, Facts]
    words: list[tuple[str, list[str]]] = field(default_factory=list)  # (공약, ids), (사업, ids): kept cards by kind
    left_out: list[tuple[str, list[str]]] = field(default_factory=list)  # kinds the filter leaves out, with ids

    @property
    def word(self) -> str:
        """What the kept cards are: "공약", "사업", or "공약·사업" for a mix (headlines, table heads)."""
        return "·".join(w for w, _ in self.words) or "공약"

    def rate(self, key: str) -> Rate:
        return next(r for r in self.rates if r.key == key)

    def to_json(self) -> dict[str, Any]:
        from desktop.core.overview_json import overview_json

        return overview_json(self)


def percent(num: Decimal, den: Decimal) -> Decimal | None:
    if not den:
        return None
    return (num * 100 / den).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class Prepared:
    """One period's cards read once; `overview(filter)` aggregates them (cheap enough to re-filter as
    the user clicks)."""

    def __init__(self, cards: Iterable[Card], registry: TemplateRegistry, *,
                 issues: dict[str, tuple[int, int]] | None = None, previous: Iterable[Card] | None = None,
                 previous_date: date | None = None, term_end: int | None = None) -> None:
        self.cards = list(cards)
        self.registry = registry
        dates = [c.base_date for c in self.cards if c.base_date is not None]
        self.base_date = max(dates) if dates else None
        self.term_end = term_end or term_end_for(self.base_date or date.today())
        self.orgs = list(dict.fromkeys(c.org for c in self.cards if c.org))
        self.infos: dict[str, StatusInfo] = {}
        self.facts = {c.id: self._facts(c, issues) for c in self.cards}
        self.covers = self._covers()
        self.previous_date = previous_date
        self.pairs: list[tuple[Card | None, Card | None]] | None = None
        if previous is not None:
            prev = list(previous)
            if self.previous_date is None:
                pd = [c.base_date for c in prev if c.base_date is not None]
                self.previous_date = max(pd) if pd else None
            self.pairs = pair_cards(prev, self.cards)
        # what every filter's aggregation reuses, made on first use (desktop/core/overview_parts.py):
        # each card's money by scope, the pairs' transitions
        self.money_parts: dict[str, tuple[object, Any]] = {}
        self.transitions: list[Any] | None = None

    def _template(self, name: str) -> Template | None:
        return self.registry.templates.get(name)

    def _covers(self) -> dict[str, dict[str, dict[str, tuple[Decimal, Decimal]]]]:
        """Cards that sum other cards of their document (a department report's 예산 현황 lists each
        project's 예산액, which its page states): summary id → page id → kind → (whole, in-term)."""
        from desktop.core.checks.cross import documents

        out: dict[str, dict[str, dict[str, tuple[Decimal, Decimal]]]] = {}
        for group in documents(self.cards).values():
            if len(group) < 2:
                continue
            for c in group:
                t = self._template(c.template)
                if t is None or not t.document.relations or self.facts[c.id].finance.condition != "ok":
                    continue
                rows = page_rows(c, t, self.term_end, group)
                if rows:
                    out[c.id] = rows
        return out

    def word_of(self, template: str) -> str:
        t = self._template(template)
        return t.card_word if t is not None else "공약"

    def default_filter(self) -> Filter:
        """The office's pledge overview: when the office keeps 공약 cards beside cards of other kinds (a
        department report's 사업 pages), the 공약 only; the others are shown when chosen (docs/summary.md)."""
        words = {f.word for f in self.facts.values()}
        return Filter(kinds=frozenset({"공약"})) if "공약" in words and len(words) > 1 else Filter()

    def _facts(self, c: Card, issues: dict[str, tuple[int, int]] | None) -> Facts:
        t = self._template(c.template)
        status = c.status.strip() or NONE
        key = norm(status) if status != NONE else NONE
        info = status_info(status, t)
        self.infos.setdefault(key, info)
        if issues is not None:
            errors, warnings = issues.get(c.id, (0, 0))
        else:
            errors, warnings = _check(c, t)
        return Facts(
            id=c.id, number=c.number, title=c.title, template=c.template,
            area=c.area_or_default or NONE, dept=c.dept.strip() or NONE, status=status, status_key=key,
            group=info.group, done=is_done(c.status.strip(), t), progress=c.progress, band=progress_band(c),
            base_date=c.base_date, finance=card_finance(c, t, self.term_end), errors=errors, warnings=warnings,
            order=card_order(c.number, c.base_date, c.title, c.id), word=self.word_of(c.template),
        )

    # what the filters can choose from
    def areas(self) -> list[str]:
        return sorted({f.area for f in self.facts.values()}, key=_key_order(natural_key))

    def depts(self) -> list[str]:
        return sorted({f.dept for f in self.facts.values()}, key=_key_order(lambda s: s))

    def templates(self) -> list[str]:
        return sorted({f.template for f in self.facts.values()})

    def kinds(self) -> list[str]:
        """What the cards are, in their templates' words: 공약 first, then the others."""
        return sorted({f.word for f in self.facts.values()}, key=lambda w: (w != "공약", w))

    def overview(self, flt: Filter | None = None) -> Overview:
        """The overview of the cards the filter keeps; without one, `default_filter()` (Filter() keeps all)."""
        from desktop.core.overview_parts import build

        return build(self, self.default_filter() if flt is None else flt)


def prepare(cards: Iterable[Card], registry: TemplateRegistry, **kw: Any) -> Prepared:
    return Prepared(cards, registry, **kw)


def compute_overview(cards: Iterable[Card], registry: TemplateRegistry, flt: Filter | None = None,
                     **kw: Any) -> Overview:
    """prepare + overview in one call (the command line, the report, the site)."""
    return Prepared(cards, registry, **kw).overview(flt)


def _key_order(inner: Any) -> Any:
    def key(s: str) -> tuple[int, Any]:
        return (1, ()) if s == NONE else (0, inner(s))
    return key


def _check(card: Card, template: Template | None) -> tuple[int, int]:
    if template is None:
        return (0, 0)
    from desktop.core.checks import check_card, counts

    return counts(check_card(card, template))


def status_order(keys: Iterable[str]) -> list[str]:
    """Status keys in the evaluators' order, then others, then "-"."""
    return sorted(set(keys), key=status_rank)


def group_order(names: Iterable[str]) -> list[str]:
    def rank(g: str) -> tuple[int, int, str]:
        if g in GROUP_ORDER:
            return (0, GROUP_ORDER.index(g), "")
        return (2, 0, "") if g == NONE else (1, 0, g)
    return sorted(set(names), key=rank)


def source_order(meanings: Iterable[str]) -> list[str]:
    return sorted(set(meanings), key=meaning_rank)


__all__ = [
    "KINDS", "PROGRESS_BANDS", "SCOPES", "SCOPE_NAMES", "UNIT", "Amount", "Changes", "Cross", "Facts",
    "Filter", "Finance", "GroupCount", "Overview", "Prepared", "Rate", "SourceRow", "StatusCount",
    "Transition", "compute_overview", "percent", "prepare",
]
