"""The audit trail (SPEC §6.2) on every write path of the store, on SQLite and on a real PostgreSQL:
who, when, through what, what changed, the state after each entry, bringing a past state back as a
new change, and the hash chain."""

from __future__ import annotations

import copy
import getpass
import socket
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.actor import Actor
from db.codec import body_text, card_from_body, photos_of
from db.history import refs_of
from db.recorder import Stored, changed
from db.store import Store, StoreError
from desktop.core.carddiff import diff_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.db.conftest import _reset, full_card
from tests.strategies import cards

OFFICER = Actor("김주무관", "일자리경제과")


@pytest.fixture(params=["sqlite", "postgresql"])
def hstore(request: pytest.FixtureRequest, tmp_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    if request.param == "sqlite":
        url: str | Path = tmp_path / "h.sqlite3"
    else:
        url = request.getfixturevalue("pg_url")
        _reset(str(url))
    s = Store.open(url, registry=registry)
    s.actor = OFFICER
    yield s
    s.close()


def _sources(s: Store, card_id: str) -> list[tuple[str, int, str]]:
    return [(e.source, e.revision, e.summary) for e in s.history(card_id)]


def test_every_write_path_records_an_entry(hstore: Store, registry: TemplateRegistry) -> None:
    s = hstore
    before = datetime.now(UTC)
    card = s.add(full_card(registry, "1-1"))
    card.progress = 80
    s.save(card)
    imported = full_card(registry, "1-2")
    s.import_cards([imported])
    changed_copy = copy.deepcopy(imported)
    changed_copy.title = "가져온 새 제목"
    changed_copy.version = 5
    s.import_cards([changed_copy])
    s.delete(card.id)
    s.restore(card.id)
    s.delete(card.id)
    s.purge(card.id)

    assert _sources(s, card.id) == [
        ("delete", 2, "영구 삭제"),
        ("delete", 2, "휴지통으로 옮김"),
        ("undelete", 2, "휴지통에서 되살림"),
        ("delete", 2, "휴지통으로 옮김"),
        ("editor", 2, "진도: 45% → 80%"),
        ("editor", 1, "새 카드"),
    ]
    assert _sources(s, imported.id) == [
        ("import", 5, "공약제목: 청년 일자리 1만개 창출 → 가져온 새 제목"),
        ("import", 1, "새 카드"),
    ]
    entries = s.history(card.id) + s.history(imported.id)
    for e in entries:
        assert (e.who, e.dept) == ("김주무관", "일자리경제과")
        assert before - timedelta(seconds=1) <= e.at <= datetime.now(UTC) and e.at.tzinfo is not None
    if s.sqlite_path is not None:
        assert {(e.os_user, e.host) for e in entries} == {(getpass.getuser(), socket.gethostname())}
    else:
        assert {(e.os_user, e.host) for e in entries} == {("pledge", "")}  # the database login
    edit = s.history(card.id)[-2]
    assert edit.changes == ({"kind": "changed", "where": "진도", "old": "45%", "new": "80%", "change": None,
                             "place": {"field": "progress", "block": "", "item": [], "row": "", "col": ""}},)
    assert s.history_head()[0] == 8
    assert s.verify_history() is None


def test_a_save_that_changes_nothing_records_nothing(hstore: Store, registry: TemplateRegistry) -> None:
    card = hstore.add(full_card(registry))
    hstore.save(card)
    assert len(hstore.history(card.id)) == 1
    hstore.import_cards([hstore.get(card.id)])  # identical: nothing happens
    assert len(hstore.history(card.id)) == 1


def test_a_changed_cell_records_old_new_and_the_change(hstore: Store, registry: TemplateRegistry) -> None:
    card = hstore.add(full_card(registry))
    inv = card.block("invest")
    assert inv is not None and inv.table is not None
    row = inv.table.row("plan_national")
    assert row is not None
    row.cells["y2025"] = Decimal("300.5")
    hstore.save(card)
    (ch,) = hstore.history(card.id)[0].changes
    assert (ch["old"], ch["new"], ch["change"]) == ("250.5", "300.5", "50.0")
    assert ch["place"]["block"] == "invest" and ch["place"]["col"] == "y2025"


def test_state_at_and_revert_bring_back_a_past_state_with_its_photos(
        hstore: Store, registry: TemplateRegistry) -> None:
    s = hstore
    card = s.add(full_card(registry))
    first = s.get(card.id)
    photos = card.block("photos")
    assert photos is not None
    photos.photos[0].image = b"\x89PNG a different picture"
    card.title = "사진과 제목을 바꿈"
    s.save(card)
    (seq_first,) = [e.seq for e in s.history(card.id) if e.revision == 1]
    past = s.state_at(seq_first)
    assert past.title == first.title and past.version == 1
    assert [p.image for p in past.blocks[-1].photos] == [p.image for p in first.blocks[-1].photos]
    past.version, past.updated_at = first.version, first.updated_at
    assert past == first

    second = s.history(card.id)[0].seq
    before = s.state_before(second)
    assert before is not None and before.title == first.title and s.state_before(seq_first) is None

    back = s.revert_to(seq_first)
    assert back.version == 3
    now = s.get(card.id)
    assert now.title == first.title and now.block("photos") == first.block("photos")
    top = s.history(card.id)[0]
    assert top.source == "revert" and top.summary.startswith(f"{seq_first}번 기록의 상태로 되돌림: ")
    assert len(s.history(card.id)) == 3  # nothing rewritten: the change in between is still there
    assert s.verify_history() is None


def test_purge_keeps_history_and_the_card_can_come_back(hstore: Store, registry: TemplateRegistry) -> None:
    s = hstore
    card = s.add(full_card(registry))
    original = s.get(card.id)
    s.delete(card.id)
    s.purge(card.id)
    with pytest.raises(StoreError, match="카드를 찾을 수 없습니다"):
        s.get(card.id)
    entries = s.history(card.id)
    assert [e.summary for e in entries] == ["영구 삭제", "휴지통으로 옮김", "새 카드"]
    with pytest.raises(StoreError, match="영구 삭제한 기록이라"):
        s.state_at(entries[0].seq)
    s.revert_to(entries[-1].seq)  # the photos' bytes were kept for the history
    back = s.get(card.id)
    assert back.block("photos") == original.block("photos") and back.title == original.title
    assert s.history(card.id)[0].source == "revert"


def test_history_rows_are_never_changed_by_later_writes(hstore: Store, registry: TemplateRegistry) -> None:
    from sqlalchemy import text

    s = hstore
    card = s.add(full_card(registry))
    for p in (50, 60):
        card.progress = p
        s.save(card)

    def rows() -> list[Any]:
        with s._read() as conn:
            return [tuple(r) for r in conn.execute(text("SELECT * FROM history ORDER BY seq"))]

    first = rows()
    s.delete(card.id)
    s.purge(card.id)
    s.revert_to(1)
    assert rows()[:len(first)] == first


def test_a_failed_write_leaves_no_entry(hstore: Store, registry: TemplateRegistry) -> None:
    good = full_card(registry, "1-1")
    bad = full_card(registry, "1-2")
    bad.title = "끝에 짝 없는 서로게이트 \ud800"
    with pytest.raises(StoreError):
        hstore.import_cards([good, bad])
    assert hstore.history(good.id) == [] and hstore.history_head()[0] == 0


def test_two_handles_append_one_chain(hstore: Store, registry: TemplateRegistry) -> None:
    url = hstore.sqlite_path or hstore._engine.url.render_as_string(hide_password=False)
    other = Store.open(url, registry=registry)
    try:
        other.actor = Actor("박주무관", "기획예산과")
        a = hstore.add(full_card(registry, "1-1"))
        b = other.add(full_card(registry, "1-2"))
        for i in range(3):
            a.progress, b.progress = 10 + i, 20 + i
            hstore.save(a)
            other.save(b)
        assert hstore.history_head()[0] == 8
        assert hstore.verify_history() is None and other.verify_history() is None
        assert {e.who for e in hstore.history(b.id)} == {"박주무관"}
    finally:
        other.close()


def test_restore_backup_keeps_history_and_records_what_changed(store: Store, registry: TemplateRegistry) -> None:
    store.actor = OFFICER
    a = store.add(full_card(registry, "1-1"))
    saved = store.backup()
    a.title = "백업 뒤에 바꾼 제목"
    store.save(a)
    b = store.add(full_card(registry, "1-2"))
    entries_before = store.history_head()[0]
    store.restore_backup(saved)
    assert store.get(a.id).title == "청년 일자리 1만개 창출"
    top = store.history(a.id)[0]
    assert top.source == "restore" and top.summary.startswith(f"백업 '{saved.name}'(으)로 되돌림: 공약제목")
    assert store.history(b.id)[0].summary.endswith("백업에 없는 카드라 없어짐")
    assert store.history_head()[0] == entries_before + 2
    assert store.verify_history() is None
    assert store.state_at(store.history(b.id)[-1].seq).number == "1-2"  # its past survives the restore


# --- the diff of an autosave compares only what differs: the same answer as the whole diff -----------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.data())
def test_partial_diff_equals_the_whole_diff(card: Card, data: st.DataObject) -> None:
    registry = TemplateRegistry.load()
    new = data.draw(cards())
    new.id, new.pledge_id, new.template = card.id, card.pledge_id, card.template
    if data.draw(st.booleans()):  # often: only a part differs
        keep = copy.deepcopy(card)
        if len(keep.blocks) > 1 and new.blocks:
            keep.blocks[1].text = new.blocks[0].text
            keep.blocks[1].items = copy.deepcopy(new.blocks[0].items)
        keep.title = new.title
        new = keep
    # a card as the program holds it is one its template made (derived rows included): read it back so
    new = card_from_body(body_text(new), {(p.block, p.position): (p.mime, p.data) for p in photos_of(new)}, "새")
    body, photos = body_text(card), photos_of(card)
    stored = Stored(card.id, card.pledge_id, 1, None, False, card.base_date, card.number, card.title, body,
                    refs_of(photos))
    tpl = registry.templates.get(card.template)
    # the store's old state is the card as stored and read back (derived rows as the template makes them)
    old = card_from_body(body, {(p.block, p.position): (p.mime, p.data) for p in photos}, "기록")
    assert changed(stored, new, body_text(new), photos_of(new), tpl) == diff_cards(old, new, tpl)


# --- the hash chain against edits made outside the program (sqlite3 command line) --------------------------


def _chain(db_path: Path, registry: TemplateRegistry) -> None:
    with Store.open(db_path, registry=registry) as s:
        s.actor = OFFICER
        card = s.add(full_card(registry))
        for p in (50, 60, 70, 80):
            card.progress = p
            s.save(card)
        assert s.verify_history() is None


def _sqlite3(db_path: Path, sql: str) -> None:
    import subprocess

    from tests.conftest import require_tool

    subprocess.run([require_tool("sqlite3"), str(db_path), sql], check=True, capture_output=True, timeout=60)


@pytest.mark.parametrize(("sql", "seq", "words"), [
    ("UPDATE history SET who = '다른 사람' WHERE seq = 3", 3, "바뀌었습니다"),
    ("UPDATE history SET changes = '[]' WHERE seq = 2", 2, "바뀌었습니다"),
    ("UPDATE history SET body = zeroblob(10) WHERE seq = 4", 4, "바뀌었습니다"),
    ("DELETE FROM history WHERE seq = 2", 3, "빠졌습니다"),
    ("DELETE FROM history WHERE seq = 5", 5, "마지막 기록"),
    ("UPDATE history SET seq = -seq WHERE seq IN (2, 3); UPDATE history SET seq = 5 - seq WHERE seq = -2;"
     "UPDATE history SET seq = 2 WHERE seq = -3", 2, "이어지지 않습니다"),
])
def test_chain_names_the_first_broken_entry(db_path: Path, registry: TemplateRegistry, sql: str, seq: int,
                                            words: str) -> None:
    _chain(db_path, registry)
    _sqlite3(db_path, sql)
    with Store.open(db_path, registry=registry) as s:
        broken = s.verify_history()
    assert broken is not None and broken.seq == seq and words in broken.reason


def test_sqlite3_edit_is_plain_sql(db_path: Path, registry: TemplateRegistry) -> None:
    """The chain is in the file itself: a reader with no program sees the entries and hashes."""
    _chain(db_path, registry)
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT seq, prev_hash, hash FROM history ORDER BY seq").fetchall()
    con.close()
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, 5))
