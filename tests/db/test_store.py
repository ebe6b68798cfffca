"""The store: round trip, optimistic saving, 휴지통, natural order, search text, SQLite set-up."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from db.store import ConflictError, Store, StoreError
from desktop.core.layout import new_card
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.db.conftest import full_card
from tests.foreign import TINY_PNG
from tests.strategies import cards


def test_add_get_save_round_trip(store: Store, registry: TemplateRegistry) -> None:
    card = full_card(registry)
    store.add(card)
    assert card.version == 1
    back = store.get(card.id)
    assert back == card
    inv = back.block("invest")
    assert inv is not None and inv.table is not None
    plan = inv.table.row("plan_national")
    assert plan is not None
    assert str(plan.cells["total"]) == "12345678901234.5678"  # exact, scale kept
    assert str(plan.cells["y2026"]) == "0.000001"
    photos = back.block("photos")
    assert photos is not None
    assert [p.image for p in photos.photos] == [TINY_PNG, None, b"\xff\xd8jpeg"]

    back.title = "청년 일자리 2만개 창출"
    photos.photos[0].image = b"new bytes"
    del photos.photos[2]
    saved = store.save(back)
    assert saved is back and back.version == 2
    again = store.get(card.id)
    assert again == back
    assert [p.image for p in (again.block("photos") or photos).photos] == [b"new bytes", None]
    (s,) = store.summaries()
    assert (s.number, s.title, s.dept, s.status, s.progress, s.base_date, s.version) == (
        "2-2-1", "청년 일자리 2만개 창출", "일자리경제과", "추진중", 45, date(2025, 9, 30), 2)
    assert s.updated_at == back.updated_at and s.updated_at.tzinfo is not None
    assert s.pledge_id == card.pledge_id and not s.deleted


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(card=cards())
def test_any_valid_card_round_trips(card: Card) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "cards.sqlite3") as s:
        report = s.import_cards([card])
        assert report.added == [card.number.strip() or card.id]
        assert s.get(card.id) == card  # version and updated_at kept by import


def test_photos_stay_out_of_the_body(store: Store, registry: TemplateRegistry, db_path: Path) -> None:
    card = full_card(registry)
    store.add(card)
    con = sqlite3.connect(db_path)
    body = con.execute("SELECT body FROM card_bodies").fetchone()[0]
    assert "iVBOR" not in body  # no base64 PNG in the listing table
    assert con.execute("SELECT count(*) FROM photos").fetchone()[0] == 2
    con.close()


def test_conflict_between_two_handles(db_path: Path, registry: TemplateRegistry) -> None:
    a = Store.open(db_path, registry=registry)
    b = Store.open(db_path, registry=registry)
    try:
        card = a.add(full_card(registry))
        mine, theirs = a.get(card.id), b.get(card.id)
        theirs.progress = 60
        b.save(theirs)
        mine.progress = 70
        with pytest.raises(ConflictError) as err:
            a.save(mine)
        msg = str(err.value)
        assert "2-2-1" in msg and "청년 일자리 1만개 창출" in msg and "먼저 저장" in msg
        assert a.get(card.id).progress == 60  # nothing overwritten
        fresh = a.get(card.id)
        fresh.progress = 70
        a.save(fresh)
        assert b.get(card.id).progress == 70 and b.get(card.id).version == 3
    finally:
        a.close()
        b.close()


def test_soft_delete_restore_purge(store: Store, registry: TemplateRegistry) -> None:
    one, two = store.add(full_card(registry, "1-1")), store.add(full_card(registry, "1-2"))
    store.delete(one.id)
    assert [s.number for s in store.summaries()] == ["1-2"]
    assert [s.number for s in store.summaries(deleted=True)] == ["1-1"]
    assert store.summaries(deleted=True)[0].deleted
    assert [c.id for c in store.cards()] == [two.id]
    assert store.get(one.id).number == "1-1"  # still readable from the 휴지통
    with pytest.raises(StoreError, match="휴지통"):
        store.save(store.get(one.id))
    with pytest.raises(StoreError, match="휴지통에 있는 카드만"):
        store.purge(two.id)
    store.restore(one.id)
    assert [s.number for s in store.summaries()] == ["1-1", "1-2"]
    store.delete(one.id)
    store.purge(one.id)
    assert store.summaries(deleted=True) == []
    with pytest.raises(StoreError, match="찾을 수 없습니다"):
        store.get(one.id)


def test_summaries_in_natural_order(store: Store, registry: TemplateRegistry) -> None:
    for n in ["1-10-1", "X-1", "1-2-2", "III-⑩-1", "IX-1", "III-②-1", ""]:
        store.add(full_card(registry, n))
    want = ["1-2-2", "1-10-1", "III-②-1", "III-⑩-1", "IX-1", "X-1", ""]
    assert [s.number for s in store.summaries()] == want
    assert [c.number for c in store.cards()] == want


def test_latest_by_number(store: Store, registry: TemplateRegistry) -> None:
    old = store.add(full_card(registry, "2-2-1", base=date(2024, 12, 31)))
    new = store.add(full_card(registry, "2-2-1", base=date(2025, 9, 30)))
    store.add(full_card(registry, "2-2-1", base=None))
    latest = store.latest_by_number("2-2-1")
    assert latest is not None and latest.id == new.id
    store.delete(new.id)
    latest = store.latest_by_number("2-2-1")
    assert latest is not None and latest.id == old.id
    assert store.latest_by_number("9-9-9") is None


def test_search_text_holds_body_words(store: Store, registry: TemplateRegistry) -> None:
    card = full_card(registry)
    card.title = "Youth JOBS"
    store.add(card)
    (s,) = store.summaries()
    for word in ["youth jobs", "일자리경제과", "2-2-1", "청년창업 지원센터", "가나다상회", "예산 확보", "착공식"]:
        assert word in s.search_text
    assert s.search_text == s.search_text.lower()


def test_cards_by_ids_and_missing(store: Store, registry: TemplateRegistry) -> None:
    a, b = store.add(full_card(registry, "2")), store.add(full_card(registry, "1"))
    assert [c.id for c in store.cards([a.id, b.id])] == [b.id, a.id]
    with pytest.raises(StoreError, match="찾을 수 없습니다"):
        store.cards([a.id, "no-such-id"])


def test_add_twice_refused(store: Store, registry: TemplateRegistry) -> None:
    card = store.add(full_card(registry))
    with pytest.raises(StoreError, match="이미 있습니다"):
        store.add(card)


def test_cards_of_one_pledge_share_it(store: Store, registry: TemplateRegistry, db_path: Path) -> None:
    first = store.add(full_card(registry, base=date(2024, 12, 31)))
    second = new_card(registry.get("standard"), number="2-2-1", pledge_id=first.pledge_id, base_date=date(2025, 6, 30))
    store.add(second)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM pledges").fetchone()[0] == 1
    con.close()
    store.delete(first.id)
    store.purge(first.id)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM pledges").fetchone()[0] == 1  # still used by the second card
    con.close()


def test_sqlite_pragmas_on_every_connection(store: Store, db_path: Path) -> None:
    with store._engine.connect() as conn:  # white-box: what each pooled connection is set to
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file
    con.close()


def test_foreign_keys_enforced(store: Store, db_path: Path) -> None:
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from db.models import PhotoRow

    with pytest.raises(IntegrityError), store._engine.begin() as conn:
        conn.execute(insert(PhotoRow).values(card_id="nope", block=0, position=0, mime="", sha256="", data=b""))


def test_bad_id_refused_in_korean(store: Store, registry: TemplateRegistry) -> None:
    card = full_card(registry)
    card.id = "x" * 37
    with pytest.raises(StoreError, match="id가 올바르지 않습니다"):
        store.add(card)


def test_amount_exactness_in_stored_json(store: Store, registry: TemplateRegistry, db_path: Path) -> None:
    store.add(full_card(registry))
    con = sqlite3.connect(db_path)
    body = con.execute("SELECT body FROM card_bodies").fetchone()[0]
    con.close()
    assert '"12345678901234.5678"' in body and '"-12.30"' in body
    assert Decimal("-12.30").as_tuple().exponent == -2


def test_error_and_warning_counts_follow_saves(store: Store, registry: TemplateRegistry) -> None:
    card = store.add(full_card(registry))  # 국비 계 stated wrong (2 오류), a negative 구비 (1 경고)
    (s,) = store.summaries()
    assert (s.errors, s.warnings) == (2, 1)
    inv = card.block("invest")
    assert inv is not None and inv.table is not None
    for key in ("plan_national", "exec_district"):
        row = inv.table.row(key)
        assert row is not None
        row.cells.clear()
    store.save(card)
    (s,) = store.summaries()
    assert (s.errors, s.warnings) == (0, 0)


def test_unstorable_text_refused_in_korean(store: Store, registry: TemplateRegistry) -> None:
    card = full_card(registry)
    card.title = "청년\ud800일자리"  # a JSON file may carry a lone surrogate escape
    with pytest.raises(StoreError, match=r"저장할 수 없는 글자.*U\+D800"):
        store.add(card)
    with pytest.raises(StoreError, match="저장할 수 없는 글자"):
        store.import_cards([card])
    assert store.summaries() == []
