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
