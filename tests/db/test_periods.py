"""Reporting periods in the store (SPEC §6.2), on SQLite and on a real PostgreSQL: a new 기준일 carries
every current card over in one transaction and closes the earlier periods; a closed period refuses
every write path in Korean with nothing changed, until it is reopened with a reason (recorded)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from db.actor import Actor
from db.store import ClosedPeriodError, Store, StoreError
from desktop.core.cardfile import read_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES
from tests.db.conftest import _reset, full_card

Q3, Q4 = date(2025, 9, 30), date(2025, 12, 31)


@pytest.fixture(params=["sqlite", "postgresql"])
def pstore(request: pytest.FixtureRequest, tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    if request.param == "sqlite":
        url: str | Path = tmp_path / "p.sqlite3"
    else:
        url = request.getfixturevalue("pg_url")
        _reset(str(url))
    s = Store.open(url, registry=registry)
    s.actor = Actor("김주무관", "기획예산과")
    yield s
    s.close()


def _samples(s: Store, registry: TemplateRegistry) -> list[Card]:
    return [s.add(c) for f in sorted(SAMPLES.glob("*.json")) for c in read_cards(f, registry)]


def test_new_period_carries_every_current_card_of_each_template(pstore: Store, registry: TemplateRegistry) -> None:
    s = pstore
    samples = _samples(s, registry)  # 금정구 1-2-2 (2024. 6. 30.), 2-2-1 (2025. 9. 30.), 구로구 (no 기준일)
    old = s.add(full_card(registry, "5-5-5", base=date(2025, 6, 30)))
    newer = copy.deepcopy(old)
    newer.id, newer.base_date, newer.version = "b" * 32, Q3, 1
    s.add(newer)  # the same pledge later: only this one is current
    carried = s.open_period(Q4)
    assert sorted(c.number for c in carried) == ["1-2-2", "2-2-1", "5-5-5"]  # 구로구 takes no part
    by_number = {c.number: c for c in carried}
    assert by_number["5-5-5"].pledge_id == old.pledge_id and by_number["5-5-5"].id not in (old.id, newer.id)
    assert all(c.base_date == Q4 and c.version == 1 for c in carried)
    c221 = s.get(by_number["2-2-1"].id)
    results = [b for b in c221.blocks if b.period]
    assert results and all("2025. 12. 31." in b.period for b in results)
    assert s.get(samples[1].id).base_date == Q3  # the old card stays as it was
    entry = s.history(by_number["2-2-1"].id)[0]
    assert entry.source == "carry" and entry.summary.startswith("기준일 2025. 9. 30. → 2025. 12. 31. 이월")
    assert any(ch["where"] == "기준일" for ch in entry.changes)
    assert [(p.base_date, p.cards, p.state) for p in s.periods()] == [
        (date(2024, 6, 30), 1, "closed"), (date(2025, 6, 30), 1, "closed"), (Q3, 2, "closed"), (Q4, 3, "open")]
    assert sorted(x.number for x in s.period_summaries()) == ["1-2-2", "2-2-1", "5-5-5", "III-2-1"]
    assert {x.base_date for x in s.period_summaries() if x.number != "III-2-1"} == {Q4}
    assert [x.number for x in s.period_summaries(Q3)] == ["2-2-1", "5-5-5"]
    events = s.period_events()
    assert [(d, a) for d, a, *_ in events] == [(date(2024, 6, 30), "close"), (date(2025, 6, 30), "close"),
                                               (Q3, "close"), (Q4, "open")]
    assert {who for *_, who, _at in events} == {"김주무관"}
    assert s.verify_history() is None


def test_new_period_must_be_later_than_every_period(pstore: Store, registry: TemplateRegistry) -> None:
    pstore.add(full_card(registry, base=Q3))
    for bad in (Q3, date(2025, 6, 30)):
        with pytest.raises(StoreError, match=r"새 기준일은 2025\. 9\. 30\.보다 뒤여야 합니다"):
            pstore.open_period(bad)
    assert [p.base_date for p in pstore.periods()] == [Q3]


@pytest.fixture
def closed(pstore: Store, registry: TemplateRegistry) -> tuple[Store, Card]:
    """A store whose period 2025. 9. 30. was closed by opening 2025. 12. 31.; its card returned."""
    card = pstore.add(full_card(registry, "1-1", base=Q3))
    pstore.open_period(Q4)
    return pstore, pstore.get(card.id)


def _unchanged(s: Store, card: Card, head: int) -> None:
    assert s.get(card.id) == card
    assert s.history_head()[0] == head


def _refused(exc: pytest.ExceptionInfo[ClosedPeriodError]) -> None:
    msg = str(exc.value)
    assert "기준일 2025. 9. 30. 기간은 닫혀 있어" in msg and "pledgecard period reopen 2025-09-30 --reason" in msg


def test_closed_period_refuses_the_form(closed: tuple[Store, Card]) -> None:
    s, card = closed
    head = s.history_head()[0]
    edited = copy.deepcopy(card)
    edited.title = "닫힌 기간에 고친 제목"
    with pytest.raises(ClosedPeriodError) as exc:
        s.save(edited)
    _refused(exc)
    _unchanged(s, card, head)
    moved = copy.deepcopy(card)  # nor can a card be moved into a closed period
    open_card = s.period_summaries()[0]
    moved = s.get(open_card.id)
    moved.base_date = Q3
    with pytest.raises(ClosedPeriodError):
        s.save(moved)


def test_closed_period_refuses_a_new_card(closed: tuple[Store, Card], registry: TemplateRegistry) -> None:
    s, card = closed
    head = s.history_head()[0]
    with pytest.raises(ClosedPeriodError) as exc:
        s.add(full_card(registry, "7-7", base=Q3))
    _refused(exc)
    assert [x.number for x in s.period_summaries(Q3)] == ["1-1"]
    _unchanged(s, card, head)


def test_closed_period_refuses_an_import(closed: tuple[Store, Card], registry: TemplateRegistry) -> None:
    s, card = closed
    head = s.history_head()[0]
    incoming = copy.deepcopy(card)
    incoming.title = "가져온 제목"
    incoming.version += 1
    fresh = full_card(registry, "8-8", base=Q4)  # fine on its own: the whole import is refused
    for batch in ([fresh, incoming], [full_card(registry, "9-9", base=Q3)]):
        with pytest.raises(ClosedPeriodError) as exc:
            s.import_cards(batch, on_conflict="replace")
        _refused(exc)
        _unchanged(s, card, head)
        assert "8-8" not in [x.number for x in s.summaries()]
    assert s.import_cards([copy.deepcopy(card)]).updated == []  # the same card again changes nothing: allowed


def test_closed_period_refuses_restoring_from_the_trash(pstore: Store, registry: TemplateRegistry) -> None:
    card = pstore.add(full_card(registry, "1-1", base=Q3))
    pstore.add(full_card(registry, "1-2", base=Q3))
    pstore.delete(card.id)
    pstore.open_period(Q4)
    head = pstore.history_head()[0]
    with pytest.raises(ClosedPeriodError) as exc:
        pstore.restore(card.id)
    assert "휴지통의 카드 1-1" in str(exc.value)
    assert [x.id for x in pstore.summaries(deleted=True)] == [card.id]
    with pytest.raises(ClosedPeriodError):
        pstore.purge(card.id)
    assert pstore.history_head()[0] == head


def test_closed_period_refuses_moving_to_the_trash(closed: tuple[Store, Card]) -> None:
    s, card = closed
    with pytest.raises(ClosedPeriodError):
        s.delete(card.id)
    assert s.summaries(deleted=True) == []


def test_closed_period_refuses_a_backup_that_would_change_it(store: Store, registry: TemplateRegistry) -> None:
    card = store.add(full_card(registry, "1-1", base=Q3))
    card.title = "백업 뒤에 고친 제목"
    saved = store.backup()
    store.save(card)
    store.open_period(Q4)
    head = store.history_head()[0]
    with pytest.raises(ClosedPeriodError) as exc:
        store.restore_backup(saved)
    assert f"백업 '{saved.name}'(으)로 되돌리면 카드 1-1" in str(exc.value)
    assert store.get(card.id).title == "백업 뒤에 고친 제목" and store.history_head()[0] == head
    store.reopen_period(Q3, "백업으로 되돌리기 위해")
    store.restore_backup(saved)
    assert store.get(card.id).title == "청년 일자리 1만개 창출"
    assert store.verify_history() is None
    # the periods and their events are this database's, not the backup's: they carry over
    assert [(p.base_date, p.state) for p in store.periods()][-1] == (Q4, "open")
    assert [a for _d, a, *_ in store.period_events()] == ["close", "open", "reopen"]


def test_reopen_needs_a_reason_and_is_recorded(closed: tuple[Store, Card]) -> None:
    s, card = closed
    with pytest.raises(StoreError, match="사유를 적어 주세요"):
        s.reopen_period(Q3, "  ")
    with pytest.raises(StoreError, match="이미 열려 있습니다"):
        s.reopen_period(Q4, "이유")
    with pytest.raises(StoreError, match="기간이 없습니다"):
        s.reopen_period(date(2020, 1, 1), "이유")
    s.reopen_period(Q3, "감사 지적으로 실적 수정")
    card.title = "다시 연 기간에 고친 제목"
    s.save(card)
    assert s.get(card.id).title == "다시 연 기간에 고친 제목"
    assert s.period_events(Q3)[-1][1:4] == ("reopen", "감사 지적으로 실적 수정", "김주무관")
    s.close_period(Q3, "수정 끝")
    with pytest.raises(ClosedPeriodError):
        s.save(card)


def test_current_period_query_matches_picking_from_every_row(pstore: Store, registry: TemplateRegistry) -> None:
    """The current period is read with a query for the latest rows only (so the list does not grow with
    the periods); it must pick exactly what choosing among every row picks: no-기준일 cards, two cards
    of one pledge at one date, a later card in the 휴지통."""
    from db.periodstore import current_of

    s = pstore
    _samples(s, registry)
    a = s.add(full_card(registry, "7-7-7", base=date(2025, 6, 30)))
    twin = copy.deepcopy(a)
    twin.id, twin.title, twin.version = "t" * 32, "같은 날의 둘째 카드", 1
    s.add(twin)  # the same pledge twice at one 기준일
    later = copy.deepcopy(a)
    later.id, later.base_date, later.version = "l" * 32, Q3, 1
    s.add(later)
    s.delete(later.id)  # its latest card is in the 휴지통: the 6. 30. cards are current
    s.open_period(Q4)
    expected = [x.id for x in current_of(s.summaries())]
    assert [x.id for x in s.period_summaries()] == expected
    assert [x.id for x in s.period_summaries(Q3)] == [x.id for x in s.summaries() if x.base_date == Q3]
