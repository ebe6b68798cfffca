"""The pieces of a book that the printing process and its worker processes both lay out.

render.py (one card, a book in one process), parallel.py (the writing side of a book laid out by
several processes) and worker.py (the worker side) all import from here; nothing here imports
them back, so the imports go one way: render → parallel → worker → compose.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, PageBreak

from desktop.core.model import Card
from desktop.core.templates import Template
from desktop.pdf.book import card_key, running_label
from desktop.pdf.card import card_story
from desktop.pdf.doc import Anchor, RenderState, build, make_doc


@dataclass
class PrintStats:
    """How a print was made, for a caller that wants to say so."""

    workers: int = 0  # worker processes that laid out cards
    worker_cards: int = 0  # the cards they laid out


def book_card(state: RenderState, card: Card, templates: dict[str, Template], i: int, report: bool = True
              ) -> list[Flowable]:
    """The book's card `i`: anchored for the 목차, bookmarks and footer, reporting progress when drawn."""
    title = f"{card.number} {card.title}".strip()
    return [Anchor(state, card_key(i), title, running_label(card), done=i if report else None, level=0),
            *card_story(card, templates[card.template])]


def book_cards(state: RenderState, ordered: Sequence[Card], templates: dict[str, Template]) -> list[Flowable]:
    """Every card of the book, each from a new page."""
    story: list[Flowable] = []
    for i, card in enumerate(ordered):
        if i:
            story.append(PageBreak())
        story.extend(book_card(state, card, templates, i))
        if i % 25 == 24:
            state.report(0)  # let a long book be cancelled while it is being prepared
    return story


def write_pdf(story: list[Flowable], state: RenderState, title: str, author: str, invariant: bool) -> bytes:
    buf = io.BytesIO()
    doc = make_doc(buf, title=title, author=author, subject="공약사항 관리카드", invariant=invariant)
    build(doc, story, state)
    state.report(state.total_cards)
    return buf.getvalue()
