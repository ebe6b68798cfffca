"""A fresh database per test, and a card with every kind of content."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from db.store import Store
from desktop.core.layout import new_card
from desktop.core.model import Card, Column, Item, Photo, Row, Table
from desktop.core.templates import TemplateRegistry
from tests.conftest import require_tool
from tests.foreign import TINY_PNG


@pytest.fixture(scope="session")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cards.sqlite3"


@pytest.fixture
def store(db_path: Path, registry: TemplateRegistry) -> Iterator[Store]:
    s = Store.open(db_path, registry=registry)
    yield s
    s.close()


def full_card(registry: TemplateRegistry, number: str = "2-2-1", title: str = "청년 일자리 1만개 창출",
              base: date | None = date(2025, 9, 30)) -> Card:
    """A standard card with amounts (exact decimals), outline items, an inline text table and photos."""
    card = new_card(registry.get("standard"), number=number, title=title, dept="일자리경제과",
                    start_year=2024, end_year=2026, base_date=base, status="추진중", progress=45)
    inv = card.block("invest")
    assert inv is not None and inv.table is not None
    plan = inv.table.row("plan_national")
    assert plan is not None
    plan.cells.update({"y2024": Decimal("220"), "y2025": Decimal("250.5"), "y2026": Decimal("0.000001"),
                       "prior": None, "total": Decimal("12345678901234.5678")})
    execd = inv.table.row("exec_district")
    assert execd is not None
    execd.cells["y2025"] = Decimal("-12.30")
    card.goals = [Item("청년 고용률 제고", level=1)]
    overview = card.block("overview")
    assert overview is not None
    overview.items = [
        Item("사업개요: 청년창업 지원센터 운영", level=1),
        Item("세부 추진내용", level=2, date="2025. 2. ~ 12.", unit="(단위:업체수)",
             table=Table(key="t1", corner="연 번", columns=[Column("name", "업체명", kind="text"),
                                                              Column("n", "업체수")],
                         rows=[Row("r1", "1", cells={"name": "가나다상회", "n": Decimal("19")})])),
        Item("예산 확보 필요", level=3, note=True),
    ]
    photos = card.block("photos")
    assert photos is not None
    photos.photos = [Photo("착공식", TINY_PNG, "image/png"), Photo("캡션만"),
                     Photo("현장", b"\xff\xd8jpeg", "image/jpeg")]
    return card


# --- a throwaway PostgreSQL server (Debian's postgresql package; scripts/setup --test installs it) ---


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    return require_tool(name)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    # Not under pytest's tmp folder: that is private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="pledgecard-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root without runuser")
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        run_as = [runuser, "-u", "postgres", "--"]
    subprocess.run([*run_as, initdb, "-D", str(data), "-U", "pledge", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8"], check=True, capture_output=True, timeout=120)
    opts = f"-k {sock} -c listen_addresses='' -p 54329 -c fsync=off"
    subprocess.run([*run_as, pg_ctl, "-D", str(data), "-o", opts, "-w", "-l", str(base / "log"), "start"],
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+pg8000://pledge@/postgres?unix_sock={sock}/.s.PGSQL.54329"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _reset(url: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    with eng.begin() as c:
        c.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    eng.dispose()
