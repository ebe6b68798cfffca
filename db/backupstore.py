"""The store's backups (SQLite files only; a server database is backed up on the server): made, listed
and restored by the database's identity (db/backup.py), a restore checked first (db/backupcheck.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from db import backup as backups
from db import util
from db.errors import OtherDatabaseError, StoreError
from db.migrate import prepare, read_database_id
from db.models import KNOWN_REVISIONS

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

    from db.backupcheck import BackupInfo
    from db.restorehistory import RestorePlan


class BackupMixin:
    if TYPE_CHECKING:
        def _plan_restore(self, path: Path) -> RestorePlan: ...
        def _carry_history(self, prior: Path, plan: RestorePlan) -> None: ...
        def _read(self) -> AbstractContextManager[Connection]: ...

    _engine: Engine
    _database_id: str | None
    sqlite_path: Path | None
    describe: str

    @property
    def database_id(self) -> str:
        """This database's identity (meta.database_id), read once."""
        if self._database_id is None:
            with self._read() as conn:
                found = read_database_id(conn)
            if found is None:
                raise StoreError(f"데이터베이스 '{self.describe}'에 식별 번호가 없습니다 (손상되었을 수 있습니다)")
            self._database_id = found
        return self._database_id

    def _file(self) -> Path:
        if self.sqlite_path is None:
            raise StoreError("서버 데이터베이스(PostgreSQL 등)는 서버에서 백업합니다 (예: pg_dump)")
        return self.sqlite_path

    def backup(self, tag: str = "") -> Path:
        """Copy the database into the backups folder (SQLite backup API), keeping its newest 20."""
        return backups.make_backup(self._file(), self.database_id, tag)

    def backup_if_due(self, every: timedelta = timedelta(days=1)) -> Path | None:
        """A backup when this database's newest one is older than `every` (the app calls this on start)."""
        newest = self.list_backups()
        when = backups.backup_time(newest[0]) if newest else None
        if when is not None and datetime.now() - when < every:
            return None
        return self.backup()

    def list_backups(self) -> list[Path]:
        """This database's backups (never another's of the same file name), newest first."""
        return backups.list_backups(self.database_id) if self.sqlite_path is not None else []

    def backup_infos(self) -> list[BackupInfo]:
        """This database's backups with what is in them, newest first (an unreadable one is left out)."""
        from db.backupcheck import inspect_backup

        out = []
        for p in self.list_backups():
            try:
                out.append(inspect_backup(p))
            except StoreError:
                continue
        return out

    def restore_backup(self, path: Path, *, other_database: bool = False) -> Path:
        """Replace the live database by a backup; the current state is backed up first (returned).

        The history, periods and their events of the replaced database carry over, with an entry for
        every card the restore changed (db/restorehistory.py). Refused, with nothing changed: a restore
        that would change a closed period's cards (ClosedPeriodError), a file that is not a backup or
        is damaged, a backup of a newer program, one with a card that would not read back, and (unless
        `other_database`) a backup of another database (OtherDatabaseError, saying whose it is).
        The database keeps its identity.
        """
        from db.backupcheck import check_cards, inspect_backup

        live = self._file()
        info = inspect_backup(path)
        if info.revision not in KNOWN_REVISIONS:
            raise StoreError(f"백업 '{path.name}'은(는) 더 새 버전의 공약카드가 만든 것입니다 "
                             f"(스키마 {info.revision}). 프로그램을 새 버전으로 바꾼 뒤 복원하세요.")
        if not other_database and not info.belongs_to(self.database_id):
            what = "다른 데이터베이스의 백업" if info.database_id or backups.name_id(path) else \
                "어느 데이터베이스의 것인지 적혀 있지 않은 백업"
            raise OtherDatabaseError(
                f"'{path}'은(는) 이 데이터베이스('{self.describe}')가 아닌 {what}입니다 ({info.whose()}). "
                "되돌리면 지금 카드가 모두 그 백업의 카드로 바뀌므로 되돌리지 않았습니다.")
        check_cards(path)
        plan = self._plan_restore(path)  # refused when it would change a closed period's cards
        dbid = self.database_id
        before = self.backup("before-restore")
        self._engine.dispose()
        backups.restore_into(path, live, dbid)
        with util.errors(f"되돌린 데이터베이스를 열 수 없습니다: '{live}'", str(live)):
            prepare(self._engine, fresh=False, describe=str(live),
                    backup=lambda tag, i: backups.make_backup(live, i, tag), database_id=dbid)
        self._carry_history(before, plan)
        return before
