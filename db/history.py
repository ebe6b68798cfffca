"""Writing and reading the audit trail (SPEC §6.2) inside the store's transactions.

Every write of a card appends entries here in the same transaction: when (UTC), who (Store.actor:
the officer's 이름 and 부서 from settings; the OS account and PC name on SQLite, the database login
on PostgreSQL), through what (desktop.core.audit.SOURCES), what changed (carddiff changes as
officediff.change_json) and the card after the change. The entries are chained by hash
(desktop/core/audit.py) and the head (seq, hash) is kept in `meta`; on PostgreSQL the head row is
locked for the transaction, so two officers' saves append one after the other.

The stored state is the card-file JSON as `card_bodies` holds it, with the photos referenced by
(block, position, sha256, mime), zlib-compressed. The bytes of a photo stay in `photos` while a card
shows it; when it leaves (replaced, removed, purged, restored over) and no history photo has it yet,
it is kept in `history_photos`, so every past state opens with its pictures.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from db.actor import Actor, Machine
from db.codec import PhotoData
from db.models import HISTORY_HEAD, HistoryPhotoRow, HistoryRow, MetaRow, PhotoRow
from desktop.core.audit import GENESIS, Entry, sealed

if TYPE_CHECKING:
    from desktop.core.carddiff import Change



@dataclass
class Pending:
    """An entry before it is sealed into the chain."""

    card_id: str
    pledge_id: str
    revision: int
    source: str
    summary: str
    changes: list[dict[str, Any]] = field(default_factory=list)
    state: str | None = None  # state_text() after the change; None when there is none (purged)


PhotoRef = tuple[int, int, str, str]  # (block, position, sha256, mime)


def refs_of(photos: Sequence[PhotoData]) -> list[PhotoRef]:
    return [(p.block, p.position, p.sha256, p.mime) for p in photos]


def state_text(body_text: str, refs: Sequence[PhotoRef]) -> str:
    """A stored state: the body JSON with its photo references."""
    return '{"photos":' + json.dumps([list(r) for r in refs]) + ',"card":' + body_text + "}"


def parse_state(text: str) -> tuple[str, list[PhotoRef]]:
    """(the card body JSON, [(block, position, sha256, mime)]) of a stored state."""
    d = json.loads(text)
    return json.dumps(d["card"], ensure_ascii=False), [(int(a), int(b), str(c), str(m)) for a, b, c, m in d["photos"]]


# How a state is stored (`history.body`). A card's states differ little from one entry to the next
# (an autosave changes a cell), so most are stored as a difference: "F" + zlib(state) is a key state;
# "D" + the key state's seq (8 bytes) + zlib(state) compressed with the key state as its dictionary
# is a delta, a few hundred bytes. A new key state is written when a delta would be more than a third
# of the key state's size. Reading any state takes at most two decompressions.
FULL, DELTA, PLAIN = b"F", b"D", b"T"
_DELTA_SHARE = 3


def _full(text: bytes) -> bytes:
    return FULL + zlib.compress(text, 6)


def _delta(text: bytes, key_seq: int, key_text: bytes) -> bytes:
    c = zlib.compressobj(6, zdict=key_text)
    return DELTA + key_seq.to_bytes(8, "big") + c.compress(text) + c.flush()


def key_of(blob: bytes) -> int | None:
    """The seq of the key state a delta refers to; None for a key state."""
    return int.from_bytes(blob[1:9], "big") if blob[:1] == DELTA else None


def decode(blob: bytes, key_blob: bytes | None = None) -> str:
    """The state text of a stored body (`key_blob`: the key state's stored body, for a delta). "T" + the
    text as it is: written by the PostgreSQL trigger for a change made outside the program (0005)."""
    if blob[:1] == PLAIN:
        return blob[1:].decode("utf-8")
    if blob[:1] == FULL:
        return zlib.decompress(blob[1:]).decode("utf-8")
    if blob[:1] != DELTA or key_blob is None or key_blob[:1] != FULL:
        raise ValueError("not a stored state")
    d = zlib.decompressobj(zdict=zlib.decompress(key_blob[1:]))
    return (d.decompress(blob[9:]) + d.flush()).decode("utf-8")


_LATEST = (select(HistoryRow.card_id, func.max(HistoryRow.seq))
           .where(HistoryRow.card_id.in_(bindparam("b_ids", expanding=True)), HistoryRow.body.is_not(None))
           .group_by(HistoryRow.card_id))
_BODIES = select(HistoryRow.seq, HistoryRow.body).where(HistoryRow.seq.in_(bindparam("b_seqs", expanding=True)))


def _keys(conn: Connection, card_ids: Sequence[str]) -> dict[str, tuple[int, bytes, int]]:
    """For each card: its current key state (seq, text, stored size)."""
    out: dict[str, tuple[int, bytes, int]] = {}
    ids = sorted(set(card_ids))
    for i in range(0, len(ids), 500):
        latest: dict[str, int] = {r[0]: r[1] for r in conn.execute(_LATEST, {"b_ids": ids[i:i + 500]})}
        if not latest:
            continue
        found = conn.execute(_BODIES, {"b_seqs": sorted(latest.values())})
        blobs: dict[int, bytes] = {r[0]: r[1] for r in found if r[1] is not None}
        key_seq = {cid: key_of(blobs[seq]) or seq for cid, seq in latest.items() if seq in blobs}
        missing = sorted(set(key_seq.values()) - set(blobs))
        if missing:
            blobs.update((r[0], r[1]) for r in conn.execute(_BODIES, {"b_seqs": missing}) if r[1] is not None)
        for cid, k in key_seq.items():
            blob = blobs.get(k)
            if blob is not None and blob[:1] == FULL:
                out[cid] = (k, zlib.decompress(blob[1:]), len(blob))
    return out


def stored_body(p: Pending, keys: dict[str, tuple[int, bytes, int]], seq: int | None) -> bytes | None:
    """How `p`'s state is stored: a delta from the card's key state in `keys` when small enough, else a
    new key state, which becomes the card's key in `keys` when its `seq` is known (None: the server
    numbers the entry, so a later entry of the same card in this batch gets a key state of its own)."""
    if p.state is None:
        return None
    text = p.state.encode("utf-8")
    key = keys.get(p.card_id)
    if key is not None:
        body = _delta(text, key[0], key[1])
        if len(body) * _DELTA_SHARE <= key[2]:
            return body
    body = _full(text)
    if seq is not None:
        keys[p.card_id] = (seq, text, len(body))
    else:
        keys.pop(p.card_id, None)
    return body


def changes_text(changes: list[dict[str, Any]]) -> str:
    """The stored text of an entry's changes (the hashes cover it: desktop.core.audit)."""
    return json.dumps(changes, ensure_ascii=False, separators=(",", ":"))


def changes_json(changes: Iterable[Change]) -> list[dict[str, Any]]:
    from desktop.core.officediff import change_json

    return [change_json(ch) for ch in changes]


_HEAD = select(MetaRow.value).where(MetaRow.key == HISTORY_HEAD)
_HEAD_LOCKED = _HEAD.with_for_update()


def read_head(conn: Connection, *, lock: bool) -> tuple[int, str]:
    # SQLite's writer already holds the database's write lock; PostgreSQL locks the head row
    value = conn.scalar(_HEAD_LOCKED if lock and conn.dialect.name != "sqlite" else _HEAD)
    if value is None:
        return 0, GENESIS
    seq, _, digest = str(value).partition(":")
    return int(seq), digest


_INSERT = insert(HistoryRow)
_SET_HEAD = update(MetaRow).where(MetaRow.key == HISTORY_HEAD).values(value=bindparam("v_value"))


def append(conn: Connection, pending: Sequence[Pending], actor: Actor, machine: Machine, at: datetime) -> None:
    """Seal `pending` after the chain's head and store them with the new head (one transaction: the
    caller's)."""
    if not pending:
        return
    seq, prev = read_head(conn, lock=True)
    rows = []
    who, dept = actor.name[:200], actor.dept[:200]
    keys = _keys(conn, [p.card_id for p in pending if p.state is not None])
    for p in pending:
        seq += 1
        body = stored_body(p, keys, seq)
        e = sealed(Entry(seq=seq, card_id=p.card_id, pledge_id=p.pledge_id, revision=p.revision, at=at, who=who,
                         dept=dept, source=p.source, summary=p.summary, changes=tuple(p.changes),
                         os_user=machine.os_user, host=machine.host,
                         body_sha256=hashlib.sha256(body).hexdigest() if body is not None else ""), prev)
        prev = e.hash
        rows.append({"seq": seq, "card_id": p.card_id, "pledge_id": p.pledge_id, "revision": p.revision, "at": at,
                     "who": who, "dept": dept, "os_user": machine.os_user, "host": machine.host,
                     "source": p.source, "summary": p.summary,
                     "changes": changes_text(p.changes),
                     "body": body, "prev_hash": e.prev_hash, "hash": e.hash})
    for i in range(0, len(rows), 500):
        conn.execute(_INSERT, rows[i:i + 500])
    conn.execute(_SET_HEAD, {"v_value": f"{seq}:{prev}"})


def keep_photos(conn: Connection, photo_ids: Sequence[int]) -> None:
    """Before the photo rows `photo_ids` are deleted or overwritten: their bytes into history_photos
    unless a history photo already has them."""
    if not photo_ids:
        return
    rows = conn.execute(select(PhotoRow.sha256, PhotoRow.mime, PhotoRow.data).where(PhotoRow.id.in_(photo_ids))).all()
    shas = {r[0] for r in rows}
    have = set(conn.scalars(select(HistoryPhotoRow.sha256).where(HistoryPhotoRow.sha256.in_(shas))))
    new: dict[str, dict[str, Any]] = {}
    for sha, mime, data in rows:
        if sha not in have and sha not in new:
            new[sha] = {"sha256": sha, "mime": mime, "data": data}
    if new:
        conn.execute(insert(HistoryPhotoRow), list(new.values()))


_ENTRY_COLUMNS = (HistoryRow.seq, HistoryRow.card_id, HistoryRow.pledge_id, HistoryRow.revision, HistoryRow.at,
                  HistoryRow.who, HistoryRow.dept, HistoryRow.source, HistoryRow.summary, HistoryRow.changes,
                  HistoryRow.prev_hash, HistoryRow.hash, HistoryRow.os_user, HistoryRow.host)


def entry_of(r: Any, body_sha256: str) -> Entry:
    try:
        changes = json.loads(r[9])
    except (json.JSONDecodeError, TypeError):
        changes = [{"unreadable": str(r[9])[:200]}]
    if not isinstance(changes, list):
        changes = [changes]
    return Entry(seq=r[0], card_id=r[1], pledge_id=r[2], revision=r[3], at=r[4], who=r[5], dept=r[6], source=r[7],
                 summary=r[8], changes=tuple(changes), prev_hash=r[10], hash=r[11], os_user=r[12], host=r[13],
                 body_sha256=body_sha256)


def select_entries() -> Any:
    return select(*_ENTRY_COLUMNS)


def all_entries(conn: Connection) -> Iterable[Entry]:
    """Every entry in seq order with the hash of its stored state, streamed (50,000 entries)."""
    stmt = select(*_ENTRY_COLUMNS, HistoryRow.body).order_by(HistoryRow.seq)
    for r in conn.execution_options(yield_per=500).execute(stmt):
        body = r[14]
        yield entry_of(r, hashlib.sha256(body).hexdigest() if body is not None else "")
