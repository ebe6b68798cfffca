"""Reading the audit trail (SPEC §6.2): a card's timeline, the state after any entry, bringing a past
state back as a new change (history is never rewritten) and checking the hash chain."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from db import util
from db.errors import StoreError
from db.models import CardRow, HistoryRow

if TYPE_CHECKING:
    from desktop.core.audit import Broken, Entry
    from desktop.core.model import Card


class HistoryMixin:
    if TYPE_CHECKING:
        def _read(self) -> AbstractContextManager[Connection]: ...
        def get(self, card_id: str) -> Card: ...
        def add(self, card: Card, *, source: str = "editor") -> Card: ...
        def save(self, card: Card, *, source: str = "editor", note: str = "") -> Card: ...

    def history(self, card_or_pledge_id: str) -> list[Entry]:
        """The entries of a card (by its id) or of a pledge (every period's card), newest first."""
        from db.history import entry_of, select_entries

        with self._read() as conn:
            rows = conn.execute(select_entries().where(or_(HistoryRow.card_id == card_or_pledge_id,
                                                           HistoryRow.pledge_id == card_or_pledge_id))
                                .order_by(HistoryRow.seq.desc())).all()
        return [entry_of(r, "") for r in rows]

    def history_of_number(self, number: str) -> list[Entry]:
        """The entries of every pledge whose card (in any period, 휴지통 too) has this 관리번호, newest first."""
        from db.history import entry_of, select_entries

        with self._read() as conn:
            pledges = sorted(set(conn.scalars(select(CardRow.pledge_id).where(CardRow.number == number.strip()))))
            if not pledges:
                return []
            rows = conn.execute(select_entries().where(HistoryRow.pledge_id.in_(pledges))
                                .order_by(HistoryRow.seq.desc())).all()
        return [entry_of(r, "") for r in rows]

    def history_head(self) -> tuple[int, str]:
        """(seq, hash) of the last entry as recorded in `meta` ((0, GENESIS) before any)."""
        from db.history import read_head

        with self._read() as conn:
            return read_head(conn, lock=False)

    def history_count(self) -> int:
        from sqlalchemy import func

        with self._read() as conn:
            return int(conn.scalar(select(func.count()).select_from(HistoryRow)) or 0)

    def state_at(self, seq: int) -> Card:
        """The card as it was right after entry `seq` (its photos included), version = that revision."""
        from db.history import decode, key_of
        from db.revisions import card_of_state

        with self._read() as conn:
            row = conn.execute(select(HistoryRow.body).where(HistoryRow.seq == seq)).first()
            if row is None:
                raise StoreError(f"{seq}번 기록이 없습니다")
            if row[0] is None:
                raise StoreError(f"{seq}번 기록은 카드를 영구 삭제한 기록이라 그 뒤의 상태가 없습니다")
            key = key_of(row[0])
            key_blob = conn.scalar(select(HistoryRow.body).where(HistoryRow.seq == key)) if key is not None else None
            try:
                text = decode(row[0], key_blob)
            except Exception:  # a damaged entry: zlib
                raise StoreError(f"{seq}번 기록의 카드 내용을 읽을 수 없습니다 (손상되었습니다)") from None
            return card_of_state(conn, seq, text, f"{seq}번 기록")

    def state_before(self, seq: int) -> Card | None:
        """The card as it was just before entry `seq` (the state after the card's previous entry), None
        when the entry is the card's first or its previous state is not kept (purged)."""
        with self._read() as conn:
            card_id = conn.scalar(select(HistoryRow.card_id).where(HistoryRow.seq == seq))
            if card_id is None:
                raise StoreError(f"{seq}번 기록이 없습니다")
            prev = conn.scalar(select(HistoryRow.seq).where(HistoryRow.card_id == card_id, HistoryRow.seq < seq)
                               .order_by(HistoryRow.seq.desc()).limit(1))
        if prev is None:
            return None
        try:
            return self.state_at(prev)
        except StoreError:
            return None

    def revert_to(self, seq: int) -> Card:
        """Save the state after entry `seq` as a new change of its card (source "revert"); the history
        keeps everything in between. A purged card comes back; one in the 휴지통 must be restored first."""
        state = self.state_at(seq)
        note = f"{seq}번 기록의 상태로 되돌림"
        try:
            current = self.get(state.id)
        except StoreError:
            state.version = 1
            return self.add(state, source="revert")
        if self._deleted(state.id):
            raise StoreError(f"카드 {util.name(current.number, current.title)}은(는) 휴지통에 있습니다. "
                             "먼저 복원한 뒤 되돌리세요.")
        state.version = current.version
        return self.save(state, source="revert", note=note)

    def _deleted(self, card_id: str) -> bool:
        with self._read() as conn:
            return conn.scalar(select(CardRow.deleted_at).where(CardRow.id == card_id)) is not None

    def verify_history(self) -> Broken | None:
        """The first entry that no longer fits the hash chain (edited, removed, reordered, or the last
        ones removed), or None when the history is intact."""
        from db.history import all_entries, read_head
        from desktop.core.audit import verify_chain

        with self._read() as conn:
            head = read_head(conn, lock=False)
            return verify_chain(all_entries(conn), head)
