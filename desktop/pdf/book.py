"""A book of cards: cover, 목차 (table of contents), 총괄표 (summary), then every card from a new page.

Cards come in natural 관리번호 order. The 목차's page numbers are drawn when the document is saved
(doc.DeferredCanvas), once every card's first page is known, so the book is laid out only once.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, TableStyle

from desktop.core.budget import find_budget
from desktop.core.dates import fmt_date
from desktop.core.listcols import FIGURE, column_text, count_text, list_columns, main_template
from desktop.core.model import Card
from desktop.core.numbers import format_amount
from desktop.core.templates import Template
from desktop.pdf import fonts, styles
from desktop.pdf.doc import Anchor, RenderState
from desktop.pdf.rltable import table as rl_table
from desktop.pdf.tables import allocate, measure
from desktop.pdf.text import para
from desktop.pdf.values import figure_value, placed_fields

SUMMARY_KEY = "summary"
TOC_KEY = "toc"
DASH = "-"


def card_key(i: int) -> str:
    return f"card{i}"


def running_label(card: Card, template: Template | None = None) -> str:
    """A page's "관리번호  제목" at its foot; without the number where the template prints it nowhere
    (a field placed nowhere is kept, not printed — SPEC §2.1)."""
    if template is not None and "number" not in placed_fields(template) and template.above_title != "number":
        return card.title.strip()
    return f"{card.number}  {card.title}".strip()


def _most_common(values: list[str]) -> str:
    vals = [v for v in values if v.strip()]
    return Counter(vals).most_common(1)[0][0] if vals else ""


def book_period(cards: list[Card], period: date | None = None) -> date | None:
    """The one 기준일 a book is of: the chosen period, else the latest 기준일 of its cards."""
    if period is not None:
        return period
    return max((c.base_date for c in cards if c.base_date is not None), default=None)


def apart(cards: list[Card], period: date | None) -> list[Card]:
    """The cards of another 기준일 than the book's (a card without one belongs to every period)."""
    return [c for c in cards if period is not None and c.base_date is not None and c.base_date != period]


def cover(cards: list[Card], templates: dict[str, Template] | None = None,
          period: date | None = None) -> list[Flowable]:
    orgs = list(dict.fromkeys(c.org.strip() for c in cards if c.org.strip()))
    title = _most_common([c.doc_title for c in cards]) or "공약사항 관리카드"
    out: list[Flowable] = [Spacer(1, 200)]
    if orgs:
        out.append(para(" · ".join(orgs), styles.cover_org))
    out.append(para(title, styles.cover_title))
    if period is not None:
        out.append(para(f"{fmt_date(period)} 現在", styles.cover_date))
    others = apart(cards, period)
    out.append(para(count_text(cards, templates or {}), styles.cover_date))
    if others:
        out.append(para(f"기준일이 다른 카드 {len(others)}건은 총괄표에 따로 적었습니다", styles.cover_note))
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


def summary(state: RenderState, cards: list[Card], templates: dict[str, Template], avail: float,
            period: date | None = None) -> list[Flowable]:
    """The 총괄표: the book's cards of its period with a 계 row (cards per 추진상황, 소요·투입 totals
    per unit — units never added together), then the cards of other 기준일 apart. Its columns are the
    template's list columns (SPEC §2.1), headed by the document's own words."""
    others = apart(cards, period)
    mine = [c for c in cards if c not in others]
    out: list[Flowable] = [Anchor(state, SUMMARY_KEY, "총괄표"), para("총 괄 표", _toc_head)]
    if mine:
        out.append(_summary_table(mine, templates, avail, total=True))
    if others:
        out.append(para(f"기준일이 다른 카드 ({len(others)}건)", _apart_head))
        out.append(_summary_table(others, templates, avail, dated=True))
    return out


_apart_head = ParagraphStyle("apart_head", parent=styles.heading, fontSize=11, spaceBefore=14, spaceAfter=6)
SPENT = "@spent"  # the 투입예산 column the pledge 총괄표 adds after 소요예산


def _amounts(cards: list[Card], templates: dict[str, Template]) -> list[tuple[str, Decimal | None]]:
    """Each card's (unit, 투입 total)."""
    out: list[tuple[str, Decimal | None]] = []
    for c in cards:
        b = find_budget(c, templates[c.template])
        out.append((b.unit if b is not None else "", b.amount(c, "secured") if b is not None else None))
    return out


def _per_unit(values: list[tuple[str, Decimal | None]]) -> str:
    """"27,420백만원" — or one sum per unit, never added across units ("1,000백만원 · 15,000천원")."""
    sums: dict[str, Decimal] = {}
    for unit, v in values:
        if v is not None:
            sums[unit] = sums.get(unit, Decimal(0)) + v
    return " · ".join(f"{format_amount(v)}{u}" for u, v in sums.items()) or DASH


def _summary_table(cards: list[Card], templates: dict[str, Template], avail: float, *, total: bool = False,
                   dated: bool = False) -> Flowable:
    main = main_template(cards, templates)
    columns = list_columns(main) if main is not None else []
    keys = [col.key for col in columns]
    head = [col.label for col in columns]
    align = [col.align for col in columns]
    pledge = main is not None and not main.list_columns  # the default pledge columns get 투입예산 too
    if pledge:
        keys.append(SPENT)
        head.append("투입예산")
        align.append("right")
    if dated:
        keys.append("base_date")
        head.append("기준일")
        align.append("center")
    amounts = _amounts(cards, templates) if pledge else [("", None)] * len(cards)
    rows = []
    for c, (unit, spent) in zip(cards, amounts, strict=True):
        t = templates[c.template]
        rows.append([(f"{format_amount(spent)}{unit}" if spent is not None else DASH) if k == SPENT
                     else column_text(c, t, k) for k in keys])
    if total and cards:
        counts = Counter(c.status.strip() or "미입력" for c in cards)
        figures = [figure_value(c, templates[c.template]) for c in cards]
        sums = {
            "number": "계", "title": f"{len(cards)}건",
            "status": "\n".join(f"{s} {n}" for s, n in counts.items()) if "status" in keys else "",
            FIGURE: _per_unit([(f.unit, f.total) for f in figures if f is not None]),
            SPENT: _per_unit(amounts),
        }
        row = [sums.get(k, "") for k in keys]
        if "number" not in keys:
            row[0] = "계"
        rows.append(row)
    nat = [0.0] * len(head)
    mins = [0.0] * len(head)
    for r in [head, *rows]:
        for j, v in enumerate(r):
            n, w = measure(v, styles.CELL, r is head)
            nat[j] = max(nat[j], n + 7)
            mins[j] = max(mins[j], w + 7)
    wide = keys.index("title") if "title" in keys else None
    if wide is not None:
        nat[wide] = max(nat[wide], avail * 0.35)
    widths = allocate(nat, mins, avail)
    pst = {"center": styles.cell_center, "left": styles.cell, "right": styles.cell_right}
    data: list[list[Any]] = [[para(h, styles.head_cell) for h in head]]
    data += [[para(v, pst[align[j]], bold=total and i == len(rows) - 1) for j, v in enumerate(r)]
             for i, r in enumerate(rows)]
    extra: list[tuple[Any, ...]] = []
    if total:
        extra = [("BACKGROUND", (0, -1), (-1, -1), styles.SHADE),
                 ("LINEABOVE", (0, -1), (-1, -1), styles.THICK * 0.8, styles.RULE)]
    return rl_table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle([
        styles.CELL_FONT,
        ("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE),
        ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), styles.HEAD_SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("TOPPADDING", (0, 0), (-1, -1), styles.VPAD + 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.VPAD + 1),
        *extra,
    ]))


def front_matter(state: RenderState, cards: list[Card], templates: dict[str, Template],
                 period: date | None = None) -> list[Flowable]:
    """Cover, 목차 and 총괄표 of a book of one period: `period` when chosen, else its latest 기준일."""
    period = book_period(cards, period)
    return [
        *cover(cards, templates, period), PageBreak(),
        *contents(state, cards), PageBreak(),
        *summary(state, cards, templates, styles.FRAME_W, period), PageBreak(),
    ]
