"""Loading samples and changing one figure of them, for the checks tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from desktop.core.cardfile import read_cards
from desktop.core.checks import check_card
from desktop.core.findings import Finding
from desktop.core.model import Card, Table
from desktop.core.templates import Template, TemplateRegistry
from tests.checks.cards import SAMPLE_122, SAMPLE_221, SAMPLE_GURO, card_122, card_221, card_guro

_REG = TemplateRegistry.load()


def reg() -> TemplateRegistry:
    return _REG


def load(name: str) -> tuple[Card, Template]:
    """A sample card ("2-2-1", "1-2-2", "III-2-1") — the transcribed file, or the same figures built."""
    path, build, tname = {
        "2-2-1": (SAMPLE_221, card_221, "standard"),
        "1-2-2": (SAMPLE_122, card_122, "standard"),
        "III-2-1": (SAMPLE_GURO, card_guro, "guro"),
    }[name]
    template = _REG.get(tname)
    if Path(path).exists():
        (card,) = read_cards(path, _REG)
    else:
        card = build(template)
    return card, template


def table(card: Card, block: str = "invest") -> Table:
    b = card.block(block)
    assert b is not None and b.table is not None
    return b.table


def put(t: Table, row: str, col: str, value: str | None) -> None:
    r = t.row(row)
    assert r is not None and t.column(col) is not None, (row, col)
    r.cells[col] = Decimal(value) if value is not None else None


def check(card: Card, template: Template) -> list[Finding]:
    return check_card(card, template)


def brief(findings: list[Finding]) -> list[tuple[str, str, str, str, str]]:
    """(code, severity, row, col, message) — what a test compares."""
    return [(f.code, f.severity, f.place.row, f.place.col, f.message) for f in findings]
