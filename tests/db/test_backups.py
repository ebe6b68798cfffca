"""Backups belong to a database by its identity, not its file name; a restore checks whose a backup is and
that every card in it reads, and changes nothing when it refuses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import db.backup
from db.errors import OtherDatabaseError
from db.store import Store, StoreError
from desktop.core import paths
from desktop.core.templates import TemplateRegistry
from tests.db.conftest import full_card


def _twins(tmp_path: Path, registry: TemplateRegistry) -> tuple[Store, Store]:
    """Two databases both called pledgecard.sqlite3, in two folders, with different cards."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = Store.open(tmp_path / "a" / "pledgecard.sqlite3", registry=registry)
    b = Store.open(tmp_path / "b" / "pledgecard.sqlite3", registry=registry)
    a.add(full_card(registry, "1-1-1", "가 데이터베이스의 공약"))
    for i in range(3):
        card = full_card(registry, f"2-{i}-1", "나 데이터베이스의 공약")
        card.org = "금정구"
        b.add(card)
    return a, b


def _numbers(store: Store) -> list[str]:
    return [s.number for s in store.summaries()]


def test_same_file_name_different_databases_keep_their_own_backups(
        tmp_path: Path, registry: TemplateRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _twins(tmp_path, registry)
    try:
        assert a.database_id != b.database_id
        made_b = b.backup_if_due()
        assert made_b is not None
        made_a = a.backup_if_due()
        assert made_a is not None  # not skipped because of the other's backup of today
        assert a.list_backups() == [made_a] and b.list_backups() == [made_b]
        monkeypatch.setattr(db.backup, "KEEP", 2)
        for _ in range(3):
            a.backup()
        assert len(a.list_backups()) == 2
        assert made_b.exists() and b.list_backups() == [made_b]  # rotation never deletes the other's
        assert {i.path for i in b.backup_infos()} == {made_b}
        (info,) = b.backup_infos()
        assert info.cards == 3 and info.org == "금정구" and info.source == str(b.sqlite_path)
    finally:
        a.close()
        b.close()


def test_restoring_another_databases_backup_is_refused_saying_whose(
        tmp_path: Path, registry: TemplateRegistry) -> None:
    a, b = _twins(tmp_path, registry)
    try:
        theirs = b.backup()
        mine = a.get(a.summaries()[0].id)
        with pytest.raises(OtherDatabaseError) as err:
            a.restore_backup(theirs)
        msg = str(err.value)
        assert str(b.sqlite_path) in msg and "금정구" in msg and "카드 3장" in msg and "다른 데이터베이스" in msg
        assert _numbers(a) == ["1-1-1"] and a.get(mine.id) == mine
        assert len(a.list_backups()) == 0  # refused before anything, not even a before-restore copy

        own_id = a.database_id
        before = a.restore_backup(theirs, other_database=True)  # asked for on purpose
        assert _numbers(a) == ["2-0-1", "2-1-1", "2-2-1"]
        a._database_id = None
        assert a.database_id == own_id  # still itself: its own backups, not the other's
        assert a.list_backups() == [before] and b.list_backups() == [theirs]
    finally:
        a.close()
        b.close()


def _as_revision_0001(path: Path) -> None:
    """Make a head database exactly what revision 0001 wrote: no meta, history or period tables, no
    current-card index, stamped 0001."""
    con = sqlite3.connect(path)
    for table in ("meta", "history", "history_photos", "periods", "period_events"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP INDEX ix_cards_current")
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()


def test_upgrade_from_0001_keeps_every_card_and_gives_an_identity(
        tmp_path: Path, db_path: Path, registry: TemplateRegistry) -> None:
    from sqlalchemy import create_engine, inspect

    from db.migrate import alembic_upgrade

    with Store.open(db_path, registry=registry) as s:
        cards = [s.add(full_card(registry, f"1-{i}")) for i in range(3)]
        s.delete(cards[2].id)
    _as_revision_0001(db_path)
    real = tmp_path / "real0001.sqlite3"  # what the 0001 migration itself makes: the same tables
    engine = create_engine(f"sqlite:///{real}")
    alembic_upgrade(engine, "0001")
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    con = sqlite3.connect(db_path)
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")} == tables
    con.close()

    with Store.open(db_path, registry=registry) as s:
        assert [s.get(c.id) for c in cards] == cards
        assert _numbers(s) == ["1-0", "1-1"]
        ident = s.database_id
        assert len(ident) == 32
        (pre,) = s.list_backups()  # the copy taken before the upgrade is this database's
        assert pre.name.endswith("-before-upgrade-0001.sqlite3")
        s.add(full_card(registry, "9-9"))
        s.restore_backup(pre)  # an old-schema backup: restored, upgraded again, same identity
        assert _numbers(s) == ["1-0", "1-1"]
        s._database_id = None
        assert s.database_id == ident
    with Store.open(db_path, registry=registry) as again:  # the id is kept from one opening to the next
        assert again.database_id == ident


@pytest.mark.parametrize("damage", [
    "UPDATE card_bodies SET body = substr(body, 1, 200) WHERE card_id = :id",  # cut short: not JSON
    "UPDATE card_bodies SET body = '{\"blocks\": 5}' WHERE card_id = :id",  # JSON, not a card
    "UPDATE card_bodies SET body = '[]' WHERE card_id = :id",
    "DELETE FROM card_bodies WHERE card_id = :id",
    "UPDATE cards SET base_date = 'yesterday' WHERE id = :id",
])
def test_a_backup_with_a_damaged_card_is_refused_naming_it(
        store: Store, registry: TemplateRegistry, damage: str) -> None:
    good = store.add(full_card(registry, "1-1", "멀쩡한 카드"))
    victim = store.add(full_card(registry, "3-2-1", "손상될 카드"))
    backup = store.backup()
    con = sqlite3.connect(backup)
    con.execute(damage, {"id": victim.id})
    con.commit()
    con.close()
    store.add(full_card(registry, "5-5", "지금 카드"))
    before = store.list_backups()
    with pytest.raises(StoreError) as err:
        store.restore_backup(backup)
    msg = str(err.value)
    assert "3-2-1" in msg and "손상될 카드" in msg and "되돌리지 않았습니다" in msg
    assert _numbers(store) == ["1-1", "3-2-1", "5-5"] and store.get(good.id) == good
    assert store.list_backups() == before


def test_a_damaged_backup_file_is_refused(store: Store, registry: TemplateRegistry) -> None:
    card = store.add(full_card(registry))
    backup = store.backup()
    con = sqlite3.connect(backup)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'card_bodies'").fetchone()[0]
    con.close()
    raw = bytearray(backup.read_bytes())
    start = (root - 1) * size
    raw[start:start + 200] = b"\x07" * 200  # the page of the card bodies overwritten
    backup.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match=r"손상|아닙니다"):
        store.restore_backup(backup)
    assert store.get(card.id) == card


def test_backup_into_a_folder_that_cannot_be_made_says_so(store: Store) -> None:
    paths.backups_dir().write_text("a file where the backups folder should be")
    with pytest.raises(StoreError, match="백업 폴더를 만들 수 없습니다"):
        store.backup()
    with pytest.raises(StoreError, match="백업 폴더를 만들 수 없습니다"):
        store.backup_if_due()
