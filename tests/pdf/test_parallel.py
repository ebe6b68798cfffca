"""A book laid out with worker processes is the book one process writes, byte for byte; a worker
that fails, declines, dies or is cancelled never costs a page."""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from desktop.core.cardfile import read_cards
from desktop.core.model import Card, Photo
from desktop.core.templates import TemplateRegistry
from desktop.pdf import Cancelled, PrintStats, fonts, parallel, render_cards, worker
from desktop.pdf.doc import RenderState
from tests.foreign import write_seongdong
from tests.pdf.helpers import STEMS, child_processes, page_texts, registry, sample


def _image(mode: str, fmt: str, colour: tuple[int, ...]) -> bytes:
    buf = io.BytesIO()
    PILImage.new(mode, (64, 48), colour).save(buf, fmt)
    return buf.getvalue()


PNG = _image("RGB", "PNG", (200, 30, 30))
PNG_ALPHA = _image("RGBA", "PNG", (30, 30, 200, 128))  # drawn with a soft mask: two image objects
JPEG = _image("RGB", "JPEG", (30, 160, 30))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Card], TemplateRegistry, bytes]:
    """Sample cards three times over, the temporary-folder template's card, and photos — the same
    photo on cards laid out by different processes among them — with the one-process PDF."""
    tfile, cfile = write_seongdong(tmp_path_factory.mktemp("foreign"))
    reg = registry([tfile.parent])
    cards: list[Card] = []
    for k in range(3):
        for stem in STEMS:
            card = sample(stem, reg)
            card.number = f"{card.number}-{k}"
            card.title = f"{card.title} {k}번째"
            cards.append(card)
    cards += read_cards(cfile, reg)
    for k in range(3):  # last in 관리번호 order, so the workers draw photos too
        card = sample("geumjeong-2025-09-30-card-2-2-1", reg)
        card.number = f"99-{k}"
        cards.append(card)
    for i, card in enumerate(cards):
        block = card.block("photos")
        if block is not None:
            block.photos = [Photo(f"사진 {i}", PNG if i % 2 else JPEG), Photo("반투명", PNG_ALPHA),
                            Photo("빈 자리")]
    out = io.BytesIO()
    render_cards(cards, reg, out, workers=0, invariant=True)
    return cards, reg, out.getvalue()


MINE = 4  # cards this process takes before it leaves the rest to the workers (see _leave_the_rest)


def _leave_the_rest(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    """This process stops taking cards after MINE of them, so that the workers — which start later
    than a small book takes — lay out the rest. Returns (cards, pages, photos) of each worker's part
    as they are added to the document."""
    added: list[tuple[int, int, int]] = []
    real_front, real_add = worker.Claims.front, parallel._add

    def front(self: worker.Claims, i: int) -> bool:
        return i < MINE and real_front(self, i)

    def add(canvas: Any, ordered: Any, first: int, parts: list[worker.Part], state: RenderState) -> None:
        assert first == MINE
        added.extend((len(p.cards), len(p.pages), len(p.images)) for p in parts)
        real_add(canvas, ordered, first, parts, state)

    monkeypatch.setattr(worker.Claims, "front", front)
    monkeypatch.setattr(parallel, "_add", add)
    return added


@pytest.mark.parametrize("workers", [1, 3])
def test_workers_write_the_very_bytes_one_process_writes(
        book: tuple[list[Card], TemplateRegistry, bytes], workers: int, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    cards, reg, alone = book
    added = _leave_the_rest(monkeypatch)
    out = io.BytesIO()
    stats = PrintStats()
    pages = render_cards(cards, reg, out, workers=workers, invariant=True, stats=stats)
    assert len(added) == workers and sum(n for n, _, _ in added) == len(cards) - MINE
    assert stats.worker_cards == len(cards) - MINE and 1 <= stats.workers <= workers
    assert sum(images for _, _, images in added) >= 3, "photos (one with a soft mask) drawn by workers"
    assert not caplog.records
    assert out.getvalue() == alone
    assert pages > sum(n for _, n, _ in added)
    assert child_processes() == []  # the workers and multiprocessing's resource tracker have ended


def test_workers_left_with_nothing_to_do_are_no_failure(
        book: tuple[list[Card], TemplateRegistry, bytes], caplog: pytest.LogCaptureFixture) -> None:
    """A short book is all laid out here before the workers have started: they find no card left."""
    cards, reg, _ = book
    alone = io.BytesIO()
    render_cards(cards[:3], reg, alone, workers=0, invariant=True)
    out = io.BytesIO()
    stats = PrintStats()
    render_cards(cards[:3], reg, out, workers=2, invariant=True, stats=stats)
    assert out.getvalue() == alone.getvalue() and stats == PrintStats()
    assert not caplog.records


def test_the_default_book_reads_as_one_process_writes_it(
        book: tuple[list[Card], TemplateRegistry, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without `invariant` (as officers print) only the creation time and file id may differ."""
    cards, reg, _ = book
    added = _leave_the_rest(monkeypatch)
    together, alone = tmp_path / "together.pdf", tmp_path / "alone.pdf"
    render_cards(cards, reg, together, workers=2)
    assert added
    render_cards(cards, reg, alone, workers=0)
    assert page_texts(together) == page_texts(alone)
    assert together.stat().st_size == alone.stat().st_size


def test_progress_counts_every_card_once_and_cancel_stops_the_workers(
        book: tuple[list[Card], TemplateRegistry, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cards, reg, _ = book
    _leave_the_rest(monkeypatch)
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        assert total == len(cards)
        seen.append(done)
        return True

    render_cards(cards, reg, io.BytesIO(), progress=progress, workers=2)
    assert seen[0] == 0 and seen[-1] == len(cards) and seen == sorted(seen)

    path = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):  # while this process waits for the workers
        render_cards(cards, reg, path, progress=lambda done, total: done <= MINE, workers=2)
    assert not path.exists() and not list(tmp_path.iterdir())
    assert not multiprocessing.active_children() and child_processes() == []


# Workers that go wrong. They run in the new process: module level, so they can be found there.

def _dies(claims: worker.Claims, inbox: Connection, outbox: Connection) -> None:
    os._exit(3)


def _declines(claims: worker.Claims, inbox: Connection, outbox: Connection) -> None:
    inbox.recv()
    outbox.send(("declined", "시험"))


def _fails_late(claims: worker.Claims, inbox: Connection, outbox: Connection) -> None:
    inbox.recv()
    outbox.send(("pages", (0, worker.Part([], [], {}, {}))))
    raise RuntimeError("시험")


def _talks_nonsense(claims: worker.Claims, inbox: Connection, outbox: Connection) -> None:
    outbox.send(("weird", 1))


def _takes_a_card_and_leaves(claims: worker.Claims, inbox: Connection, outbox: Connection) -> None:
    claims.back()
    outbox.send(("done", worker.Part([], [], {}, {})))


def _sends_a_page_it_cannot_have(claims: worker.Claims, inbox: Connection, outbox: Connection) -> None:
    """Takes every card it can and answers with one page in a font the writing process has not got."""
    taken = []
    while (j := claims.back()) is not None:
        taken.append(j)
    page = {"_code": ["\x000\x00"], "_formsinuse": [], "_currentPageHasImages": 1}
    part = worker.Part([page], [(1, "NoSuchFont", 9.0, 10.0, "가")], {}, {j: (0, 1) for j in taken})
    outbox.send(("done", part))


@pytest.mark.parametrize("bad", [_dies, _declines, _fails_late, _talks_nonsense, _takes_a_card_and_leaves,
                                 _sends_a_page_it_cannot_have])
def test_a_worker_going_wrong_costs_time_not_pages(
        book: tuple[list[Card], TemplateRegistry, bytes], bad: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    cards, reg, alone = book
    _leave_the_rest(monkeypatch)
    monkeypatch.setattr(parallel, "_work", bad)
    out = io.BytesIO()
    with caplog.at_level(logging.WARNING, logger="desktop.pdf.parallel"):
        render_cards(cards, reg, out, workers=1, invariant=True)
    assert out.getvalue() == alone
    assert any("한 프로세스" in r.getMessage() for r in caplog.records)
    assert not multiprocessing.active_children() and child_processes() == []


def _starts_very_late(claims: worker.Claims, inbox: Connection, outbox: Connection) -> None:
    time.sleep(60)


def test_a_worker_that_has_not_started_when_the_book_is_done_is_not_waited_for(
        book: tuple[list[Card], TemplateRegistry, bytes], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """As on a PC where every new process is scanned for a while: the writing process lays out
    every card itself and does not wait for the worker to find out there is nothing left."""
    cards, reg, alone = book
    monkeypatch.setattr(parallel, "_work", _starts_very_late)
    out = io.BytesIO()
    started = time.monotonic()
    render_cards(cards, reg, out, workers=1, invariant=True)
    assert time.monotonic() - started < 30  # the worker sleeps 60 s
    assert out.getvalue() == alone and not caplog.records
    assert not multiprocessing.active_children() and child_processes() == []


@pytest.mark.parametrize("error", [OSError(11, "Resource temporarily unavailable"),
                                   ImportError("This platform lacks a functioning sem_open implementation")])
def test_a_pc_that_starts_no_process_still_prints(
        book: tuple[list[Card], TemplateRegistry, bytes], error: Exception, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    cards, reg, alone = book

    def refuse(*args: Any, **kw: Any) -> None:
        raise error

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", refuse)
    out = io.BytesIO()
    with caplog.at_level(logging.WARNING, logger="desktop.pdf.parallel"):
        render_cards(cards, reg, out, workers=2, invariant=True)
    assert out.getvalue() == alone
    assert any("한 프로세스" in r.getMessage() for r in caplog.records)


def _recording_canvas() -> worker.RecordingCanvas:
    fonts.register()
    return worker.RecordingCanvas(io.BytesIO(), state=RenderState(), initialFontName=fonts.REGULAR)


@pytest.mark.parametrize("draw", [
    lambda c: c.linkURL("https://example.invalid", (0, 0, 10, 10)),  # a link belongs to the document
    lambda c: (c.setFont("Helvetica", 10), c.drawString(10, 10, "abc")),  # a font that is not TrueType
    lambda c: (c.beginForm("f"), c.endForm()),  # a form XObject
])
def test_a_page_with_what_only_the_writer_can_draw_is_declined(draw: Any) -> None:
    c = _recording_canvas()
    c.setFont(fonts.REGULAR, 10)
    c.drawString(10, 10, "가나다")
    draw(c)
    c.showPage()
    with pytest.raises(worker.Declined):
        c.save()


def test_text_is_recorded_not_encoded_in_a_worker() -> None:
    c = _recording_canvas()
    c.setFont(fonts.REGULAR, 10)
    c.drawString(10, 10, "가나다")
    t = c.beginText(10, 30)
    t.setFont(fonts.BOLD, 9)
    t.textLine("라마바")
    c.drawText(t)
    c.showPage()
    c.save()
    assert c.part is not None and len(c.part.pages) == 1
    assert [r[1:] for r in c.part.records] == [(fonts.REGULAR, 10, 12.0, "가나다"), (fonts.BOLD, 9, 9 * 1.2, "라마바")]
    assert "\x000\x00" in "".join(c.part.pages[0]["_code"])
    assert c._doc.fontMapping == {}  # no subset was begun here


def test_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.ENV, raising=False)
    assert parallel.worker_count(parallel.MIN_CARDS - 1) == 0
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert parallel.worker_count(300) == 1
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: set(range(16)), raising=False)
    assert parallel.worker_count(300) == parallel.MAX_WORKERS
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert parallel.worker_count(300) == 0
    monkeypatch.setenv(parallel.ENV, "0")
    assert parallel.worker_count(300) == 0
    monkeypatch.setenv(parallel.ENV, "2")
    assert parallel.worker_count(3) == 2 and parallel.worker_count(2) == 1 and parallel.worker_count(1) == 0
    monkeypatch.setenv(parallel.ENV, "많이")  # not a number: the automatic count
    assert parallel.worker_count(300) == 0


@settings(max_examples=80, deadline=None)
@given(n=st.integers(0, 60), turns=st.lists(st.integers(0, 2), max_size=80))
def test_claims_give_every_card_to_exactly_one_process(n: int, turns: list[int]) -> None:
    """0: the writing process asks for its next card; 1, 2: worker 0 or 1 asks for one."""
    claims = worker.Claims(multiprocessing.get_context("spawn").Array("i", [0, n, 0, 0]))
    workers = [claims.of_worker(0), claims.of_worker(1)]
    front: list[int] = []
    back: list[list[int]] = [[], []]
    for who in [*turns, *[0] * (n + 1), 1, 2]:
        if who == 0:
            if claims.front(len(front)):
                front.append(len(front))
        elif (j := workers[who - 1].back()) is not None:
            back[who - 1].append(j)
    assert front == list(range(len(front)))
    assert sorted(front + back[0] + back[1]) == list(range(n))
    assert all(b == sorted(b, reverse=True) for b in back)
    assert claims.meeting() == len(front) and not claims.front(len(front))
    for w in (0, 1):
        assert workers[w].back() is None
        assert claims.never_took(w) == (not back[w])
