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
TrueType) makes the worker decline. When a worker declines, fails or dies, or no process can be
started at all, the book is laid out here alone: slower, never wrong. A worker still starting when
every card is taken (a slow PC, a virus scan) is not waited for.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.util
import os
import pickle
import re
import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from desktop.core.model import Card
from desktop.core.templates import Template
from desktop.pdf.book import card_key, front_matter, running_label
from desktop.pdf.compose import PrintStats, book_card, write_pdf
from desktop.pdf.doc import CardLayoutError, DeferredCanvas, More, Progress, RenderState
from desktop.pdf.fastcanvas import FastTextObject
from desktop.pdf.worker import Claims, Part, Record
from desktop.pdf.worker import work as _work

log = logging.getLogger(__name__)

# A worker starts ~0.6 s late (a new Python importing ReportLab and the fonts): below MIN_CARDS
# it has little left to do (measured, one process / with a worker: 20 cards 0.59 / 0.75 s,
# 40 cards 1.09 / 1.03 s, 100 cards 2.26 / 1.87 s: `bench/bench_pdf.py --short`).
MIN_CARDS = 40
MAX_WORKERS = 3
ENV = "PLEDGECARD_PRINT_WORKERS"
CHUNK = 16  # cards per message to a worker, from the last card backwards

_PLACEHOLDER = re.compile("\x00([0-9]+)\x00")


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


class Fallback(Exception):
    """A worker declined, failed or ended: lay the book out here alone."""


# ------------------------------------------------------------------ processes started, processes ended


class _Books:
    """Counts the books being laid out with workers in this process (the app may print two at once).

    Starting a worker also starts multiprocessing's resource tracker, a helper process that would
    otherwise live on until this process ends — and a little after: the command `pdf --all` would
    leave it behind. When the last book is done, its workers ended and its shared lock released,
    the tracker is stopped and waited for; the next book starts a new one."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0

    def begin(self) -> None:
        with self.lock:
            self.count += 1

    def end(self, clean: bool) -> None:
        """`clean`: this book's workers have ended and its lock is released."""
        with self.lock:
            self.count -= 1
            if self.count == 0 and clean:
                _stop_tracker()


_books = _Books()


def _unlink_now(lock: Any) -> bool:
    """Release the named semaphore of `lock` now rather than whenever the object is collected: what
    multiprocessing's finalizer for it does (unlink the name, tell the resource tracker), run once.
    True when it was released (or there was none); False when it could not be found."""
    if lock is None:
        return True
    name = getattr(getattr(lock, "_semlock", None), "name", None)
    if name is None:  # Windows, or a start method that unlinks at once: nothing to release
        return True
    registry = getattr(multiprocessing.util, "_finalizer_registry", None)
    if not isinstance(registry, dict):
        return False
    found = [f for f in list(registry.values()) if getattr(f, "_args", None) == (name,)]
    for finalizer in found:
        finalizer()
    return bool(found)


def _stop_tracker() -> None:
    """Stop multiprocessing's resource tracker process, if it runs, and wait for it to end."""
    try:
        from multiprocessing import resource_tracker
    except ImportError:  # pragma: no cover - a platform without it has no tracker to stop
        return
    stop = getattr(getattr(resource_tracker, "_resource_tracker", None), "_stop", None)
    if stop is None:
        return
    try:
        stop()
    except (OSError, ChildProcessError) as exc:
        log.warning("인쇄 보조 프로세스를 끝내지 못했습니다: %r", exc)


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

    def __init__(self, ctx: Any, claims: Claims, chunks: _Chunks, templates: dict[str, Template],
                 unprintable: set[int]) -> None:
        self.claims = claims  # this worker's view
        self.done = 0
        self._sent = Part([], [], {}, {})  # what the worker has sent so far
        self.part: Part | None = None  # all of it, once the worker is done
        inbox, self._outbox = ctx.Pipe(duplex=False)
        self.conn, outbox = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_work, args=(claims, inbox, outbox), daemon=True, name="pledgecard-print")
        self.proc.start()
        inbox.close()
        outbox.close()
        # Sent from a thread: the pipe only takes the cards as fast as the new process reads them.
        self._sender = threading.Thread(target=self._send, args=(chunks, templates, unprintable), daemon=True)
        self._sender.start()

    def _send(self, chunks: _Chunks, templates: dict[str, Template], unprintable: set[int]) -> None:
        try:
            self._outbox.send((templates, unprintable))
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
        if kind == "unprintable":  # (card, reason): the book is laid out again without it
            raise CardLayoutError(*value)
        if kind == "pages":  # (cards laid out so far, their pages)
            self.done, more = value
            self._sent.extend(more)
        elif kind == "done":
            self._sent.extend(value)
            self.part, self.done = self._sent, len(self._sent.cards)
        else:
            raise Fallback(f"worker {kind}: {value}")

    def poll(self) -> None:
        while self.part is None and self.conn.poll():
            self._take()

    def wait(self, tick: Callable[[], None]) -> Part:
        """The worker's part, once it has sent it; an empty one for a worker with no card to send."""
        while self.part is None:
            assert self.claims.worker is not None
            if self.claims.never_took(self.claims.worker):
                return Part([], [], {}, {})
            if self.conn.poll(0.05):
                self._take()
            elif not self.proc.is_alive() and not self.conn.poll():
                raise Fallback(f"worker ended (exit code {self.proc.exitcode})")
            tick()
        return self.part

    def close(self) -> bool:
        """End the worker (if it has not ended) and wait for it; False if it could not be ended."""
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join(5)
        if self.proc.exitcode is None:  # deaf to SIGTERM: it is no use to anyone now
            self.proc.kill()
            self.proc.join(5)
        self._sender.join(5)
        self.conn.close()
        if self.proc.exitcode is None:
            return False
        self.proc.close()
        return True


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
                title: str, author: str, invariant: bool, stats: PrintStats, unprintable: set[int],
                period: date | None = None) -> tuple[bytes, int] | None:
    """The book with `workers` worker processes: (PDF, pages), or None when it must be laid out alone.
    Cards in `unprintable` get a notice page instead of their body.

    Raises Cancelled as render_cards does, CardLayoutError when a card (laid out here or by a
    worker) cannot be laid out; the workers are stopped either way."""
    ctx = multiprocessing.get_context("spawn")  # as on Windows, and safe beside Qt's threads
    jobs: list[_Job] = []
    lock: Any = None
    _books.begin()
    try:
        try:
            lock = ctx.RLock()  # re-entered: a claim reads the array under its lock
            claims = Claims(ctx.Array("i", [0, len(ordered)] + [0] * workers, lock=lock))
            chunks = _Chunks(ordered, claims)
            for w in range(workers):
                jobs.append(_Job(ctx, claims.of_worker(w), chunks, templates, unprintable))
        except (OSError, ImportError, ValueError) as exc:  # no process or shared lock to be had here
            raise Fallback(f"no worker could be started: {exc!r}") from None

        def report(done: int, total: int) -> bool:
            for job in jobs:
                job.poll()
            return progress is None or progress(min(total, done + sum(j.done for j in jobs)), total) is not False

        state = RenderState(total_cards=len(ordered), progress=report, cover=True)
        mine = [0]  # how many cards this process has taken

        def lay_out(i: int) -> list[Flowable]:
            """Card i, then — when the next card is still free — a page break and that card (taken
            before this one is laid out: the pages end as the one-process book's do)."""
            out = book_card(state, ordered[i], templates, i, unprintable=unprintable)
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
            try:
                _add(canvas, ordered, mine[0], parts, state)
                stats.workers = sum(1 for part in parts if part.cards)
                stats.worker_cards = len(ordered) - mine[0]
            except Fallback:
                raise
            except Exception as exc:  # a part this process cannot use: one process gives the real answer
                raise Fallback(f"worker pages not added: {exc!r}") from exc

        state.merge = merge
        state.report(0)
        story = front_matter(state, list(ordered), templates, period)  # the 목차 and 총괄표 list every card
        story.append(More(start))
        return write_pdf(story, state, title, author, invariant), state.pages
    except Fallback as exc:
        log.warning("인쇄 작업 프로세스를 쓰지 못해 책자를 한 프로세스로 만듭니다: %s", exc)
        return None
    finally:
        ended = all([job.close() for job in jobs])
        _books.end(ended and _unlink_now(lock))
