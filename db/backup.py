"""Backups of an SQLite database with the SQLite backup API (consistent even while in use, WAL included).

A backup belongs to the database it was taken of by the database's identity (`meta.database_id`), not
by its file name: two databases may both be called pledgecard.sqlite3. Files go to the backups folder as
`<db stem>-<first 8 of the id>-YYYYMMDD-HHMMSS-ffffff[-tag].sqlite3`; a database lists and rotates only
the files named with its own id, so one database never skips, offers or deletes another's backups. The
copy also records where it came from and when (meta `backup_of`, `backup_at`). Reading a backup's
identity and checking its cards before a restore: db/backupcheck.py.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from db.errors import StoreError, disk_full, is_disk_full
from desktop.core import paths

KEEP = 20
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<id>[0-9a-f]{8})-(?P<stamp>\d{8}-\d{6}-\d{6})(?P<tag>-[A-Za-z0-9-]+)?\.sqlite3$")
# Meta keys a backup copy carries about itself (removed from a database restored from it).
BACKUP_OF, BACKUP_AT = "backup_of", "backup_at"


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        # mode=ro: a backup must never create or change the file it reads
        return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    return sqlite3.connect(path)


def _failure(exc: BaseException, what: str, where: Path) -> StoreError:
    if is_disk_full(exc):
        return StoreError(disk_full(str(where)))
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return StoreError(f"{what} ({reason})")


def copy_database(src: Path, dst: Path, notes: dict[str, str] | None = None) -> None:
    """Copy `src` into `dst` with the backup API; `dst` appears only once complete. `notes` go into the
    copy's meta table (when it has one)."""
    tmp = dst.with_name(dst.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        s = connect(src, readonly=True)
        try:
            d = sqlite3.connect(tmp)
            try:
                s.backup(d)
                # one self-contained file: the copy would otherwise be marked WAL like its source and
                # grow -wal/-shm companions whenever it is read
                d.execute("PRAGMA journal_mode=DELETE")
                if notes and d.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
                    with d:
                        d.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", notes.items())
            finally:
                d.close()
        finally:
            s.close()
        tmp.replace(dst)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _failure(exc, f"데이터베이스를 '{dst}'(으)로 복사하지 못했습니다", dst) from None


def short_id(database_id: str) -> str:
    return database_id[:8].lower()


def name_id(path: Path) -> str | None:
    """The first 8 characters of the database id a backup's file name carries (None: not such a name)."""
    m = _NAME.match(path.name)
    return m.group("id") if m else None


def list_backups(database_id: str, folder: Path | None = None) -> list[Path]:
    """Backups of the database `database_id`, newest first."""
    folder = folder or paths.backups_dir()
    if not folder.is_dir():
        return []
    mine = short_id(database_id)
    found = [(m.group("stamp"), p) for p in folder.iterdir()
             if (m := _NAME.match(p.name)) and m.group("id") == mine and p.is_file()]
    return [p for _, p in sorted(found, reverse=True)]


def make_backup(db: Path, database_id: str, tag: str = "", *, keep: int | None = None,
                folder: Path | None = None) -> Path:
    """Back `db` (whose identity is `database_id`) up into the backups folder and drop all but the newest
    `keep` backups of that same database."""
    folder = folder or paths.backups_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = "같은 이름의 파일이 있습니다" if folder.exists() else (exc.strerror or str(exc))
        raise StoreError(f"백업 폴더를 만들 수 없습니다: '{folder}' ({why})") from None
    now = datetime.now()
    name = f"{db.stem}-{short_id(database_id)}-{now.strftime(_STAMP)}{'-' + tag if tag else ''}.sqlite3"
    dst = folder / name
    copy_database(db, dst, {BACKUP_OF: str(db), BACKUP_AT: now.isoformat(timespec="seconds")})
    for old in list_backups(database_id, folder)[KEEP if keep is None else keep:]:
        for f in (old, old.with_name(old.name + "-wal"), old.with_name(old.name + "-shm")):
            with contextlib.suppress(OSError):
                f.unlink(missing_ok=True)
    return dst


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken (local time), from its name."""
    m = re.search(r"-(\d{8}-\d{6}-\d{6})(-[A-Za-z0-9-]+)?\.sqlite3$", path.name)
    if not m:
        return None
    return datetime.strptime(m.group(1), _STAMP)


def restore_into(backup: Path, db: Path, database_id: str) -> None:
    """Overwrite the live database `db` with the content of `backup` (backup API, page by page); it keeps
    its own identity `database_id` (even when the backup is another database's) and drops the backup's
    notes about itself."""
    try:
        s = connect(backup, readonly=True)
        try:
            d = sqlite3.connect(db)
            try:
                s.backup(d)
                if d.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
                    with d:
                        d.execute("DELETE FROM meta WHERE key IN (?, ?)", (BACKUP_OF, BACKUP_AT))
                        d.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", (database_id,))
            finally:
                d.close()
        finally:
            s.close()
    except (sqlite3.Error, OSError) as exc:
        raise _failure(exc, f"백업 '{backup.name}'(으)로 되돌리지 못했습니다", db) from None
