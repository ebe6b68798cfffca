"""Entry conventions at one cell: what a typed text becomes, or why it is refused (SPEC §3)."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.checks import codes
from desktop.core.checks.labels import cell_label, fmt
from desktop.core.findings import Finding, Place
from desktop.core.model import Table
from desktop.core.numbers import NumberError, parse_amount, plain

MAX_TEXT = 40  # characters typed into one cell; a card file refuses longer amounts (cardfile.MAX dec)
MAX_PLAIN = 30  # digits (and point) of the stored value, so that every accepted value is saved and read back


def cell_unit(table: Table, row_key: str, col_key: str) -> str:
    """The unit that may follow a number in this cell: the row's, else the column's, else the table's."""
    r = table.row(row_key)
    c = table.column(col_key)
    return (r.unit if r is not None and r.unit else "") or (c.unit if c is not None else "") or table.unit


def check_cell_text(table: Table, row_key: str, col_key: str, text: str, *, where: str = "") -> Decimal | None:
    """The value of `text` typed into a number cell, or NumberError with a Korean message naming the
    cell ("투자계획 소요예산 국비 2025년: 숫자가 아닙니다 'l2O'"). None means an empty cell ("-", blank).

    `where` (the table's name, e.g. "투자계획") is put before the cell's labels. Raises ValueError
    (a programming error, not a user's) for a text column or a cell the table does not have.
    """
    row = table.row(row_key)
    col = table.column(col_key)
    if row is None or col is None:
        raise ValueError(f"no cell ({row_key!r}, {col_key!r}) in table {table.key!r}")
    if col.kind != "number":
        raise ValueError(f"column {col_key!r} of table {table.key!r} holds text, not numbers")

    def refuse(why: str) -> NumberError:  # labels only on a refusal: the accepted keystroke stays cheap
        label = cell_label(table, row_key, col_key)
        return NumberError(f"{where} {label}: {why}" if where else f"{label}: {why}")

    if len(text) > MAX_TEXT:
        raise refuse(f"너무 깁니다 ({len(text)}자) '{text[:12]}…'")
    try:
        value = parse_amount(text, negative=table.negative_allowed(row_key, col_key),
                             unit=cell_unit(table, row_key, col_key))
    except NumberError as exc:
        raise refuse(str(exc)) from None
    if value is not None and len(plain(value).lstrip("-")) > MAX_PLAIN:
        raise refuse(f"숫자가 너무 큽니다 '{text.strip()}'")
    return value


def negative_cells(table: Table, block: str, item: tuple[int, ...]) -> list[Finding]:
    """Negatives stored where typing them is refused: only an imported card can hold them."""
    found: list[Finding] = []
    allowed = {c.key for c in table.columns if c.negative or c.kind != "number"}
    for r in table.rows:
        if r.negative:
            continue
        for ck, v in r.cells.items():
            if (isinstance(v, Decimal) and v < 0 and ck not in allowed and ck not in r.negative_cols
                    and table.column(ck) is not None):
                found.append(Finding(
                    codes.CELL_NEGATIVE, codes.severity(codes.CELL_NEGATIVE),
                    f"{cell_label(table, r.key, ck)} {fmt(v)}: 음수를 쓸 수 없는 칸입니다",
                    Place(block=block, item=item, row=r.key, col=ck), stated=fmt(v),
                ))
    return found
