"""The worker process's side of a book laid out by several processes (parallel.py has the whole story).

A worker takes cards from the back of the book, one at a time, lays each out from a new page and
sends the pages back with placeholders for their text, which only the writing process can encode.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.platypus import Flowable, PageBreak

from desktop.core.gcpause import no_gc
from desktop.core.model import Card
from desktop.pdf.book import card_key
from desktop.pdf.compose import book_card
from desktop.pdf.doc import CardLayoutError, DeferredCanvas, More, RenderState, build, make_doc
from desktop.pdf.fastcanvas import FastTextObject, fps

Record = tuple[int, str, float, float, str]  # text object, font, size, leading, text
_PAGE_KEYS = ("_code", "_formsinuse", "_currentPageHasImages", "_extgstate")
_EMPTY_KEYS = ("_annotationrefs", "_psCommandsBeforePage", "_psCommandsAfterPage", "_colorsUsed", "_shadingUsed",
               "_formData")


class Claims:
    """Who lays out which card, shared by every process: the writing process takes cards from the
    front, workers from the back, one card at a time, under one lock.

    `shared` is a multiprocessing Array('i', [front, back, taken by worker 0, taken by worker 1, …]):
    cards below front are the writer's, cards from back on the workers'. `worker` is the index of
    the worker using this view (None for the writing process)."""

    def __init__(self, shared: Any, worker: int | None = None) -> None:
        self.shared = shared
        self.worker = worker

    def of_worker(self, worker: int) -> Claims:
        return Claims(self.shared, worker)

    def front(self, i: int) -> bool:
        """The writing process asks for card i (the next one)."""
        with self.shared.get_lock():
            if i >= self.shared[1]:
                return False
            self.shared[0] = i + 1
            return True

    def back(self) -> int | None:
        """A worker asks for the last card nobody has taken."""
        assert self.worker is not None
        with self.shared.get_lock():
            j = int(self.shared[1]) - 1
            if j < self.shared[0]:
                return None
            self.shared[1] = j
            self.shared[2 + self.worker] += 1
            return j

    def meeting(self) -> int:
        with self.shared.get_lock():
            return int(self.shared[0])

    def never_took(self, worker: int) -> bool:
        """Whether `worker` has no card and can get none now (every card is taken): a worker still
        starting is then not waited for."""
        with self.shared.get_lock():
            return bool(self.shared[2 + worker] == 0 and self.shared[0] >= self.shared[1])


class Declined(Exception):
    """A worker's pages hold something only the writing process can draw."""


class _RecordingText(FastTextObject):
    _canvas: RecordingCanvas

    def __init__(self, canvas: RecordingCanvas, x: float = 0, y: float = 0, direction: Any = None) -> None:
        super().__init__(canvas, x, y, direction=direction)
        self._tid = canvas.new_tid()

    # Setting a font starts the text object's subset anew (ReportLab: _curSubset = -1).
    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        super().setFont(psfontname, size, leading)
        self._tid = self._canvas.new_tid()

    def _setFont(self, psfontname: str, size: float) -> None:
        super()._setFont(psfontname, size)
        self._tid = self._canvas.new_tid()

    def _formatText(self, text: Any) -> str:
        if type(text) is not str:
            raise Declined(f"text of type {type(text).__name__}")
        return self._canvas.record(self._tid, self._fontname, self._fontsize, self._leading, text)


class RecordingCanvas(DeferredCanvas):
    """Lays out pages with placeholders for their text and keeps them for the writing process."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.records: list[Record] = []
        self._tids = 0
        self._known = set(self._doc.idToObject)  # document objects not to send (again)
        self._pages_sent = self._records_sent = 0
        self.part: Part | None = None

    def new_tid(self) -> int:
        self._tids += 1
        return self._tids

    def record(self, tid: int, font: str, size: float, leading: float, text: str) -> str:
        self.records.append((tid, font, size, leading, text))
        return f"\x00{len(self.records) - 1}\x00"

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> FastTextObject:
        return _RecordingText(self, x, y, direction=direction)

    def _line(self, x: float, y: float, text: str) -> None:
        ops = self.record(self.new_tid(), self._fontname, self._fontsize, self._leading, text)
        self._code.append(f"BT 1 0 0 1 {fps(x, y)} Tm {ops} T* ET")

    def take_new(self) -> Part:
        """The pages finished since the last call, with the texts and photos they may use."""
        doc = self._doc
        if doc.fontMapping:
            raise Declined(f"fonts that are not TrueType: {sorted(doc.fontMapping)}")
        if any(self.state.deferred.values()):
            raise Declined("drawing deferred to the end of the document")
        pages = []
        for page in self._saved[self._pages_sent:]:
            for key in _EMPTY_KEYS:
                if page.get(key):
                    raise Declined(f"page {page['_pageNumber']}: {key}")
            pages.append({k: page[k] for k in _PAGE_KEYS})
        images = {}
        for name, obj in doc.idToObject.items():
            if name in self._known:
                continue
            if not isinstance(obj, PDFImageXObject):
                raise Declined(f"document object {name} ({type(obj).__name__})")
            images[name] = obj
        part = Part(pages, self.records[self._records_sent:], images, {})
        self._pages_sent, self._records_sent = len(self._saved), len(self.records)
        self._known.update(images)
        return part

    def save(self) -> None:  # nothing is written here: the pages go to the writing process
        self.part = self.take_new()


@dataclass
class Part:
    """What a worker laid out: pages with placeholders, the texts for them, photos, and each card's pages."""

    pages: list[dict[str, Any]]
    records: list[Record]
    images: dict[str, PDFImageXObject]  # by document name
    cards: dict[int, tuple[int, int]]  # card index → its pages [first, end)

    def extend(self, more: Part) -> None:
        """Add the next pages sent (their placeholders count on from these records)."""
        self.pages += more.pages
        self.records += more.records
        self.images.update(more.images)
        self.cards.update(more.cards)


def work(claims: Claims, inbox: Connection, outbox: Connection) -> None:
    """Worker process: take cards from the back of the book until the writing process is reached,
    lay each out from a new page, and send the Part back."""
    try:
        templates, unprintable = inbox.recv()
        cards: dict[int, Card] = {}
        mine: list[int] = []  # the cards taken, in the order laid out

        def card(j: int) -> Card:
            while j not in cards:
                lo, run = inbox.recv()
                cards.update(enumerate(run, lo))
            return cards[j]

        def lay_out(j: int) -> list[Flowable]:
            """Card j, then — when another card is still free — a page break and that card. The next
            card is taken before this one is laid out: a book never ends with a page break."""
            if mine:  # the cards so far are laid out: their pages go now, not all at the end
                outbox.send(("pages", (len(mine), canvases[0].take_new())))
            mine.append(j)
            out = book_card(state, card(j), templates, j, report=False, unprintable=unprintable)
            nxt = claims.back()
            if nxt is not None:
                out += [PageBreak(), More(lambda: lay_out(nxt))]
            return out

        def start() -> list[Flowable]:
            j = claims.back()
            return [] if j is None else lay_out(j)

        canvases: list[RecordingCanvas] = []

        class Canvas(RecordingCanvas):
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                canvases.append(self)

        with no_gc():
            state = RenderState()
            canvas = build(make_doc(io.BytesIO(), title="", author=""), [More(start)], state, Canvas)
        assert isinstance(canvas, RecordingCanvas) and canvas.part is not None
        part = canvas.part
        # Each card's pages, counted over everything sent: from its first page to the next card's first.
        firsts = [state.starts[card_key(j)] - 1 for j in mine]
        ends = [*firsts[1:], canvas._pages_sent][:len(firsts)]
        part.cards = {j: (first, end) for j, first, end in zip(mine, firsts, ends, strict=True)}
        outbox.send(("done", part))
    except Declined as exc:
        outbox.send(("declined", str(exc)))
    except CardLayoutError as exc:  # the writing process names the card and lays the book out without it
        outbox.send(("unprintable", (exc.card, exc.reason)))
    except BaseException as exc:  # whatever it is, the writing process lays the cards out itself
        outbox.send(("failed", repr(exc)))
    finally:
        outbox.close()
