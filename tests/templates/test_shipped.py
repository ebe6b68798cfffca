"""The shipped formats (resources/templates + resources/samples/formats): the samples check clean, and
every stated figure that takes part in a relation, changed, gives a finding at that cell or at the cell
the relation puts it on (issue 15, SPEC §2.1)."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.checks import check_card, check_documents
from desktop.core.findings import Finding, Place
from desktop.core.model import Card, Figure
from desktop.core.tables import TableValues
from desktop.core.templatelint import check_template_file
from desktop.core.templates import Template, TemplateRegistry
from tests.conftest import ROOT

FORMATS = ROOT / "resources" / "samples" / "formats"
TEMPLATES = ROOT / "resources" / "templates"
REG = TemplateRegistry.load()
SHIPPED = ["seongdong-card", "dept-report", "dept-project"]


def _cards(path: Path) -> list[Card]:
    return read_cards(path, REG)


def _all(cards: list[Card]) -> dict[str, list[Finding]]:
    out = {c.id: check_card(c, REG.get(c.template)) for c in cards}
    for cid, found in check_documents(cards, lambda c: REG.templates.get(c.template)).items():
        out[cid] += found
    return out


def test_every_shipped_template_has_a_sample() -> None:
    used = {c.template for p in FORMATS.glob("*.json") for c in _cards(p)}
    assert set(SHIPPED) <= used
    for name in SHIPPED:
        assert check_template_file(TEMPLATES / f"{name}.json") == []


@pytest.mark.parametrize("path", sorted(FORMATS.glob("*.json")), ids=lambda p: p.stem)
def test_samples_check_clean(path: Path) -> None:
    found = _all(_cards(path))
    assert all(v == [] for v in found.values()), found


def _related(card: Card, t: Template, block: str, item: tuple[int, ...], row: str, col: str) -> set[Place]:
    """Where a finding about this cell may stand: the cell itself, the target of every relation it takes
    part in, and the figure fields that name it."""
    b = card.block(block)
    assert b is not None
    table = b.table if not item else b.items[item[0]].table
    assert table is not None
    here = Place(block=block, item=item, row=row, col=col)
    out = {here}
    tv = TableValues(table)
    for s in tv.specs:
        if (row, col) in s.operands or s.target == (row, col):
            out.add(Place(block=block, item=item, row=s.target[0], col=s.target[1]))
    for rel in table.relations:
        if rel.kind in ("linear", "ratio"):
            keys = {rel.target, rel.num, rel.den, *(k.lstrip("+-") for k in rel.terms)}
            other = col if rel.axis == "row" else row
            mine = row if rel.axis == "row" else col
            if other in keys:
                tgt = (mine, rel.target) if rel.axis == "row" else (rel.target, mine)
                out.add(Place(block=block, item=item, row=tgt[0], col=tgt[1]))
    for f in t.fields:
        if f.equals.get("block") == block:
            out.add(Place(field=f.key, block=block, row=f.equals.get("row", ""), col=f.equals.get("col", "")))
    return out


def _in_relations(card: Card, t: Template, block: str, item: tuple[int, ...], row: str, col: str) -> bool:
    """Whether a stated cell takes part in a declared relation (of its table, its card or its document)."""
    return len(_related(card, t, block, item, row, col)) > 1 or _linked(card, t, block, row, col)


def _linked(card: Card, t: Template, block: str, row: str, col: str) -> bool:
    for rel in t.relations:
        for ref in (rel.target, *rel.terms):
            if ref.block == block and ref.row == row and (ref.col == col or "{year}" in ref.col):
                return True
    for d in t.document.relations:
        if d.block == block and d.col == col:
            return True
    return any(d.value.block == block and d.value.row == row and d.value.col == col
               for o in REG.templates.values() for d in o.document.relations)


def _perturbations() -> list[tuple[str, str, int, str, tuple[int, ...], str, str]]:
    cases = []
    for path in sorted(FORMATS.glob("*.json")):
        cards = _cards(path)
        for ci, card in enumerate(cards):
            t = REG.get(card.template)
            for b in card.blocks:
                tables = [((), b.table)] + [((i,), it.table) for i, it in enumerate(b.items)]
                for item, table in tables:
                    if table is None:
                        continue
                    for r in table.rows:
                        for ck, v in r.cells.items():
                            if isinstance(v, Decimal) and _in_relations(card, t, b.key, item, r.key, ck):
                                cases.append((path.name, card.template, ci, b.key, item, r.key, ck))
    return cases


CASES = _perturbations()


def test_the_perturbations_cover_every_shipped_template() -> None:
    assert {c[1] for c in CASES} == set(SHIPPED)
    assert len(CASES) > 60


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[1]}:{c[3]}:{c[5]}:{c[6]}")
def test_each_stated_figure_in_a_relation_is_checked(case: tuple) -> None:
    name, _, ci, block, item, row, col = case
    cards = _cards(FORMATS / name)
    card = cards[ci]
    t = REG.get(card.template)
    b = card.block(block)
    assert b is not None
    table = b.table if not item else b.items[item[0]].table
    assert table is not None
    r = table.row(row)
    assert r is not None
    old = r.cells[col]
    assert isinstance(old, Decimal)
    r.cells[col] = old + Decimal(10) ** max(0, old.adjusted() + 1) * 7  # far off, whatever the precision
    found = _all(cards)
    places = _related(card, t, block, item, row, col)
    mine = found[card.id]
    hit = [f for f in mine if f.place in places or (f.place.block == block and f.place.row == row)]
    if not hit:  # a cell another card of the document lists: the finding stands on the listing card
        hit = [f for cid, fs in found.items() if cid != card.id for f in fs]
    assert hit, f"no finding for {block} {row} {col}: {mine}"


@pytest.mark.parametrize("path", sorted(FORMATS.glob("*.json")), ids=lambda p: p.stem)
def test_each_stated_figure_field_is_checked(path: Path) -> None:
    cards = _cards(path)
    for ci, card in enumerate(cards):
        t = REG.get(card.template)
        for key, fig in card.figures.items():
            fd = t.field_def(key)
            if fd is None or fig.total is None or not (fd.equals or fig.parts):
                continue
            trial = copy.deepcopy(cards)
            tf = trial[ci].figures[key]
            trial[ci].figures[key] = Figure(total=tf.total + 7, unit=tf.unit, parts=tf.parts)  # type: ignore[operator]
            found = _all(trial)[card.id]
            assert any(f.place.field == key for f in found), (card.number, key, found)
