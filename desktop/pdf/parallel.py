"""A long book laid out by several processes at once and written as one PDF by this one.

Laying out and drawing a book is pure Python on one core: 300 cards take about 5 s (SPEC §7 asks
for less). Every card starts on a new page, so any card can be laid out anywhere: this process lays
out the cover, 목차, 총괄표 and then the cards from the first on, while worker processes take cards
from the last one backwards, one at a time, until they meet. Nobody waits on a guess of who is
faster. Then this process finishes every page as it always does (footers "x / y", 목차 page
numbers, bookmarks) and writes the one document.

A page's text is the one thing that cannot be drawn elsewhere: the codes of an embedded TrueType
subset are given to characters in the order the document meets them. So a worker writes each text
as a placeholder and records what encoding it needs (font, size, leading, text, and which text
object it belongs to, whose current subset carries over from one text to the next); this process
encodes them in page order — the order one process would have met them in — and registers the
workers' photos in that order too. The PDF is the one a single process writes, byte for byte
(tests/pdf/test_parallel.py).

A page holding anything else that belongs to the document (links, forms, fonts that are not
TrueType) makes the worker decline; a worker that fails or dies is not waited for. Either way the
book is then laid out here alone: slower, never wrong.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import pickle
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.platypus import Flowable, PageBreak

from desktop.core.gcpause import no_gc
from desktop.core.model import Card
from desktop.core.templates import Template
from desktop.pdf.book import card_key, front_matter, running_label
from desktop.pdf.doc import DeferredCanvas, More, Progress, RenderState, build, make_doc
from desktop.pdf.fastcanvas import FastTextObject, fps
from desktop.pdf.render import book_card, write_pdf

log = logging.getLogger(__name__)

# A worker starts ~0.5 s late (a new Python importing ReportLab and the fonts): below MIN_CARDS
# that costs more than it saves.
MIN_CARDS = 40
MAX_WORKERS = 3
ENV = "PLEDGECARD_PRINT_WORKERS"
CHUNK = 16  # cards per message to a worker, from the last card backwards

Record = tuple[int, str, float, float, str]  # text object, font, size, leading, text
_PLACEHOLDER = re.compile("\x00([0-9]+)\x00")
_PAGE_KEYS = ("_code", "_formsinuse", "_currentPageHasImages", "_extgstate")
_EMPTY_KEYS = ("_annotationrefs", "_psCommandsBeforePage", "_psCommandsAfterPage", "_colorsUsed", "_shadingUsed",
               "_formData")


def worker_count(n_cards: int) -> int:
    """How many worker processes a book of `n_cards` gets: one per spare core, up to MAX_WORKERS.

    PLEDGECARD_PRINT_WORKERS=N sets it for every book (0: none), e.g. to keep a shared PC's other cores free."""
    env = os.environ.get(ENV, "").strip()
    if env.isdigit():
        return min(int(env), MAX_WORKERS, max(0, n_cards - 1))
    if n_cards < MIN_CARDS:
        return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        cpus = os.cpu_count() or 1
    return max(0, min(cpus - 1, MAX_WORKERS))


class Claims:
    """Who lays out which card, shared by every process: this one takes cards from the front,
    workers from the back, one card at a time, under one lock."""

    def __init__(self, shared: Any) -> None:
        self.shared = shared  # multiprocessing Array('i', [front, back]): cards < front are the
        # writer's, cards >= back the workers'

    def front(self, i: int) -> bool:
        """The writing process asks for card i (the next one)."""
        with self.shared.get_lock():
            if i >= self.shared[1]:
                return False
            self.shared[0] = i + 1
            return True

    def back(self) -> int | None:
        """A worker asks for the last card nobody has taken."""
        with self.shared.get_lock():
            j = int(self.shared[1]) - 1
            if j < self.shared[0]:
                return None
            self.shared[1] = j
            return j

    def meeting(self) -> int:
        with self.shared.get_lock():
            return int(self.shared[0])


class Declined(Exception):
    """A worker's pages hold something only the writing process can draw."""


class Fallback(Exception):
    """A worker declined, failed or ended: lay the book out here alone."""


# ------------------------------------------------------------------ worker side


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
        self._initial = set(self._doc.idToObject)
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

    def save(self) -> None:  # nothing is written here: the pages go to the writing process
        doc = self._doc
        if doc.fontMapping:
            raise Declined(f"fonts that are not TrueType: {sorted(doc.fontMapping)}")
        if any(self.state.deferred.values()):
            raise Declined("drawing deferred to the end of the document")
        pages = []
        for page in self._saved:
            for key in _EMPTY_KEYS:
                if page.get(key):
                    raise Declined(f"page {page['_pageNumber']}: {key}")
            pages.append({k: page[k] for k in _PAGE_KEYS})
        images = {}
        for name, obj in doc.idToObject.items():
            if name in self._initial:
                continue
            if not isinstance(obj, PDFImageXObject):
                raise Declined(f"document object {name} ({type(obj).__name__})")
            images[name] = obj
        # Each card's pages: from its first page to the next card's first, in the order laid out.
        firsts = sorted((p - 1, int(key[4:])) for key, p in self.state.starts.items() if key.startswith("card"))
        ends = [f for f, _ in firsts[1:]] + [len(pages)] * bool(firsts)
        cards = {j: (f, end) for (f, j), end in zip(firsts, ends, strict=True)}
        self.part = Part(pages, self.records, images, cards)


@dataclass
class Part:
    """What a worker laid out: pages with placeholders, the texts for them, photos, and each card's pages."""

    pages: list[dict[str, Any]]
    records: list[Record]
    images: dict[str, PDFImageXObject]  # by document name
    cards: dict[int, tuple[int, int]]  # card index → its pages [first, end)


def _work(claims: Claims, inbox: Connection, outbox: Connection) -> None:
    """Worker process: take cards from the back of the book until the writing process is reached,
    lay each out from a new page, and send the Part back."""
    try:
        templates = inbox.recv()
        cards: dict[int, Card] = {}
        done = 0

        def card(j: int) -> Card:
            while j not in cards:
                lo, run = inbox.recv()
                cards.update(enumerate(run, lo))
            return cards[j]

        def lay_out(j: int) -> list[Flowable]:
            """Card j, then — when another card is still free — a page break and that card. The next
            card is taken before this one is laid out: a book never ends with a page break."""
            nonlocal done
            if done:
                outbox.send(("progress", done))
            done += 1
            out = book_card(state, card(j), templates, j, report=False)
            nxt = claims.back()
            if nxt is not None:
                out += [PageBreak(), More(lambda: lay_out(nxt))]
            return out

        def start() -> list[Flowable]:
            j = claims.back()
            return [] if j is None else lay_out(j)

        with no_gc():
            state = RenderState()
            canvas = build(make_doc(io.BytesIO(), title="", author=""), [More(start)], state, RecordingCanvas)
        assert isinstance(canvas, RecordingCanvas) and canvas.part is not None
        outbox.send(("done", canvas.part))
    except Declined as exc:
        outbox.send(("declined", str(exc)))
    except BaseException as exc:  # whatever it is, the writing process lays the cards out itself
        outbox.send(("failed", repr(exc)))
    finally:
        outbox.close()


# ------------------------------------------------------------------ writing side


class _Chunks:
    """The cards pickled once, a chunk at a time from the back, for every worker."""

    def __init__(self, ordered: Sequence[Card], claims: Claims) -> None:
        self.ordered = ordered
        self.claims = claims
        self.lock = threading.Lock()
        self.done: dict[int, bytes] = {}

    def get(self, k: int) -> bytes | None:
        """Chunk k (k = 0 holds the last cards), or None when the writing process has reached it:
        a worker can no longer take any of its cards."""
        hi = len(self.ordered) - k * CHUNK
        lo = max(0, hi - CHUNK)
        if hi <= 0 or hi <= self.claims.meeting():
            return None
        with self.lock:
            if k not in self.done:
                self.done[k] = pickle.dumps((lo, list(self.ordered[lo:hi])), pickle.HIGHEST_PROTOCOL)
            return self.done[k]


class _Job:
    """One worker process and what it has said so far."""

    def __init__(self, ctx: Any, claims: Claims, chunks: _Chunks, templates: dict[str, Template]) -> None:
        self.done = 0
        self.part: Part | None = None
        inbox, self._outbox = ctx.Pipe(duplex=False)
        self.conn, outbox = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_work, args=(claims, inbox, outbox), daemon=True, name="pledgecard-print")
        self.proc.start()
        inbox.close()
        outbox.close()
        # Sent from a thread: the pipe only takes the cards as fast as the new process reads them.
        self._sender = threading.Thread(target=self._send, args=(chunks, templates), daemon=True)
        self._sender.start()

    def _send(self, chunks: _Chunks, templates: dict[str, Template]) -> None:
        try:
            self._outbox.send(templates)
            k = 0
            while (data := chunks.get(k)) is not None:
                self._outbox.send_bytes(data)
                k += 1
        except OSError:
            pass  # the worker is gone: wait() finds out
        finally:
            self._outbox.close()

    def _take(self) -> None:
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise Fallback(f"worker ended (exit code {self.proc.exitcode}): {exc!r}") from None
        if kind == "progress":
            self.done = int(value)
        elif kind == "done":
            self.part = value
            self.done = len(value.cards)
        else:
            raise Fallback(f"worker {kind}: {value}")

    def poll(self) -> None:
        while self.part is None and self.conn.poll():
            self._take()

    def wait(self, tick: Callable[[], None]) -> Part:
        while self.part is None:
            if self.conn.poll(0.05):
                self._take()
            elif not self.proc.is_alive() and not self.conn.poll():
                raise Fallback(f"worker ended (exit code {self.proc.exitcode})")
            tick()
        return self.part

    def close(self) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join(5)
        self._sender.join(5)
        self.conn.close()


class _Encoder:
    """Encodes a worker's placeholders with this document's subsets, in the order they are met."""

    def __init__(self, canvas: DeferredCanvas, records: list[Record]) -> None:
        self.text = FastTextObject(canvas)
        self.records = records
        self.subset: dict[int, int] = {}

    def __call__(self, m: re.Match[str]) -> str:
        tid, font, size, leading, text = self.records[int(m.group(1))]
        t = self.text
        t._fontname, t._fontsize, t._leading = font, size, leading
        t._curSubset = self.subset.get(tid, -1)
        ops = t._formatText(text)
        self.subset[tid] = t._curSubset
        return ops


def _add(canvas: DeferredCanvas, ordered: Sequence[Card], first: int, parts: list[Part], state: RenderState) -> None:
    """Append the workers' cards `first`, `first + 1`, … to the document, as if laid out here."""
    doc = canvas._doc
    fresh = dict(canvas.__dict__)
    where = {j: (part, encoder) for part in parts for encoder in [_Encoder(canvas, part.records)] for j in part.cards}
    for j in range(first, len(ordered)):
        if j not in where:
            raise Fallback(f"card {j} was laid out by nobody")
        part, encoder = where[j]
        start, end = part.cards[j]
        card, key, page_no = ordered[j], card_key(j), len(canvas._saved) + 1
        state.starts[key] = page_no
        state.outline.append((f"{card.number} {card.title}".strip(), key, 0))
        state.running[page_no] = running_label(card)
        for page in part.pages[start:end]:
            for name in page["_formsinuse"]:  # photos registered where one process meets them first
                _register(doc, part, doc.getXObjectName(name))
            d = dict(fresh)
            d.update(page)
            d["_pageNumber"] = len(canvas._saved) + 1
            d["state_stack"] = []
            d["_code"] = [_PLACEHOLDER.sub(encoder, s) if "\x00" in s else s for s in page["_code"]]
            canvas._saved.append(d)


def _register(doc: Any, part: Part, name: str) -> None:
    if name in doc.idToObject:
        return
    obj = part.images[name]
    obj.__dict__.pop("__InternalName__", None)
    doc.Reference(obj, name)
    smask = getattr(obj, "smask", None)
    if smask is not None:  # drawImage registers an image's soft mask right after it
        _register(doc, part, smask.name)


def render_book(ordered: Sequence[Card], templates: dict[str, Template], progress: Progress | None, workers: int,
                title: str, author: str, invariant: bool) -> tuple[bytes, int] | None:
    """The book with `workers` worker processes: (PDF, pages), or None when it must be laid out alone.

    Raises Cancelled as render_cards does (the workers are stopped)."""
    ctx = multiprocessing.get_context("spawn")  # as on Windows, and safe beside Qt's threads
    claims = Claims(ctx.Array("i", [0, len(ordered)]))
    chunks = _Chunks(ordered, claims)
    jobs: list[_Job] = []
    try:
        for _ in range(workers):
            jobs.append(_Job(ctx, claims, chunks, templates))

        def report(done: int, total: int) -> bool:
            for job in jobs:
                job.poll()
            return progress is None or progress(min(total, done + sum(j.done for j in jobs)), total) is not False

        state = RenderState(total_cards=len(ordered), progress=report, cover=True)
        mine = [0]  # how many cards this process has taken

        def lay_out(i: int) -> list[Flowable]:
            """Card i, then — when the next card is still free — a page break and that card (taken
            before this one is laid out: the pages end as the one-process book's do)."""
            out = book_card(state, ordered[i], templates, i)
            if i + 1 < len(ordered) and claims.front(i + 1):
                mine[0] = i + 2
                out += [PageBreak(), More(lambda: lay_out(i + 1))]
            return out

        def start() -> list[Flowable]:
            if not claims.front(0):
                return []
            mine[0] = 1
            return lay_out(0)

        def merge(canvas: DeferredCanvas) -> None:
            parts = [job.wait(lambda: state.report(mine[0])) for job in jobs]
            _add(canvas, ordered, mine[0], parts, state)

        state.merge = merge
        state.report(0)
        story = front_matter(state, list(ordered), templates)  # the 목차 and 총괄표 list every card
        story.append(More(start))
        return write_pdf(story, state, title, author, invariant), state.pages
    except Fallback as exc:
        log.warning("인쇄 작업 프로세스를 쓰지 못해 책자를 한 프로세스로 만듭니다: %s", exc)
        return None
    finally:
        for job in jobs:
            job.close()
