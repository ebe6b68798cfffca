"""render_cards: one card → the card; several → a book. Written atomically, or to a binary stream."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from desktop.core.gcpause import no_gc
from desktop.core.model import Card
from desktop.core.natural import sort_cards
from desktop.core.templates import Template, TemplateRegistry
from desktop.pdf import parallel, styles
from desktop.pdf.book import card_key, front_matter, running_label
from desktop.pdf.card import card_story
from desktop.pdf.compose import UNPRINTABLE, UNPRINTABLE_HINT, PrintStats, Unprintable, book_cards, card_name, write_pdf
from desktop.pdf.doc import Anchor, CardLayoutError, End, Progress, RenderState

log = logging.getLogger(__name__)


def _templates(cards: Sequence[Card], registry: TemplateRegistry) -> dict[str, Template]:
    return {name: registry.get(name) for name in dict.fromkeys(c.template for c in cards)}


def render_cards(cards: Sequence[Card], registry: TemplateRegistry, out: Path | str | BinaryIO, *,
                 progress: Progress | None = None, workers: int | None = None, invariant: bool = False,
                 stats: PrintStats | None = None, period: date | None = None) -> int:
    """Print `cards` to `out` (a path, written atomically, or a binary stream). Returns the page count.

    A long book is laid out by `workers` more processes beside this one (None: as many as the
    machine has spare cores, for books long enough to gain; 0: none) — the PDF is the same byte for
    byte. `invariant` leaves out the creation time, so equal input gives equal bytes. `stats`, when
    given, is filled in. A book is of one period: `period` (the chosen 기준일), else its cards' latest;
    cards of another 기준일 are listed apart in its 총괄표.

    A card that cannot be laid out (something of it taller than a page that cannot be split) does
    not stop a book: it gets a page saying so, and is named in `stats.unprintable`.

    Raises Cancelled when progress(done, total) returns False (nothing is written), TemplateError
    when a card's template is unknown, ValueError when there is nothing to print, Unprintable (a
    ValueError) when the one card printed cannot be laid out.
    """
    if not cards:
        raise ValueError("인쇄할 카드가 없습니다")
    if stats is None:
        stats = PrintStats()
    # A book makes millions of short-lived layout objects; the collector's passes over them cost
    # ~10 % of a 300-card book for no memory back (peak RSS 161 → 162 MB, measured).
    with no_gc():
        data, pages = _render_all(cards, registry, progress, workers, invariant, stats, period)
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
    return pages


def _render_all(cards: Sequence[Card], registry: TemplateRegistry, progress: Progress | None,
                workers: int | None, invariant: bool, stats: PrintStats, period: date | None = None
                ) -> tuple[bytes, int]:
    """The PDF; a card of a book that cannot be laid out is named in `stats` and the book laid out
    again with a notice in its place, until every other card is in (rare: one more pass per card).
    Raises Unprintable for a single card that cannot be laid out, or front matter that cannot."""
    ordered = list(cards) if len(cards) == 1 else sort_cards(cards)
    unprintable: dict[int, str] = {}
    while True:
        try:
            return _render(ordered, registry, progress, workers, invariant, stats, unprintable, period)
        except CardLayoutError as exc:
            card = ordered[exc.card]
            if len(ordered) == 1 or exc.card in unprintable:
                raise Unprintable(f"{card_name(card)} 카드를 인쇄할 수 없습니다: {UNPRINTABLE}. {UNPRINTABLE_HINT}"
                                  ) from None
            log.info("card %s cannot be laid out: %s", card.number, exc.reason)  # named to the user by the caller
            unprintable[exc.card] = card_name(card)
            stats.unprintable = list(unprintable.values())
        except LayoutError as exc:  # not in a card: the 목차 or 총괄표
            log.info("front matter cannot be laid out: %s", exc)
            raise Unprintable(f"책자의 목차·총괄표를 만들 수 없습니다: {UNPRINTABLE}. 제목이 아주 긴 카드가 있는지 "
                              "확인하십시오.") from None


# A card whose last page would hold only a few lines (less than NEAR_EMPTY of the page) is printed
# slightly smaller, at the first of these scales that saves that page: type no smaller than 90 %.
SHRINK = (0.96, 0.93, 0.9)
NEAR_EMPTY = 0.3


def _single(card: Card, template: Template, progress: Progress | None, invariant: bool) -> tuple[bytes, int]:
    data, pages, (page, room) = _single_at(card, template, progress, invariant, 1.0)
    frame_h = styles.PAGE[1] - styles.MARGIN_TOP - styles.MARGIN_BOTTOM
    if pages >= 2 and page == pages and frame_h - room < frame_h * NEAR_EMPTY:
        for k in SHRINK:
            smaller, fewer, _ = _single_at(card, template, None, invariant, k)
            if fewer < pages:
                return smaller, fewer
    return data, pages


def _single_at(card: Card, template: Template, progress: Progress | None, invariant: bool, scale: float
               ) -> tuple[bytes, int, tuple[int, float]]:
    state = RenderState(total_cards=1, progress=progress)
    state.report(0)
    title = f"{card.number} {card.title}".strip()
    # The later pages name the card at their foot, as a book's do.
    story: list[Flowable] = [Anchor(state, card_key(0), title, running_label(card, template), card=0)]
    story.extend(card_story(card, template, styles.FRAME_W / scale))
    story.append(End(state))
    return write_pdf(story, state, title, card.org, invariant, scale), state.pages, state.end


def _render(ordered: Sequence[Card], registry: TemplateRegistry, progress: Progress | None,
            workers: int | None, invariant: bool, stats: PrintStats, unprintable: dict[int, str],
            period: date | None = None) -> tuple[bytes, int]:
    """`ordered`: one card, or a book's cards in 관리번호 order."""
    templates = _templates(ordered, registry)
    if len(ordered) == 1:
        return _single(ordered[0], templates[ordered[0].template], progress, invariant)

    orgs = list(dict.fromkeys(c.org for c in ordered if c.org))
    title = f"{' '.join(orgs[:1])} 공약사항 관리카드 ({len(ordered)}건)".strip()
    author = ", ".join(orgs)
    n = parallel.worker_count(len(ordered)) if workers is None else workers
    if n > 0:
        done = parallel.render_book(ordered, templates, progress, n, title, author, invariant, stats, set(unprintable),
                                    period)
        if done is not None:
            return done
    state = RenderState(total_cards=len(ordered), progress=progress, cover=True)
    state.report(0)
    story = front_matter(state, list(ordered), templates, period)
    story.extend(book_cards(state, ordered, templates, set(unprintable)))
    return write_pdf(story, state, title, author, invariant), state.pages
