"""A card's revisions as the history holds them (SPEC §6.3): every state after a write, by id
(desktop/core/revisions.py), read inside the store's transactions; and a past state as a card."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.engine import Connection

from db.errors import StoreError
from db.history import decode, key_of, parse_state, refs_of, state_text
from db.models import HistoryPhotoRow, HistoryRow, PhotoRow
from desktop.core.revisions import MAX_REVISIONS, revision_id

if TYPE_CHECKING:
    from db.recorder import Stored
    from desktop.core.model import Card


def states(conn: Connection, card_ids: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
    """For each card: (seq, state text) of every entry that left a state, newest first."""
    out: dict[str, list[tuple[int, str]]] = {}
    ids = sorted(set(card_ids))
    for i in range(0, len(ids), 500):
        rows = conn.execute(select(HistoryRow.seq, HistoryRow.card_id, HistoryRow.body)
                            .where(HistoryRow.card_id.in_(ids[i:i + 500]), HistoryRow.body.is_not(None))
                            .order_by(HistoryRow.seq.desc())).all()
        blobs = {r[0]: r[2] for r in rows}
        for seq, card_id, blob in rows:
            if blob is None:
                continue
            key = key_of(blob)
            try:
                text = decode(blob, blobs.get(key) if key is not None else None)
            except Exception:  # a damaged entry shares nothing
                continue
            out.setdefault(card_id, []).append((seq, text))
    return out


def ancestry(conn: Connection, card_ids: Sequence[str]) -> dict[str, list[str]]:
    """For each card: the distinct revision ids of its history, newest first (at most MAX_REVISIONS)."""
    out: dict[str, list[str]] = {}
    for card_id, found in states(conn, card_ids).items():
        revs = list(dict.fromkeys(revision_id(text) for _seq, text in found))
        out[card_id] = revs[:MAX_REVISIONS]
    return out


def revision_of_card(card: Card) -> str:
    from db.codec import body_text, photos_of

    return revision_id(state_text(body_text(card), refs_of(photos_of(card))))


def revision_of_stored(st: Stored) -> str:
    return revision_id(state_text(st.body, st.photos))


def card_of_state(conn: Connection, seq: int, text: str, where: str) -> Card:
    """The card a stored state describes, its photos read back by sha256 (current or kept by history)."""
    from db.codec import card_from_body
    from desktop.core.cardfile import CardFileError

    row = conn.execute(select(HistoryRow.card_id, HistoryRow.pledge_id, HistoryRow.revision, HistoryRow.at)
                       .where(HistoryRow.seq == seq)).first()
    if row is None:
        raise StoreError(f"{seq}번 기록이 없습니다")
    try:
        body, refs = parse_state(text)
    except Exception:  # a damaged entry: JSON, shape
        raise StoreError(f"{seq}번 기록의 카드 내용을 읽을 수 없습니다 (손상되었습니다)") from None
    shas = sorted({r[2] for r in refs})
    found: dict[str, bytes] = {}
    if shas:
        for sha, data in conn.execute(select(PhotoRow.sha256, PhotoRow.data).where(PhotoRow.sha256.in_(shas))):
            found.setdefault(sha, data)
        left = [s for s in shas if s not in found]
        if left:
            for sha, data in conn.execute(select(HistoryPhotoRow.sha256, HistoryPhotoRow.data)
                                          .where(HistoryPhotoRow.sha256.in_(left))):
                found[sha] = data
    photos = {(b, p): (mime, found[sha]) for b, p, sha, mime in refs if sha in found}
    try:
        card = card_from_body(body, photos, where)
    except CardFileError as exc:
        raise StoreError(f"{seq}번 기록의 카드를 읽을 수 없습니다: {exc}") from None
    card.id, card.pledge_id, card.version, card.updated_at = row[0], row[1], row[2], row[3]
    return card
