"""Who writes and from where: recorded in every history entry (SPEC §6.2)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection


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
            import getpass  # here: opening the store and listing never need them
            import socket

            try:
                user = getpass.getuser()
            except (OSError, KeyError, ImportError):  # no login name in the environment or passwd
                user = ""
            return cls(user[:200], socket.gethostname()[:200])
        login = conn.exec_driver_sql("SELECT current_user").scalar()
        return cls(str(login or "")[:200], "")
