"""What the server tests share: an office database after `admin init` with three logins, plain SQL as a
login, the command line as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from db import admin
from db.store import Store
from desktop.core.templates import TemplateRegistry
from tests.conftest import ROOT
from tests.db.conftest import _reset, full_card

JOBS, WELFARE, PLAN = "일자리경제과", "복지정책과", "기획예산과"


def _as(pg_url: str, login: str) -> str:
    return pg_url.replace("pledge@", f"{login}@", 1)


@pytest.fixture(name="office")
def office_fixture(pg_url: str, registry: TemplateRegistry) -> Iterator[dict[str, Any]]:
    """A database after `admin init` with three logins: an officer of 일자리경제과 (kim), one of
    복지정책과 (lee) and the planning office (park); one card of each department, added by the owner."""
    _reset(pg_url)
    with Store.open(pg_url, registry=registry) as owner:
        admin.init(owner)
        admin.add_user(owner, "kim", JOBS, "비밀 1")
        admin.add_user(owner, "lee", WELFARE, "비밀 2")
        admin.add_user(owner, "park", PLAN, "비밀 3", planning=True)
        jobs = owner.add(full_card(registry, "1-1", "청년 일자리"))
        welfare = full_card(registry, "2-1", "돌봄 확대")
        welfare.dept = WELFARE
        owner.add(welfare)
        yield {"url": pg_url, "jobs": jobs, "welfare": welfare, "owner": owner}


@pytest.fixture(name="kim_sql")
def kim_sql_fixture(office: dict[str, Any]) -> Iterator[Engine]:
    eng = create_engine(_as(office["url"], "kim"))
    yield eng
    eng.dispose()


def _refused(eng: Engine, sql: str, **params: Any) -> str:
    """The SQLSTATE the server refused `sql` with (fails the test when the server took it)."""
    with pytest.raises(DBAPIError) as info, eng.begin() as c:
        c.execute(text(sql), params)
    return str(info.value.orig.args[0]["C"])  # type: ignore[union-attr]


def _rows(eng: Engine, sql: str, **params: Any) -> int:
    with eng.begin() as c:
        return int(c.execute(text(sql), params).rowcount)


def _history(url: str, card_id: str) -> list[tuple[Any, ...]]:
    eng = create_engine(url)
    with eng.connect() as c:
        rows = c.execute(text("SELECT seq, os_user, dept, source, summary, at FROM history WHERE card_id = :i "
                              "ORDER BY seq"), {"i": card_id}).all()
    eng.dispose()
    return [tuple(r) for r in rows]



def cli(url: str, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m desktop --db URL …` in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "desktop", "--db", url, *argv], input=stdin,
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
