"""Addresses of the card's parts that the form edits: outlines and tables, found in the card at apply time.

An outline is named by a block key, or "@goals" / "@tasks" for the header outlines; a table by its
block key and the index path of the outline item holding it (() for a block's own table), the same
address a Finding's Place uses.
"""

from __future__ import annotations

from desktop.core.model import Card, Item, Table

HEADER_OUTLINES = {"@goals": "goals", "@tasks": "tasks"}


def items_of(card: Card, key: str) -> list[Item]:
    attr = HEADER_OUTLINES.get(key)
    if attr is not None:
        items: list[Item] = getattr(card, attr)
        return items
    block = card.block(key)
    return block.items if block is not None else []


def set_items(card: Card, key: str, items: list[Item]) -> None:
    attr = HEADER_OUTLINES.get(key)
    if attr is not None:
        setattr(card, attr, items)
        return
    block = card.block(key)
    if block is not None:
        block.items = items


def table_of(card: Card, key: str, item: tuple[int, ...] = ()) -> Table | None:
    if not item:
        block = card.block(key)
        return block.table if block is not None else None
    items = items_of(card, key)
    if 0 <= item[0] < len(items):
        return items[item[0]].table
    return None


def set_table(card: Card, key: str, item: tuple[int, ...], table: Table | None) -> None:
    if not item:
        block = card.block(key)
        if block is not None:
            block.table = table
        return
    items = items_of(card, key)
    if 0 <= item[0] < len(items):
        items[item[0]].table = table


def table_scope(key: str, item: tuple[int, ...]) -> str:
    return f"table:{key}:{'.'.join(map(str, item))}"


def outline_scope(key: str) -> str:
    return f"outline:{key}"
