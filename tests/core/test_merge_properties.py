"""The three-way merge over random cards and random edit scripts on both sides of a common base:
it never loses a change made on one side only and never decides a conflict silently."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.merge import merge3, resolve_all
from desktop.core.model import Card, CellValue, Item
from tests.strategies import all_templates, cards

FIELDS = ("title", "dept", "status", "timing", "org", "number", "doc_title", "area")


def _lists(card: Card) -> Iterator[tuple[str, list[Item]]]:
    yield "tasks", card.tasks
    yield "goals", card.goals
    for b in card.blocks:
        if b.kind == "outline":
            yield b.key, b.items


def _cells(card: Card) -> dict[tuple[str, str, str], CellValue | str]:
    out: dict[tuple[str, str, str], CellValue | str] = {}
    for b in card.blocks:
        if b.table is not None:
            for r in b.table.rows:
                for c in b.table.columns:
                    out[(b.key, r.key, c.key)] = r.cells.get(c.key, "<absent>")
    return out


@st.composite
def edited(draw: st.DrawFn, base: Card, side: str) -> Card:
    """`base` after a random script of edits; every new text is unique to its side and step."""
    card = copy.deepcopy(base)
    for step in range(draw(st.integers(0, 6))):
        tag = f"{side}{step}"
        op = draw(st.sampled_from(["field", "cell", "edit", "insert", "delete", "related"]))
        if op == "field":
            setattr(card, draw(st.sampled_from(FIELDS)), draw(st.sampled_from([f"값 {tag}", "공통값", ""])))
        elif op == "cell":
            cells = [(b, r, c) for b in card.blocks if b.table is not None for r in b.table.rows
                     for c in b.table.columns if c.kind == "number"]
            if cells:
                _b, r, c = draw(st.sampled_from(cells))
                r.cells[c.key] = draw(st.sampled_from([Decimal(step + (7 if side == "h" else 11)), Decimal(99), None]))
        elif op in ("edit", "insert", "delete"):
            _key, items = draw(st.sampled_from(list(_lists(card))))
            if op == "insert":
                items.insert(draw(st.integers(0, len(items))), Item(text=f"새 줄 {tag} 입니다"))
            elif items:
                i = draw(st.integers(0, len(items) - 1))
                if op == "delete":
                    del items[i]
                else:
                    items[i] = Item(text=f"{items[i].text} 고침 {tag}", level=items[i].level)
        else:
            card.related.append(f"부서 {tag}")
    return card


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_merge_keeps_one_sided_changes_and_reports_every_conflict(data: st.DataObject) -> None:
    base = data.draw(cards())
    here = data.draw(edited(base, "h"))
    theirs = data.draw(edited(base, "t"))
    template = next(t for t in all_templates() if t.name == base.template)
    res = merge3(base, here, theirs, template)
    merged = res.card
    conflicted = {(c.place.field, c.place.block, c.place.row, c.place.col) for c in res.conflicts}
    theirs_all = resolve_all(res, "theirs").card
    assert {c.key for c in res.open} == {c.key for c in res.conflicts}  # nothing decided without a choice

    for f in FIELDS:  # header fields
        b, h, t, m = (getattr(x, f) for x in (base, here, theirs, merged))
        if h == t or t == b:
            assert m == h, f
        elif h == b:
            assert m == t, f
        else:
            assert (f, "", "", "") in conflicted, f"{f}: {h!r} vs {t!r} decided silently"
            assert m == h and getattr(theirs_all, f) == t

    cb, ch, ct, cm, ca = (_cells(x) for x in (base, here, theirs, merged, theirs_all))
    for place, b in cb.items():  # table cells (rows are not added or removed by the script)
        h, t, m = ch[place], ct[place], cm[place]
        if h == t or t == b:
            assert m == h, place
        elif h == b:
            assert m == t, place
        else:
            assert ("", place[0], place[1], place[2]) in conflicted, f"{place}: {h!r} vs {t!r} decided silently"
            assert m == h and ca[place] == t

    # outline lines: every line written on one side only is in the result, unless its list conflicted
    lists_b, lists_h, lists_t, lists_m = (dict(_lists(x)) for x in (base, here, theirs, merged))
    for key, items in lists_m.items():
        texts = [it.text for it in items]
        if any(key in (c.place.field, c.place.block) and c.place.item for c in res.conflicts):
            continue
        old = {it.text for it in lists_b.get(key, [])}
        for side in (lists_h, lists_t):
            for it in side.get(key, []):
                if it.text not in old:
                    assert it.text in texts, f"{key}: lost {it.text!r}"
    # 관련부서 added on either side
    for r in [*here.related, *theirs.related]:
        if r.startswith("부서 "):
            assert r in merged.related


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_one_side_unchanged_is_the_other_side(data: st.DataObject) -> None:
    base = data.draw(cards())
    other = data.draw(edited(base, "t"))
    template = next(t for t in all_templates() if t.name == base.template)
    for res, want in ((merge3(base, base, other, template), other), (merge3(base, other, base, template), other)):
        assert res.conflicts == []
        assert _content(res.card) == _content(want)


def _content(card: Card) -> object:
    from desktop.core.cardfile import card_to_json

    d = card_to_json(card)
    for k in ("id", "pledge_id", "version", "updated_at"):
        d.pop(k, None)
    return d


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_without_a_base_nothing_comes_in_without_asking(data: st.DataObject) -> None:
    base = data.draw(cards())
    here = data.draw(edited(base, "h"))
    theirs = data.draw(edited(base, "t"))
    template = next(t for t in all_templates() if t.name == base.template)
    res = merge3(None, here, theirs, template)
    assert _content(res.card) == _content(here)
    assert bool(res.conflicts) == (_content(here) != _content(theirs))
    if res.conflicts:
        assert _content(resolve_all(res, "theirs").card) == _content(theirs)
