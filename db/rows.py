"""Writing card rows: statements built once (SQLAlchemy then compiles each once, which keeps a
10,000-card import and every autosave cheap) and the helpers the store's transactions use."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from db.codec import PhotoData
from db.models import CardBodyRow, CardRow, PhotoRow, PledgeRow

# Columns of `cards` copied from the card on every write (the list reads them, never the body).
LIST_COLUMNS = ("pledge_id", "template", "number", "title", "dept", "status", "progress", "base_date", "org",
                "errors", "warnings", "search_text")

INSERT_CARD = insert(CardRow)
INSERT_BODY = insert(CardBodyRow)
UPDATE_BODY = (update(CardBodyRow).where(CardBodyRow.card_id == bindparam("b_card_id"))
               .values(body=bindparam("v_body")))
SAVE_CARD = (
    update(CardRow)
    .where(CardRow.id == bindparam("b_id"), CardRow.version == bindparam("b_version"), CardRow.deleted_at.is_(None))
    .values({c: bindparam(f"v_{c}") for c in (*LIST_COLUMNS, "version", "updated_at")})
)
REPLACE_CARD = (
    update(CardRow).where(CardRow.id == bindparam("b_id"))
    .values({c: bindparam(f"v_{c}") for c in (*LIST_COLUMNS, "version", "updated_at", "deleted_at")})
)
SELECT_PLEDGE = select(PledgeRow.id).where(PledgeRow.id == bindparam("b_id"))
INSERT_PLEDGE = insert(PledgeRow)
SELECT_PHOTOS = (select(PhotoRow.id, PhotoRow.block, PhotoRow.position, PhotoRow.sha256)
                 .where(PhotoRow.card_id == bindparam("b_card_id")))
INSERT_PHOTO = insert(PhotoRow)
UPDATE_PHOTO = (update(PhotoRow).where(PhotoRow.id == bindparam("b_id"))
                .values(mime=bindparam("v_mime"), sha256=bindparam("v_sha256"), data=bindparam("v_data")))
DELETE_PHOTOS = delete(PhotoRow).where(PhotoRow.id.in_(bindparam("b_ids", expanding=True)))


def prefixed(values: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """Parameters for SAVE_CARD / REPLACE_CARD: every value under its v_ name."""
    out = {f"v_{k}": v for k, v in values.items()}
    out.update(extra)
    return out


def existing_pledges(conn: Connection, pledge_ids: Iterable[str]) -> set[str]:
    ids = list(dict.fromkeys(pledge_ids))
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        found.update(conn.scalars(select(PledgeRow.id).where(PledgeRow.id.in_(ids[i:i + 500]))))
    return found


class Inserts:
    """New cards collected and written with one executemany per table (a 10,000-card import is then a
    few dozen statements instead of 40,000). Pledges first, as the foreign keys require."""

    def __init__(self, known_pledges: set[str]) -> None:
        self.known = known_pledges
        self.pledges: list[dict[str, Any]] = []
        self.cards: list[dict[str, Any]] = []
        self.bodies: list[dict[str, Any]] = []
        self.photos: list[dict[str, Any]] = []

    def pledge(self, pledge_id: str, now: datetime) -> None:
        if pledge_id not in self.known:
            self.pledges.append({"id": pledge_id, "created_at": now})
            self.known.add(pledge_id)

    def card(self, params: dict[str, Any], body: str, photos: list[PhotoData]) -> None:
        self.cards.append(params)
        self.bodies.append({"card_id": params["id"], "body": body})
        self.photos.extend({"card_id": params["id"], "block": p.block, "position": p.position, "mime": p.mime,
                            "sha256": p.sha256, "data": p.data} for p in photos)

    def flush(self, conn: Connection) -> None:
        for stmt, params in ((INSERT_PLEDGE, self.pledges), (INSERT_CARD, self.cards), (INSERT_BODY, self.bodies),
                             (INSERT_PHOTO, self.photos)):
            if params:
                conn.execute(stmt, params)
                params.clear()


def ensure_pledge(conn: Connection, pledge_id: str, now: datetime) -> None:
    if conn.execute(SELECT_PLEDGE, {"b_id": pledge_id}).first() is None:
        conn.execute(INSERT_PLEDGE, {"id": pledge_id, "created_at": now})


def sync_photos(conn: Connection, card_id: str, photos: list[PhotoData], *, new: bool = False) -> None:
    """Make the card's photo rows match `photos`, rewriting only what changed (autosave stays cheap)."""
    have: dict[tuple[int, int], tuple[int, str]] = {}
    if not new:
        have = {(r[1], r[2]): (r[0], r[3]) for r in conn.execute(SELECT_PHOTOS, {"b_card_id": card_id})}
    want = {(p.block, p.position): p for p in photos}
    gone = [pid for key, (pid, _) in have.items() if key not in want]
    replaced = [old[0] for key, p in want.items() if (old := have.get(key)) is not None and old[1] != p.sha256]
    if gone or replaced:  # their bytes stay for the history's past states
        from db.history import keep_photos

        keep_photos(conn, gone + replaced)
    if gone:
        conn.execute(DELETE_PHOTOS, {"b_ids": gone})
    for key, p in want.items():
        old = have.get(key)
        if old is None:
            conn.execute(INSERT_PHOTO, {"card_id": card_id, "block": p.block, "position": p.position,
                                        "mime": p.mime, "sha256": p.sha256, "data": p.data})
        elif old[1] != p.sha256:
            conn.execute(UPDATE_PHOTO, {"b_id": old[0], "v_mime": p.mime, "v_sha256": p.sha256, "v_data": p.data})
