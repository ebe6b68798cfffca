"""What a write records: the stored state before it, the changes to the new state, the closed
periods it would touch. Used by the store's write paths inside their transactions."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from db import util
from db.codec import PhotoData
from db.errors import ClosedPeriodError, StoreError
from db.history import Pending, PhotoRef, changes_json, refs_of, state_text

__all__ = ["ClosedPeriodError", "Stored", "changes_json", "closed_dates", "pending", "refuse_closed", "stored"]
from db.models import CardBodyRow, CardRow, PeriodRow, PhotoRow
from desktop.core.cardfile import CARD_FORMAT, CARD_VERSION, CardFileError, cards_from_json
from desktop.core.dates import fmt_date
from desktop.core.model import Card

if TYPE_CHECKING:
    from desktop.core.carddiff import Change
    from desktop.core.templates import Template


def closed_message(d: date, what: str) -> str:
    return (f"기준일 {fmt_date(d)} 기간은 닫혀 있어 {what}. 바꾸려면 먼저 그 기간을 다시 여세요 "
            f"(명령: pledgecard period reopen {d.isoformat()} --reason \"사유\").")


@dataclass
class Stored:
    """A card as the database holds it before a write."""

    id: str
    pledge_id: str
    version: int
    updated_at: Any
    deleted: bool
    base_date: date | None
    number: str
    title: str
    body: str
    photos: list[PhotoRef]
    dept: str = ""  # the 주관부서 column (db/permissions.py checks it)

    @property
    def label(self) -> str:
        return util.name(self.number, self.title)

    def same(self, body: str, photos: Sequence[PhotoData]) -> bool:
        return self.body == body and {(b, p): s for b, p, s, _ in self.photos} == \
            {(p.block, p.position): p.sha256 for p in photos}


_STORED_COLUMNS = (CardRow.id, CardRow.pledge_id, CardRow.version, CardRow.updated_at, CardRow.deleted_at,
                   CardRow.base_date, CardRow.number, CardRow.title, CardBodyRow.body, CardRow.dept)
# Built once (an autosave runs them every time: building a statement costs more than running it).
_STORED_ONE = (select(*_STORED_COLUMNS).join(CardBodyRow, CardBodyRow.card_id == CardRow.id)
               .where(CardRow.id == bindparam("b_id")))
_PHOTOS_ONE = (select(PhotoRow.card_id, PhotoRow.block, PhotoRow.position, PhotoRow.sha256, PhotoRow.mime)
               .where(PhotoRow.card_id == bindparam("b_id")))
_STORED_MANY = (select(*_STORED_COLUMNS).join(CardBodyRow, CardBodyRow.card_id == CardRow.id)
                .where(CardRow.id.in_(bindparam("b_ids", expanding=True))))
_PHOTOS_MANY = (select(PhotoRow.card_id, PhotoRow.block, PhotoRow.position, PhotoRow.sha256, PhotoRow.mime)
                .where(PhotoRow.card_id.in_(bindparam("b_ids", expanding=True))))
_CLOSED = (select(PeriodRow.base_date)
           .where(PeriodRow.state == "closed", PeriodRow.base_date.in_(bindparam("b_dates", expanding=True))))


def stored(conn: Connection, ids: Sequence[str]) -> dict[str, Stored]:
    out: dict[str, Stored] = {}
    parts: list[tuple[Any, Any, dict[str, Any]]] = []
    if len(ids) == 1:
        parts.append((_STORED_ONE, _PHOTOS_ONE, {"b_id": ids[0]}))
    else:
        parts.extend((_STORED_MANY, _PHOTOS_MANY, {"b_ids": list(part)}) for part in util.chunks(list(ids)))
    for cards, photos, params in parts:
        for r in conn.execute(cards, params):
            out[r[0]] = Stored(r[0], r[1], r[2], r[3], r[4] is not None, r[5], r[6], r[7], r[8], [], r[9])
        for p in conn.execute(photos, params):
            if p[0] in out:
                out[p[0]].photos.append((p[1], p[2], p[3], p[4]))
    return out


def closed_dates(conn: Connection, dates: Iterable[date | None]) -> set[date]:
    wanted = {d for d in dates if d is not None}
    if not wanted:
        return set()
    return set(conn.scalars(_CLOSED, {"b_dates": sorted(wanted)}))


def refuse_closed(conn: Connection, dates: Iterable[date | None], what: str) -> None:
    found = closed_dates(conn, dates)
    if found:
        raise ClosedPeriodError(closed_message(min(found), what))


def _by_block(refs: Iterable[PhotoRef]) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    for b, p, sha, _ in refs:
        out.setdefault(b, []).append((p, sha))
    for v in out.values():
        v.sort()
    return out


def changed(st: Stored | None, card: Card, body: str, photos: Sequence[PhotoData],
            template: Template | None) -> list[Change]:
    """The changes from the stored state to `card` (whose stored body is `body`).

    Only the parts that differ are compared (an autosave changes one cell of a 20 kB card: the diff of
    the whole card would cost more than the save): outline lists and blocks whose JSON and photos are
    equal on both sides are left out of both. Photo bytes are not read: a photo whose sha256 the new
    card also has gets those very bytes (equal), any other a stand-in that equals nothing new."""
    from desktop.core.carddiff import diff_cards  # lazily: start-up and the list never diff

    if st is None:
        return []
    old_d, new_d = json.loads(st.body), json.loads(body)
    old_ph, new_ph = _by_block(st.photos), _by_block(refs_of(photos))
    new_blocks = {b.get("key"): (i, b) for i, b in enumerate(new_d.get("blocks", []))}
    keep: set[str] = set()
    kept_old: list[dict[str, Any]] = []
    index: dict[int, int] = {}  # stored block index -> index in the trimmed old card
    for i, b in enumerate(old_d.get("blocks", [])):
        other = new_blocks.get(b.get("key"))
        if other is None or other[1] != b or new_ph.get(other[0], []) != old_ph.get(i, []):
            keep.add(b.get("key"))
            index[i] = len(kept_old)
            kept_old.append(b)
    keep.update(k for k in new_blocks if k not in {b.get("key") for b in old_d.get("blocks", [])})
    old_d["blocks"] = kept_old
    same_lists = [k for k in ("goals", "tasks") if old_d.get(k) == new_d.get(k)]
    for k in same_lists:
        old_d[k] = []
    by_sha = {p.sha256: p.data for p in photos}
    try:
        old = cards_from_json({"format": CARD_FORMAT, "version": CARD_VERSION, "cards": [old_d]},
                              f"데이터베이스 카드 {st.label}")[0]
    except CardFileError as exc:
        raise StoreError(f"저장된 카드를 읽을 수 없습니다: {exc}") from None
    for b, p, sha, mime in st.photos:
        if b in index and p < len(old.blocks[index[b]].photos):
            ph = old.blocks[index[b]].photos[p]
            ph.image, ph.mime = by_sha.get(sha, b"sha256:" + sha.encode()), ph.mime or mime
    new = copy.copy(card)
    new.blocks = [b for b in card.blocks if b.key in keep]
    for k in same_lists:
        setattr(new, k, [])
    return diff_cards(old, new, template)


def pending(card: Card, revision: int, source: str, body: str, photos: Sequence[PhotoData],
            changes: list[Change] | None, summary: str | None = None) -> Pending:
    """An entry for `card` after a write: `changes` from the stored state (None: a new card)."""
    from desktop.core.audit import summarize

    if summary is None:
        summary = summarize(changes) if changes is not None else "새 카드"
    return Pending(card.id, card.pledge_id, revision, source, summary,
                   changes_json(changes) if changes else [], state_text(body, refs_of(photos)))


def unchanged(st: Stored, source: str, summary: str, *, gone: bool = False) -> Pending:
    """An entry that changes no content: into or out of the 휴지통, or purged (no state after)."""
    return Pending(st.id, st.pledge_id, st.version, source, summary, [],
                   None if gone else state_text(st.body, st.photos))
