"""Bringing old cards in (SPEC §9): a read `Document` → cards of the matching template.

`map_document` chooses the template from the labels the document shows (or takes the one named),
cuts the document into cards where a card's header begins again (each card has one 관리번호), and maps
each (card.py): header fields by their labels, outlines by their marks, figure tables by their shape,
photos' captions. What it could not place is kept in a note on the card and listed in the result;
what it was unsure of is recorded on the card (state.py) for the editor to mark until confirmed.
Never raises for odd input: a document that is no card gives no cards and all of its text unplaced.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from itertools import pairwise

from desktop.core.autonumber import number_missing
from desktop.core.document import Document
from desktop.core.importmap.card import map_card
from desktop.core.importmap.elements import El, Grid, Line, Piece, elements, squash, unplaced
from desktop.core.importmap.header import TITLE_WORDS
from desktop.core.importmap.labels import Label, choose_template, field_labels
from desktop.core.importmap.outline import mark_of
from desktop.core.importmap.state import META_KEYS, NOTE_KEY, UNSURE_KEY, confirm, unsure_paths
from desktop.core.model import Card
from desktop.core.templates import Template, TemplateRegistry

__all__ = [
    "META_KEYS", "NOTE_KEY", "UNSURE_KEY", "ImportResult", "Piece", "confirm", "map_document", "unsure_paths",
]

MIN_SHARE = 0.3  # a document showing under 30 % of a template's labels is not a card of it


@dataclass
class ImportResult:
    cards: list[Card] = field(default_factory=list)
    unplaced: list[Piece] = field(default_factory=list)
    template: str = ""
    why_none: str = ""  # Korean, when no card came out


def map_document(doc: Document, registry: TemplateRegistry, template: str | None = None,
                 org: str = "") -> ImportResult:
    """Cards of `doc`. `template` names the template (TemplateError when unknown); `org` is the office's
    기관명 from the settings, used when the document does not show one."""
    els = elements(doc)
    if template:
        chosen: Template | None = registry.get(template)
    else:
        chosen, share = choose_template(els, registry)
        if chosen is not None and share < MIN_SHARE:
            chosen = None
    if chosen is None:
        return ImportResult(unplaced=unplaced(els),
                            why_none="공약카드의 항목 이름(공약제목, 관리번호 …)을 찾지 못해 카드로 만들지 않았습니다")
    result = ImportResult(template=chosen.name)
    family = [] if template else document_family(chosen, registry)
    parts = split_family(els, family) if len(family) > 1 else [(p, chosen) for p in split_cards(els, chosen)]
    result.template = parts[0][1].name if parts else chosen.name  # the template of the page that opens it
    for part, part_template in parts:
        card, pieces = map_card(part, part_template, org)
        if not (card.number or card.title):  # no card after all: all of its text is listed
            for el in part:
                el.placed = False
            result.unplaced += unplaced(part)
            continue
        result.cards.append(card)
        result.unplaced += pieces
    if len(family) > 1:
        _one_document(result.cards, registry)
    if not result.cards:
        result.why_none = "관리번호나 공약제목을 찾지 못해 카드로 만들지 않았습니다"
    number_missing(result.cards)  # a page with a title but no 관리번호 gets a stable generated one
    stable_ids(result.cards)
    return result


IMPORT_NS = uuid.UUID("5d0f4a52-9d1e-4c53-8a3e-6f1f0c2b7a10")


def stable_ids(cards: list[Card]) -> None:
    """Ids that the same document gives every time it is read: importing it again meets the cards it
    made (변경 없음, or the merge) instead of adding them twice. The pledge is the template, 기관명 and
    관리번호; the card is that pledge at its 기준일."""
    seen: set[str] = set()
    for c in cards:
        pledge = "\x1f".join((c.template, " ".join(c.org.split()), c.number.strip() or c.title.strip()))
        card = f"{pledge}\x1f{c.base_date.isoformat() if c.base_date else ''}"
        n = 1
        while card in seen:  # two pages of one document under one number stay two cards
            n += 1
            card = f"{card}\x1f{n}"
        seen.add(card)
        c.pledge_id = str(uuid.uuid5(IMPORT_NS, pledge))
        c.id = str(uuid.uuid5(IMPORT_NS, card))


def _has_number_label(el: El, number_label: str, labels: list[Label]) -> bool:
    if isinstance(el, Grid):
        return any(squash(c) == number_label for r in el.rows for c in r)
    if isinstance(el, Line) and not mark_of(el.text)[0]:
        return any(lb.key == "number" and lb.pattern.search(el.text) for lb in labels)
    return False


def split_cards(els: list[El], template: Template) -> list[list[El]]:
    """The document cut where each card's header begins (one 관리번호 a card)."""
    labels = field_labels(template)
    f = template.field_def("number")
    label = squash(f.label) if f else ""
    anchors = [i for i, el in enumerate(els) if label and _has_number_label(el, label, labels)]
    if len(anchors) <= 1:
        return [els]
    starts = [0]
    for prev, a in pairwise(anchors):
        starts.append(_start(els, prev, a))
    return [els[s:e] for s, e in zip(starts, [*starts[1:], len(els)], strict=True)]


def _start(els: list[El], prev: int, anchor: int) -> int:
    """Where the card whose 관리번호 is at `anchor` begins: its document title when there is one, else
    the unmarked lines just before (구로구's 관리번호 and title lines)."""
    for i in range(anchor - 1, prev, -1):
        el = els[i]
        if isinstance(el, Line) and any(w in squash(el.text) for w in TITLE_WORDS):
            return i
    start = anchor
    seen = 0
    for i in range(anchor - 1, prev, -1):
        el = els[i]
        if not isinstance(el, Line) or mark_of(el.text)[0]:
            break
        if el.text:
            seen += 1
            if seen > 2:
                break
        start = i
    return start


# ---------------------------------------------------------------- documents of several templates

def document_family(chosen: Template, registry: TemplateRegistry) -> list[Template]:
    """The templates whose cards make one document with `chosen`'s: a template whose document relations
    name blocks of another (부서별 주요업무 보고: the 현황 page's 예산 현황 rows name the 사업 pages' 예산현황),
    the naming template first — its page opens the document."""
    names = registry.names()
    templates = [registry.get(n) for n in names]

    def linked(a: Template, b: Template) -> bool:
        own = {bd.key for bd in a.blocks}
        return any(r.value.block and r.value.block not in own and b.block_def(r.value.block) is not None
                   for r in a.document.relations)

    family = [chosen]
    for t in templates:
        if t.name != chosen.name and (linked(t, chosen) or linked(chosen, t)):
            family.append(t)
    return sorted(family, key=lambda t: 0 if any(linked(t, o) for o in family if o is not t) else 1)


def _first_row_labels(t: Template) -> set[str]:
    out: set[str] = set()
    for key in (t.header_rows[0] if t.header_rows else []):
        f = t.field_def(key)
        if f is not None and f.label:
            out.add(squash(f.label))
    return out


def split_family(els: list[El], family: list[Template]) -> list[tuple[list[El], Template]]:
    """A document of several templates cut into cards: each card's header is known by the labels of its
    template's first header row (the report page: 부서, 기준일; a 사업 page: 부서, 사업기간), and begins at
    its title or the unmarked lines just before (a page's title and paragraph)."""
    wanted = [(t, _first_row_labels(t)) for t in family]
    anchors: list[tuple[int, Template]] = []
    for i, el in enumerate(els):
        if not isinstance(el, Grid):
            continue
        cells = {squash(c) for r in el.rows for c in r if c}
        hits = [(len(lbs), t) for t, lbs in wanted if len(lbs) >= 2 and lbs <= cells]
        if hits:
            anchors.append((i, max(hits, key=lambda h: h[0])[1]))
    if not anchors:
        return [(els, family[0])]
    starts = [0]
    for (prev, _), (a, _) in pairwise(anchors):
        starts.append(_start(els, prev, a))
    ends = [*starts[1:], len(els)]
    return [(els[s:e], t) for s, e, (_, t) in zip(starts, ends, anchors, strict=True)]


def _one_document(cards: list[Card], registry: TemplateRegistry) -> None:
    """The pages of one document share its title, 기준일 and 기관명: a page that does not state them (a
    사업 page) takes them from the page before it."""
    for prev, card in pairwise(cards):
        t = registry.get(card.template)
        if card.doc_title in ("", t.doc_title) and prev.doc_title:
            card.doc_title = prev.doc_title
        if card.base_date is None:
            card.base_date = prev.base_date
        if card.org in ("", t.org) and prev.org:
            card.org = prev.org
