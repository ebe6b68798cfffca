"""Bringing a database to this program's schema at open time.

The stored revision is read with a plain SELECT; Alembic is imported only when an upgrade is due
(start-up speed). A brand-new database is created at head directly from the models (tests/db checks
that this equals running every migration). An existing SQLite file is copied to the backups folder
before it is upgraded.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Column, Engine, MetaData, PrimaryKeyConstraint, String, Table, insert, inspect, text
from sqlalchemy.engine import Connection

from db.errors import StoreError, unreadable
from db.models import DATABASE_ID, HEAD_REVISION, HISTORY_HEAD, KNOWN_REVISIONS, Base, MetaRow
from desktop.core.audit import GENESIS

_version_meta = MetaData()
# The table Alembic keeps its revision in, exactly as Alembic creates it.
ALEMBIC_VERSION = Table(
    "alembic_version", _version_meta,
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


def migrations_dir() -> Path:
    """db/migrations, from the source tree or from a PyInstaller bundle (collected as data files)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "db" / "migrations"
    return Path(__file__).resolve().parent / "migrations"


def read_state(conn: Connection) -> tuple[set[str], str | None]:
    """The table names and the stored Alembic revision (None when there is none)."""
    names = set(inspect(conn).get_table_names())
    rev = None
    if "alembic_version" in names:
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return names, (str(rev) if rev is not None else None)


def new_database_id() -> str:
    return uuid.uuid4().hex


def create_at_head(conn: Connection) -> None:
    Base.metadata.create_all(conn)
    ALEMBIC_VERSION.create(conn)
    conn.execute(ALEMBIC_VERSION.insert().values(version_num=HEAD_REVISION))
    conn.execute(insert(MetaRow).values(key=DATABASE_ID, value=new_database_id()))
    conn.execute(insert(MetaRow).values(key=HISTORY_HEAD, value="0:" + GENESIS))


def read_database_id(conn: Connection) -> str | None:
    """The stored identity, None before revision 0002."""
    if "meta" not in inspect(conn).get_table_names():
        return None
    found = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": DATABASE_ID}).scalar()
    return str(found) if found else None


def _owns_schema(conn: Connection) -> bool:
    """Whether this login may upgrade a PostgreSQL database: it owns the tables (or is a superuser).
    An officer's login may not (docs/server.md): the administrator runs `admin init`."""
    return bool(conn.exec_driver_sql(
        "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
        "WHERE c.oid = to_regclass('alembic_version')").scalar())


def _raw(conn: Connection, sql: str) -> None:
    """Run `sql` on the driver connection, outside SQLAlchemy's transaction handling."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cur = dbapi.cursor()
    try:
        cur.execute(sql)
    finally:
        cur.close()


def alembic_upgrade(engine: Engine, target: str = "head", database_id: str | None = None) -> None:
    """Run the migrations up to `target` in one transaction (SQLite: foreign keys off meanwhile,
    as batch table rebuilds require, then checked). `database_id`: the identity 0002 stores."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    cfg.attributes["database_id"] = database_id or new_database_id()
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            _raw(conn, "PRAGMA foreign_keys=OFF")  # outside any transaction, else it has no effect
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                if sqlite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise StoreError(f"데이터베이스 갱신 뒤 참조가 맞지 않습니다 ({len(bad)}건): 취소했습니다")
        finally:
            if sqlite:
                _raw(conn, "PRAGMA foreign_keys=ON")


def prepare(engine: Engine, *, fresh: bool, describe: str,
            backup: Callable[[str, str], Path] | None = None, database_id: str | None = None) -> None:
    """Make the database at `engine` current.

    fresh: the database did not exist before (a new SQLite file) — created at head without Alembic.
    backup(tag, database_id): copies the database before an upgrade (SQLite files only); the id is the
    database's, or the one the upgrade to 0002 will store (`database_id` if given, else a new one).
    """
    with engine.connect() as conn:
        names, rev = read_state(conn)
        if rev == HEAD_REVISION:  # the usual open: nothing more to read
            conn.rollback()
            return
        if rev is not None:
            database_id = read_database_id(conn) or database_id
        conn.rollback()
        if rev is None and names:
            raise StoreError(unreadable(describe))
        if rev is not None and rev not in KNOWN_REVISIONS:
            raise StoreError(
                f"'{describe}'은(는) 더 새 버전의 공약카드가 만든 데이터베이스입니다 (스키마 {rev}, "
                f"이 프로그램은 {HEAD_REVISION}까지). 프로그램을 새 버전으로 바꾸세요."
            )
        if rev is None and fresh:
            with conn.begin():
                create_at_head(conn)
            return
        if rev is not None and engine.dialect.name == "postgresql" and not _owns_schema(conn):
            conn.rollback()
            raise StoreError(
                f"데이터베이스 '{describe}'은(는) 이전 형식(스키마 {rev})이라 이 프로그램({HEAD_REVISION})으로 "
                "쓰려면 먼저 새 형식으로 바꿔야 합니다. 관리자가 소유자 로그인으로 "
                "'pledgecard --db 주소 admin init'을 실행하세요 (docs/server.md).")
    database_id = database_id or new_database_id()
    if backup is not None:
        backup(f"before-upgrade-{rev or 'empty'}", database_id)
    try:
        alembic_upgrade(engine, database_id=database_id)
    except StoreError:
        raise
    except Exception as exc:  # a failed migration must say so in Korean; the backup is kept
        raise StoreError(f"데이터베이스 '{describe}'을(를) 새 형식으로 바꾸지 못했습니다: {exc}") from exc
