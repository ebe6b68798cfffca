"""The card store: SQLite by default (one file in the data folder), PostgreSQL by URL, same code.

Every write is one transaction. Saving is optimistic: the stored version must equal the card's, so
two officers editing one card never overwrite each other silently (ConflictError). The list reads
only columns (never a card body). Messages the user can see are Korean StoreErrors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, delete, select, update
from sqlalchemy.engine import Connection

from db import backup as backups
from db import util
from db.actor import Actor, Machine
from db.backupstore import BackupMixin
from db.codec import PhotoData, body_text, card_from_body, photos_of, search_text
from db.engine import IMMEDIATE, make_engine, resolve
from db.errors import ClosedPeriodError, ConflictError, StoreError, unreadable
from db.historystore import HistoryMixin
from db.importstore import ImportMixin, ImportReport
from db.mergestore import MergeMixin
from db.migrate import prepare
from db.models import MAX_INT, CardBodyRow, CardRow, PhotoRow, PledgeRow
from db.periodstore import PeriodMixin
from db.permissions import PermissionMixin
from db.restorehistory import RestoreHistoryMixin
from desktop.core.cardfile import CardFileError
from desktop.core.gcpause import no_gc
from desktop.core.model import Card, utcnow
from desktop.core.natural import card_order

if TYPE_CHECKING:
    from db import recorder as rec
    from db import rows
    from db.history import Pending
    from desktop.core.templates import Template, TemplateRegistry

__all__ = ["Actor", "CardSummary", "ClosedPeriodError", "ConflictError", "ImportReport", "Store", "StoreError"]

@dataclass(slots=True)
class CardSummary:
    """One line of the card list, read without parsing the card body."""

    id: str
    pledge_id: str
    template: str
    number: str
    title: str
    dept: str
    status: str
    progress: int | None
    base_date: date | None
    org: str
    errors: int
    warnings: int
    version: int
    updated_at: datetime
    deleted: bool
    search_text: str  # lower-cased title + dept + number + body text, for filter-as-you-type


_SUMMARY_COLUMNS = (
    CardRow.id, CardRow.pledge_id, CardRow.template, CardRow.number, CardRow.title, CardRow.dept,
    CardRow.status, CardRow.progress, CardRow.base_date, CardRow.org, CardRow.errors, CardRow.warnings,
    CardRow.version, CardRow.updated_at, CardRow.search_text,
)


def next_version(version: int) -> int:
    """The version after `version`. At the top of INTEGER it starts again at 1 rather than overflow on
    PostgreSQL (saving compares versions for equality only, so the card stays savable)."""
    return version + 1 if version < MAX_INT else 1


class Store(PermissionMixin, HistoryMixin, ImportMixin, MergeMixin, PeriodMixin, RestoreHistoryMixin, BackupMixin):
    def __init__(self, engine: Engine, sqlite_path: Path | None, describe: str,
                 registry: TemplateRegistry | None) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{IMMEDIATE: True})
        self.sqlite_path = sqlite_path
        self.describe = describe
        self._registry = registry
        self._database_id: str | None = None
        self.actor = Actor()  # who writes: the officer's 이름 and 부서 (settings), recorded in the history
        self._machine: Machine | None = None

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, url: str | Path | None = None, *, registry: TemplateRegistry | None = None) -> Store:
        """None → the default SQLite file; a path → that SQLite file; "postgresql://…" etc → that URL.

        Creates the schema, or upgrades it with Alembic after a backup copy of the file.
        """
        sa_url, path = resolve(url)
        describe = str(path) if path is not None else sa_url.render_as_string(hide_password=True)
        # In-memory SQLite is always new; a server database may hold an older schema.
        fresh = util.new_file(path) if path is not None else sa_url.get_backend_name() == "sqlite"
        engine = make_engine(sa_url)
        try:
            failed = unreadable(describe) if path is not None else f"데이터베이스에 연결할 수 없습니다: '{describe}'"
            with util.errors(failed, describe):
                file = path
                prepare(engine, fresh=fresh, describe=describe,
                        backup=(lambda tag, dbid: backups.make_backup(file, dbid, tag)) if file is not None else None)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, path, describe, registry)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> URL:
        """Where the database is (with its password: never shown; `describe` is what users see)."""
        return self._engine.url

    @property
    def shared(self) -> bool:
        """A server database several programs write at once (PostgreSQL), not one SQLite file."""
        return self._engine.dialect.name == "postgresql"

    @property
    def registry(self) -> TemplateRegistry:
        if self._registry is None:
            from desktop.core.paths import user_templates_dir
            from desktop.core.templates import TemplateRegistry

            self._registry = TemplateRegistry.load(user_dir=user_templates_dir())
        return self._registry

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with util.errors(f"데이터베이스를 읽지 못했습니다: '{self.describe}'", self.describe), \
                self._engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with util.errors(f"데이터베이스에 쓰지 못했습니다: '{self.describe}'", self.describe), \
                self._writer.begin() as conn:
            yield conn

    # ------------------------------------------------------------ reading

    def summaries(self, *, deleted: bool = False,
                  narrow: Callable[[Any], Any] | None = None) -> list[CardSummary]:
        """Live cards (or, with deleted=True, the cards in the 휴지통) in natural 관리번호 order. `narrow`
        (periodstore) adds its own conditions to the list query: the rows of one period only."""
        where = CardRow.deleted_at.is_not(None) if deleted else CardRow.deleted_at.is_(None)
        query = select(*_SUMMARY_COLUMNS).where(where)
        if narrow is not None:
            query = narrow(query)
        with self._read() as conn, no_gc():  # ~15 objects a row: collections mid-way only cost time
            rows = conn.execute(query).all()
            out = [CardSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                               r[13], deleted, r[14]) for r in rows]
            out.sort(key=lambda s: card_order(s.number, s.base_date, s.title, s.id))
        return out

    def get(self, card_id: str) -> Card:
        cards = self._load([card_id])
        if not cards:
            raise StoreError(f"카드를 찾을 수 없습니다 (id {card_id}); 다른 곳에서 영구 삭제되었을 수 있습니다")
        return cards[0]

    def find(self, card_id: str) -> Card | None:
        """The card, or None when this database has no such card (never was, or purged)."""
        cards = self._load([card_id])
        return cards[0] if cards else None

    def cards(self, ids: list[str] | None = None) -> list[Card]:
        """The given cards (휴지통 included when asked by id), or every live card; natural order."""
        if ids is None:
            with self._read() as conn:
                ids = list(conn.scalars(select(CardRow.id).where(CardRow.deleted_at.is_(None))))
        found = self._load(ids)
        missing = set(ids) - {c.id for c in found}
        if missing:
            raise StoreError(f"카드를 찾을 수 없습니다: {len(missing)}장 (id {sorted(missing)[0]} 등)")
        found.sort(key=lambda c: card_order(c.number, c.base_date, c.title, c.id))
        return found

    def latest_by_number(self, number: str) -> Card | None:
        """The live card of this 관리번호 with the latest 기준일 (a card without 기준일 counts as oldest)."""
        with self._read() as conn:
            rows = conn.execute(select(CardRow.id, CardRow.base_date, CardRow.updated_at)
                                .where(CardRow.number == number, CardRow.deleted_at.is_(None))).all()
        if not rows:
            return None
        best = max(rows, key=lambda r: (r[1] or date.min, r[2]))
        return self.get(best[0])

    def _load(self, ids: Sequence[str], conn: Connection | None = None) -> list[Card]:
        """The cards `ids`, read on `conn` (a write transaction's) or on a connection of their own."""
        if conn is None:
            with self._read() as own:
                return self._load(ids, own)
        out: list[Card] = []
        for part in util.chunks(list(dict.fromkeys(ids))):
            rows = conn.execute(
                select(CardRow.id, CardRow.pledge_id, CardRow.version, CardRow.updated_at, CardBodyRow.body,
                       CardRow.number, CardRow.title)
                .join(CardBodyRow, CardBodyRow.card_id == CardRow.id).where(CardRow.id.in_(part))).all()
            photos: dict[str, dict[tuple[int, int], tuple[str, bytes]]] = {}
            for p in conn.execute(select(PhotoRow.card_id, PhotoRow.block, PhotoRow.position, PhotoRow.mime,
                                         PhotoRow.data).where(PhotoRow.card_id.in_(part))):
                photos.setdefault(p[0], {})[(p[1], p[2])] = (p[3], p[4])
            for r in rows:
                try:
                    card = card_from_body(r[4], photos.get(r[0], {}), f"데이터베이스 카드 {util.name(r[5], r[6])}")
                except CardFileError as exc:
                    raise StoreError(f"저장된 카드를 읽을 수 없습니다: {exc}") from None
                card.id, card.pledge_id, card.version, card.updated_at = r[0], r[1], r[2], r[3]
                out.append(card)
        return out

    # ------------------------------------------------------------ writing

    def _counts(self, card: Card) -> tuple[int, int]:
        """(오류, 경고) of the card, for the list."""
        from desktop.core.checks import check_card, counts  # lazily: the list and start-up do not need it

        template = self._template(card.template)
        if template is None:  # a template removed since; the card stays usable
            return 0, 0
        return counts(check_card(card, template))

    def _values(self, card: Card) -> dict[str, Any]:
        """The list columns of `card` (rows.LIST_COLUMNS)."""
        if not 1 <= card.version <= MAX_INT:  # PostgreSQL INTEGER: refused here, not by the server forever after
            raise StoreError(f"카드 {util.name(card.number, card.title)}의 판 번호(version)가 범위를 벗어났습니다 "
                             f"(1~{MAX_INT}): {card.version}")
        for what, value in (("id", card.id), ("pledge_id", card.pledge_id)):
            if not 0 < len(value) <= 36 or "\x00" in value:
                raise StoreError(f"카드 {util.name(card.number, card.title)}의 {what}가 올바르지 않습니다 "
                                 f"(1~36자여야 합니다): '{value[:40]}'")
        errors, warnings = self._counts(card)
        return {
            "pledge_id": card.pledge_id, "template": util.col(card.template, 100), "number": util.col(card.number, 200),
            "title": util.col(card.title), "dept": util.col(card.dept, 200), "status": util.col(card.status, 100),
            "progress": card.progress, "base_date": card.base_date, "org": util.col(card.org, 200), "errors": errors,
            "warnings": warnings, "search_text": util.col(search_text(card)),
        }

    def _insert(self, inserts: rows.Inserts, card: Card, body: str, photos: list[PhotoData], version: int,
                updated_at: datetime, now: datetime) -> None:
        values = self._values(card)
        inserts.pledge(card.pledge_id, now)
        inserts.card({"id": card.id, "version": version, "updated_at": updated_at, "deleted_at": None, **values},
                     body, photos)

    def add(self, card: Card, *, source: str = "editor") -> Card:
        """Store a new card as version 1 (the object is updated in place and returned)."""
        from db import recorder as rec
        from db import rows  # the write statements are built on first use: start-up only lists
        now = utcnow()
        body, photos = body_text(card), photos_of(card)
        self._refuse_dept(card.dept, f"카드 {util.name(card.number, card.title)}을(를) 더할 수 없습니다")
        with self._write() as conn:
            if conn.scalar(select(CardRow.id).where(CardRow.id == card.id)) is not None:
                raise StoreError(f"같은 id의 카드가 이미 있습니다: {util.name(card.number, card.title)}")
            name = util.name(card.number, card.title)
            rec.refuse_closed(conn, [card.base_date], f"카드 {name}을(를) 더할 수 없습니다")
            inserts = rows.Inserts(rows.existing_pledges(conn, [card.pledge_id]))
            self._insert(inserts, card, body, photos, 1, now, now)
            inserts.flush(conn)
            self._record(conn, [rec.pending(card, 1, source, body, photos, None)], now)
        card.version, card.updated_at = 1, now
        return card

    def save(self, card: Card, *, source: str = "editor", note: str = "") -> Card:
        """Save an edited card: card.version must be the stored one (else ConflictError). One transaction,
        with its history entry (what changed from the stored state; none when nothing did).

        The object is updated in place (version + 1, updated_at now) and returned, so that the editor's
        next autosave carries the right version.
        """
        from db import recorder as rec
        from db import rows  # the write statements are built on first use: start-up only lists
        now = utcnow()
        values, body, photos = self._values(card), body_text(card), photos_of(card)
        refused = f"카드 {util.name(card.number, card.title)}을(를) 저장할 수 없습니다"
        self._refuse_dept(card.dept, refused)
        with self._write() as conn:
            st = rec.stored(conn, [card.id]).get(card.id)
            if st is not None:
                self._refuse_dept(st.dept, refused)
            if st is not None and not st.deleted:
                rec.refuse_closed(conn, [st.base_date, card.base_date],
                                  f"카드 {util.name(card.number, card.title)}을(를) 저장할 수 없습니다")
            res = conn.execute(rows.SAVE_CARD, rows.prefixed(values, v_version=next_version(card.version),
                                                             v_updated_at=now, b_id=card.id, b_version=card.version))
            if res.rowcount != 1:
                row = conn.execute(select(CardRow.version, CardRow.deleted_at, CardRow.updated_at)
                                   .where(CardRow.id == card.id)).first()
                name = util.name(card.number, card.title)
                if row is None:
                    raise StoreError(f"카드 {name}이(가) 데이터베이스에 없습니다 (다른 곳에서 영구 삭제됨). "
                                     "카드 파일로 내보내 두세요.")
                if row[1] is not None:
                    raise StoreError(f"카드 {name}은(는) 휴지통에 있어 저장할 수 없습니다. 먼저 복원하세요.")
                raise ConflictError(
                    f"카드 {name}을(를) 다른 곳에서 먼저 저장했습니다 (저장된 판 {row[0]}, 편집한 판 {card.version}, "
                    f"저장 시각 {util.local(row[2])}). 다시 불러오거나 내 편집으로 덮어쓸지 고르세요."
                )
            assert st is not None
            conn.execute(rows.UPDATE_BODY, {"b_card_id": card.id, "v_body": body})
            if card.pledge_id != st.pledge_id:  # the stored card's pledge exists (foreign key): no look-up
                rows.ensure_pledge(conn, card.pledge_id, now)
            rows.sync_photos(conn, card.id, photos)
            if not st.same(body, photos):
                changes = rec.changed(st, card, body, photos, self._template(card.template))
                entry = rec.pending(card, next_version(card.version), source, body, photos, changes)
                if note:
                    entry.summary = f"{note}: {entry.summary}"
                self._record(conn, [entry], now)
        card.version, card.updated_at = next_version(card.version), now
        return card

    def delete(self, card_id: str) -> None:
        """Move to the 휴지통 (kept, restorable)."""
        from db import recorder as rec

        now = utcnow()
        with self._write() as conn:
            st = self._stored(conn, card_id)
            if st.deleted:
                return
            self._refuse_dept(st.dept, f"카드 {st.label}을(를) 휴지통으로 옮길 수 없습니다")
            rec.refuse_closed(conn, [st.base_date], f"카드 {st.label}을(를) 휴지통으로 옮길 수 없습니다")
            conn.execute(update(CardRow).where(CardRow.id == card_id, CardRow.deleted_at.is_(None))
                         .values(deleted_at=now))
            self._record(conn, [rec.unchanged(st, "delete", "휴지통으로 옮김")], now)

    def restore(self, card_id: str) -> None:
        """Take a card back out of the 휴지통."""
        from db import recorder as rec

        now = utcnow()
        with self._write() as conn:
            st = self._stored(conn, card_id)
            if not st.deleted:
                return
            self._refuse_dept(st.dept, f"휴지통의 카드 {st.label}을(를) 복원할 수 없습니다")
            rec.refuse_closed(conn, [st.base_date], f"휴지통의 카드 {st.label}을(를) 복원할 수 없습니다")
            conn.execute(update(CardRow).where(CardRow.id == card_id).values(deleted_at=None))
            self._record(conn, [rec.unchanged(st, "undelete", "휴지통에서 되살림")], now)

    def purge(self, card_id: str) -> None:
        """Delete for good a card that is in the 휴지통 (with its photos, and its pledge when orphaned).
        Its history stays (with the photos it shows)."""
        from db import recorder as rec
        from db.history import keep_photos

        now = utcnow()
        with self._write() as conn:
            st = self._stored(conn, card_id)
            self._refuse_dept(st.dept, f"카드 {st.label}을(를) 영구 삭제할 수 없습니다")
            if not st.deleted:
                raise StoreError(f"휴지통에 있는 카드만 영구 삭제할 수 있습니다: {util.name(st.number, st.title)}")
            rec.refuse_closed(conn, [st.base_date], f"카드 {st.label}을(를) 영구 삭제할 수 없습니다")
            keep_photos(conn, list(conn.scalars(select(PhotoRow.id).where(PhotoRow.card_id == card_id))))
            conn.execute(delete(PhotoRow).where(PhotoRow.card_id == card_id))
            conn.execute(delete(CardBodyRow).where(CardBodyRow.card_id == card_id))
            conn.execute(delete(CardRow).where(CardRow.id == card_id))
            if conn.scalar(select(CardRow.id).where(CardRow.pledge_id == st.pledge_id).limit(1)) is None:
                conn.execute(delete(PledgeRow).where(PledgeRow.id == st.pledge_id))
            self._record(conn, [rec.unchanged(st, "delete", "영구 삭제", gone=True)], now)

    def _stored(self, conn: Connection, card_id: str) -> rec.Stored:
        from db import recorder as rec

        st = rec.stored(conn, [card_id]).get(card_id)
        if st is None:
            raise StoreError(f"카드를 찾을 수 없습니다 (id {card_id})")
        return st

    def _template(self, name: str) -> Template | None:
        from desktop.core.templates import TemplateError

        try:
            return self.registry.get(name)
        except TemplateError:
            return None

    def _record(self, conn: Connection, entries: list[Pending], now: datetime) -> None:
        from db.history import append

        if not entries:
            return
        if conn.dialect.name == "postgresql":  # the server writes it (db/serverhistory.py)
            from db.serverhistory import stage

            stage(conn, entries, self.actor)
            return
        if self._machine is None:
            self._machine = Machine.of(conn)
        append(conn, entries, self.actor, self._machine, now)
