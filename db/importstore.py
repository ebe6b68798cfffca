"""Importing cards by id, all or nothing, without the three-way merge: what the store did before SPEC §6.3,
kept for loading cards in bulk (tests, benchmarks, the samples). A card changed here since (newer
version or time) is skipped on "skip" and replaced on "replace". Card files and workbooks an officer
imports go through db/mergestore.py instead."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.engine import Connection

from db import util
from db.codec import body_text, photos_of
from db.errors import ClosedPeriodError
from desktop.core.model import Card, utcnow

if TYPE_CHECKING:
    from db.history import Pending
    from db.permissions import Permissions
    from db.rows import Inserts
    from desktop.core.templates import Template


@dataclass
class ImportReport:
    """Labels are the 관리번호 (the card id when the number is empty)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (label, Korean reason)
    refused: list[tuple[str, str]] = field(default_factory=list)  # another department's: (label, Korean reason)


class ImportMixin:
    if TYPE_CHECKING:
        def _write(self) -> AbstractContextManager[Connection]: ...
        def _values(self, card: Card) -> dict[str, Any]: ...
        def _template(self, name: str) -> Template | None: ...
        def _record(self, conn: Connection, entries: list[Pending], now: datetime) -> None: ...
        @property
        def permissions(self) -> Permissions: ...
        def _insert(self, inserts: Inserts, card: Card, body: str, photos: Any, version: int,
                    updated_at: datetime, now: datetime) -> None: ...

    def import_cards(self, cards: list[Card], on_conflict: Literal["skip", "replace"] = "skip", *,
                     source: str = "import") -> ImportReport:
        """Merge cards by id, all or nothing. A card changed in the database since (newer version or time)
        is skipped and reported on "skip", replaced on "replace"; identical cards change nothing.
        Added cards keep their version and updated_at (a card file round trip is the identity).
        A card that would change a closed period refuses the whole import (ClosedPeriodError)."""
        from db import recorder as rec
        from db import rows  # the write statements are built on first use: start-up only lists
        from db.store import next_version
        util.refuse_repeated_ids(cards)
        report = ImportReport()
        now = utcnow()
        with self._write() as conn:
            inserts = rows.Inserts(rows.existing_pledges(conn, (c.pledge_id for c in cards)))
            stored = rec.stored(conn, [c.id for c in cards])
            closed = rec.closed_dates(conn, [*(c.base_date for c in cards), *(st.base_date for st in stored.values())])
            entries: list[Pending] = []
            depts = {cid: st.dept for cid, st in stored.items()}
            for card in cards:
                label = util.label(card)
                why = self.permissions.write_refusal(card.dept, depts.get(card.id))
                body, photos = body_text(card), photos_of(card)
                st = stored.get(card.id)
                touched = {d for d in (card.base_date, st.base_date if st is not None else None) if d in closed}
                if st is None:
                    if why is not None:
                        report.refused.append((label, why))
                        continue
                    if touched:
                        raise ClosedPeriodError(rec.closed_message(min(touched), f"카드 {label}을(를) 가져올 수 "
                                                                                 "없습니다"))
                    self._insert(inserts, card, body, photos, card.version, card.updated_at, now)
                    entries.append(rec.pending(card, card.version, source, body, photos, None))
                    report.added.append(label)
                    if len(inserts.cards) >= 500:
                        inserts.flush(conn)
                    continue
                if st.same(body, photos):
                    continue  # identical: nothing to do
                newer = st.version > card.version or st.updated_at > card.updated_at
                if on_conflict == "skip":
                    if st.deleted:
                        report.skipped.append((label, "휴지통에 있는 카드입니다 (복원한 뒤 다시 가져오세요)"))
                        continue
                    if newer:
                        report.skipped.append((label, "데이터베이스의 카드가 그 뒤에 바뀌었습니다 (저장된 판 "
                                                      f"{st.version}, {util.local(st.updated_at)}; 가져온 판 "
                                                      f"{card.version}, {util.local(card.updated_at)})"))
                        continue
                if why is not None:
                    report.refused.append((label, why))
                    continue
                if touched:
                    raise ClosedPeriodError(rec.closed_message(min(touched), f"카드 {label}을(를) 가져올 수 없습니다"))
                values = self._values(card)
                inserts.pledge(card.pledge_id, now)
                inserts.flush(conn)  # its pledge (and cards before it, keeping the order simple)
                version = max(next_version(st.version), card.version)
                conn.execute(rows.REPLACE_CARD, rows.prefixed(
                    values, v_version=version, v_updated_at=card.updated_at, v_deleted_at=None, b_id=card.id))
                conn.execute(rows.UPDATE_BODY, {"b_card_id": card.id, "v_body": body})
                rows.sync_photos(conn, card.id, photos)
                changes = rec.changed(st, card, body, photos, self._template(card.template))
                entries.append(rec.pending(card, version, source, body, photos, changes))
                report.updated.append(label)
            inserts.flush(conn)
            self._record(conn, entries, now)
        return report
