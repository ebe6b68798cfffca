"""Who may change which card (SPEC §6.4): on a PostgreSQL database set up by `pledgecard admin init`, an
officer's login changes only the cards whose 주관부서 is its department (and adds only such cards), the
planning office's login changes all, everyone reads all. The server enforces it (row-level security,
db/policies.py); the program asks first, so that a refusal is a Korean sentence naming the card and the
department instead of a server error, and the window opens others' cards read-only with the reason
(`edit_refusal`). On SQLite, and for the database's owner, nothing is restricted.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from db.errors import StoreError


class NotPermittedError(StoreError):
    """The login may not change this card (another department's) or do this (planning office only)."""


class HasDept(Protocol):
    @property
    def dept(self) -> str: ...


@dataclass(frozen=True)
class Permissions:
    """What this connection's login may change. `restricted`: the server's row-level security applies."""

    restricted: bool = False
    login: str = ""
    dept: str | None = None  # None: the login has no department (not added by `admin user add`)
    planning: bool = False

    def may_write(self, dept: str) -> bool:
        return not self.restricted or self.planning or (self.dept is not None and dept == self.dept)

    def refusal(self, dept: str) -> str | None:
        """Why a card of `dept` is read-only for this login (Korean), or None when it may be changed."""
        if self.may_write(dept):
            return None
        if self.dept is None:
            return (f"로그인 '{self.login}'에 부서가 정해져 있지 않아 읽기만 할 수 있습니다 "
                    "(관리자가 'pledgecard admin user add'로 부서를 정합니다)")
        return f"다른 부서({dept or '주관부서 없음'})의 카드라 읽기만 할 수 있습니다 (내 부서: {self.dept})"

    def write_refusal(self, incoming_dept: str, stored_dept: str | None) -> str | None:
        """Why this login may not write a card: as it comes in (its 주관부서), or as it is stored here
        (a card moved out of another department is still that department's to change)."""
        return self.refusal(incoming_dept) or (self.refusal(stored_dept) if stored_dept is not None else None)

    def edit_refusal(self, card: HasDept) -> str | None:
        """For the window: why this card (or list row) opens read-only, or None."""
        return self.refusal(card.dept)

    @property
    def new_card_dept(self) -> str:
        """The 주관부서 a new card starts with: the login's own when it may add cards of no other ("" else)."""
        return self.dept or "" if self.restricted and not self.planning else ""

    def office_refusal(self, what: str) -> str | None:
        """Why an office-wide action (opening or closing a period) is refused, or None."""
        if not self.restricted or self.planning:
            return None
        return f"{what}: 기획 부서의 로그인만 할 수 있습니다 (로그인 '{self.login}')"


UNRESTRICTED = Permissions()


def read(conn: Connection) -> Permissions:
    """This connection's permissions (the server's row-level security on `cards` decides `restricted`)."""
    if conn.dialect.name != "postgresql":
        return UNRESTRICTED
    row = conn.exec_driver_sql(
        "SELECT row_security_active('cards'), session_user, l.dept, coalesce(l.planning, false) "
        "FROM (SELECT 1) one LEFT JOIN logins l ON l.login = session_user").one()
    if not row[0]:
        return UNRESTRICTED  # the owner, a superuser, or a database without `admin init`
    return Permissions(True, str(row[1]), str(row[2]) if row[2] is not None else None, bool(row[3]))


class PermissionMixin:
    """The store's side: its permissions (read once) and the checks its write paths make."""

    _permissions: Permissions | None = None

    if TYPE_CHECKING:
        _engine: Engine

        def _read(self) -> AbstractContextManager[Connection]: ...

    @property
    def permissions(self) -> Permissions:
        if self._engine.dialect.name != "postgresql":
            return UNRESTRICTED  # no connection taken: the window asks for every card it shows
        if self._permissions is None:
            with self._read() as conn:
                self._permissions = read(conn)
        return self._permissions

    def _refuse_dept(self, dept: str, what: str) -> None:
        why = self.permissions.refusal(dept)
        if why is not None:
            raise NotPermittedError(f"{what}: {why}")

    def _refuse_office(self, what: str) -> None:
        why = self.permissions.office_refusal(what)
        if why is not None:
            raise NotPermittedError(why)
