"""Shared by the command-line tests: run the real CLI in-process, build cards, read the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.core.cardfile import write_cards
from desktop.core.layout import new_card
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry


@dataclass
class Result:
    code: int
    out: str
    err: str

    def lines(self) -> list[str]:
        return self.out.splitlines()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Result:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    got = capsys.readouterr()
    return Result(code, got.out, got.err)


def standard_card(number: str, title: str = "", **values: Any) -> Card:
    reg = TemplateRegistry.load([], None)
    values.setdefault("start_year", 2024)
    values.setdefault("end_year", 2026)
    card = new_card(reg.get("standard"), number=number, title=title or f"공약 {number}", **values)
    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    invest.table.rows[3].cells = {"y2024": Decimal("2.4"), "y2025": Decimal("2.4")}  # 구비
    return card


def summaries(db: Path) -> list[Any]:
    from db.store import Store

    store = Store.open(str(db))
    try:
        return store.summaries() + store.summaries(deleted=True)
    finally:
        store.close()


def seed_db(capsys: pytest.CaptureFixture[str], db: Path, folder: Path) -> list[Card]:
    """A database holding three cards, imported through the CLI."""
    cards = [
        standard_card("2-2-1", "중소기업 육성", dept="일자리경제과", status="추진중", progress=75,
                      base_date=date(2025, 9, 30)),
        standard_card("1-10-1", "탭\t들어간\n제목", dept=""),
        standard_card("1-2-2", "지역경제활성화 종합대책본부 설치", dept="일자리경제과", status="완료", progress=100,
                      base_date=date(2024, 6, 30)),
    ]
    src = folder / "seed.json"
    write_cards(src, cards)
    r = run_cli(capsys, "--db", db, "import", src)
    assert r.code == 0, r.err
    return cards
