"""A backup restored (SQLite): what it would change is checked against the closed periods first, and
the history, the periods and their events of the database it replaces carry over into the restored
one, with one entry (source "restore") for every card the restore changed. History is never lost or
rewritten by a restore: it grows by the restore itself."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from db import backup as backups
from db.errors import ClosedPeriodError, StoreError
from db.models import PeriodRow

if TYPE_CHECKING:
    from db.history import Pending
    from db.recorder import Stored
    from desktop.core.templates import Template

_TABLES = ("history", "history_photos", "periods", "period_events")


@dataclass
class RestorePlan:
    backup_name: str
    live: dict[str, Stored] = field(default_factory=dict)
    incoming: dict[str, Stored] = field(default_factory=dict)

    def changed_ids(self) -> list[str]:
        out = []
        for cid in sorted(set(self.live) | set(self.incoming)):
            a, b = self.live.get(cid), self.incoming.get(cid)
            if a is None or b is None or a.deleted != b.deleted or a.body != b.body or \
                    sorted(a.photos) != sorted(b.photos):
                out.append(cid)
        return out


def _backup_cards(path: Path) -> dict[str, Stored]:
    from db.recorder import Stored

    out: dict[str, Stored] = {}
    try:
        con = backups.connect(path, readonly=True)
        try:
            for r in con.execute("SELECT c.id, c.pledge_id, c.version, c.updated_at, c.deleted_at, c.base_date, "
                                 "c.number, c.title, b.body FROM cards c JOIN card_bodies b ON b.card_id = c.id"):
                base = date.fromisoformat(r[5][:10]) if r[5] else None
                out[r[0]] = Stored(r[0], r[1], r[2], r[3], r[4] is not None, base, r[6], r[7], r[8], [])
            for p in con.execute("SELECT card_id, block, position, sha256, mime FROM photos"):
                if p[0] in out:
                    out[p[0]].photos.append((p[1], p[2], p[3], p[4]))
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise StoreError(f"백업 '{path.name}'의 카드를 읽지 못했습니다 ({exc})") from None
    return out


class RestoreHistoryMixin:
    if TYPE_CHECKING:
        def _read(self) -> AbstractContextManager[Connection]: ...
        def _template(self, name: str) -> Template | None: ...
        def _record(self, conn: Connection, entries: list[Pending], now: datetime) -> None: ...

    _writer: Engine
    describe: str

    def _plan_restore(self, path: Path) -> RestorePlan:
        """What restoring `path` would change; refused (ClosedPeriodError) when that touches a closed period."""
        from db import recorder as rec
        from db.models import CardRow

        plan = RestorePlan(path.name)
        with self._read() as conn:
            ids = list(conn.scalars(select(CardRow.id)))
            plan.live = rec.stored(conn, ids)
            closed = set(conn.scalars(select(PeriodRow.base_date).where(PeriodRow.state == "closed")))
        plan.incoming = _backup_cards(path)
        for cid in plan.changed_ids():
            for st in (plan.live.get(cid), plan.incoming.get(cid)):
                if st is not None and st.base_date in closed:
                    assert st.base_date is not None
                    what = f"백업 '{path.name}'(으)로 되돌리면 카드 {st.label}이(가) 바뀌므로 되돌리지 않았습니다"
                    raise ClosedPeriodError(rec.closed_message(st.base_date, what))
        return plan

    def _carry_history(self, prior: Path, plan: RestorePlan) -> None:
        """After the restore: the history, periods and events of `prior` (the replaced database, as
        backed up just before), the photos only its history still refers to, and the restore's entries
        for every card it changed, in one transaction."""
        from db import recorder as rec
        from db import util
        from desktop.core.model import utcnow

        now = utcnow()
        with util.errors(f"되돌린 데이터베이스에 기록을 옮기지 못했습니다: '{self.describe}'", self.describe), \
                self._writer.connect() as conn:
            dbapi = conn.connection.dbapi_connection
            assert dbapi is not None
            dbapi.execute("ATTACH DATABASE ? AS prior", (str(prior),))  # not inside a transaction
            try:
                with conn.begin():
                    for t in _TABLES:
                        conn.exec_driver_sql(f"DELETE FROM main.{t}")
                        conn.exec_driver_sql(f"INSERT INTO main.{t} SELECT * FROM prior.{t}")
                    conn.exec_driver_sql(
                        "INSERT INTO main.history_photos (sha256, mime, data) SELECT sha256, mime, data "
                        "FROM prior.photos WHERE id IN (SELECT min(id) FROM prior.photos WHERE sha256 NOT IN "
                        "(SELECT sha256 FROM main.photos) AND sha256 NOT IN (SELECT sha256 FROM main.history_photos) "
                        "GROUP BY sha256)")
                    conn.exec_driver_sql("DELETE FROM main.meta WHERE key = 'history_head'")
                    conn.exec_driver_sql("INSERT INTO main.meta (key, value) SELECT key, value FROM prior.meta "
                                         "WHERE key = 'history_head'")
                    note = f"백업 '{plan.backup_name}'(으)로 되돌림"
                    ids = plan.changed_ids()
                    after = rec.stored(conn, ids)
                    entries: list[Pending] = []
                    for cid in ids:
                        old, new = plan.live.get(cid), after.get(cid)
                        if new is None:
                            assert old is not None
                            gone = f"{note}: 백업에 없는 카드라 없어짐"
                            entries.append(rec.unchanged(old, "restore", gone, gone=True))
                        elif old is None:
                            entries.append(rec.unchanged(new, "restore", f"{note}: 백업에서 다시 생김"))
                        else:
                            entries.append(self._restore_entry(old, new, note))
                    self._record(conn, entries, now)
            finally:
                dbapi.execute("DETACH DATABASE prior")

    def _restore_entry(self, old: Stored, new: Stored, note: str) -> Pending:
        """The entry of a card the restore changed: from its state before (`old`) to the backup's (`new`)."""
        from db import recorder as rec
        from db.codec import PhotoData, card_from_body
        from desktop.core.audit import summarize

        summary, changes = note, []
        if old.body != new.body or sorted(old.photos) != sorted(new.photos):
            # photo bytes are not needed to compare: each photo stands for its sha256 on both sides
            stand_ins = [PhotoData(b, p, mime, sha, b"sha256:" + sha.encode()) for b, p, sha, mime in new.photos]
            card = card_from_body(new.body, {(x.block, x.position): (x.mime, x.data) for x in stand_ins},
                                  f"백업의 카드 {new.label}")
            changes = rec.changed(old, card, new.body, stand_ins, self._template(card.template))
            summary = f"{note}: {summarize(changes)}"
        if old.deleted != new.deleted:
            summary += ", 휴지통에 " + ("들어감" if new.deleted else "없음")
        entry = rec.unchanged(new, "restore", summary)
        entry.changes = rec.changes_json(changes) if changes else []
        return entry
