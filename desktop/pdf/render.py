"""render_cards: one card → the card; several → a book. Written atomically, or to a binary stream."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, PageBreak

from desktop.core.gcpause import no_gc
from desktop.core.model import Card
from desktop.core.natural import sort_cards
from desktop.core.templates import Template, TemplateRegistry
from desktop.pdf.book import card_key, front_matter, running_label
from desktop.pdf.card import card_story
from desktop.pdf.doc import Anchor, Progress, RenderState, build, make_doc


def _templates(cards: Sequence[Card], registry: TemplateRegistry) -> dict[str, Template]:
    return {name: registry.get(name) for name in dict.fromkeys(c.template for c in cards)}


def render_cards(cards: Sequence[Card], registry: TemplateRegistry, out: Path | str | BinaryIO, *,
                 progress: Progress | None = None) -> int:
    """Print `cards` to `out` (a path, written atomically, or a binary stream). Returns the page count.

    Raises Cancelled when progress(done, total) returns False (nothing is written), TemplateError
    when a card's template is unknown, ValueError when there is nothing to print.
    """
    if not cards:
        raise ValueError("인쇄할 카드가 없습니다")
    # A book makes millions of short-lived layout objects; the collector's passes over them cost
    # ~10 % of a 300-card book for no memory back (peak RSS 161 → 162 MB, measured).
    with no_gc():
        return _render(cards, registry, out, progress)


def _render(cards: Sequence[Card], registry: TemplateRegistry, out: Path | str | BinaryIO,
            progress: Progress | None) -> int:
    templates = _templates(cards, registry)
    state = RenderState(total_cards=len(cards), progress=progress)
    state.report(0)
    story: list[Flowable] = []
    if len(cards) == 1:
        card = cards[0]
        story.append(Anchor(state, card_key(0), f"{card.number} {card.title}".strip()))
        story.extend(card_story(card, templates[card.template]))
        title = f"{card.number} {card.title}".strip()
        author = card.org
    else:
        ordered = sort_cards(cards)
        state.cover = True
        story.extend(front_matter(state, ordered, templates))
        for i, card in enumerate(ordered):
            if i:
                story.append(PageBreak())
            story.append(Anchor(state, card_key(i), f"{card.number} {card.title}".strip(), running_label(card),
                                done=i, level=0))
            story.extend(card_story(card, templates[card.template]))
            if i % 25 == 24:
                state.report(0)  # let a long book be cancelled while it is being prepared
        orgs = list(dict.fromkeys(c.org for c in ordered if c.org))
        title = f"{' '.join(orgs[:1])} 공약사항 관리카드 ({len(ordered)}건)".strip()
        author = ", ".join(orgs)
    buf = io.BytesIO()
    doc = make_doc(buf, title=title, author=author, subject="공약사항 관리카드")
    build(doc, story, state)
    state.report(len(cards))
    data = buf.getvalue()
    if isinstance(out, (str, Path)):
        path = Path(out)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        finally:
            if tmp.exists():
                tmp.unlink()
    else:
        out.write(data)
    return state.pages
