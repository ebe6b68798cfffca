"""The audit trail's entries and their hash chain (SPEC §6.2): who changed a card, when, through what.

Each entry names the card, the revision it made, the officer (이름, 부서), the way in (편집기, 가져오기,
병합, 복원, 되돌리기, 기준일 이월) and the changes (desktop/core/carddiff). On SQLite, where nothing but
the program guards the file, every entry carries the hash of the entry before it and its own: an
entry edited, deleted or put in another order afterwards breaks the chain at that place, and
`verify_chain` names the first entry that no longer fits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from desktop.core.carddiff import KIND_NAMES

if TYPE_CHECKING:
    from desktop.core.carddiff import Change

GENESIS = "0" * 64
"""The hash the first entry of a database chains to."""

SOURCES = {
    "editor": "편집기",
    "import": "가져오기",
    "merge": "병합",
    "restore": "복원",
    "revert": "되돌리기",
    "carry": "기준일 이월",
    "delete": "삭제",
    "undelete": "휴지통에서 되살림",
    "adjust": "공약 조정",
    "sql": "프로그램 밖(SQL)",
    "admin": "관리자",
}


@dataclass(frozen=True)
class Entry:
    seq: int  # position in the database's chain, from 1
    card_id: str
    pledge_id: str
    revision: int  # the card's version this entry produced
    at: datetime  # aware UTC
    who: str  # 이름 as the officer set it
    dept: str  # 부서
    source: str  # a key of SOURCES
    summary: str  # Korean, one line: "진도 75% → 100% 외 3곳"
    changes: tuple[dict[str, Any], ...] = field(default_factory=tuple)  # change_json of each change
    prev_hash: str = GENESIS
    hash: str = ""
    os_user: str = ""  # the OS account (SQLite) or the database login (PostgreSQL)
    host: str = ""  # the PC's name (SQLite)
    body_sha256: str = ""  # of the stored state after the change ("" when there is none: purged)

    def payload(self) -> bytes:
        """The canonical bytes the hash covers: everything but the hash itself."""
        data = {
            "seq": self.seq, "card_id": self.card_id, "pledge_id": self.pledge_id, "revision": self.revision,
            "at": self.at.isoformat(), "who": self.who, "dept": self.dept, "source": self.source,
            "summary": self.summary, "changes": list(self.changes), "prev": self.prev_hash,
            "os_user": self.os_user, "host": self.host, "body": self.body_sha256,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def computed_hash(self) -> str:
        return hashlib.sha256(self.payload()).hexdigest()

    def server_payload(self) -> bytes:
        """The bytes PostgreSQL's trigger hashes for an entry it writes (db/migrations/versions/0005):
        "pcsv1", then each field as "<length in characters>:<text>"; the time to the microsecond in UTC."""
        fields = (str(self.seq), self.card_id, self.pledge_id, str(self.revision),
                  self.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f"), self.who, self.dept, self.source,
                  self.summary, json.dumps(list(self.changes), ensure_ascii=False, separators=(",", ":")),
                  self.prev_hash, self.os_user, self.host, self.body_sha256)
        return ("pcsv1" + "".join(f"{len(f)}:{f}" for f in fields)).encode("utf-8")

    def fits_hash(self) -> bool:
        """Whether the stored hash is this entry's: as the program seals it (SQLite, and PostgreSQL
        before revision 0005) or as the server's trigger does (PostgreSQL)."""
        return self.hash == self.computed_hash() or self.hash == hashlib.sha256(self.server_payload()).hexdigest()

    @property
    def source_name(self) -> str:
        return SOURCES.get(self.source, self.source)


def sealed(entry: Entry, prev_hash: str) -> Entry:
    """The entry chained after `prev_hash`, with its own hash."""
    unsealed = Entry(**{**entry.__dict__, "prev_hash": prev_hash, "hash": ""})
    return Entry(**{**unsealed.__dict__, "hash": unsealed.computed_hash()})


def summarize(changes: list[Change], limit: int = 2) -> str:
    """ "진도: 75% → 100%, 공약제목 변경 외 3곳" — the first changes in a line, then how many more."""
    if not changes:
        return "변경 없음"
    shown = []
    for ch in changes[:limit]:
        if ch.kind == "changed" and ch.old and ch.new and len(ch.old) + len(ch.new) <= 40:
            shown.append(f"{ch.where}: {ch.old} → {ch.new}")
        else:
            shown.append(f"{ch.where} {KIND_NAMES.get(ch.kind, '변경')}")
    more = len(changes) - len(shown)
    return ", ".join(shown) + (f" 외 {more}곳" if more > 0 else "")


@dataclass(frozen=True)
class Broken:
    seq: int
    reason: str  # Korean


def verify_chain(entries: Iterable[Entry], head: tuple[int, str] | None = None) -> Broken | None:
    """The first entry that does not fit the chain (edited, removed before it, or out of order), or
    None when every entry is intact. `entries` in the order the database stores them (by seq).
    `head` is the (seq, hash) of the last entry as the database recorded it apart from the entries:
    it finds the last entries removed, which leave a shorter chain that is intact in itself."""
    prev = GENESIS
    expected = 1
    for e in entries:
        if e.seq != expected:
            what = "빠졌습니다" if e.seq > expected else "순서가 바뀌었습니다"
            return Broken(e.seq, f"{expected}번 기록이 {what} ({e.seq}번이 그 자리에 있습니다)")
        if e.prev_hash != prev:
            return Broken(e.seq, f"{e.seq}번 기록이 앞 기록과 이어지지 않습니다 (앞 기록이 바뀌었거나 지워졌습니다)")
        if not e.fits_hash():
            return Broken(e.seq, f"{e.seq}번 기록의 내용이 기록된 뒤에 바뀌었습니다")
        prev = e.hash
        expected += 1
    if head is not None and (head[0] != expected - 1 or (head[0] > 0 and head[1] != prev)):
        return Broken(expected, f"마지막 기록({head[0]}번)까지 있어야 하는데 {expected - 1}번에서 끝납니다 "
                                "(마지막 기록이 지워졌거나 바뀌었습니다)")
    return None
