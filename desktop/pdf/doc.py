"""The document: A4 frame, "x / y" page numbers, bookmarks, and drawing deferred to the end.

The canvas keeps each finished page and replays them in save(): only then is the page total known
(for "3 / 12") and where each card starts (for the table of contents). One layout pass, no
multiBuild: pages are laid out once and completed at the end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from desktop.pdf import fonts, styles
from desktop.pdf.fastcanvas import FastCanvas

# Compressed streams stay binary: ASCII85 on top of zlib costs time (in pure Python) and 25 % size.
rl_config.useA85 = 0

Progress = Callable[[int, int], bool]
Deferred = Callable[[Canvas], None]


class Cancelled(Exception):
    """The progress callback returned False: nothing was written."""


class CardLayoutError(Exception):
    """Card `card` (its index in the story) cannot be laid out: something of it is taller than a page
    and cannot be split (ReportLab's LayoutError, `reason`)."""

    def __init__(self, card: int, reason: str) -> None:
        super().__init__(card, reason)
        self.card = card
        self.reason = reason


@dataclass
class RenderState:
    total_cards: int = 1
    progress: Progress | None = None
    starts: dict[str, int] = field(default_factory=dict)  # anchor key → page where it starts
    running: dict[int, str] = field(default_factory=dict)  # page → footer label (관리번호) from that page on
    deferred: dict[int, list[Deferred]] = field(default_factory=lambda: defaultdict(list))
    outline: list[tuple[str, str, int]] = field(default_factory=list)  # (title, key, level) in order
    pages: int = 0
    card: int | None = None  # the card being laid out (its Anchor was the last one drawn)
    cover: bool = False  # page 1 is a cover: no page number on it
    # Called at save, before any page is finished: adds the pages other processes laid out (parallel.py).
    merge: Callable[[DeferredCanvas], None] | None = None
    end: tuple[int, float] = (0, 0.0)  # the page where the story ended (End), and the room left on it

    def report(self, done: int) -> None:
        if self.progress is not None and self.progress(done, self.total_cards) is False:
            raise Cancelled()


class DeferredCanvas(FastCanvas):
    def __init__(self, *args: Any, state: RenderState, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.state = state
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        if self.state.merge is not None:
            self.state.merge(self)
        total = len(self._saved)
        self.state.pages = total
        outline_at: dict[str, int] = dict(self.state.starts)
        marks: dict[int, list[str]] = defaultdict(list)
        for key, p in outline_at.items():
            marks[p].append(key)
        label = ""
        for i, page in enumerate(self._saved, start=1):
            self.__dict__.update(page)
            label = self.state.running.get(i, label)
            if not (self.state.cover and i == 1):
                self._footer(i, total, label)
            for fn in self.state.deferred.get(i, []):
                fn(self)
            for key in marks.get(i, ()):
                self.bookmarkPage(key, fit="XYZ", top=styles.PAGE[1])
            super().showPage()
        for title, key, level in self.state.outline:
            if key in outline_at:
                self.addOutlineEntry(fonts.printable(title), key, level=level)
        if self.state.outline:
            self.showOutline()
        super().save()

    def _footer(self, page: int, total: int, label: str) -> None:
        self.saveState()
        self.setFont(fonts.REGULAR, 8.5)
        self.setFillGray(0.25)
        self.drawCentredString(styles.PAGE[0] / 2, styles.FOOTER_Y, f"{page} / {total}")
        if label:
            self.setFont(fonts.REGULAR, 7.5)
            self.drawString(styles.MARGIN_X, styles.FOOTER_Y, fonts.printable(label))
        self.restoreState()


class Anchor(Flowable):  # type: ignore[misc]
    """Zero-size mark where a card (or a front-matter part) starts: records its page, reports progress."""

    def __init__(self, state: RenderState, key: str, title: str, running: str = "", done: int | None = None,
                 level: int = 0, card: int | None = None) -> None:
        super().__init__()
        self.state = state
        self.card = card
        self.key = key
        self.title = title
        self.running_label = running
        self.done = done
        self.level = level
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        page = self.canv.getPageNumber()
        if self.card is not None:
            self.state.card = self.card
        if self.key not in self.state.starts:
            self.state.starts[self.key] = page
            self.state.outline.append((self.title, self.key, self.level))
            self.state.running[page] = self.running_label
            if self.done is not None:
                self.state.report(self.done)


class End(Flowable):  # type: ignore[misc]
    """Zero-size mark at the end of a story: records how far down its last page the story reached."""

    def __init__(self, state: RenderState) -> None:
        super().__init__()
        self.state = state
        self.width = self.height = 0
        self._avail = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._avail = ah
        return 0, 0

    def draw(self) -> None:
        self.state.end = (self.canv.getPageNumber(), float(self._avail))


class More(Flowable):  # type: ignore[misc]
    """Zero-size mark at the end of a story still being written: when layout reaches it, `fill()`
    gives what takes its place (ending with another More to go on; nothing ends the story). Lets a
    process decide card by card whether the next card is still its to lay out (parallel.py)."""

    locChanger = True  # never drawn into a keep-with-next group: it must reach the document itself

    def __init__(self, fill: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.fill = fill
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    state: RenderState | None = None

    def filterFlowables(self, flowables: list[Any]) -> None:
        if isinstance(flowables[0], More):
            flowables[0:1] = flowables[0].fill() or [None]  # None: ReportLab drops it

    def handle_flowable(self, flowables: list[Any]) -> None:
        try:
            super().handle_flowable(flowables)
        except LayoutError as exc:  # too large for an empty page, and it cannot be split
            if self.state is None or self.state.card is None:
                raise
            raise CardLayoutError(self.state.card, str(exc)) from None


def make_doc(out: str | BinaryIO, *, title: str, author: str, subject: str = "",
             invariant: bool = False, scale: float = 1.0) -> BaseDocTemplate:
    """The A4 document. `scale` < 1 prints every page slightly smaller (a frame 1/scale as large,
    drawn scaled): how a card whose last page would hold a few lines gets onto one page less."""
    fonts.register()
    doc = _Doc(
        out, pagesize=styles.PAGE, leftMargin=styles.MARGIN_X, rightMargin=styles.MARGIN_X,
        topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM,
        title=fonts.printable(title), author=fonts.printable(author), subject=fonts.printable(subject),
        creator="공약카드", producer="공약카드 (ReportLab)", initialFontName=fonts.REGULAR,
        initialFontSize=styles.BODY, initialLeading=styles.BODY * 1.4, invariant=int(invariant),
        pageCompression=1,
    )
    k = scale
    frame = Frame(doc.leftMargin / k, doc.bottomMargin / k, doc.width / k, doc.height / k, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    if k == 1.0:
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        return doc

    def begin(canv: Canvas, _doc: Any) -> None:
        canv.saveState()
        canv.scale(k, k)

    def end(canv: Canvas, _doc: Any) -> None:
        canv.restoreState()  # the footer is drawn at full size

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=begin, onPageEnd=end)])
    return doc


def build(doc: BaseDocTemplate, story: list[Flowable], state: RenderState,
          canvas_class: type[DeferredCanvas] | None = None) -> DeferredCanvas:
    """Lay out and write `story`; returns the canvas it was drawn on."""
    cls = canvas_class or DeferredCanvas
    made: list[DeferredCanvas] = []

    def maker(*args: Any, **kw: Any) -> DeferredCanvas:
        made.append(cls(*args, state=state, **kw))
        return made[-1]

    doc.state = state
    doc.build(story, canvasmaker=maker)
    return made[-1]


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """For the one-off reports (신·구 대조표, 공약 변경 현황): keeps each page until the end, then writes
    "n / N" centred at every foot, portrait or landscape."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self.setFont(fonts.REGULAR, 8.5)
            self.drawCentredString(self._pagesize[0] / 2, styles.FOOTER_Y, f"{self._pageNumber} / {total}")
            super().showPage()
        super().save()
