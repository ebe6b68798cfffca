"""Importing cards: merge by id, never overwrite a newer card without asking, all or nothing."""

from __future__ import annotations

import copy
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from db.store import Store, StoreError
from desktop.core.cardfile import dumps, loads
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.db.conftest import full_card


def _dump(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return [tuple(r) for t in ("pledges", "cards", "card_bodies", "photos")
                for r in con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()]
    finally:
        con.close()


def test_new_cards_added_with_their_pledge(store: Store, registry: TemplateRegistry) -> None:
    cards = [full_card(registry, f"1-{i}") for i in range(3)]
    report = store.import_cards(cards)
    assert report.added == ["1-0", "1-1", "1-2"] and report.updated == [] and report.skipped == []
    assert [store.get(c.id) for c in cards] == cards


def test_identical_cards_are_no_ops(store: Store, registry: TemplateRegistry, db_path: Path) -> None:
    card = store.add(full_card(registry))
    before = _dump(db_path)
    (same,) = loads(dumps([store.get(card.id)]))  # through a card file, as from a USB stick
    report = store.import_cards([same])
    assert (report.added, report.updated, report.skipped) == ([], [], [])
    assert _dump(db_path) == before


def test_newer_incoming_card_updates(store: Store, registry: TemplateRegistry) -> None:
    card = store.add(full_card(registry))
    elsewhere = copy.deepcopy(card)
    elsewhere.progress, elsewhere.version = 80, 2
    elsewhere.updated_at = card.updated_at + timedelta(minutes=5)
    report = store.import_cards([elsewhere])
    assert report.updated == ["2-2-1"]
    back = store.get(card.id)
    assert back.progress == 80 and back.version == 2


def test_card_changed_here_since_is_skipped_then_replaced(store: Store, registry: TemplateRegistry) -> None:
    card = store.add(full_card(registry))
    exported = copy.deepcopy(card)
    exported.progress = 50  # an older edit made elsewhere from the same version
    exported.updated_at = card.updated_at - timedelta(hours=1)
    here = store.get(card.id)
    here.progress = 90
    store.save(here)  # changed in the database since

    report = store.import_cards([exported], on_conflict="skip")
    assert report.updated == [] and len(report.skipped) == 1
    label, reason = report.skipped[0]
    assert label == "2-2-1" and "데이터베이스의 카드가 그 뒤에 바뀌었습니다" in reason
    assert store.get(card.id).progress == 90

    report = store.import_cards([exported], on_conflict="replace")
    assert report.updated == ["2-2-1"] and report.skipped == []
    back = store.get(card.id)
    assert back.progress == 50
    assert back.version == 3  # still moves forward, so an editor holding version 2 gets a conflict


def test_card_in_trash(store: Store, registry: TemplateRegistry) -> None:
    card = store.add(full_card(registry))
    store.delete(card.id)
    changed = copy.deepcopy(card)
    changed.title, changed.version = "바뀐 제목", 5
    report = store.import_cards([changed])
    assert report.skipped and "휴지통" in report.skipped[0][1]
    report = store.import_cards([changed], on_conflict="replace")
    assert report.updated == ["2-2-1"]
    assert [s.title for s in store.summaries()] == ["바뀐 제목"]


def test_all_or_nothing(store: Store, registry: TemplateRegistry, db_path: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    kept = store.add(full_card(registry, "9-9"))
    changed = copy.deepcopy(kept)
    changed.title, changed.version = "가져온 제목", 4
    incoming = [changed] + [full_card(registry, f"1-{i}") for i in range(4)]
    before = _dump(db_path)

    real = Store._values
    calls = 0

    def failing(self: Store, card: Card) -> dict[str, object]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("disk pulled out")
        return real(self, card)

    monkeypatch.setattr(Store, "_values", failing)
    with pytest.raises(RuntimeError):
        store.import_cards(incoming)
    assert calls == 3
    assert _dump(db_path) == before
    assert [s.title for s in store.summaries()] == [kept.title]


def test_bad_card_midway_rolls_back_in_korean(store: Store, registry: TemplateRegistry, db_path: Path) -> None:
    cards = [full_card(registry, f"1-{i}") for i in range(5)]
    cards[2].pledge_id = ""  # refused by the store
    before = _dump(db_path)
    with pytest.raises(StoreError, match="pledge_id"):
        store.import_cards(cards)
    assert _dump(db_path) == before


def test_duplicate_ids_refused(store: Store, registry: TemplateRegistry) -> None:
    card = full_card(registry)
    with pytest.raises(StoreError, match="같은 id"):
        store.import_cards([card, copy.deepcopy(card)])
    assert store.summaries() == []
