"""The checks of SPEC §3: entry conventions, declared relations, figure fields, cross-field checks.

Public API (desktop.core.checks):
- check_card(card, template) -> list[Finding]: every finding of a card.
- check_table(card, template, block_key, item=()) -> list[Finding]: the findings placed on one table
  (Place.block == block_key and Place.item == item), in check_card's order — what the editor re-runs
  after one keystroke in that table. Includes the figure fields that name a cell of the table (the
  header 소요예산 vs the table) and the block's period check.
- check_documents(cards, template_of) -> {card id: [Finding]}: relations across the cards of one
  document (templaterels.py); what the command line and the window add over several cards.
- counts(findings) -> (오류, 경고).
- check_cell_text(table, row_key, col_key, text) -> Decimal | None, or NumberError (Korean, with the place).
- describe_place(card, template, place) -> str: "투자계획 › 소요예산 국비 › 계".
Finding codes, severities and message shapes: docs/checks.md (codes.CODES).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.core.checks import codes
from desktop.core.checks.cells import check_cell_text, negative_cells
from desktop.core.checks.codes import CODES
from desktop.core.checks.cross import card_findings, document_findings
from desktop.core.checks.crossfield import base_date_findings, header_findings, parse_period, year_findings
from desktop.core.checks.figures import field_findings, table_findings
from desktop.core.checks.labels import describe_place
from desktop.core.checks.relations import check_relations
from desktop.core.findings import ERROR, WARNING, Finding
from desktop.core.model import Block, Card
from desktop.core.tables import TableValues
from desktop.core.templates import Template

__all__ = [
    "CODES",
    "check_card",
    "check_cell_text",
    "check_documents",
    "check_table",
    "codes",
    "counts",
    "describe_place",
    "parse_period",
]


@contextmanager
def _exact() -> Iterator[None]:
    """Sums of stored amounts never round or overflow, whatever a card file holds."""
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        ctx.Emax = decimal.MAX_EMAX
        ctx.Emin = decimal.MIN_EMIN
        yield


def _part(card: Card, template: Template, block: Block, item: tuple[int, ...]) -> list[Finding]:
    """Every finding placed on (block, item): its table's relations and year columns and, for the
    block itself, the figure fields that name its table and the 기준일 against its period."""
    out: list[Finding] = []
    table = block.table if not item else block.items[item[0]].table
    tv = TableValues(table) if table is not None else None
    if not item:
        if tv is not None:
            out += table_findings(card, template, block, tv)
        out += base_date_findings(card, template, block)
    if table is not None and tv is not None:
        out += check_relations(card, tv, block.key, item)
        out += negative_cells(table, block.key, item)
        out += year_findings(card, template, block, item, table)
    return out


def check_card(card: Card, template: Template) -> list[Finding]:
    """All findings of a card: header fields first, then each block and its inline tables in order."""
    with _exact():
        out = header_findings(card, template) + field_findings(card, template)
        for block in card.blocks:
            out += _part(card, template, block, ())
            for i, it in enumerate(block.items):
                if it.table is not None:
                    out += _part(card, template, block, (i,))
        return out + card_findings(card, template)


def check_table(card: Card, template: Template, block_key: str, item: tuple[int, ...] = ()) -> list[Finding]:
    """The findings of one table (see the module docstring); [] for a table the card does not have."""
    block = card.block(block_key)
    if block is None:
        return []
    if item and (len(item) != 1 or not 0 <= item[0] < len(block.items) or block.items[item[0]].table is None):
        return []
    with _exact():
        cross = [f for f in card_findings(card, template) if f.place.block == block_key and f.place.item == item]
        return _part(card, template, block, item) + cross


def check_documents(cards: list[Card], template_of: Callable[[Card], Template | None]) -> dict[str, list[Finding]]:
    """Findings across the cards of each document, by card id (see desktop/core/templaterels.py)."""
    with _exact():
        return document_findings(cards, template_of)


def counts(findings: list[Finding]) -> tuple[int, int]:
    """(오류, 경고) — what the status bar and the card list show."""
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = sum(1 for f in findings if f.severity == WARNING)
    return errors, warnings
