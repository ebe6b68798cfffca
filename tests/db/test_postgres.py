"""The same store on PostgreSQL (SPEC §6: several officers share one database by URL).

A throwaway cluster is started in a temporary folder (initdb/pg_ctl from Debian's postgresql
package, which `scripts/setup --test` installs) and reached over its Unix socket only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from db.store import ConflictError, Store, StoreError
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.db.conftest import _reset, full_card


def test_store_round_trip_and_conflict_on_postgres(pg_url: str, tmp_path: Path) -> None:
    _reset(pg_url)
    reg = TemplateRegistry.load()
    plain = pg_url.replace("postgresql+pg8000://", "postgresql://")  # what an officer types in 설정
    with Store.open(plain, registry=reg) as a, Store.open(pg_url, registry=reg) as b:
        card = full_card(reg)
        a.add(card)
        back = b.get(card.id)
        assert back == card  # exact decimals, photos and Unicode survive the server
        mine, theirs = a.get(card.id), b.get(card.id)
        theirs.title = "다른 담당자가 고친 제목"
        b.save(theirs)
        mine.title = "내가 고친 제목"
        with pytest.raises(ConflictError):
            a.save(mine)  # never a silent overwrite between two officers
        assert a.get(card.id).title == "다른 담당자가 고친 제목"
        assert [s.number for s in a.summaries()] == ["2-2-1"]


def test_import_is_all_or_nothing_on_postgres(pg_url: str) -> None:
    _reset(pg_url)
    reg = TemplateRegistry.load()
    with Store.open(pg_url, registry=reg) as s:
        good = [full_card(reg, number=f"1-{i}-1") for i in range(3)]
        bad = full_card(reg, number="1-9-1")
        bad.title = "x" * 10 + "\ud800"  # cannot be stored: the whole import must roll back
        with pytest.raises(Exception):  # noqa: B017 - the store's refusal type is its own business
            s.import_cards([*good, bad])
        assert s.summaries() == []
        report = s.import_cards(good)
        assert len(report.added) == 3
        assert [x.number for x in s.summaries()] == ["1-0-1", "1-1-1", "1-2-1"]


def test_a_card_at_the_largest_version_stays_savable_on_postgres(pg_url: str) -> None:
    _reset(pg_url)
    reg = TemplateRegistry.load()
    with Store.open(pg_url, registry=reg) as s:
        card = full_card(reg)
        card.version = 2**31 - 1  # the largest a card file may carry
        s.import_cards([card])
        mine = s.get(card.id)
        assert mine.version == 2**31 - 1
        for title in ("첫 저장", "둘째 저장"):  # every autosave keeps working (the counter starts again)
            mine.title = title
            s.save(mine)
        assert s.get(card.id).title == "둘째 저장" and s.get(card.id).version == mine.version == 2
        stale = full_card(reg, number="3-3-3")
        stale.version = 2**31  # not from a card file (the reader refuses it): the store refuses it too
        with pytest.raises(StoreError, match=r"판 번호\(version\)가 범위를 벗어났습니다"):
            s.import_cards([stale])
        assert [x.number for x in s.summaries()] == ["2-2-1"]


def test_server_errors_are_said_in_korean_with_their_code(pg_url: str) -> None:
    from sqlalchemy import create_engine

    _reset(pg_url)
    reg = TemplateRegistry.load()
    with Store.open(pg_url, registry=reg) as s:
        card = s.add(full_card(reg))
        other = create_engine(pg_url)  # the database administrator adds a rule the program breaks
        try:
            _break_the_rules(s, other, card)
        finally:
            other.dispose()


def _break_the_rules(s: Store, other: Any, card: Card) -> None:
    from sqlalchemy import text

    with other.begin() as c:
        c.execute(text("ALTER TABLE cards ADD CONSTRAINT short_title CHECK (length(title) < 20)"))
    edited = s.get(card.id)
    edited.title = "아주 긴 새 제목" * 5
    with pytest.raises(StoreError) as err:
        s.save(edited)
    msg = str(err.value)
    assert msg.startswith("데이터베이스에 쓰지 못했습니다") and "제약 조건" in msg and "23514" in msg
    assert "{'S'" not in msg and "violates" not in msg and "secret" not in msg
    assert s.get(card.id).title == card.title
    with other.begin() as c:
        c.execute(text("DROP TABLE photos"))
    with pytest.raises(StoreError) as err:
        s.get(card.id)
    msg = str(err.value)
    assert msg.startswith("데이터베이스를 읽지 못했습니다") and "42P01" in msg and "표가 없습니다" in msg
    assert "{'S'" not in msg and "does not exist" not in msg


def test_release_0002_database_upgrades_on_postgres(pg_url: str) -> None:
    """The release-0002 fixture's rows put into a PostgreSQL database at schema 0002 (made by the 0001
    and 0002 migrations), then opened: upgraded to head with every card and photo intact."""
    from sqlalchemy import create_engine, delete, insert, select

    from db.migrate import alembic_upgrade
    from db.models import HEAD_REVISION, Base
    from desktop.core.cardfile import read_cards
    from tests.db.test_schema import FIXTURES

    _reset(pg_url)
    reg = TemplateRegistry.load()
    pg = create_engine(pg_url)
    alembic_upgrade(pg, "0002")
    old = create_engine(f"sqlite:///{FIXTURES / 'release-0002.sqlite3'}")
    tables = Base.metadata.tables
    with old.connect() as src, pg.begin() as dst:
        dst.execute(delete(tables["meta"]))
        for name in ("pledges", "cards", "card_bodies", "photos", "meta"):
            t = tables[name]
            cols = [c for c in t.columns if name != "photos" or c.name != "id"]  # the server numbers photos
            rows = [dict(r._mapping) for r in src.execute(select(*cols))]
            if rows:
                dst.execute(insert(t), rows)
    old.dispose()
    pg.dispose()

    expected = {c.id: c for c in read_cards(FIXTURES / "release-0002.json", reg)}
    with Store.open(pg_url, registry=reg) as s:
        assert {c.id: c for c in s.cards(list(expected))} == expected
        assert [x.number for x in s.summaries(deleted=True)] == ["9-9-9"]
        assert s.history_head() == (0, "0" * 64) and all(p.state == "open" for p in s.periods())
        card = s.latest_by_number("3-1-1")
        assert card is not None
        card.progress = 99
        s.save(card)  # the history works on the upgraded database
        assert s.history(card.id)[0].summary == "진도: 60% → 99%" and s.verify_history() is None
        with s._read() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
