"""A figure the card derives from its table (소요예산 = 투자계획 소요예산 총계 × 계) shown on the card
sheet as formulas on the table's own cells: what the print shows, the workbook shows, and it stays
live when a year is edited in Excel. Read back, a formula there means "derived": the card still
states no summary (the round trip stays identity)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.figures import derived_figure
from desktop.core.model import Card
from desktop.core.numbers import decimal_places
from desktop.core.tables import TableValues
from desktop.core.templates import FieldDef, Template
from desktop.xlsx import styles
from desktop.xlsx.sheet import SheetWriter, addr


@dataclass
class DerivedFigure:
    block: str
    col: str
    unit: str
    total_row: str
    total: Decimal | None
    # (label as printed, row key and value; row key "" for the one source holding all, printed "-")
    parts: list[tuple[str, str, Decimal | None]] = field(default_factory=list)


def derive(card: Card, template: Template, f: FieldDef) -> DerivedFigure | None:
    """The figure field `f` shows when the card states none, with the table cells it comes from
    (labels and values exactly as desktop.core.figures.derived_figure prints them)."""
    fig = derived_figure(card, template, f)
    block = card.block(f.equals.get("block", ""))
    if fig is None or block is None or block.table is None:
        return None
    tv = TableValues(block.table)
    col = f.equals.get("col", "")
    d = DerivedFigure(block=block.key, col=col, unit=fig.unit, total_row=f.equals.get("row", ""), total=fig.total)
    if f.sources_row:
        found = [(s, f.sources_row.replace("{source}", s.key)) for s in template.sources]
        valued = [(s, rk, tv.value(rk, col)) for s, rk in found]
        valued = [(s, rk, v) for s, rk, v in valued if v]
        if len(valued) == 1 and valued[0][2] == fig.total:
            d.parts = [(valued[0][0].label, "", None)]
        else:
            d.parts = [(s.aliases[0] if s.aliases else s.label, rk, v) for s, rk, v in valued]
    return d


def place_derived(sw: SheetWriter) -> None:
    """Write the derived figures' amounts as formulas, now that their tables are on the sheet."""
    for d, r, c, c2 in sw.derived:
        cells = sw.tables.get((d.block, -1), {})
        _cell(sw, r, c, cells.get((d.total_row, d.col)), d.total)
        for i, (_label, rk, v) in enumerate(d.parts, start=1):
            _cell(sw, r + i, c + 1, cells.get((rk, d.col)) if rk else None, v, c2)


def _cell(sw: SheetWriter, r: int, c: int, source: tuple[int, int] | None, value: Decimal | None,
          c2: int | None = None) -> None:
    if source is None or value is None:
        sw.none(r, c, c2=c2)
        return
    sw.formula(r, c, "=" + addr(*source), styles.amount_format(decimal_places(value), True), c2=c2)
