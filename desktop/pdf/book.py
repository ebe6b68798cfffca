"""A book of cards: cover, 목차 (table of contents), 총괄표 (summary), then every card from a new page.

Cards come in natural 관리번호 order. The 목차's page numbers are drawn when the document is saved
(doc.DeferredCanvas), once every card's first page is known, so the book is laid out only once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, TableStyle

from desktop.core.dates import fmt_date
from desktop.core.listcols import column_text, count_text, list_columns, main_template
from desktop.core.model import Card
from desktop.core.templates import Template
from desktop.pdf import fonts, styles
from desktop.pdf.doc import Anchor, RenderState
from desktop.pdf.rltable import table as rl_table
from desktop.pdf.tables import allocate, measure
from desktop.pdf.text import para

SUMMARY_KEY = "summary"
TOC_KEY = "toc"
DASH = "-"


def card_key(i: int) -> str:
    return f"card{i}"


def running_label(card: Card) -> str:
    return f"{card.number}  {card.title}".strip()


def _most_common(values: list[str]) -> str:
    vals = [v for v in values if v.strip()]
    return Counter(vals).most_common(1)[0][0] if vals else ""


def cover(cards: list[Card], templates: dict[str, Template] | None = None) -> list[Flowable]:
    orgs = list(dict.fromkeys(c.org.strip() for c in cards if c.org.strip()))
    title = _most_common([c.doc_title for c in cards]) or "공약사항 관리카드"
    dates = sorted({c.base_date for c in cards if c.base_date is not None})
    out: list[Flowable] = [Spacer(1, 200)]
    if orgs:
        out.append(para(" · ".join(orgs), styles.cover_org))
    out.append(para(title, styles.cover_title))
    if len(dates) == 1:
        out.append(para(f"{fmt_date(dates[0])} 現在", styles.cover_date))
    elif dates:
        out.append(para(f"기준일 {fmt_date(dates[0])} ~ {fmt_date(dates[-1])}", styles.cover_date))
    out.append(para(count_text(cards, templates or {}), styles.cover_date))
    return out


_toc_num = ParagraphStyle("toc_num", parent=styles.body, fontSize=10, leading=15)
_toc_title = ParagraphStyle("toc_title", parent=styles.body, fontSize=10, leading=15)
_toc_head = ParagraphStyle("toc_head", parent=styles.heading, fontSize=15, spaceBefore=0, spaceAfter=10)


class TocEntry(Flowable):  # type: ignore[misc]
    """One line of the 목차: 관리번호, title (wrapping), leader dots, and the page number at save time."""

    PAGE_W = 30.0

    def __init__(self, state: RenderState, key: str, number: str, title: str, num_w: float) -> None:
        super().__init__()
        self.state = state
        self.key = key
        self.num = Paragraph(fonts.markup(number), _toc_num)
        self.title = Paragraph(fonts.markup(title), _toc_title)
        self.num_w = num_w
        self._aw = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        tw = aw - self.num_w - self.PAGE_W - 6
        _, h1 = self.num.wrap(self.num_w - 4, ah)
        _, h2 = self.title.wrap(tw, ah)
        self.width, self.height = aw, max(h1, h2) + 2
        return self.width, self.height

    def _last_line_end(self) -> float:
        try:
            lines = self.title.blPara.lines
            last = lines[-1]
            used = self.title.width - (last[0] if isinstance(last, tuple) else last.extraSpace)
            return self.num_w + float(used) + 4
        except (AttributeError, IndexError, TypeError):
            return self._aw - self.PAGE_W

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y, _sW)
        page = canvas.getPageNumber()
        right = x + self._aw
        base = y + 2 + (_toc_title.leading - _toc_title.fontSize)
        lead_from = x + self._last_line_end()
        key, state = self.key, self.state

        def draw_number(c: Canvas) -> None:
            target = state.starts.get(key)
            if target is None:
                return
            c.saveState()
            c.setFont(fonts.REGULAR, 10)
            text = str(target)
            c.drawRightString(right, base, text)
            c.setFillGray(0.55)
            dots_to = right - fonts.width(text, 10) - 4
            if dots_to - lead_from > 8:
                n = int((dots_to - lead_from) / fonts.width(" ·", 8))
                c.setFont(fonts.REGULAR, 8)
                c.drawRightString(dots_to, base, " ·" * n)
            c.restoreState()

        state.deferred[page].append(draw_number)
        canvas.linkRect("", key, (x, y, x + self._aw, y + self.height), relative=0)

    def draw(self) -> None:
        self.num.drawOn(self.canv, 0, self.height - 2 - self.num.height)
        self.title.drawOn(self.canv, self.num_w, self.height - 2 - self.title.height)


def contents(state: RenderState, cards: list[Card]) -> list[Flowable]:
    out: list[Flowable] = [Anchor(state, TOC_KEY, "목차"), para("목  차", _toc_head)]
    num_w = max([measure(c.number, 10)[0] for c in cards] + [measure("총괄표", 10)[0]]) + 14
    num_w = min(num_w, styles.FRAME_W * 0.25)
    out.append(TocEntry(state, SUMMARY_KEY, "", "총괄표", num_w))
    for i, c in enumerate(cards):
        out.append(TocEntry(state, card_key(i), c.number, c.title or "(제목 없음)", num_w))
    return out


def summary(state: RenderState, cards: list[Card], templates: dict[str, Template], avail: float) -> list[Flowable]:
    main = main_template(cards, templates)
    columns = list_columns(main) if main is not None else []
    head = [c.label for c in columns]
    rows = []
    for c in cards:
        t = templates[c.template]
        rows.append([column_text(c, t, col.key) for col in columns])
    nat = [0.0] * len(head)
    mins = [0.0] * len(head)
    for r in [head, *rows]:
        for j, v in enumerate(r):
            n, w = measure(v, styles.CELL, r is head)
            nat[j] = max(nat[j], n + 7)
            mins[j] = max(mins[j], w + 7)
    wide = next((j for j, col in enumerate(columns) if col.key == "title"), None)
    if wide is not None:
        nat[wide] = max(nat[wide], avail * 0.45)
    widths = allocate(nat, mins, avail)
    align = [col.align for col in columns]
    pst = {"center": styles.cell_center, "left": styles.cell, "right": styles.cell_right}
    data: list[list[Any]] = [[para(h, styles.head_cell) for h in head]]
    data += [[para(v, pst[align[j]]) for j, v in enumerate(r)] for r in rows]
    t = rl_table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle([
        styles.CELL_FONT,
        ("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE),
        ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), styles.HEAD_SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("TOPPADDING", (0, 0), (-1, -1), styles.VPAD + 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.VPAD + 1),
    ]))
    return [Anchor(state, SUMMARY_KEY, "총괄표"), para("총 괄 표", _toc_head), t]


def front_matter(state: RenderState, cards: list[Card], templates: dict[str, Template]) -> list[Flowable]:
    return [
        *cover(cards, templates), PageBreak(),
        *contents(state, cards), PageBreak(),
        *summary(state, cards, templates, styles.FRAME_W), PageBreak(),
    ]
