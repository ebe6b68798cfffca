"""The administrator's side of a shared PostgreSQL database (`pledgecard admin …`, docs/server.md):
set it up (schema, roles, grants, row-level security), add and remove officers' logins, rename a
department. Run as the database's owner.

A password never leaves this module as text: the server is sent only a SCRAM-SHA-256 verifier
(`scram_verifier`, RFC 5802/7677, what PostgreSQL itself stores), so neither the statement (nor a
server log of statements) nor the database holds the password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from db import policies
from db.errors import StoreError
from db.models import CardRow
from db.store import Store

SCRAM_ITERATIONS = 4096  # PostgreSQL's default (scram_iterations)


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = SCRAM_ITERATIONS) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for `password` ("SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:
    <ServerKey>"). The password is normalised as SASLprep does for ordinary text (NFKC)."""
    salt = salt if salt is not None else os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", unicodedata.normalize("NFKC", password).encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = base64.b64encode
    return f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}${b64(stored_key).decode()}:{b64(server_key).decode()}"


@dataclass(frozen=True)
class Login:
    login: str
    dept: str
    planning: bool

    @property
    def role(self) -> str:
        return "기획" if self.planning else "부서"


def _require_postgres(store: Store) -> None:
    if store._engine.dialect.name != "postgresql":
        raise StoreError("이 명령은 PostgreSQL 공유 데이터베이스에서만 씁니다 "
                         f"(SQLite 파일에는 로그인과 권한이 없습니다): '{store.describe}'")


def init(store: Store) -> tuple[str, str]:
    """Schema (already current: Store.open ran the migrations), roles, grants and policies. Idempotent."""
    _require_postgres(store)
    with store._write() as conn:
        _refuse_not_owner(conn, "데이터베이스를 준비할")
        return policies.apply(conn)


def _refuse_not_owner(conn: Connection, what: str) -> None:
    owner = conn.exec_driver_sql(
        "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
        "WHERE c.oid = to_regclass('cards')").scalar()
    if not owner:
        login = conn.exec_driver_sql("SELECT current_user").scalar()
        raise StoreError(f"{what} 수 없습니다: 로그인 '{login}'은(는) 이 데이터베이스의 소유자가 아닙니다 "
                         "(소유자 로그인으로 --db 주소를 주세요)")


def _valid_name(name: str) -> str:
    name = name.strip()
    if not name or len(name.encode("utf-8")) > 63 or any(ord(ch) < 32 for ch in name):
        raise StoreError(f"로그인 이름이 올바르지 않습니다: '{name[:70]}' (1~63바이트, 제어 문자 없이)")
    return name


def add_user(store: Store, name: str, dept: str, password: str, *, planning: bool = False) -> Login:
    """A login for an officer of `dept` (or the planning office), with this password; an existing login
    gets the new password, department and role."""
    _require_postgres(store)
    name, dept = _valid_name(name), dept.strip()
    if not dept:
        raise StoreError("부서를 적어 주세요 (--dept 부서명: 카드의 주관부서와 같은 이름)")
    if not password:
        raise StoreError("비밀번호가 비어 있습니다")
    with store._write() as conn:
        _refuse_not_owner(conn, "로그인을 더할")
        officer, planning_role = policies.role_names(conn)
        _refuse_special(conn, name, (officer, planning_role))
        q = policies.quote(conn, name)
        row = conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (name,)).first()
        if row is not None and row[0]:
            raise StoreError(f"'{name}'은(는) 서버 관리자(superuser) 로그인이라 담당자로 쓸 수 없습니다")
        verifier = scram_verifier(password)
        verb = "ALTER" if row is not None else "CREATE"
        conn.exec_driver_sql(f"{verb} ROLE {q} WITH LOGIN PASSWORD '{verifier}'")
        conn.exec_driver_sql(f"GRANT {policies.quote(conn, officer)} TO {q}")
        if planning:
            conn.exec_driver_sql(f"GRANT {policies.quote(conn, planning_role)} TO {q}")
        elif _member(conn, name, planning_role):
            conn.exec_driver_sql(f"REVOKE {policies.quote(conn, planning_role)} FROM {q}")
        conn.execute(text("INSERT INTO logins (login, dept, planning) VALUES (:l, :d, :p) ON CONFLICT (login) "
                          "DO UPDATE SET dept = EXCLUDED.dept, planning = EXCLUDED.planning"),
                     {"l": name, "d": dept[:200], "p": planning})
    return Login(name, dept[:200], planning)


def _refuse_special(conn: Connection, name: str, groups: tuple[str, str]) -> None:
    """The group roles and the owner's own login are not officers' logins."""
    if name in groups:
        raise StoreError(f"'{name}'은(는) 담당자들의 그룹 역할이라 로그인으로 쓸 수 없습니다")
    if name == conn.exec_driver_sql("SELECT current_user").scalar():
        raise StoreError(f"'{name}'은(는) 이 명령을 실행하는 소유자 로그인입니다 (담당자 로그인은 따로 만드세요)")


def _member(conn: Connection, login: str, group: str) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
        "WHERE r.rolname = %s AND g.rolname = %s", (login, group)).first() is not None


def remove_user(store: Store, name: str) -> bool:
    """The login gone (its history entries stay, naming it). False when there was no such login here.
    A login the server cannot drop (it owns something, or has rights in another database) is only
    refused login."""
    _require_postgres(store)
    name = _valid_name(name)
    with store._write() as conn:
        _refuse_not_owner(conn, "로그인을 지울")
        gone = conn.execute(text("DELETE FROM logins WHERE login = :l"), {"l": name}).rowcount > 0
        exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first() is not None
        if not exists:
            return gone
        officer, planning_role = policies.role_names(conn)
        _refuse_special(conn, name, (officer, planning_role))
        if not (gone or _member(conn, name, officer)):
            raise StoreError(f"로그인 '{name}'은(는) 이 데이터베이스의 담당자가 아닙니다 (지우지 않았습니다)")
        q = policies.quote(conn, name)
        for group in (planning_role, officer):
            if _member(conn, name, group):
                conn.exec_driver_sql(f"REVOKE {policies.quote(conn, group)} FROM {q}")
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(f"DROP ROLE {q}")
        except DBAPIError:  # owns objects or holds rights elsewhere: keep the role, without login
            conn.exec_driver_sql(f"ALTER ROLE {q} NOLOGIN")
        return True


def list_users(store: Store) -> list[Login]:
    _require_postgres(store)
    with store._read() as conn:
        rows = conn.execute(text("SELECT login, dept, planning FROM logins ORDER BY dept, login")).all()
    return [Login(r[0], r[1], bool(r[2])) for r in rows]


@dataclass
class Renamed:
    cards: int  # cards whose 주관부서 changed
    logins: int  # logins moved to the new name
    closed: int  # cards of closed periods, left as they were


def rename_dept(store: Store, old: str, new: str) -> Renamed:
    """Every card whose 주관부서 is `old` gets `new` (one transaction, each change in the history as
    "관리자"), and the logins of `old` move with it. Cards of closed periods keep the old name."""
    from db import recorder as rec
    from db import rows
    from db.codec import body_text, photos_of
    from db.store import next_version
    from desktop.core.model import utcnow

    old, new = old.strip(), new.strip()
    if not old or not new or old == new:
        raise StoreError("바꿀 부서 이름과 새 이름을 서로 다르게 적어 주세요")
    now = utcnow()
    with store._write() as conn:
        if conn.dialect.name == "postgresql":
            _refuse_not_owner(conn, "부서 이름을 바꿀")
        found = conn.execute(select(CardRow.id, CardRow.base_date).where(CardRow.dept == old)).all()
        closed = rec.closed_dates(conn, [r[1] for r in found])
        ids = [r[0] for r in found if r[1] not in closed]
        stored = rec.stored(conn, ids)
        entries = []
        for card in store._load(ids, conn):
            st = stored[card.id]
            card.dept = new
            body, photos = body_text(card), photos_of(card)
            version = next_version(card.version)
            values = store._values(card)
            conn.execute(update(CardRow).where(CardRow.id == card.id)
                         .values(**values, version=version, updated_at=now))
            conn.execute(rows.UPDATE_BODY, {"b_card_id": card.id, "v_body": body})
            changes = rec.changed(st, card, body, photos, store._template(card.template))
            entries.append(rec.pending(card, version, "admin", body, photos, changes))
        logins = 0
        if conn.dialect.name == "postgresql":
            logins = conn.execute(text("UPDATE logins SET dept = :n WHERE dept = :o"), {"n": new, "o": old}).rowcount
        store._record(conn, entries, now)
    if not found and not logins:
        raise StoreError(f"부서 '{old}'의 카드도 로그인도 없습니다 "
                         "(이름을 확인하세요: pledgecard list, admin user list)")
    return Renamed(len(ids), logins, len(found) - len(ids))


__all__ = ["Login", "Renamed", "add_user", "init", "list_users", "remove_user", "rename_dept", "scram_verifier"]
