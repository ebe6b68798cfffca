"""The pieces of a book that the printing process and its worker processes both lay out.

render.py (one card, a book in one process), parallel.py (the writing side of a book laid out by
several processes) and worker.py (the worker side) all import from here; nothing here imports
them back, so the imports go one way: render → parallel → worker → compose.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, PageBreak

from desktop.core.model import Card
from desktop.core.templates import Template
from desktop.pdf import styles
from desktop.pdf.book import card_key, running_label
from desktop.pdf.card import card_story
from desktop.pdf.doc import Anchor, RenderState, build, make_doc
from desktop.pdf.text import para


@dataclass
class PrintStats:
    """How a print was made, for a caller that wants to say so."""

    workers: int = 0  # worker processes that laid out cards
    worker_cards: int = 0  # the cards they laid out
    # Cards that could not be laid out ("관리번호 '제목'"): the book holds a notice page in their place.
    unprintable: list[str] = field(default_factory=list)


class Unprintable(ValueError):
    """A card cannot be laid out at all (something of it is taller than a page and cannot be split).
    The message is Korean and names the card; nothing was written."""


UNPRINTABLE = "한 쪽보다 큰 칸(표의 머리 칸, 묶음 칸 등)이 있어 쪽에 나누어 담을 수 없습니다"
UNPRINTABLE_HINT = "그 칸의 글을 줄이거나 여러 칸으로 나누면 인쇄됩니다."


def card_name(card: Card) -> str:
    """"2-2-1 '제목'", as messages name a card."""
    number = card.number.strip() or "(관리번호 없음)"
    return f"{number} '{card.title.strip()}'" if card.title.strip() else number


def notice_story(card: Card) -> list[Flowable]:
    """What a book prints in place of a card that cannot be laid out."""
    return [para(f"{card.number} {card.title}".strip() or "(관리번호 없음)", styles.heading),
            para(f"이 카드는 인쇄하지 못했습니다: {UNPRINTABLE}. {UNPRINTABLE_HINT}", styles.body)]


def book_card(state: RenderState, card: Card, templates: dict[str, Template], i: int, report: bool = True,
              unprintable: Collection[int] = ()) -> list[Flowable]:
    """The book's card `i`: anchored for the 목차, bookmarks and footer, reporting progress when drawn.
    A card among `unprintable` gets a notice page instead of its body."""
    title = f"{card.number} {card.title}".strip()
    anchor = Anchor(state, card_key(i), title, running_label(card), done=i if report else None, level=0, card=i)
    if i in unprintable:
        return [anchor, *notice_story(card)]
    return [anchor, *card_story(card, templates[card.template])]


def book_cards(state: RenderState, ordered: Sequence[Card], templates: dict[str, Template],
               unprintable: Collection[int] = ()) -> list[Flowable]:
    """Every card of the book, each from a new page."""
    story: list[Flowable] = []
    for i, card in enumerate(ordered):
        if i:
            story.append(PageBreak())
        story.extend(book_card(state, card, templates, i, unprintable=unprintable))
        if i % 25 == 24:
            state.report(0)  # let a long book be cancelled while it is being prepared
    return story


def write_pdf(story: list[Flowable], state: RenderState, title: str, author: str, invariant: bool,
              scale: float = 1.0) -> bytes:
    buf = io.BytesIO()
    doc = make_doc(buf, title=title, author=author, subject="공약사항 관리카드", invariant=invariant, scale=scale)
    build(doc, story, state)
    state.report(state.total_cards)
    return buf.getvalue()
