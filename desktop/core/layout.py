"""Laying out a card from its template: blank cards, figure tables from their prototypes, and
year columns that follow 사업기간."""

from __future__ import annotations

import copy
from typing import Any

from desktop.core.model import Block, Card, Column, Row, Table
from desktop.core.templates import Source, TableDef, Template


def year_key(year: int) -> str:
    return f"y{year}"


def year_of(key: str) -> int | None:
    if len(key) == 5 and key[0] == "y" and key[1:].isdigit():
        return int(key[1:])
    return None


def _expand_columns(specs: list[dict[str, Any]], years: list[int]) -> list[Column]:
    cols: list[Column] = []
    for c in specs:
        if c.get("years"):
            for y in years:
                cols.append(Column(key=year_key(y), label=f"{y}년", kind="number",
                                   group=str(c.get("group", "")), unit=str(c.get("unit", "")),
                                   negative=bool(c.get("negative", False))))
        else:
            kind = c.get("kind", "number")
            cols.append(Column(key=str(c["key"]), label=str(c.get("label", "")),
                               kind="text" if kind == "text" else "number",
                               group=str(c.get("group", "")), unit=str(c.get("unit", "")),
                               negative=bool(c.get("negative", False))))
    return cols


def _negative(spec: dict[str, Any]) -> tuple[bool, list[str]]:
    """A row spec's "negative": true (the whole row) or a list of column keys (those cells)."""
    neg = spec.get("negative", False)
    if isinstance(neg, list):
        return False, [str(x) for x in neg]
    return bool(neg), []


def _expand_rows(specs: list[dict[str, Any]], sources: list[Source]) -> list[Row]:
    rows: list[Row] = []
    for r in specs:
        whole, cols = _negative(r)
        if r.get("each_source"):
            for s in sources:
                rows.append(Row(key=str(r["key"]).replace("{source}", s.key),
                                label=str(r.get("label", "{label}")).replace("{label}", s.label),
                                group=str(r.get("group", "")), unit=str(r.get("unit", "")),
                                negative=whole, negative_cols=list(cols)))
        else:
            rows.append(Row(key=str(r["key"]), label=str(r.get("label", "")),
                            group=str(r.get("group", "")), unit=str(r.get("unit", "")),
                            negative=whole, negative_cols=list(cols)))
    return rows


def period_years(card: Card) -> list[int]:
    if card.start_year is None or card.end_year is None or card.end_year < card.start_year:
        return []
    if card.end_year - card.start_year > 30:  # a typo such as 2024 ~ 20244 must not make 18,000 columns
        return []
    return list(range(card.start_year, card.end_year + 1))


def instantiate_table(key: str, tdef: TableDef, template: Template, years: list[int]) -> Table:
    return Table(
        key=key, corner=tdef.corner, unit=tdef.unit, label_columns=tdef.label_columns,
        columns=_expand_columns(tdef.columns, years), rows=_expand_rows(tdef.rows, template.sources),
        relations=[copy.deepcopy(r) for r in tdef.relations],
        year_columns=any(c.get("years") for c in tdef.columns),
    )


def new_card(template: Template, **values: Any) -> Card:
    """A blank card of `template`, with its blocks and figure tables laid out."""
    card = Card(template=template.name, doc_title=template.doc_title, org=template.org, **values)
    years = period_years(card)
    for bd in template.blocks:
        block = Block(key=bd.key, heading=bd.heading, kind=bd.kind)
        if bd.table is not None:
            block.table = instantiate_table(bd.key, bd.table, template, years)
        card.blocks.append(block)
    return card


def sync_year_columns(table: Table, years: list[int]) -> list[str]:
    """Make the year columns of `table` follow `years`, keeping every value of a kept year.

    Returns the labels of removed year columns that held a value, so the caller can ask before it
    calls this (the editor) — nothing typed disappears silently.
    """
    if not table.year_columns:
        return []
    existing = [c for c in table.columns if year_of(c.key) is not None]
    if [year_of(c.key) for c in existing] == years:
        return []
    lost: list[str] = []
    wanted = {year_key(y) for y in years}
    for c in existing:
        if c.key not in wanted and any(r.cells.get(c.key) not in (None, "") for r in table.rows):
            lost.append(c.label)
    proto = existing[0] if existing else Column(key="", label="")
    # Year columns sit where the first one was (or before a trailing 임기후-like column).
    first = next((i for i, c in enumerate(table.columns) if year_of(c.key) is not None), None)
    others = [c for c in table.columns if year_of(c.key) is None]
    if first is None:
        first = len(others) - 1 if others and others[-1].key == "after" else len(others)
    else:
        first = sum(1 for c in table.columns[:first] if year_of(c.key) is None)
    new_years = [Column(key=year_key(y), label=f"{y}년", kind="number", group=proto.group,
                        unit=proto.unit, negative=proto.negative) for y in years]
    table.columns = others[:first] + new_years + others[first:]
    keep = {c.key for c in table.columns}
    for r in table.rows:
        r.cells = {k: v for k, v in r.cells.items() if k in keep}
    return lost
