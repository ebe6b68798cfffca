"""The checks engine as the form uses it (desktop.core.checks, written by the checks engineer).

Guarded only because the engine may land after the form: without it the form shows no findings.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.core.findings import ERROR, WARNING, Finding
from desktop.core.model import Card, Table
from desktop.core.numbers import NumberError, parse_amount
from desktop.core.templates import Template

try:
    from desktop.core import checks as _checks
except ImportError:  # pragma: no cover - only while the checks package is being written
    _checks = None  # type: ignore[assignment]


def available() -> bool:
    return _checks is not None


def check_card(card: Card, template: Template) -> list[Finding]:
    if _checks is None:
        return []
    return list(_checks.check_card(card, template))


def check_table(card: Card, template: Template, block_key: str, item: tuple[int, ...] = ()) -> list[Finding]:
    if _checks is None:
        return []
    return list(_checks.check_table(card, template, block_key, item))


def cell_value(table: Table, row_key: str, col_key: str, text: str, where: str = "") -> Decimal | None:
    """A typed number cell's value, or NumberError with a Korean message naming the cell."""
    if _checks is not None:
        return _checks.check_cell_text(table, row_key, col_key, text, where=where)
    col = table.column(col_key)
    try:
        return parse_amount(text, negative=bool(col and col.negative))
    except NumberError as exc:
        raise NumberError(f"{where} {row_key} {col_key}: {exc}") from None


def counts(findings: list[Finding]) -> tuple[int, int]:
    return (sum(1 for f in findings if f.severity == ERROR), sum(1 for f in findings if f.severity == WARNING))
