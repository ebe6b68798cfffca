"""Opening databases: creation at head, Alembic upgrades with a backup first, refusals in Korean, backups."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

import db.backup
from db.migrate import migrations_dir
from db.models import HEAD_REVISION, KNOWN_REVISIONS, Base
from db.store import Store, StoreError
from desktop.core import paths
from desktop.core.templates import TemplateRegistry
from tests.conftest import ROOT
from tests.db.conftest import full_card


def _revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def _schema(path: Path) -> dict[str, Any]:
    """Tables, columns (type, nullability), keys and indexes as the database reports them."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        insp = inspect(engine)
        out: dict[str, Any] = {}
        for t in sorted(insp.get_table_names()):
            out[t] = {
                "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t)],
                "pk": insp.get_pk_constraint(t)["constrained_columns"],
                "fks": sorted((f["name"], tuple(f["constrained_columns"]), f["referred_table"],
                               str(f.get("options", {}))) for f in insp.get_foreign_keys(t)),
                "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                                  for i in insp.get_indexes(t)),
                "uniques": sorted((u["name"], tuple(u["column_names"])) for u in insp.get_unique_constraints(t)),
            }
        return out
    finally:
        engine.dispose()


def _empty_sqlite_file(path: Path) -> None:
    """An SQLite file holding no tables and no revision (made by an earlier, schema-less start)."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.commit()
    con.close()
    assert path.stat().st_size > 0


def test_new_database_created_at_head_without_backup(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    assert _revision(db_path) == HEAD_REVISION
    assert list(paths.backups_dir().glob("*.sqlite3")) == []


def test_head_revision_matches_the_migrations() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD_REVISION
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(KNOWN_REVISIONS)


def test_upgrade_of_revisionless_file_backs_up_first(db_path: Path, registry: TemplateRegistry) -> None:
    _empty_sqlite_file(db_path)
    with Store.open(db_path, registry=registry) as s:
        s.add(full_card(registry))
        assert len(s.summaries()) == 1
    assert _revision(db_path) == HEAD_REVISION
    (backup,) = paths.backups_dir().glob("cards-*-before-upgrade-empty.sqlite3")
    con = sqlite3.connect(backup)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] == 0
    con.close()


def test_migrations_make_the_same_schema_as_the_models(tmp_path: Path) -> None:
    created, migrated = tmp_path / "created.sqlite3", tmp_path / "migrated.sqlite3"
    Store.open(created).close()
    _empty_sqlite_file(migrated)
    Store.open(migrated).close()
    assert _schema(created) == _schema(migrated)
    assert set(_schema(created)) == {*Base.metadata.tables, "alembic_version"}

    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(f"sqlite:///{migrated}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_opening_at_head_does_not_import_alembic(db_path: Path) -> None:
    Store.open(db_path).close()
    code = (
        "import sys; from pathlib import Path; from db.store import Store\n"
        f"s = Store.open(Path({str(db_path)!r})); s.summaries(); s.close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\x07" * 5000])
def test_corrupt_file_refused_in_korean(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store.open(db_path)
    msg = str(err.value)
    assert "데이터베이스 파일을 열 수 없습니다" in msg and str(db_path) in msg and "손상" in msg
    assert db_path.read_bytes() == content  # never touched


def test_foreign_sqlite_database_refused(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="공약카드 데이터베이스가 아닙니다"):
        Store.open(db_path)
    con = sqlite3.connect(db_path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["customers"]
    con.close()


def test_newer_schema_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num='0099'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="더 새 버전의 공약카드"):
        Store.open(db_path)


def test_missing_folder_and_bad_urls(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="폴더가 없습니다"):
        Store.open(tmp_path / "no" / "such" / "cards.sqlite3")
    with pytest.raises(StoreError, match="데이터베이스 주소"):
        Store.open("not a scheme://x")


@pytest.mark.skipif(importlib.util.find_spec("psycopg2") is not None, reason="a PostgreSQL driver is installed")
def test_postgresql_without_driver_says_so() -> None:
    # psycopg2 is a driver we do not ship; no connection is attempted (and no name is looked up).
    with pytest.raises(StoreError, match="드라이버"):
        Store.open("postgresql+psycopg2://officer:secret@localhost/pledges")


def test_postgresql_server_unreachable_says_so(tmp_path: Path) -> None:
    # A Unix socket folder with no server in it: refused at once, without touching the network.
    with pytest.raises(StoreError, match="연결할 수 없습니다") as err:
        Store.open(f"postgresql://officer:secret@/pledges?unix_sock={tmp_path}/.s.PGSQL.5999")
    assert "secret" not in str(err.value)


def test_default_location_is_the_data_folder() -> None:
    with Store.open() as s:
        assert s.sqlite_path == paths.default_db_path()
    assert paths.default_db_path().exists()


def test_backup_rotation_and_daily(store: Store, registry: TemplateRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(full_card(registry))
    first = store.backup_if_due()
    assert first is not None and first.parent == paths.backups_dir()
    assert store.backup_if_due() is None  # one a day
    monkeypatch.setattr(db.backup, "KEEP", 3)
    made = [store.backup() for _ in range(4)]
    assert store.list_backups() == list(reversed(made))[:3]
    with Store.open(made[-1]) as copy:
        assert [s.number for s in copy.summaries()] == ["2-2-1"]


def test_restore_backup(store: Store, registry: TemplateRegistry) -> None:
    a = store.add(full_card(registry, "1-1"))
    saved = store.backup()
    store.add(full_card(registry, "1-2"))
    store.delete(a.id)
    before = store.restore_backup(saved)
    assert [s.number for s in store.summaries()] == ["1-1"]
    assert store.get(a.id) == a
    with Store.open(before) as prior:  # the state replaced by the restore was kept
        assert [s.number for s in prior.summaries()] == ["1-2"]
        assert [s.number for s in prior.summaries(deleted=True)] == ["1-1"]


def test_backups_are_single_files(store: Store) -> None:
    made = store.backup()
    assert made.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    assert store.restore_backup(made).name.endswith("-before-restore.sqlite3")
    assert {p.name for p in paths.backups_dir().iterdir()} == {p.name for p in store.list_backups()}


def test_restore_refuses_a_newer_backup(store: Store, registry: TemplateRegistry, tmp_path: Path) -> None:
    card = store.add(full_card(registry))
    newer = store.backup()
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num='0099'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="더 새 버전"):
        store.restore_backup(newer)
    assert store.get(card.id) == card


def test_restore_refuses_a_non_backup(store: Store, tmp_path: Path) -> None:
    bogus = tmp_path / "x.sqlite3"
    bogus.write_bytes(b"garbage" * 100)
    with pytest.raises(StoreError, match="백업이 아닙니다"):
        store.restore_backup(bogus)


def test_migrations_render_for_postgresql() -> None:
    """Without a server: the migrations as PostgreSQL DDL (Alembic offline mode needs no driver)."""
    import io

    from alembic import command
    from alembic.config import Config

    out = io.StringIO()
    cfg = Config(output_buffer=out)
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", "postgresql://officer@db.example.invalid/pledges")
    command.upgrade(cfg, "head", sql=True)
    sql = out.getvalue()
    for table in ("pledges", "cards", "card_bodies", "photos", "meta", "history", "history_photos", "periods",
                  "period_events"):
        assert f"CREATE TABLE {table}" in sql
    assert "BYTEA" in sql and "SERIAL" in sql and "ON DELETE CASCADE" in sql
    assert f"UPDATE alembic_version SET version_num='{HEAD_REVISION}'" in sql
    assert "INSERT INTO meta (key, value) VALUES ('database_id', '" in sql


def test_in_memory_database_for_tests(registry: TemplateRegistry) -> None:
    with Store.open("sqlite://", registry=registry) as s:
        card = s.add(full_card(registry))
        assert s.get(card.id) == card
        with pytest.raises(StoreError, match="서버에서 백업"):
            s.backup()
        assert s.list_backups() == []


def test_store_usable_from_another_thread(store: Store, registry: TemplateRegistry) -> None:
    import threading

    card = store.add(full_card(registry))
    got: list[object] = []
    t = threading.Thread(target=lambda: got.append(store.get(card.id)))
    t.start()
    t.join()
    assert got == [card]


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="폴더입니다"):
        Store.open(tmp_path)


_ADD_COLUMN = '''
"""Test revision: rebuilds `cards` (batch mode, as SQLite needs) to add a column."""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cards", recreate="always") as b:
        b.add_column(sa.Column("note", sa.Text(), nullable=True))
    {extra}


def downgrade() -> None:
    pass
'''


def _future_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str = "") -> None:
    """A program one revision ahead: the real migrations plus a 0005 rebuilding `cards`."""
    import shutil

    import db.migrate

    folder = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    text = _ADD_COLUMN.replace("{extra}", extra).replace("{head}", HEAD_REVISION)
    (folder / "versions" / "0099_test.py").write_text(text, encoding="utf-8")
    monkeypatch.setattr(db.migrate, "migrations_dir", lambda: folder)
    monkeypatch.setattr(db.migrate, "HEAD_REVISION", "0099")
    monkeypatch.setattr(db.migrate, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0099"))


def test_upgrade_keeps_every_card_and_photo(tmp_path: Path, db_path: Path, registry: TemplateRegistry,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db_path, registry=registry) as s:
        cards = [s.add(full_card(registry, f"1-{i}")) for i in range(3)]
        s.delete(cards[2].id)
    _future_migrations(tmp_path, monkeypatch)
    with Store.open(db_path, registry=registry) as s:
        assert [s.get(c.id) for c in cards] == cards  # rebuilding `cards` cascaded nothing away
        assert [x.number for x in s.summaries(deleted=True)] == ["1-2"]
    assert _revision(db_path) == "0099"
    (backup,) = paths.backups_dir().glob(f"cards-*-before-upgrade-{HEAD_REVISION}.sqlite3")
    assert _revision(backup) == HEAD_REVISION
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert "note" in [r[1] for r in con.execute("PRAGMA table_info(cards)")]
    con.close()


def test_failed_upgrade_changes_nothing(tmp_path: Path, db_path: Path, registry: TemplateRegistry,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db_path, registry=registry) as s:
        card = s.add(full_card(registry))
    _future_migrations(tmp_path, monkeypatch, extra='raise RuntimeError("migration bug")')
    with pytest.raises(StoreError, match="새 형식으로 바꾸지 못했습니다"):
        Store.open(db_path, registry=registry)
    assert _revision(db_path) == HEAD_REVISION
    con = sqlite3.connect(db_path)
    assert "note" not in [r[1] for r in con.execute("PRAGMA table_info(cards)")]
    con.close()
    assert len(list(paths.backups_dir().glob(f"cards-*-before-upgrade-{HEAD_REVISION}.sqlite3"))) == 1
    monkeypatch.undo()
    with Store.open(db_path, registry=registry) as s:
        assert s.get(card.id) == card


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_upgrade_of_a_release_0002_database_keeps_every_card_and_photo(
        tmp_path: Path, registry: TemplateRegistry) -> None:
    """release-0002.sqlite3 was made by the program at schema 0002 (fixtures/make_release_0002.py);
    release-0002.json holds the same cards as that program exported them, photos included."""
    import shutil

    from desktop.core.cardfile import read_cards

    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "release-0002.sqlite3", path)
    assert _revision(path) == "0002"
    expected = {c.id: c for c in read_cards(FIXTURES / "release-0002.json", registry)}
    with Store.open(path, registry=registry) as s:
        live, trash = s.summaries(), s.summaries(deleted=True)
        assert {x.id for x in live} | {x.id for x in trash} == set(expected)
        assert [x.number for x in trash] == ["9-9-9"]
        for c in s.cards(list(expected)):
            assert c == expected[c.id]
        photos = [p for c in expected.values() for b in c.blocks for p in b.photos if p.image]
        assert len(photos) == 6  # two photos with pictures on each of three cards
        assert s.history_head() == (0, "0" * 64)
        assert s.history(next(iter(expected))) == []
        # every 기준일 already there is a period, and open: nothing became read-only by the upgrade
        assert [(p.base_date.isoformat(), p.cards, p.state) for p in s.periods()] == [
            ("2024-06-30", 1, "open"), ("2025-06-30", 1, "open"), ("2025-09-30", 2, "open")]
        assert sorted(x.number for x in s.period_summaries()) == ["1-2-2", "2-2-1", "3-1-1", "III-2-1"]
    assert _revision(path) == HEAD_REVISION
    (backup,) = paths.backups_dir().glob("old-*-before-upgrade-0002.sqlite3")
    assert _revision(backup) == "0002"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM photos").fetchone()[0] == 6
    con.close()
