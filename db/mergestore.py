"""Importing with the three-way merge (SPEC §6.3), and stamping exported cards with their revisions.

`merge_import` takes each incoming card against the card stored here under the same id:
- new here: added (as any import);
- the same content: nothing;
- the file was exported from the state stored here (its revision is here's, or was here's before
  this state… i.e. here's current revision is among the file's): what comes in is taken whole;
- the file's revision is one of here's earlier states: here already holds it, nothing to take;
- otherwise the base is the newest state of here's history whose revision the file names, and the
  card is merged three ways (desktop/core/merge.py); with no common revision (another database's card
  with the same id, or history too far apart) every difference is a conflict;
- a file from before revisions (no revision recorded) has no base: it is taken whole only when the card
  here was not changed here since it last came in (its last history entry is an import or a merge) and
  is not newer than the file's (version, 수정 시각), as before; otherwise every difference is a
  conflict — never written over a card changed here without asking.
Open conflicts are left as here ("keep"); "mine" and "theirs" decide them all. Everything happens in
one transaction; a card of a closed period refuses the whole import, as any import.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select
from sqlalchemy.engine import Connection

from db import util
from db.errors import ClosedPeriodError
from db.models import CardRow

if TYPE_CHECKING:
    from db.history import Pending
    from db.permissions import Permissions
    from db.rows import Inserts
    from desktop.core.merge import Choice, Conflict
    from desktop.core.model import Card
    from desktop.core.templates import Template

OnConflict = Literal["keep", "mine", "theirs"]
DECIDED = {"mine": "여기 것으로", "theirs": "들어온 것으로"}


@dataclass
class CardConflicts:
    label: str
    card_id: str
    conflicts: list[Conflict]


@dataclass
class MergeReport:
    """Labels are the 관리번호 (the card id when the number is empty)."""

    added: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # what came in replaced an unchanged card here
    merged: list[str] = field(default_factory=list)  # both sides changed: merged three ways
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (label, Korean reason)
    conflicts: list[CardConflicts] = field(default_factory=list)  # per card, open or decided
    changed_ids: list[str] = field(default_factory=list)  # cards written (added, taken, merged)
    other_office: list[str] = field(default_factory=list)  # new cards of another office, skipped unasked
    outcome: dict[str, str] = field(default_factory=dict)  # card id → added|taken|merged|unchanged|skipped|refused
    # (label, Korean reason): another department's card this login may not change (db/permissions.py)
    refused: list[tuple[str, str]] = field(default_factory=list)

    @property
    def open(self) -> int:
        return sum(1 for c in self.conflicts for x in c.conflicts if x.chosen is None)


class MergeMixin:
    if TYPE_CHECKING:
        def _write(self) -> AbstractContextManager[Connection]: ...
        def _read(self) -> AbstractContextManager[Connection]: ...
        def _load(self, ids: list[str], conn: Connection | None = None) -> list[Card]: ...
        def _values(self, card: Card) -> dict[str, Any]: ...
        def _template(self, name: str) -> Template | None: ...
        def _record(self, conn: Connection, entries: list[Pending], now: datetime) -> None: ...
        @property
        def permissions(self) -> Permissions: ...
        def _insert(self, inserts: Inserts, card: Card, body: str, photos: Any, version: int,
                    updated_at: datetime, now: datetime) -> None: ...
        @property
        def database_id(self) -> str: ...

    def stamp(self, cards: list[Card]) -> list[Card]:
        """Set each card's revisions (its current one first, then its history's, newest first) and origin
        (this database's id), for a card file or workbook; returns `cards`."""
        from db.revisions import ancestry, revision_of_card
        from desktop.core.revisions import MAX_REVISIONS

        with self._read() as conn:
            found = ancestry(conn, [c.id for c in cards])
        origin = self.database_id
        for c in cards:
            c.revisions = list(dict.fromkeys([revision_of_card(c), *found.get(c.id, [])]))[:MAX_REVISIONS]
            c.origin = origin
        return cards

    def merge_import(self, cards: list[Card], on_conflict: OnConflict = "keep", *, source: str = "merge",
                     choices: dict[str, dict[str, Choice]] | None = None, dry_run: bool = False,
                     other_office: bool = False) -> MergeReport:
        """Import with the three-way merge (module docstring). `choices`: per card id, per Conflict.key,
        "here" or "theirs" (the window's merge review); the rest follow `on_conflict`. `dry_run`: the same
        report, nothing written (rolled back). A new card from another office — written by another
        database (its origin) and naming a 기관명 none of this database's cards name — is added only with
        `other_office`; otherwise it is skipped and reported, so one office's cards never slip into
        another's list unasked. A department's copy handed out by its own office is no such card."""
        try:
            return self._merge_import(cards, on_conflict, source, choices or {}, dry_run, other_office)
        except _DryRun as done:
            return done.report

    def _merge_import(self, cards: list[Card], on_conflict: OnConflict, source: str,
                      choices: dict[str, dict[str, Choice]], dry_run: bool, other_office: bool) -> MergeReport:
        from db import recorder as rec
        from db import rows
        from db.codec import body_text, photos_of
        from db.store import next_version
        from desktop.core.model import utcnow

        util.refuse_repeated_ids(cards)
        report = MergeReport()
        now = utcnow()
        with self._write() as conn:
            inserts = rows.Inserts(rows.existing_pledges(conn, (c.pledge_id for c in cards)))
            stored = rec.stored(conn, [c.id for c in cards])
            closed = rec.closed_dates(conn, [*(c.base_date for c in cards), *(st.base_date for st in stored.values())])
            entries: list[Pending] = []
            orgs = {o for (o,) in conn.execute(select(CardRow.org).where(CardRow.deleted_at.is_(None)).distinct())}
            own = self.database_id
            depts = {cid: st.dept for cid, st in stored.items()}
            perm = self.permissions

            def refused(card: Card, label: str) -> bool:
                """Whether this login may not write `card` (as it comes in, or as it is stored here)."""
                why = perm.write_refusal(card.dept, depts.get(card.id))
                if why is None:
                    return False
                report.refused.append((label, why))
                report.outcome[card.id] = "refused"
                return True

            for card in cards:
                label = util.label(card)
                body, photos = body_text(card), photos_of(card)
                st = stored.get(card.id)
                if st is None and not other_office and card.origin and card.origin != own and orgs \
                        and card.org not in orgs:
                    report.skipped.append((label, f"다른 기관('{card.org or '기관명 없음'}')의 데이터베이스에서 온 새 "
                                                  "카드입니다. 받으려면 --other-office로 다시 가져오세요"))
                    report.outcome[card.id] = "skipped"
                    report.other_office.append(card.id)
                    continue
                if st is None:
                    if refused(card, label):
                        continue
                    if card.base_date in closed:
                        raise ClosedPeriodError(rec.closed_message(card.base_date, f"카드 {label}을(를) 가져올 수 "
                                                                                   "없습니다"))
                    self._insert(inserts, card, body, photos, card.version, card.updated_at, now)
                    entries.append(rec.pending(card, card.version, "import", body, photos, None))
                    report.added.append(label)
                    report.changed_ids.append(card.id)
                    report.outcome[card.id] = "added"
                    if len(inserts.cards) >= 500:
                        inserts.flush(conn)
                    continue
                report.outcome[card.id] = "unchanged"
                if st.same(body, photos):
                    report.unchanged.append(label)
                    continue
                if refused(card, label):  # differs, and may not be changed by this login whatever the merge gives
                    continue
                if st.deleted:
                    report.skipped.append((label, "휴지통에 있는 카드입니다 (복원한 뒤 다시 가져오세요)"))
                    report.outcome[card.id] = "skipped"
                    continue
                outcome = self._merge_one(conn, card, st, on_conflict, choices.get(card.id))
                if outcome is None:  # here already holds what came in
                    report.unchanged.append(label)
                    continue
                merged, conflicts, how = outcome
                if conflicts:
                    report.conflicts.append(CardConflicts(util.name(st.number, st.title), card.id, conflicts))
                # Taken whole, the card is the one that came in: its body and photo hashes are already made.
                m_body, m_photos = (body, photos) if merged is card else (body_text(merged), photos_of(merged))
                if st.same(m_body, m_photos):
                    report.unchanged.append(label)
                    continue
                if refused(merged, label):
                    continue
                touched = {d for d in (merged.base_date, st.base_date) if d in closed}
                if touched:
                    raise ClosedPeriodError(rec.closed_message(min(touched), f"카드 {label}을(를) 가져올 수 없습니다"))
                if how == "take":
                    version, updated_at = max(next_version(st.version), card.version), card.updated_at
                else:
                    version, updated_at = next_version(st.version), now
                values = self._values(merged)
                inserts.pledge(merged.pledge_id, now)
                inserts.flush(conn)
                conn.execute(rows.REPLACE_CARD, rows.prefixed(
                    values, v_version=version, v_updated_at=updated_at, v_deleted_at=None, b_id=merged.id))
                conn.execute(rows.UPDATE_BODY, {"b_card_id": merged.id, "v_body": m_body})
                rows.sync_photos(conn, merged.id, m_photos)
                changes = rec.changed(st, merged, m_body, m_photos, self._template(merged.template))
                entry = rec.pending(merged, version, "import" if how == "take" else source, m_body, m_photos, changes)
                if conflicts:
                    entry.summary = f"충돌 {len(conflicts)}곳 {_decided(conflicts)}: {entry.summary}"
                entries.append(entry)
                (report.taken if how == "take" else report.merged).append(label)
                report.changed_ids.append(merged.id)
                report.outcome[card.id] = "taken" if how == "take" else "merged"
            inserts.flush(conn)
            self._record(conn, entries, now)
            if dry_run:
                raise _DryRun(report)  # leaves the transaction: rolled back, nothing written
        return report

    def _merge_one(self, conn: Connection, card: Card, st: Any, on_conflict: OnConflict,
                   choices: dict[str, Choice] | None = None) -> tuple[Card, list[Conflict], str] | None:
        """(the card to store, its conflicts, "take" | "merge"), or None when here holds it already."""

        from db.models import HistoryRow
        from db.revisions import card_of_state, revision_of_card, revision_of_stored, states
        from desktop.core.merge import merge3
        from desktop.core.revisions import revision_id

        default = {"keep": None, "mine": "here", "theirs": "theirs"}[on_conflict]
        if card.revisions and revision_of_stored(st) in set(card.revisions):
            return _taken(card, st.version), [], "take"  # exported from here's state or a later one
        base: Card | None = None
        found = states(conn, [card.id]).get(card.id, [])
        if not card.revisions:  # a file from before revisions: no base to find
            if revision_of_card(card) in {revision_id(text) for _seq, text in found}:
                return None  # what comes in is one of here's states
            last = conn.scalar(select(HistoryRow.source).where(HistoryRow.card_id == card.id)
                               .order_by(HistoryRow.seq.desc()).limit(1))
            # taken whole, as before, only when nothing was changed here since the card last came in
            if last in ("import", "merge") and not (st.version > card.version or st.updated_at > card.updated_at):
                return _taken(card, st.version), [], "take"
        else:
            wanted = set(card.revisions)
            for seq, text in found:
                rev = revision_id(text)
                if rev == card.revisions[0]:
                    return None  # what comes in is one of here's earlier states
                if rev in wanted:
                    base = card_of_state(conn, seq, text, f"{seq}번 기록")
                    break
        here = self._load([card.id], conn)[0]
        template = self._template(card.template) or self._template(here.template)
        res = merge3(base, here, card, template, choices=choices, default=default)  # type: ignore[arg-type]
        return res.card, res.conflicts, "merge"


class _DryRun(Exception):
    def __init__(self, report: MergeReport) -> None:
        super().__init__("dry run")
        self.report = report


def _decided(conflicts: list[Conflict]) -> str:
    """How a card's conflicts were decided, for its history entry: "들어온 것으로", "여기 것 유지",
    "들어온 것 1곳, 여기 것 2곳"."""
    theirs = sum(1 for c in conflicts if c.chosen == "theirs")
    if theirs == len(conflicts):
        return DECIDED["theirs"]
    if not theirs:
        return DECIDED["mine"] if all(c.chosen == "here" for c in conflicts) else "여기 것 유지"
    return f"들어온 것 {theirs}곳, 여기 것 {len(conflicts) - theirs}곳"


def _taken(card: Card, version: int) -> Card:
    card.version = version
    return card
