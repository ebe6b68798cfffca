"""A long book laid out by several processes at once and written as one PDF by this one.

Laying out and drawing a book is pure Python on one core: 300 cards take about 5 s (SPEC §7 asks
for less). Every card starts on a new page, so a run of consecutive cards can be laid out anywhere:
worker processes each take a run and send back their pages' drawing operators, while this process
lays out the cover, 목차, 총괄표 and the first cards. Then this process finishes every page as it
always does (footers "x / y", 목차 page numbers, bookmarks) and writes the one document.

A page's text is the one thing that cannot be drawn elsewhere: the codes of an embedded TrueType
subset are given to characters in the order the document meets them. So a worker writes each text
as a placeholder and records what encoding it needs (font, size, leading, text, and which text
object it belongs to, whose current subset carries over from one text to the next); this process
encodes them in page order — the order one process would have met them in. The PDF is the one a
single process writes, byte for byte (tests/pdf/test_parallel.py).

A page holding anything else that belongs to the document (links, forms, fonts that are not
TrueType) makes the worker decline; a worker that fails or dies is not waited for. Either way the
book is then laid out here alone: slower, never wrong.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFImageXObject

from desktop.core.gcpause import no_gc
from desktop.core.model import Card
from desktop.core.templates import Template
from desktop.pdf.book import front_matter
from desktop.pdf.doc import DeferredCanvas, Progress, RenderState, build, make_doc
from desktop.pdf.fastcanvas import FastTextObject, fps
from desktop.pdf.render import book_cards, write_pdf

log = logging.getLogger(__name__)

# A worker starts ~0.5 s late (a new Python importing ReportLab and the fonts): below MIN_CARDS
# that costs more than it saves, and HEAD_START is how many more cards than its equal share this
# process lays out meanwhile (it also lays out the front matter and finishes every page, but is a
# little faster per card: no placeholders). 30 was as fast as any for 300 cards (0–45 measured).
MIN_CARDS = 40
HEAD_START = 30
MAX_WORKERS = 3
ENV = "PLEDGECARD_PRINT_WORKERS"

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
        images = []
        for name, obj in doc.idToObject.items():
            if name in self._initial:
                continue
            if not isinstance(obj, PDFImageXObject):
                raise Declined(f"document object {name} ({type(obj).__name__})")
            images.append((name, obj))
        st = self.state
        self.part = Part(pages, self.records, images, dict(st.starts), dict(st.running), list(st.outline))


@dataclass
class Part:
    """A run of cards laid out by a worker: its pages, texts to encode, images, and where cards start."""

    pages: list[dict[str, Any]]
    records: list[Record]
    images: list[tuple[str, PDFImageXObject]]
    starts: dict[str, int] = field(default_factory=dict)  # pages counted from the run's first
    running: dict[int, str] = field(default_factory=dict)
    outline: list[tuple[str, str, int]] = field(default_factory=list)


def _work(inbox: Connection, outbox: Connection) -> None:
    """Worker process: receive a run of cards, lay them out, send the Part back.

    The cards come through a pipe rather than as the process's arguments, so that starting the
    worker never waits for it to have started."""
    try:
        cards, templates, first, total = inbox.recv()
        inbox.close()

        def progress(done: int, _total: int) -> bool:
            outbox.send(("progress", done - first))
            return True

        with no_gc():
            state = RenderState(total_cards=total, progress=progress)
            story = book_cards(state, cards, templates, first)
            canvas = build(make_doc(io.BytesIO(), title="", author=""), story, state, RecordingCanvas)
        assert isinstance(canvas, RecordingCanvas) and canvas.part is not None
        outbox.send(("done", canvas.part))
    except Declined as exc:
        outbox.send(("declined", str(exc)))
    except BaseException as exc:  # whatever it is, the writing process lays the cards out itself
        outbox.send(("failed", repr(exc)))
    finally:
        outbox.close()


# ------------------------------------------------------------------ writing side


class _Job:
    """One worker process and what it has said so far."""

    def __init__(self, ctx: Any, cards: list[Card], templates: dict[str, Template], first: int, total: int) -> None:
        self.count = len(cards)
        self.done = 0
        self.part: Part | None = None
        inbox, self._outbox = ctx.Pipe(duplex=False)
        self.conn, outbox = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_work, args=(inbox, outbox), daemon=True, name=f"pledgecard-print-{first}")
        self.proc.start()
        inbox.close()
        outbox.close()
        # Sent from a thread: the pipe only takes the cards as fast as the new process reads them.
        self._sender = threading.Thread(target=self._send, args=((cards, templates, first, total),), daemon=True)
        self._sender.start()

    def _send(self, payload: tuple[list[Card], dict[str, Template], int, int]) -> None:
        try:
            self._outbox.send(payload)
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
            self.part, self.done = value, self.count
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


def _add(canvas: DeferredCanvas, part: Part, state: RenderState) -> None:
    """Append a worker's pages to the document, as if they had been laid out here."""
    doc = canvas._doc
    for name, obj in part.images:
        if name not in doc.idToObject:
            obj.__dict__.pop("__InternalName__", None)
            doc.Reference(obj, name)
    base = len(canvas._saved)
    fresh = dict(canvas.__dict__)
    sub = _Encoder(canvas, part.records)
    for i, page in enumerate(part.pages):
        d = dict(fresh)
        d.update(page)
        d["_pageNumber"] = base + i + 1
        d["state_stack"] = []
        d["_code"] = [_PLACEHOLDER.sub(sub, s) if "\x00" in s else s for s in page["_code"]]
        canvas._saved.append(d)
    state.starts.update((key, p + base) for key, p in part.starts.items())
    state.running.update((p + base, label) for p, label in part.running.items())
    state.outline.extend(part.outline)


def _weight(card: Card) -> float:
    """A card's layout time in hundredths of a millisecond, roughly: fitted to the three sample cards
    (10.5, 18.3 and 21.7 ms each in a book; this gives 11.4, 19.3 and 21.3)."""
    w = 200.0 + 0.1 * len(card.title)
    for b in card.blocks:
        tables = [t for t in [b.table, *(i.table for i in b.items)] if t is not None]
        w += 10 * len(b.items) + 50 * len(b.photos) + 0.1 * (len(b.text) + sum(len(i.text) for i in b.items))
        w += sum(80 + 4 * len(t.rows) * (len(t.columns) + t.label_columns) for t in tables)
    return w


def split(cards: Sequence[Card], workers: int) -> list[tuple[int, int]]:
    """Consecutive runs [start, stop): this process's first, then one per worker.

    A worker starts HEAD_START cards late (a new Python importing ReportLab and the fonts), so this
    process takes that many more than its equal share; the workers share the rest equally, by
    _weight."""
    weights = [_weight(c) for c in cards]
    total = sum(weights)
    head = HEAD_START * total / len(cards)
    goals = [(total + workers * head) / (workers + 1)]
    goals += [(total - goals[0]) / workers] * workers
    runs: list[tuple[int, int]] = []
    start, acc, goal = 0, 0.0, 0.0
    for g in goals[:-1]:
        goal += g
        stop = start
        last = len(cards) - (len(goals) - len(runs) - 1)  # leave every later run a card
        while stop < last and acc + weights[stop] / 2 < goal:
            acc += weights[stop]
            stop += 1
        runs.append((start, stop))
        start = stop
    runs.append((start, len(cards)))
    return runs


def render_book(ordered: Sequence[Card], templates: dict[str, Template], progress: Progress | None, workers: int,
                title: str, author: str, invariant: bool) -> tuple[bytes, int] | None:
    """The book with `workers` worker processes: (PDF, pages), or None when it must be laid out alone.

    Raises Cancelled as render_cards does (the workers are stopped)."""
    runs = split(ordered, workers)
    (a, b), rest = runs[0], [r for r in runs[1:] if r[1] > r[0]]
    ctx = multiprocessing.get_context("spawn")  # as on Windows, and safe beside Qt's threads
    jobs: list[_Job] = []
    try:
        for start, stop in rest:
            run = list(ordered[start:stop])
            used = {c.template: templates[c.template] for c in run}
            jobs.append(_Job(ctx, run, used, start, len(ordered)))

        def report(done: int, total: int) -> bool:
            for job in jobs:
                job.poll()
            return progress is None or progress(min(total, done + sum(j.done for j in jobs)), total) is not False

        state = RenderState(total_cards=len(ordered), progress=report, cover=True)

        def merge(canvas: DeferredCanvas) -> None:
            for job in jobs:
                part = job.wait(lambda: state.report(b - a))
                _add(canvas, part, state)

        state.merge = merge
        state.report(0)
        story = front_matter(state, list(ordered), templates)  # the 목차 and 총괄표 list every card
        story.extend(book_cards(state, ordered[a:b], templates, a))
        return write_pdf(story, state, title, author, invariant), state.pages
    except Fallback as exc:
        log.warning("인쇄 작업 프로세스를 쓰지 못해 책자를 한 프로세스로 만듭니다: %s", exc)
        return None
    finally:
        for job in jobs:
            job.close()
