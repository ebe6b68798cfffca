"""Backups of an SQLite database with the SQLite backup API (consistent even while in use, WAL included).

Files go to the backups folder as `<db stem>-YYYYMMDD-HHMMSS-ffffff[-tag].sqlite3`, newest kept.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from db.errors import StoreError
from desktop.core import paths

KEEP = 20
_STAMP = "%Y%m%d-%H%M%S-%f"


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        # mode=ro: a backup must never create or change the file it reads
        return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    return sqlite3.connect(path)


def copy_database(src: Path, dst: Path) -> None:
    """Copy `src` into `dst` with the backup API; `dst` appears only once complete."""
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        s = _connect(src, readonly=True)
        try:
            d = sqlite3.connect(tmp)
            try:
                s.backup(d)
                # one self-contained file: the copy would otherwise be marked WAL like its source and
                # grow -wal/-shm companions whenever it is read
                d.execute("PRAGMA journal_mode=DELETE")
            finally:
                d.close()
        finally:
            s.close()
        tmp.replace(dst)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"데이터베이스를 '{dst}'(으)로 복사하지 못했습니다: {exc}") from None


def _pattern(db: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db.stem)}-(\d{{8}}-\d{{6}}-\d{{6}})(-[A-Za-z0-9-]+)?\.sqlite3$")


def list_backups(db: Path, folder: Path | None = None) -> list[Path]:
    """Backups of `db`, newest first."""
    folder = folder or paths.backups_dir()
    if not folder.is_dir():
        return []
    pat = _pattern(db)
    found = [(m.group(1), p) for p in folder.iterdir() if (m := pat.match(p.name))]
    return [p for _, p in sorted(found, reverse=True)]


def make_backup(db: Path, tag: str = "", *, keep: int | None = None, folder: Path | None = None) -> Path:
    """Back `db` up into the backups folder and drop all but the newest `keep` backups of it."""
    folder = folder or paths.backups_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"백업 폴더를 만들 수 없습니다: '{folder}' ({exc.strerror})") from None
    name = f"{db.stem}-{datetime.now().strftime(_STAMP)}{'-' + tag if tag else ''}.sqlite3"
    dst = folder / name
    copy_database(db, dst)
    for old in list_backups(db, folder)[KEEP if keep is None else keep:]:
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


def stored_revision(path: Path) -> str | None:
    """The schema revision of a pledgecard SQLite file, None when it is not one (or unreadable)."""
    try:
        con = _connect(path, readonly=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        con.execute("SELECT id FROM cards LIMIT 1").fetchall()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def restore_into(backup: Path, db: Path) -> None:
    """Overwrite the live database `db` with the content of `backup` (backup API, page by page)."""
    try:
        s = _connect(backup, readonly=True)
        try:
            d = sqlite3.connect(db)
            try:
                s.backup(d)
            finally:
                d.close()
        finally:
            s.close()
    except sqlite3.Error as exc:
        raise StoreError(f"백업 '{backup.name}'(으)로 되돌리지 못했습니다: {exc}") from None
