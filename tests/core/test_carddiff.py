"""The structural card diff: hand-made pairs with known answers, and properties over any card."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.carddiff import Change, diff_cards, match_items
from desktop.core.cardfile import card_to_json, read_cards
from desktop.core.findings import Place
from desktop.core.model import Card, Item
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES
from tests.strategies import cards


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def card(registry: TemplateRegistry) -> Card:
    return read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", registry)[0]


def test_same_card_has_no_change(card: Card) -> None:
    assert diff_cards(card, copy.deepcopy(card)) == []


def test_identity_is_not_content(card: Card) -> None:
    new = copy.deepcopy(card)
    new.version += 7
    new.id = "other"
    assert diff_cards(card, new) == []


def test_header_field_change(card: Card, registry: TemplateRegistry) -> None:
    new = copy.deepcopy(card)
    new.title = "새 제목"
    new.status = "완료"
    new.progress = 100
    changes = diff_cards(card, new, registry.get(card.template))
    by_field = {c.place.field: c for c in changes}
    assert by_field["title"] == Change("changed", Place(field="title"), by_field["title"].where, card.title, "새 제목")
    assert by_field["status"].old == card.status and by_field["status"].new == "완료"
    assert by_field["progress"].new == "100%"
    assert len(changes) == 3


def test_moved_item_is_a_move_not_delete_and_add(card: Card) -> None:
    new = copy.deepcopy(card)
    first = new.tasks.pop(0)
    new.tasks.append(first)
    changes = diff_cards(card, new)
    assert [c.kind for c in changes] == ["moved"]
    assert changes[0].place == Place(field="tasks", item=(len(new.tasks) - 1,))
    assert changes[0].old == "1번째 줄"


def test_edited_item_is_a_change_of_that_line(card: Card) -> None:
    new = copy.deepcopy(card)
    old_text = new.tasks[1].text
    new.tasks[1].text = old_text + " (보완)"
    new.tasks.insert(0, Item(text="완전히 새로운 과제", level=1))
    changes = diff_cards(card, new)
    kinds = sorted((c.kind, c.place.item) for c in changes)
    assert kinds == [("added", (0,)), ("changed", (2,))]
    changed = next(c for c in changes if c.kind == "changed")
    assert changed.old is not None and old_text in changed.old
    assert changed.new is not None and changed.new.endswith("(보완)")


def test_removed_item(card: Card) -> None:
    new = copy.deepcopy(card)
    gone = new.tasks.pop(2)
    changes = diff_cards(card, new)
    assert len(changes) == 1
    assert changes[0].kind == "removed" and changes[0].place == Place(field="tasks", item=(2,))
    assert changes[0].old is not None and gone.text.strip()[:5] in changes[0].old


def test_changed_cell_shows_old_new_and_change(card: Card, registry: TemplateRegistry) -> None:
    new = copy.deepcopy(card)
    table = new.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    row = table.row("plan_national")
    assert row is not None
    col = next(k for k, v in row.cells.items() if isinstance(v, Decimal))
    before = row.cells[col]
    assert isinstance(before, Decimal)
    row.cells[col] = before + Decimal("12.5")
    changes = diff_cards(card, new, registry.get(card.template))
    assert len(changes) == 1
    c = changes[0]
    assert c.kind == "changed"
    assert c.place == Place(block="invest", row="plan_national", col=col)
    assert c.delta == Decimal("12.5")
    assert "국비" in c.where
    assert "(+12.5)" in c.describe()


def test_inline_table_cell_is_placed_under_its_item(card: Card) -> None:
    new = copy.deepcopy(card)
    block = new.block("results")
    assert block is not None
    i, item = next((i, it) for i, it in enumerate(block.items) if it.table is not None)
    assert item.table is not None
    row = item.table.rows[0]
    col = next(iter(row.cells))
    row.cells[col] = "바뀐 내용"
    changes = diff_cards(card, new)
    assert len(changes) == 1
    assert changes[0].place == Place(block="results", item=(i,), row=row.key, col=col)
    assert changes[0].new == "바뀐 내용"


def test_stated_dash_differs_from_nothing_stated(card: Card) -> None:
    new = copy.deepcopy(card)
    table = new.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    row = table.rows[0]
    col = table.columns[0].key
    old = copy.deepcopy(card)
    old.block("invest").table.rows[0].cells.pop(col, None)  # type: ignore[union-attr]
    row.cells[col] = None
    changes = diff_cards(old, new)
    assert [(c.kind, c.new) for c in changes] == [("added", "-")]


def test_match_items_pairs_moves_and_edits() -> None:
    a = [Item(text=t) for t in ["가나다 라마바", "하나", "둘", "셋"]]
    b = [Item(text=t) for t in ["둘", "하나", "가나다 라마바사", "넷"]]
    pairs, gone, came = match_items(a, b)
    assert (1, 1) in pairs and (2, 0) in pairs and (0, 2) in pairs
    assert gone == [3] and came == [3]


def _content(card: Card) -> dict[str, Any]:
    data = card_to_json(card)
    for key in ("id", "pledge_id", "version", "updated_at", "template"):
        data.pop(key, None)
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards())
def test_no_change_against_itself(c: Card) -> None:
    assert diff_cards(c, copy.deepcopy(c)) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_every_content_difference_is_reported(data: st.DataObject) -> None:
    a = data.draw(cards())
    from tests.strategies import all_templates

    template = next(t for t in all_templates() if t.name == a.template)
    b = data.draw(cards(template))
    if _content(a) != _content(b):
        assert diff_cards(a, b), "two cards that differ in content must show a change"
    else:
        assert diff_cards(a, b) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.data())
def test_one_moved_line_is_one_move(c: Card, data: st.DataObject) -> None:
    texts = [f"과제 {i}" for i in range(data.draw(st.integers(2, 8)))]
    c.tasks = [Item(text=t) for t in texts]
    new = copy.deepcopy(c)
    src = data.draw(st.integers(0, len(texts) - 1))
    dst = data.draw(st.integers(0, len(texts) - 1).filter(lambda d: d != src))
    new.tasks.insert(dst, new.tasks.pop(src))
    changes = diff_cards(c, new)
    assert len(changes) >= 1
    assert all(ch.kind == "moved" for ch in changes)
    # Moving one line next to its neighbour is one move; further away still only moves, never losses.
    if abs(src - dst) == 1:
        assert len(changes) == 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.data())
def test_one_changed_cell_is_one_change_at_its_place(c: Card, data: st.DataObject) -> None:
    cells = [(b, it, t, r, col) for b, it, t in c.tables() for r in t.rows for col in t.columns]
    if not cells:
        return
    b, it, _t, r, col = data.draw(st.sampled_from(cells))
    new = copy.deepcopy(c)
    item = (next(i for i, x in enumerate(b.items) if x is it),) if it is not None else ()
    found = new.block(b.key)
    assert found is not None
    table = found.items[item[0]].table if item else found.table
    assert table is not None
    row = table.row(r.key)
    assert row is not None
    before = row.cells.get(col.key, "absent")
    after: Any = data.draw(st.sampled_from([Decimal("123.4"), "바뀐 글", None]).filter(
        lambda v: repr(v) != repr(before)))
    row.cells[col.key] = after
    changes = diff_cards(c, new)
    assert len(changes) == 1
    assert changes[0].place == Place(block=b.key, item=item, row=r.key, col=col.key)
    if isinstance(before, Decimal) and isinstance(after, Decimal):
        assert changes[0].delta == after - before
