"""Shared helpers of the workbook tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from desktop.core.cardfile import card_to_json, read_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import export_workbook, read_workbook
from tests.conftest import SAMPLES
from tests.foreign import TINY_PNG


def as_json(cards: list[Card]) -> list[str]:
    return [json.dumps(card_to_json(c), ensure_ascii=False, sort_keys=True) for c in cards]


def by_id(cards: list[Card]) -> list[Card]:
    return sorted(cards, key=lambda c: c.id)


def workbook_ready(card: Card) -> Card:
    """The card as a workbook carries it: a photo is a real picture (PNG here) whose type the
    picture itself tells; bytes that are no picture cannot go into a workbook (export refuses)."""
    c = copy.deepcopy(card)
    for b in c.blocks:
        for p in b.photos:
            if p.image is not None:
                p.image = TINY_PNG
            p.mime = "image/png" if p.image is not None else ""
    return c


def round_trip(cards: list[Card], registry: TemplateRegistry, path: Path) -> list[Card]:
    export_workbook(cards, registry, path)
    return read_workbook(path, registry)


def samples(registry: TemplateRegistry) -> list[Card]:
    return [c for p in sorted(SAMPLES.glob("*.json")) for c in read_cards(p, registry)]
