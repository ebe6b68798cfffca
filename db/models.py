"""The database schema as typed SQLAlchemy 2 models.

A pledge (공약) lives across reporting periods; a card is that pledge at one 기준일. The card's body
is the card-file JSON (desktop/core/cardfile.py) in `card_bodies`, without photo bytes, which sit in
`photos`, so that listing and reading stay light. The list columns of `cards` (number, title, …,
search_text) are copies taken from the card on every write, so the list never parses a body.

Only portable types: the same models run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# The Alembic revision this code's schema corresponds to. Compared at open time with a plain SELECT
# so that Alembic is imported only when an upgrade is due (start-up speed). tests/db checks that it
# is the head of db/migrations/versions.
HEAD_REVISION = "0006"
# oldest first; a stored revision not in here is from a newer program
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")

MAX_INT = 2**31 - 1  # the largest INTEGER on PostgreSQL (versions, counts)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as naive UTC: SQLite keeps no zone, PostgreSQL gets the same."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PledgeRow(Base):
    """A pledge: the identity a card keeps from one reporting period to the next."""

    __tablename__ = "pledges"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CardRow(Base):
    """A card: one pledge at one 기준일. `version` is the optimistic-lock counter."""

    __tablename__ = "cards"
    # Each pledge's latest card found from the index alone (the current period's list, db/periodstore.py).
    __table_args__ = (Index("ix_cards_current", "pledge_id", "deleted_at", "base_date"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pledge_id: Mapped[str] = mapped_column(String(36), ForeignKey("pledges.id"), index=True)
    template: Mapped[str] = mapped_column(String(100))
    number: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text)
    dept: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(100))
    progress: Mapped[int | None] = mapped_column(Integer)
    base_date: Mapped[date | None] = mapped_column(Date)
    org: Mapped[str] = mapped_column(String(200))
    errors: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    search_text: Mapped[str] = mapped_column(Text)


class CardBodyRow(Base):
    """The card itself: its card-file JSON, photo bytes left out. Apart from `cards` so that the list
    scans small rows (a body is 10–20 kB: beside the list columns it would spill every row onto
    overflow pages and make listing 10,000 cards several times slower)."""

    __tablename__ = "card_bodies"

    card_id: Mapped[str] = mapped_column(String(36), ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[str] = mapped_column(Text)


class PhotoRow(Base):
    """The bytes of one photo of a card: block index and position within the block's photos."""

    __tablename__ = "photos"
    __table_args__ = (UniqueConstraint("card_id", "block", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(String(36), ForeignKey("cards.id", ondelete="CASCADE"))
    block: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class HistoryRow(Base):
    """One entry of the audit trail (SPEC §6.2): a change to a card, never updated or deleted by the
    program. `body` is the card after the change (the card-file JSON with photos referenced by sha256,
    zlib-compressed: 50,000 entries of 15 kB cards stay well under 200 MB); None when the card was
    purged. `changes` is the JSON list of desktop.core.officediff.change_json. On SQLite `prev_hash`
    and `hash` chain the entries (desktop/core/audit.py); the head (seq, hash) is kept in `meta`."""

    __tablename__ = "history"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    card_id: Mapped[str] = mapped_column(String(36), index=True)
    pledge_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    who: Mapped[str] = mapped_column(String(200))
    dept: Mapped[str] = mapped_column(String(200))
    os_user: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(Text)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class HistoryPhotoRow(Base):
    """Photo bytes a history entry refers to (by sha256) that are no longer in `photos` (replaced,
    removed or purged since): kept once each, so that any past state opens with its pictures."""

    __tablename__ = "history_photos"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PeriodRow(Base):
    """A reporting period, by its 기준일: open (its cards may change) or closed (read-only)."""

    __tablename__ = "periods"

    base_date: Mapped[date] = mapped_column(Date, primary_key=True)
    state: Mapped[str] = mapped_column(String(10))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PeriodEventRow(Base):
    """A period opened, closed or reopened (with the reason), by whom and when."""

    __tablename__ = "period_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    base_date: Mapped[date] = mapped_column(Date, index=True)
    action: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class MetaRow(Base):
    """Facts about the database itself, by key. `database_id` (a uuid, made when the database is created
    or upgraded to 0002) is its identity: backups are matched by it, not by file name."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


DATABASE_ID = "database_id"
HISTORY_HEAD = "history_head"  # meta: "seq:hash" of the last history entry ("0:" + GENESIS before any)
