"""`pledgecard backup`, `pledgecard backups` and `pledgecard restore FILE [--other-database]`.

`backup` copies the database into the backups folder now and prints the copy's path. `backups` lists this
database's backups (never another database's of the same file name), newest first, one a line,
tab-separated: path, time ("2025-09-30 14:05:09"), live cards. `restore FILE` replaces the database by a
backup after copying the current state aside (its path is printed); it refuses, changing nothing (exit 2),
a file that is not a backup or is damaged, one with a card that would not read, and another database's
backup unless `--other-database` is given. SQLite files only: a server database is backed up on the server.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from desktop.commands.context import Context, UserError

if TYPE_CHECKING:
    from db.store import Store


class Command(NamedTuple):
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Context], int]


def _no_arguments(p: argparse.ArgumentParser) -> None:
    del p  # --db and --templates are common to every command


def _file_store(ctx: Context) -> Store:
    store = ctx.store
    if store.sqlite_path is None:
        raise UserError(f"'{store.describe}'은(는) 서버 데이터베이스입니다. 서버에서 백업하세요 (예: pg_dump).")
    return store


def run_backup(args: argparse.Namespace, ctx: Context) -> int:
    del args
    from db.store import StoreError

    try:
        path = _file_store(ctx).backup("manual")
    except StoreError as exc:
        raise UserError(f"백업을 만들지 못했습니다: {exc}") from None
    print(path)
    return 0


def run_backups(args: argparse.Namespace, ctx: Context) -> int:
    del args
    from db.backup import backup_time
    from db.backupcheck import inspect_backup
    from db.store import StoreError

    for path in _file_store(ctx).list_backups():
        try:
            info = inspect_backup(path)
            when, cards = info.taken, str(info.cards)
        except StoreError:
            when, cards = backup_time(path), "손상됨"
        print(f"{path}\t{when:%Y-%m-%d %H:%M:%S}\t{cards}" if when else f"{path}\t-\t{cards}")
    return 0


def _restore_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="되돌릴 백업 파일 (pledgecard backups로 찾을 수 있습니다)")
    p.add_argument("--other-database", action="store_true",
                   help="다른 데이터베이스의 백업이라도 되돌리기 (지금 카드가 모두 그 백업의 카드로 바뀝니다)")


def run_restore(args: argparse.Namespace, ctx: Context) -> int:
    from db.errors import OtherDatabaseError
    from db.store import StoreError

    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"'{path}': 백업 파일이 없습니다")
    store = _file_store(ctx)
    try:
        before = store.restore_backup(path, other_database=args.other_database)
    except OtherDatabaseError as exc:
        raise UserError(f"{exc} 그래도 되돌리려면 --other-database를 붙이세요.") from None
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(f"'{path}'(으)로 되돌렸습니다: 카드 {len(store.summaries())}장.")
    print(f"되돌리기 전 상태는 여기에 백업해 두었습니다: {before}")
    return 0


BACKUP = Command(_no_arguments, run_backup)
BACKUPS = Command(_no_arguments, run_backups)
RESTORE = Command(_restore_arguments, run_restore)
