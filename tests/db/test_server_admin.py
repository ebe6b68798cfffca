"""`pledgecard admin …` (SPEC §6.4, docs/server.md): init, officers' logins with passwords, a department
renamed — as subprocesses of `python -m desktop` against the real PostgreSQL of tests/db/conftest.py, and
against a server of our own with password (scram) authentication and every statement logged."""

from __future__ import annotations

import gc
import os
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from db import admin
from db.store import Store, StoreError
from desktop.core.templates import TemplateRegistry
from tests.db.conftest import _reset, full_card
from tests.db.serverfix import (
    JOBS,
    PLAN,
    _as,
    cli,
    office_fixture,  # noqa: F401 - fixtures
)

# ------------------------------------------------------------------ admin


def _grants_and_policies(url: str) -> list[tuple[Any, ...]]:
    eng = create_engine(url)
    with eng.connect() as c:
        out = [tuple(r) for r in c.execute(text(
            "SELECT 'policy', tablename, policyname, cmd, qual, with_check FROM pg_policies "
            "UNION ALL SELECT 'grant', table_name, grantee, privilege_type, '', '' "
            "FROM information_schema.role_table_grants WHERE grantee LIKE 'postgres_%' "
            "UNION ALL SELECT 'rls', relname, relrowsecurity::text, '', '', '' FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' "
            "UNION ALL SELECT 'role', rolname, rolcanlogin::text, '', '', '' FROM pg_roles "
            "WHERE rolname LIKE 'postgres_%' ORDER BY 1, 2, 3, 4"))]
    eng.dispose()
    return out


def _cli(url: str, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return cli(url, "admin", *argv, stdin=stdin)


def test_admin_commands(pg_url: str, registry: TemplateRegistry) -> None:
    _reset(pg_url)
    r = _cli(pg_url, "init")
    assert r.returncode == 0, r.stderr
    first = _grants_and_policies(pg_url)
    assert ("rls", "cards", "true", "", "", "") in first
    assert _cli(pg_url, "init").returncode == 0
    assert _grants_and_policies(pg_url) == first  # run twice: the same state
    r = _cli(pg_url, "user", "add", "choi", "--dept", JOBS, "--password-stdin", stdin="한글 비밀번호\n")
    assert r.returncode == 0, r.stderr
    assert "비밀번호" not in r.stdout and "한글 비밀번호" not in r.stdout + r.stderr
    assert _cli(pg_url, "user", "add", "yoon", "--dept", PLAN, "--planning", "--password-stdin",
                stdin="pw\n").returncode == 0
    r = _cli(pg_url, "user", "list")
    assert r.stdout.splitlines() == [f"yoon\t{PLAN}\t기획", f"choi\t{JOBS}\t부서"]
    with Store.open(pg_url, registry=registry) as s:
        s.add(full_card(registry, "1-1", "청년 일자리"))
    r = _cli(pg_url, "dept", "rename", JOBS, "청년일자리과")
    assert r.returncode == 0, r.stderr
    assert "카드 1장" in r.stdout and "로그인 1개" in r.stdout
    assert "choi\t청년일자리과\t부서" in _cli(pg_url, "user", "list").stdout
    with Store.open(_as(pg_url, "choi"), registry=registry) as s:
        card = s.summaries()[0]
        assert card.dept == "청년일자리과" and s.get(card.id).dept == "청년일자리과"
        assert s.permissions.edit_refusal(card) is None
        assert s.history(card.id)[0].source == "admin"
    r = _cli(pg_url, "user", "remove", "choi")
    assert r.returncode == 0, r.stderr
    assert _cli(pg_url, "user", "list").stdout.splitlines() == [f"yoon\t{PLAN}\t기획"]
    r = _cli(pg_url, "user", "remove", "choi")
    assert r.returncode == 2 and "없습니다" in r.stderr
    for argv in (("remove", "postgres_planning"), ("add", "postgres_officer", "--dept", JOBS, "--password-stdin"),
                 ("add", "pledge", "--dept", JOBS, "--password-stdin")):
        r = _cli(pg_url, "user", *argv, stdin="pw\n")
        assert r.returncode == 2 and ("그룹 역할" in r.stderr or "소유자 로그인" in r.stderr), r.stderr
    r = _cli(_as(pg_url, "yoon"), "user", "add", "x", "--dept", JOBS, "--password-stdin", stdin="pw\n")
    assert r.returncode == 2 and "소유자가 아닙니다" in r.stderr and "Traceback" not in r.stderr


def test_admin_on_sqlite_says_postgresql_only(tmp_path: Path) -> None:
    r = _cli(str(tmp_path / "a.sqlite3"), "init")
    assert r.returncode == 2 and "PostgreSQL" in r.stderr
    assert not (tmp_path / "a.sqlite3").exists()  # refused before anything was made


def test_scram_verifier_matches_rfc7677() -> None:
    # RFC 7677 §3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ== , 4096 iterations
    import base64

    got = admin.scram_verifier("pencil", salt=base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ=="))
    stored, server = got.split("$")[2].split(":")
    # ServerSignature in the RFC is HMAC(ServerKey, AuthMessage); ServerKey itself checked by recomputing
    import hashlib
    import hmac

    salted = hashlib.pbkdf2_hmac("sha256", b"pencil", base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096)
    assert base64.b64decode(server) == hmac.new(salted, b"Server Key", "sha256").digest()
    assert base64.b64decode(stored) == hashlib.sha256(hmac.new(salted, b"Client Key", "sha256").digest()).digest()
    auth = ("n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0")
    signature = hmac.new(base64.b64decode(server), auth.encode(), "sha256").digest()
    assert base64.b64encode(signature).decode() == "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="


# ------------------------------------------------------------------ passwords (a server with scram auth)


@pytest.fixture(scope="module")
def scram_server() -> Iterator[tuple[str, Path]]:
    """A server of our own where every login but the owner must give its password (scram-sha-256) and
    every statement is logged: (the owner's URL, the log file)."""
    import shutil
    import tempfile

    from tests.db.conftest import _pg_bin

    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    base = Path(tempfile.mkdtemp(prefix="pledgecard-scram-"))
    data, sock, log = base / "data", base / "sock", base / "log"
    sock.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root without runuser")
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        run_as = [runuser, "-u", "postgres", "--"]
    subprocess.run([*run_as, initdb, "-D", str(data), "-U", "pledge", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8"], check=True, capture_output=True, timeout=120)
    hba = data / "pg_hba.conf"
    rules = "local all pledge trust\nlocal all all scram-sha-256\n"
    subprocess.run([*run_as, "sh", "-c", f"printf '{rules}' > {hba}"], check=True, timeout=30)
    opts = f"-k {sock} -c listen_addresses='' -p 54331 -c fsync=off -c log_statement=all"
    subprocess.run([*run_as, pg_ctl, "-D", str(data), "-o", opts, "-w", "-l", str(log), "start"],
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+pg8000://pledge@/postgres?unix_sock={sock}/.s.PGSQL.54331", log
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def test_password_login_and_no_password_in_the_server_log(scram_server: tuple[str, Path],
                                                         registry: TemplateRegistry) -> None:
    url, log = scram_server
    password = "봄날-Pw!7 secret"
    assert _cli(url, "init").returncode == 0
    r = _cli(url, "user", "add", "han", "--dept", JOBS, "--password-stdin", stdin=password + "\n")
    assert r.returncode == 0, r.stderr
    with Store.open(url.replace("pledge@", f"han:{password}@"), registry=registry) as s:
        assert s.permissions.dept == JOBS  # logged in with the password
    with pytest.raises(StoreError, match="데이터베이스에 연결할 수 없습니다") as refused, warnings.catch_warnings():
        # pg8000 leaves the socket of a refused login to the garbage collector
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            Store.open(url.replace("pledge@", "han:wrong@"), registry=registry)
        finally:
            gc.collect()
    assert "wrong" not in str(refused.value)  # the URL is shown without its password
    written = log.read_text(encoding="utf-8", errors="replace")
    assert "ALTER ROLE" in written or "CREATE ROLE" in written  # statements are logged
    assert "SCRAM-SHA-256$4096:" in written  # the verifier is what the server was sent
    assert password not in written and "secret" not in written
    eng = create_engine(url)
    with eng.connect() as c:
        stored = c.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = 'han'")).scalar()
    eng.dispose()
    assert str(stored).startswith("SCRAM-SHA-256$4096:") and password not in str(stored)


def test_an_officer_cannot_upgrade_the_schema_and_is_told_who_can(office: dict[str, Any],
                                                                 registry: TemplateRegistry) -> None:
    eng = create_engine(office["url"])
    with eng.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0004'"))  # as after installing a newer program
    eng.dispose()
    with pytest.raises(StoreError, match="admin init"):
        Store.open(_as(office["url"], "kim"), registry=registry)
    r = _cli(office["url"], "init")  # the owner upgrades: 0005 again is idempotent
    assert r.returncode == 0, r.stderr
    with Store.open(_as(office["url"], "kim"), registry=registry) as s:
        assert s.permissions.dept == JOBS


