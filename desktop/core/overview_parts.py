"""Aggregating a prepared period into an Overview (desktop/core/overview.py holds the types and the API)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.finance import KINDS, UNSPLIT, Amounts, CardFinance
from desktop.core.natural import natural_key
from desktop.core.officediff import progress_band
from desktop.core.overview import (
    PROGRESS_BANDS,
    SCOPES,
    Amount,
    Changes,
    Cross,
    Facts,
    Filter,
    Finance,
    GroupCount,
    Overview,
    Rate,
    SourceRow,
    StatusCount,
    Transition,
    group_order,
    percent,
    source_order,
    status_order,
)
from desktop.core.vocab import NONE, UNIT, norm, status_info

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.core.overview import Prepared

COMPLETION_DEFINITION = ("완료율 = (완료 + 이행후 계속추진) ÷ 전체 공약 수 "
                         "(양식이 완료로 정한 추진상황; 추진상황이 없는 카드도 전체에 셈)")
SECURED_DEFINITION = "재정확보율(전체) = 확보(투입)예산 ÷ 소요예산, 사업 전체 기간 (확보액을 적는 양식의 카드만)"
SECURED_TERM_DEFINITION = ("재정확보율(임기 내) = 임기 내 확보(투입)예산 ÷ 임기 내 소요예산 "
                           "(기투자와 {end}년까지의 연도; 임기후 제외)")
SPENT_DEFINITION = "집행률 = 집행액 ÷ 임기 내 소요예산 ({end}년까지; 집행액을 적는 양식의 카드만)"


def build(p: Prepared, flt: Filter) -> Overview:
    kept = sorted((f for f in p.facts.values() if flt.keeps(f)), key=lambda f: f.order)
    ids = [f.id for f in kept]
    display: dict[str, str] = {}
    for f in kept:
        display.setdefault(f.status_key, f.status)
    for name in dict.fromkeys(f.template for f in kept):  # the vocabulary in use: a status of no card is 0
        t = p.registry.templates.get(name)
        for st in t.statuses if t else []:
            if norm(st) not in display:
                display[norm(st)] = st
                p.infos.setdefault(norm(st), status_info(st, t))
    keys = status_order(display)
    statuses = [StatusCount(display[k], p.infos[k].group, p.infos[k].definition, p.infos[k].color,
                            [f.id for f in kept if f.status_key == k]) for k in keys]
    groups: dict[str, GroupCount] = {}
    for s in statuses:
        g = groups.setdefault(s.group, GroupCount(s.group, []))
        g.statuses.append(s.name)
        g.cards.extend(s.cards)
    for g in groups.values():
        g.cards.sort(key=lambda i: p.facts[i].order)
    return _finish(p, kept, ids, display, keys, statuses, groups, flt)


def _finish(p: Prepared, kept: list[Facts], ids: list[str], display: dict[str, str], keys: list[str],
            statuses: list[StatusCount], groups: dict[str, GroupCount], flt: Filter) -> Overview:
    fins = _counted(p, kept)
    finance = _finance(p, kept, fins)
    finance.covered = {i: [pg for pg in p.covers[i] if pg in fins] for i in p.covers
                       if i in fins and any(pg in fins for pg in p.covers[i])}
    words: dict[str, list[str]] = {}
    for f in kept:
        words.setdefault(f.word, []).append(f.id)
    others = Filter(flt.areas, flt.depts, flt.templates)  # what the kind filter alone leaves out
    left: dict[str, list[str]] = {}
    for f in sorted(p.facts.values(), key=lambda f: f.order):
        if f.id not in fins and others.keeps(f):
            left.setdefault(f.word, []).append(f.id)
    return Overview(
        base_date=p.base_date, orgs=p.orgs, term_end=p.term_end, filter=flt, cards=ids,
        statuses=statuses, groups=[groups[n] for n in group_order(groups)],
        by_area=_cross("분야", kept, lambda f: f.area, display, keys, natural_key),
        by_dept=_cross("부서", kept, lambda f: f.dept, display, keys, lambda s: s),
        progress=[(b, [f.id for f in kept if f.band == b]) for b in PROGRESS_BANDS],
        finance=finance,
        rates=_rates(p, kept, fins, finance, p.term_end, "·".join(sorted(words, key=_word_order)) or "공약"),
        changes=_changes(p, flt),
        errors=[f.id for f in kept if f.errors],
        warnings=[f.id for f in kept if f.warnings],
        facts={f.id: f for f in kept},
        words=sorted(words.items(), key=lambda kv: _word_order(kv[0])),
        left_out=sorted(left.items(), key=lambda kv: _word_order(kv[0])),
    )


def _word_order(word: str) -> tuple[bool, str]:
    return (word != "공약", word)


def _cross(what: str, kept: list[Facts], key: Callable[[Facts], str], display: dict[str, str],
           keys: list[str], order: Callable[[str], object]) -> Cross:
    names = sorted({key(f) for f in kept}, key=lambda s: (1, ()) if s == NONE else (0, order(s)))
    cells: dict[tuple[str, str], list[str]] = {}
    rows: dict[str, list[str]] = {k: [] for k in names}
    columns: dict[str, list[str]] = {display[s]: [] for s in keys}
    for f in kept:
        k, s = key(f), display[f.status_key]
        cells.setdefault((k, s), []).append(f.id)
        rows[k].append(f.id)
        columns[s].append(f.id)
    return Cross(what, names, [display[s] for s in keys], cells, rows, columns)


def _counted(p: Prepared, kept: list[Facts]) -> dict[str, CardFinance]:
    """Each kept card's money as the overview adds it: a card that sums pages of its document loses the
    rows of the pages kept with it (their amounts are counted once, on the pages); what it states
    beyond them (rows of no page here) stays, 재원 미구분."""
    fins = {f.id: f.finance for f in kept}
    for sid, pages in p.covers.items():
        fin = fins.get(sid)
        if fin is None:
            continue
        here = [rows for pg, rows in pages.items() if pg in fins]
        if not here:
            continue
        kinds: dict[str, Amounts] = {}
        for kind, am in fin.kinds.items():
            whole = sum((r[kind][0] for r in here if kind in r), Decimal(0))
            term = sum((r[kind][1] for r in here if kind in r), Decimal(0))
            a = Amounts(dict(am.whole), dict(am.in_term))
            for part, less in ((a.whole, whole), (a.in_term, term)):
                rest = part.get(UNSPLIT, Decimal(0)) - less
                if rest < 0:  # the summary splits its total by source: its pages cannot be taken out of it
                    a = am
                    break
                if rest:
                    part[UNSPLIT] = rest
                else:
                    part.pop(UNSPLIT, None)
            kinds[kind] = a
        fins[sid] = replace(fin, kinds=kinds)
    return fins


MoneyParts = tuple[dict[str, Decimal], list[tuple[str, Decimal, list[tuple[str, Decimal]]]]]


def _money(p: Prepared, card: str, fin: CardFinance) -> MoneyParts:
    """A card's money as every aggregation adds it, made once per card (and per finance: a summary card
    counted with its pages has another): scope → total, and (scope, total, [(meaning, amount)])."""
    hit = p.money_parts.get(card)
    if hit is not None and hit[0] is fin:
        parts: MoneyParts = hit[1]
        return parts
    totals: dict[str, Decimal] = {}
    rows: list[tuple[str, Decimal, list[tuple[str, Decimal]]]] = []
    for kind, am in fin.kinds.items():
        for scope, values in [(kind, am.whole)] + ([(kind + "_in_term", am.in_term)] if kind != "spent" else []):
            total = totals[scope] = sum(values.values(), Decimal(0))
            rows.append((scope, total, list(values.items())))
    parts = (totals, rows)
    p.money_parts[card] = (fin, parts)
    return parts


def _finance(p: Prepared, kept: list[Facts], fins: dict[str, CardFinance]) -> Finance:
    # the amounts and their cards gathered in lists, added once at the end (the same sums, in the same order)
    values: dict[tuple[str, str], list[Decimal]] = {}
    cards: dict[tuple[str, str], list[str]] = {}
    total_values: dict[str, list[Decimal]] = {s: [] for s in SCOPES}
    total_cards: dict[str, list[str]] = {s: [] for s in SCOPES}
    meanings: dict[str, None] = {}
    records: dict[str, list[str]] = {k: [] for k in KINDS}
    no_budget: list[str] = []
    unknown: list[tuple[str, str]] = []
    for f in kept:
        fin = fins[f.id]
        if fin.condition == "none":
            no_budget.append(f.id)
            continue
        if fin.condition == "unit":
            unknown.append((f.id, fin.unit))
            continue
        for kind in fin.kinds:
            records[kind].append(f.id)
        for scope, total, parts in _money(p, f.id, fin)[1]:
            if total:
                total_values[scope].append(total)
                total_cards[scope].append(f.id)
            for meaning, v in parts:
                meanings[meaning] = None  # a source of no amount still has its row
                if not v:
                    continue
                key = (meaning, scope)
                got = values.get(key)
                if got is None:
                    values[key], cards[key] = [v], [f.id]
                else:
                    got.append(v)
                    cards[key].append(f.id)

    def amount(vs: list[Decimal] | None, ids: list[str] | None) -> Amount:
        return Amount(sum(vs, Decimal(0)), ids) if vs and ids else Amount()

    sources = [SourceRow(m, {s: amount(values.get((m, s)), cards.get((m, s))) for s in SCOPES})
               for m in source_order(meanings)]
    return Finance(UNIT, sources, {s: amount(total_values[s], total_cards[s]) for s in SCOPES}, records,
                   no_budget, unknown)


def _rates(p: Prepared, kept: list[Facts], fins: dict[str, CardFinance], fin: Finance, term_end: int,
           word: str) -> list[Rate]:
    done = [f.id for f in kept if f.done]
    all_ids = [f.id for f in kept]
    rates = [Rate("completion", "완료율", COMPLETION_DEFINITION, Decimal(len(done)), Decimal(len(kept)),
                  f"완료 {word} 수", f"전체 {word} 수", percent(Decimal(len(done)), Decimal(len(kept))),
                  all_ids, done, [])]
    secured_cards = set(fin.records["secured"])
    spent_cards = set(fin.records["spent"])

    def money(key: str, name: str, definition: str, num_scope: str, den_scope: str, among: set[str],
              num_label: str, den_label: str, what: str) -> Rate:
        zero = Decimal(0)
        shares = []
        for f in kept:
            if f.id in among:
                totals = _money(p, f.id, fins[f.id])[0]
                shares.append((f.id, totals.get(num_scope, zero), totals.get(den_scope, zero)))
        num = sum((n for _, n, _ in shares), Decimal(0))
        den = sum((d for _, _, d in shares), Decimal(0))
        counted = [i for i, _, d in shares if d]
        excluded = [i for i in fin.records["needed"] if i not in among]
        note = f"소요예산이 있는 {len(excluded)}건은 양식에 {what}을 적는 칸이 없어 빠짐" if excluded else ""
        return Rate(key, name, definition, num, den, num_label, den_label, percent(num, den), counted,
                    [i for i, n, _ in shares if n], excluded, note)

    rates.append(money("secured", "재정확보율(전체)", SECURED_DEFINITION, "secured", "needed", secured_cards,
                       "확보(투입)예산", "소요예산", "확보(투입)액"))
    rates.append(money("secured_in_term", "재정확보율(임기 내)", SECURED_TERM_DEFINITION.format(end=term_end),
                       "secured_in_term", "needed_in_term", secured_cards, "임기 내 확보(투입)예산",
                       "임기 내 소요예산", "확보(투입)액"))
    rates.append(money("spent", "집행률", SPENT_DEFINITION.format(end=term_end), "spent", "needed_in_term",
                       spent_cards, "집행액", "임기 내 소요예산", "집행액"))
    return rates


def _transitions(p: Prepared) -> list[tuple[Card | None, Card | None, tuple[str, str] | None,
                                            tuple[str, str] | None]]:
    """The pairs with their status and 진도 band moves, made once per period (no filter changes them)."""
    if p.transitions is None:
        out = []
        for old, new in p.pairs or []:
            move = band = None
            if old is not None and new is not None:
                a, b = old.status.strip() or NONE, new.status.strip() or NONE
                if norm(a) != norm(b):
                    move = (a, b)
                ba, bb = progress_band(old), progress_band(new)
                if ba != bb:
                    band = (ba, bb)
            out.append((old, new, move, band))
        p.transitions = out
    return p.transitions


def _changes(p: Prepared, flt: Filter) -> Changes | None:
    if p.pairs is None:
        return None
    added: list[str] = []
    removed: list[str] = []
    moves: dict[tuple[str, str], list[str]] = {}
    bands: dict[tuple[str, str], list[str]] = {}
    for old, new, move, band in _transitions(p):
        if new is not None and not flt.keeps(p.facts[new.id]):
            continue
        if new is None:
            assert old is not None
            if _old_kept(old, flt, p.word_of(old.template)):
                removed.append(old.id)
            continue
        if old is None:
            added.append(new.id)
            continue
        if move is not None:
            moves.setdefault(move, []).append(new.id)
        if band is not None:
            bands.setdefault(band, []).append(new.id)

    def listed(d: dict[tuple[str, str], list[str]]) -> list[Transition]:
        return [Transition(a, b, ids) for (a, b), ids in sorted(d.items(), key=lambda kv: (-len(kv[1]), kv[0]))]

    return Changes(p.previous_date, added, removed, listed(moves), listed(bands))


def _old_kept(card: Card, flt: Filter, word: str) -> bool:
    """Whether the filter keeps a card of the previous period (one that has no card now)."""
    area = card.area_or_default or NONE
    dept = card.dept.strip() or NONE
    return ((flt.areas is None or area in flt.areas) and (flt.depts is None or dept in flt.depts)
            and (flt.templates is None or card.template in flt.templates)
            and (flt.kinds is None or word in flt.kinds))
