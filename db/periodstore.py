"""Reporting periods (SPEC §6.2): every 기준일 of the cards is a period; the current one shows each
pledge's card at its latest 기준일. Opening a new period carries every current card into it (one
transaction, history source "carry") and closes the earlier ones; a closed period's cards refuse
every write (db/recorder.py ClosedPeriodError) until it is reopened with a reason. Opening, closing
and reopening are recorded in `period_events`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.engine import Connection

from db.errors import StoreError
from db.models import CardRow, PeriodEventRow, PeriodRow

if TYPE_CHECKING:
    from db import rows
    from db.actor import Actor
    from db.codec import PhotoData
    from db.history import Pending
    from db.store import CardSummary
    from desktop.core.model import Card
    from desktop.core.templates import Template, TemplateRegistry

OPEN, CLOSED = "open", "closed"
STATE_NAMES = {OPEN: "열림", CLOSED: "닫힘"}


@dataclass(frozen=True)
class PeriodInfo:
    base_date: date
    cards: int  # live cards at this 기준일
    state: str  # OPEN or CLOSED
    closed_at: datetime | None

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


def current_of(summaries: Iterable[CardSummary]) -> list[CardSummary]:
    """Each pledge's card at its latest 기준일 (a card without 기준일 counts as oldest), in the given order."""
    best: dict[str, CardSummary] = {}
    for s in summaries:
        b = best.get(s.pledge_id)
        if b is None or (s.base_date or date.min, s.updated_at) > (b.base_date or date.min, b.updated_at):
            best[s.pledge_id] = s
    keep = {id(s) for s in best.values()}
    return [s for s in summaries if id(s) in keep]


class PeriodMixin:
    if TYPE_CHECKING:
        actor: Actor

        @property
        def registry(self) -> TemplateRegistry: ...
        def _read(self) -> AbstractContextManager[Connection]: ...
        def _write(self) -> AbstractContextManager[Connection]: ...
        def _record(self, conn: Connection, entries: list[Pending], now: datetime) -> None: ...
        def _insert(self, inserts: rows.Inserts, card: Card, body: str, photos: list[PhotoData], version: int,
                    updated_at: datetime, now: datetime) -> None: ...
        def _template(self, name: str) -> Template | None: ...
        def _refuse_office(self, what: str) -> None: ...
        def summaries(self, *, deleted: bool = False,
                      narrow: Callable[[Any], Any] | None = None) -> list[CardSummary]: ...
        def _load(self, ids: Sequence[str], conn: Connection | None = None) -> list[Card]: ...
        def cards(self, ids: list[str] | None = None) -> list[Card]: ...

    def periods(self) -> list[PeriodInfo]:
        """Every period, oldest first: each 기준일 the live cards hold or that was opened, with its card
        count and whether it is open."""
        with self._read() as conn:
            found = conn.execute(select(CardRow.base_date, func.count())
                                 .where(CardRow.deleted_at.is_(None), CardRow.base_date.is_not(None))
                                 .group_by(CardRow.base_date))
            counts: dict[date, int] = {r[0]: int(r[1]) for r in found if r[0] is not None}
            states = {r[0]: (r[1], r[2]) for r in conn.execute(select(PeriodRow.base_date, PeriodRow.state,
                                                                      PeriodRow.closed_at))}
        return [PeriodInfo(d, counts.get(d, 0), *states.get(d, (OPEN, None)))
                for d in sorted(set(counts) | set(states))]

    def period_summaries(self, period: date | None = None) -> list[CardSummary]:
        """The list of a period: its cards at that 기준일, or (None) the current period: each pledge's
        card at its latest 기준일, cards without 기준일 included."""
        if period is not None:
            return self.summaries(narrow=lambda q: q.where(CardRow.base_date == period))
        # Only the rows at their pledge's latest 기준일 are read (the list must not grow with the periods);
        # current_of then settles a pledge with two cards at that date as before.
        latest = (select(CardRow.pledge_id.label("pledge"), func.max(CardRow.base_date).label("latest"))
                  .where(CardRow.deleted_at.is_(None)).group_by(CardRow.pledge_id).subquery())
        return current_of(self.summaries(narrow=lambda q: q.join(latest, and_(
            latest.c.pledge == CardRow.pledge_id, CardRow.base_date.is_not_distinct_from(latest.c.latest)))))

    def period_of(self, text_or_date: date) -> PeriodInfo:
        for p in self.periods():
            if p.base_date == text_or_date:
                return p
        raise StoreError(f"기준일 {_fmt(text_or_date)} 기간이 없습니다 (기간 목록: pledgecard period list)")

    def open_period(self, new_base: date) -> list[Card]:
        """Open the period `new_base`: every current card (templates with 기준일) carried into it as a
        new card of the same pledge (desktop/core/periods.carry_over), the earlier open periods closed,
        all in one transaction. Returns the new cards."""
        from db import recorder as rec
        from db import rows as rowmod
        from db.codec import body_text, photos_of
        from db.history import refs_of
        from desktop.core.model import utcnow
        from desktop.core.natural import card_order
        from desktop.core.periods import PeriodError, carry_over

        self._refuse_office(f"새 기준일 {_fmt(new_base)}을(를) 열 수 없습니다")
        known = self.periods()
        later = [p.base_date for p in known if p.base_date >= new_base]
        if later:
            what = "이미 있는" if new_base in later else f"가장 최근 기준일 {_fmt(max(later))}보다 앞선"
            raise StoreError(f"새 기준일 {_fmt(new_base)}은(는) {what} 기준일입니다. 새 기준일은 "
                             f"{_fmt(known[-1].base_date)}보다 뒤여야 합니다.")
        now = utcnow()
        carried: list[Card] = []
        entries: list[Pending] = []
        with self._write() as conn:  # read in the same transaction: nobody's save falls in between
            latest: dict[str, tuple[date, datetime, str]] = {}
            for cid, pledge, base, updated in conn.execute(
                    select(CardRow.id, CardRow.pledge_id, CardRow.base_date, CardRow.updated_at)
                    .where(CardRow.deleted_at.is_(None))):
                key = (base or date.min, updated, cid)
                if pledge not in latest or key > latest[pledge]:
                    latest[pledge] = key
            ids = [k[2] for k in latest.values() if k[0] != date.min]
            olds = sorted(self._load(ids, conn), key=lambda c: card_order(c.number, c.base_date, c.title, c.id))
            inserts = rowmod.Inserts({c.pledge_id for c in olds})
            for old in olds:
                template = self._template(old.template)
                if template is None or not template.has_base_date:
                    continue
                try:
                    new = carry_over(old, new_base, template)
                except PeriodError as exc:
                    raise StoreError(str(exc)) from None
                body, photos = body_text(new), photos_of(new)
                self._insert(inserts, new, body, photos, 1, now, now)
                old_body, old_photos = body_text(old), photos_of(old)
                st = rec.Stored(old.id, old.pledge_id, old.version, old.updated_at, False, old.base_date, old.number,
                                old.title, old_body, refs_of(old_photos))
                changes = rec.changed(st, new, body, photos, template)
                entries.append(rec.pending(new, 1, "carry", body, photos, changes,
                                           f"기준일 {_fmt(old.base_date)} → {_fmt(new_base)} 이월 (카드 {st.label})"))
                carried.append(new)
                if len(inserts.cards) >= 500:
                    inserts.flush(conn)
            inserts.flush(conn)
            for p in known:
                if p.state == OPEN:
                    why = f"새 기준일 {_fmt(new_base)}을(를) 열면서 닫음"
                    self._set_state(conn, p.base_date, CLOSED, "close", why, now,
                                    exists=self._has_row(conn, p.base_date))
            self._set_state(conn, new_base, OPEN, "open", "", now, exists=False)
            self._record(conn, entries, now)
        return carried

    def close_period(self, base: date, reason: str = "") -> None:
        from desktop.core.model import utcnow

        self._refuse_office(f"기준일 {_fmt(base)} 기간을 닫을 수 없습니다")
        p = self.period_of(base)
        if p.state == CLOSED:
            raise StoreError(f"기준일 {_fmt(base)} 기간은 이미 닫혀 있습니다")
        with self._write() as conn:
            self._set_state(conn, base, CLOSED, "close", reason.strip(), utcnow(), exists=self._has_row(conn, base))

    def reopen_period(self, base: date, reason: str) -> None:
        """Open a closed period again (its cards become writable), recorded with the reason."""
        from desktop.core.model import utcnow

        if not reason.strip():
            raise StoreError(f"기준일 {_fmt(base)} 기간을 다시 여는 사유를 적어 주세요 (--reason \"사유\")")
        self._refuse_office(f"기준일 {_fmt(base)} 기간을 다시 열 수 없습니다")
        p = self.period_of(base)
        if p.state == OPEN:
            raise StoreError(f"기준일 {_fmt(base)} 기간은 이미 열려 있습니다")
        with self._write() as conn:
            self._set_state(conn, base, OPEN, "reopen", reason.strip(), utcnow(), exists=True)

    def period_events(self, base: date | None = None) -> list[tuple[date, str, str, str, datetime]]:
        """(기준일, action, reason, who, at) oldest first."""
        stmt = select(PeriodEventRow.base_date, PeriodEventRow.action, PeriodEventRow.reason, PeriodEventRow.who,
                      PeriodEventRow.at).order_by(PeriodEventRow.id)
        if base is not None:
            stmt = stmt.where(PeriodEventRow.base_date == base)
        with self._read() as conn:
            return [(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(stmt)]

    @staticmethod
    def _has_row(conn: Connection, base: date) -> bool:
        return conn.scalar(select(PeriodRow.base_date).where(PeriodRow.base_date == base)) is not None

    def _set_state(self, conn: Connection, base: date, state: str, action: str, reason: str, now: datetime, *,
                   exists: bool) -> None:
        closed_at = now if state == CLOSED else None
        if exists:
            conn.execute(update(PeriodRow).where(PeriodRow.base_date == base).values(state=state, closed_at=closed_at))
        else:
            conn.execute(insert(PeriodRow).values(base_date=base, state=state, closed_at=closed_at))
        conn.execute(insert(PeriodEventRow).values(base_date=base, action=action, reason=reason,
                                                   who=self.actor.name[:200], at=now))


def _fmt(d: date | None) -> str:
    from desktop.core.dates import fmt_date

    return fmt_date(d) if d is not None else "(없음)"
