"""What a backup file is before it is restored: whose database it is, and whether every card in it reads.

Read with the sqlite3 module, read-only (a backup is never changed by looking at it). Each card body is
decoded with the store's own codec (db/codec.py), so a backup that restores is one the store can read:
a damaged card is named and the restore refused before anything changes.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from db import backup as backups
from db.codec import card_from_body
from db.errors import StoreError
from db.util import name
from desktop.core.cardfile import CardFileError


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str
    database_id: str | None  # from inside the file (revision 0002 on); None in older backups
    source: str  # the database file it was taken of ("" when the backup does not say)
    taken: datetime | None
    cards: int  # live cards (not in the 휴지통)
    org: str  # the 기관명 most cards carry

    def belongs_to(self, database_id: str) -> bool:
        if self.database_id is not None:
            return self.database_id == database_id
        # a backup taken before the database had an id (before its upgrade): named with the id it got
        return backups.name_id(self.path) == backups.short_id(database_id)

    def whose(self) -> str:
        parts = [f"원래 파일 '{self.source}'" if self.source else "원래 파일은 적혀 있지 않음",
                 f"기관명 {self.org}" if self.org else "기관명 없음", f"카드 {self.cards}장"]
        if self.taken is not None:
            parts.append(f"{self.taken:%Y-%m-%d %H:%M} 백업")
        return ", ".join(parts)


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"백업 파일이 없습니다: '{path}'")
    try:
        return backups.connect(path, readonly=True)
    except sqlite3.Error:
        raise StoreError(f"공약카드 데이터베이스 백업이 아닙니다: '{path}'") from None


def inspect_backup(path: Path) -> BackupInfo:
    """Whose backup `path` is; StoreError (Korean) when it is not a 공약카드 database file."""
    con = _open(path)
    try:
        try:
            rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
            cards, = con.execute("SELECT count(*) FROM cards WHERE deleted_at IS NULL").fetchone()
            orgs = Counter(str(r[0]).strip() for r in con.execute("SELECT org FROM cards WHERE deleted_at IS NULL"))
            meta: dict[str, str] = {}
            if con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
                meta = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta")}
        except sqlite3.Error:
            raise StoreError(f"공약카드 데이터베이스 백업이 아닙니다 (손상되었을 수도 있습니다): '{path}'") from None
    finally:
        con.close()
    if not rev:
        raise StoreError(f"공약카드 데이터베이스 백업이 아닙니다: '{path}'")
    orgs.pop("", None)
    taken = backups.backup_time(path)
    if backups.BACKUP_AT in meta:
        with contextlib.suppress(ValueError):
            taken = datetime.fromisoformat(meta[backups.BACKUP_AT])
    return BackupInfo(path, str(rev[0]), meta.get("database_id"), meta.get(backups.BACKUP_OF, ""), taken,
                      int(cards), orgs.most_common(1)[0][0] if orgs else "")


def _card_problem(row: tuple[object, ...]) -> str:
    """Why one stored card would not read back ("" when it reads)."""
    _, number, title, body, version, progress, base_date, updated_at, deleted_at = row
    if not isinstance(body, str):
        return "카드 내용(본문)이 없습니다"
    try:
        card_from_body(body, {}, f"백업 카드 {name(str(number or ''), str(title or ''))}")
    except CardFileError as exc:
        return str(exc)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:  # a body the reader misses
        return f"카드 내용을 읽을 수 없습니다 ({type(exc).__name__})"
    if not isinstance(version, int) or (progress is not None and not isinstance(progress, int)):
        return "판 번호나 진도가 정수가 아닙니다"
    try:
        if base_date is not None:
            date.fromisoformat(str(base_date))
        for ts in (updated_at, deleted_at):
            if ts is not None:
                datetime.fromisoformat(str(ts))
    except ValueError:
        return "날짜 칸이 손상되었습니다"
    return ""


def check_cards(path: Path) -> None:
    """Refuse (StoreError naming the card) a backup whose file is damaged or one of whose cards would not
    read back; nothing is changed either way."""
    con = _open(path)
    try:
        try:
            bad = [str(r[0]) for r in con.execute("PRAGMA quick_check")]
            if bad != ["ok"]:
                raise StoreError(f"백업 '{path}'이(가) 손상되었습니다 ({bad[0][:100]}). 되돌리지 않았습니다.")
            rows = con.execute(
                "SELECT c.id, c.number, c.title, b.body, c.version, c.progress, c.base_date, c.updated_at, "
                "c.deleted_at FROM cards c LEFT JOIN card_bodies b ON b.card_id = c.id")
            for row in rows:
                why = _card_problem(row)
                if why:
                    raise StoreError(f"백업 '{path.name}'의 카드 {name(str(row[1] or ''), str(row[2] or ''))} "
                                     f"(id {row[0]})을(를) 읽을 수 없어 되돌리지 않았습니다. "
                                     f"지금 데이터는 그대로입니다. 이유: {why}")
            odd = con.execute(
                "SELECT p.card_id FROM photos p LEFT JOIN cards c ON c.id = p.card_id WHERE c.id IS NULL "
                "OR typeof(p.block) != 'integer' OR typeof(p.position) != 'integer' "
                "OR typeof(p.data) != 'blob' LIMIT 1").fetchone()
            if odd is not None:
                raise StoreError(f"백업 '{path.name}'의 사진 자료가 손상되었습니다 (카드 id {odd[0]}). "
                                 "되돌리지 않았습니다. 지금 데이터는 그대로입니다.")
        except sqlite3.Error as exc:
            raise StoreError(f"백업 '{path}'을(를) 읽을 수 없습니다 (손상되었습니다: {exc}). "
                             "되돌리지 않았습니다.") from None
    finally:
        con.close()
