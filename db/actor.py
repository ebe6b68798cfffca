"""Who writes and from where: recorded in every history entry (SPEC §6.2)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy.engine import Connection


def host_name() -> str:
    """The PC's name, as socket.gethostname() gives it, without opening the socket module: the program
    makes no network call of any kind (tests/test_offline.py watches socket events)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")  # Windows


@dataclass
class Actor:
    """Who is making the changes: the officer's 이름 and 부서 as set in the program's settings."""

    name: str = ""
    dept: str = ""


@dataclass(frozen=True)
class Machine:
    """Where the changes come from: OS account and PC name (SQLite), database login (PostgreSQL)."""

    os_user: str
    host: str

    @classmethod
    def of(cls, conn: Connection) -> Machine:
        if conn.dialect.name == "sqlite":
            import getpass  # here: opening the store and listing never need it

            try:
                user = getpass.getuser()
            except (OSError, KeyError, ImportError):  # no login name in the environment or passwd
                user = ""
            return cls(user[:200], host_name()[:200])
        login = conn.exec_driver_sql("SELECT current_user").scalar()
        return cls(str(login or "")[:200], "")
