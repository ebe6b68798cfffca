"""Figures a card's tables imply: the 소요예산 summary "750백만원(국700 구50)" derived from the table the
template says it must equal. One reading for the form's "＝표" and the print."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.model import Card, Figure
from desktop.core.numbers import format_amount
from desktop.core.tables import TableValues
from desktop.core.templates import FieldDef, Template


def derived_figure(card: Card, template: Template, f: FieldDef) -> Figure | None:
    """The figure of field `f` computed from its table: the total, and the split by source written
    with the source's short name ("국700 구50"); one source holding all of it is named alone
    ("9.6백만원(구비)"). None when the card has no such table or it holds nothing."""
    block = card.block(f.equals.get("block", ""))
    if block is None or block.table is None:
        return None
    tv = TableValues(block.table)
    col = f.equals.get("col", "")
    total = tv.value(f.equals.get("row", ""), col)
    parts: list[tuple[str, Decimal | None]] = []
    if f.sources_row:
        found = [(s, tv.value(f.sources_row.replace("{source}", s.key), col)) for s in template.sources]
        found = [(s, v) for s, v in found if v]
        if len(found) == 1 and found[0][1] == total:
            parts = [(found[0][0].label, None)]
        else:
            parts = [(s.aliases[0] if s.aliases else s.label, v) for s, v in found]
    if total is None and not parts:
        return None
    return Figure(total=total, unit=f.unit, parts=parts)


def figure_text(fig: Figure | None, unit: str = "") -> str:
    """Figure(750, 백만원, [(국, 700), (구, 50)]) → "750백만원(국700 구50)"."""
    if fig is None:
        return ""
    if fig.text:
        return fig.text  # as written ("93,705 (시 39,570, 구비 54,130)"), or a statement ("비예산")
    head = format_amount(fig.total) + (fig.unit or unit) if fig.total is not None else ""
    parts = " ".join(f"{lbl}{format_amount(v) if v is not None else ''}" for lbl, v in fig.parts)
    return head + (f"({parts})" if parts else "")
