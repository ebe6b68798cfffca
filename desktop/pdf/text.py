"""Paragraphs that break the Korean way, and the small flowables the card is made of.

Korean breaks between words (어절), as ReportLab does by default with wordWrap=None — never
'CJK', which breaks inside words. A word wider than the whole line (a long name in a narrow cell)
is cut by character at the line's edge (style.splitLongWords), so nothing leaves its cell.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from desktop.pdf import fonts, styles


class KPara(Paragraph):  # type: ignore[misc]
    """A paragraph that remembers its last wrap: tables and keep-with-next wrap the same cell at the
    same width several times, and the lines only depend on the width."""

    _memo: tuple[float, tuple[float, float]] | None = None
    _plain = False  # one fragment of plain text (para's fast path): may take the one-line shortcut

    def breakLines(self, width: Any) -> Any:
        if self._plain and isinstance(width, list) and not self.bulletText:
            one = self._one_line(float(width[0]))
            if one is not None:
                return one
        return super().breakLines(width)

    def _one_line(self, max_width: float) -> Any:
        """ReportLab's breakLines result for plain text that fits on one line — most labels, values
        and headings. The same arithmetic word by word, so the same floats; everything ReportLab
        does beyond that (hyphenation, cutting long words) only starts when a word does not fit,
        and then ReportLab's own method runs."""
        f = self.frags[0]
        st = self.style
        if (len(self.frags) != 1 or st.endDots or st.shaping or st.wordWrap or st.spaceShrinkage < 0
                or hasattr(f, "backColor") or hasattr(f, "cbDefn") or not hasattr(f, "text")):
            return None
        text = rl_paragraph.strip(f.text)
        if not text or "\xad" in text:
            return None
        words = rl_paragraph.split(text)
        name, size, enc = f.fontName, f.fontSize, self.encoding
        space = stringWidth(" ", name, size, enc)
        cur = -space
        for w in words:
            cur = cur + space + stringWidth(w, name, size, enc)
        if cur > max_width:
            return None
        self.height = 0
        self._width_max = cur if cur > 0 else 0
        self._splitLongWordCount = self._hyphenations = 0
        ascent, descent = getAscentDescent(name, size)
        return f.clone(kind=0, lines=[(max_width - cur, words)], ascent=ascent, descent=descent, fontSize=size)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        memo = self._memo
        if memo is not None and memo[0] == aw:
            self.width, self.height = memo[1]
            return memo[1]
        r = super().wrap(aw, ah)
        self._memo = (aw, (float(r[0]), float(r[1])))
        return r

    def split(self, aw: float, ah: float) -> list[Any]:
        self._memo = None
        return list(super().split(aw, ah))


_frags: dict[tuple[str, float, Any, bool], Any] = {}


def _frag(style: ParagraphStyle, bold: bool) -> Any:
    """The parsed fragment of a one-word paragraph in `style`: cloned for plain text, skipping the parser."""
    key = (style.fontName, float(style.fontSize), style.textColor, bold)
    f = _frags.get(key)
    if f is None:
        f = _frags[key] = Paragraph("<b>x</b>" if bold else "x", style).frags[0]
    return f


def para(text: str, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A paragraph of plain text (never markup: "<b>" prints as written)."""
    s = fonts.printable(text).replace("\t", " ").replace("\r", "")
    if "\n" in s or not s.strip():
        m = fonts.markup(text)
        return KPara(f"<b>{m}</b>" if bold and m else m, style)
    if "  " in s:
        s = s.replace("  ", " \u00a0")  # officers align with double spaces ("팀  장"): keep them visible
    s = s.strip()
    # ReportLab's XML parser is the slowest part of a paragraph; plain text needs none of it.
    p = KPara(s, style, frags=[_frag(style, bold).clone(text=s)])
    p._plain = True
    return p


def hanging(mark: str, text: str, style: ParagraphStyle, indent: float) -> Paragraph:
    """An outline line: the mark hangs in the margin, wrapped lines align with the text after it."""
    mark = fonts.printable(mark)
    if not mark:
        return para(text, _indented(style, indent, 0))
    hang = fonts.width(mark + " ", style.fontSize)
    return para(f"{mark} {text}", _indented(style, indent + hang, -hang))


_cache: dict[tuple[str, float, float], ParagraphStyle] = {}


def _indented(style: ParagraphStyle, left: float, first: float) -> ParagraphStyle:
    key = (style.name, round(left, 2), round(first, 2))
    st = _cache.get(key)
    if st is None:
        st = ParagraphStyle(f"{style.name}_{key[1]}_{key[2]}", parent=style, leftIndent=left, firstLineIndent=first)
        _cache[key] = st
    return st


class DatedLine(Flowable):  # type: ignore[misc]
    """An outline line with its date right-aligned on the last line (": 2025. 2. ~ 12.").

    The text wraps in the width left of the date, so the two never overlap; when the date would
    take most of the line it goes right-aligned on a line of its own.
    """

    GAP = 6.0

    def __init__(self, line: Flowable, date: str, style: ParagraphStyle, _date_para: Flowable | None = None,
                 column: float = 0.0) -> None:
        super().__init__()
        self.line = line
        self.date_text = date
        self.style = style
        self.column = column
        own = fonts.width(date, styles.date_right.fontSize) + 1
        # In a column of dates (column > 0) the date is left-aligned in it, so the colons line up.
        self.date = _date_para or (Line("", date, styles.date_right, 0) if column >= own
                                   else Line("", date, styles.date_right, 0, align="right"))
        self.date_w = max(own, column)
        self._own_line = False
        self._aw = 0.0
        self._lh = 0.0
        self._dh = 0.0

    def _text_width(self, aw: float) -> float:
        self._own_line = self.date_w + self.GAP > aw * 0.5
        return aw if self._own_line else aw - self.date_w - self.GAP

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        _, self._lh = self.line.wrap(self._text_width(aw), ah)
        _, self._dh = self.date.wrap(min(aw, self.date_w) if not self._own_line else aw, ah)
        h = self._lh + self._dh if self._own_line else max(self._lh, self._dh)
        self.width, self.height = aw, h
        return aw, h

    def draw(self) -> None:
        c = self.canv
        if self._own_line:
            self.line.drawOn(c, 0, self._dh)
            self.date.drawOn(c, 0, 0)
            return
        self.line.drawOn(c, 0, self.height - self._lh)
        # Same leading as the text: a one-line paragraph at the bottom shares the last baseline.
        self.date.drawOn(c, self._aw - self.date_w, 0)

    def split(self, aw: float, ah: float) -> list[Any]:
        parts = self.line.split(self._text_width(aw), ah)
        if len(parts) < 2:
            return []
        return [parts[0], DatedLine(parts[1], self.date_text, self.style, self.date, self.column)]

    def getSpaceBefore(self) -> float:
        return float(self.line.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.line.getSpaceAfter())


class FramedBox(Flowable):  # type: ignore[misc]
    """The empty frame of a photo not yet added (the caption prints under it)."""

    def __init__(self, w: float, h: float) -> None:
        super().__init__()
        self.width, self.height = w, h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setLineWidth(styles.THIN)
        self.canv.setStrokeColor(styles.RULE)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class Shifted(Flowable):  # type: ignore[misc]
    """A flowable laid out `dx` points in from the left (an inline table under its outline line)."""

    def __init__(self, inner: Flowable, dx: float) -> None:
        super().__init__()
        self.inner = inner
        self.dx = dx
        self.keepWithNext = getattr(inner, "keepWithNext", 0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w, h = self.inner.wrap(aw - self.dx, ah)
        self.width, self.height = w + self.dx, h
        return self.width, h

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.dx, 0)

    def split(self, aw: float, ah: float) -> list[Any]:
        return [Shifted(p, self.dx) for p in self.inner.split(aw - self.dx, ah)]

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())


class Line(Flowable):  # type: ignore[misc]
    """One outline line drawn directly when it fits on one line (most do) — ReportLab's paragraph
    machinery costs ten times more — and a hanging paragraph otherwise."""

    def __init__(self, mark: str, text: str, style: ParagraphStyle, indent: float, align: str = "left") -> None:
        super().__init__()
        self.mark = fonts.printable(mark)
        self.text = fonts.printable(text).replace("\t", " ").strip()
        self.style = style
        self.indent = indent
        self.align = align
        self.hang = fonts.width(self.mark + " ", style.fontSize) if self.mark else 0.0
        self._tw = fonts.width(self.text, style.fontSize, style.fontName == fonts.BOLD)
        self._p: Paragraph | None = None
        self.keepWithNext = 0

    def _para(self) -> Paragraph:
        if self._p is None:
            if self.align == "right":
                self._p = para(self.text, self.style)
            else:
                self._p = hanging(self.mark, self.text, self.style, self.indent)
            self._p.keepWithNext = self.keepWithNext
        return self._p

    def _fits(self, aw: float) -> bool:
        return "\n" not in self.text and self.indent + self.hang + self._tw <= aw - 0.01

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if self._fits(aw):
            self.width, self.height = aw, float(self.style.leading)
            return self.width, self.height
        w, h = self._para().wrap(aw, ah)
        self.width, self.height = w, h
        return w, h

    def draw(self) -> None:
        if not self._fits(self.width):
            self._para().drawOn(self.canv, 0, 0)
            return
        c = self.canv
        st = self.style
        y = st.leading - st.fontSize  # the first baseline of a paragraph of this style
        c.setFont(st.fontName, st.fontSize)
        c.setFillColor(st.textColor)
        if self.align == "right":
            c.drawRightString(self.width, y, self.text)
            return
        if self.mark:
            c.drawString(self.indent, y, self.mark)
        c.drawString(self.indent + self.hang, y, self.text)

    def split(self, aw: float, ah: float) -> list[Any]:
        if self._fits(aw):
            return []
        return list(self._para().split(aw, ah))

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)


class Lead(Flowable):  # type: ignore[misc]
    """Lines that lead into a table (an outline line, the unit line) kept with its first rows only.

    Kept together whole (keepWithNext), a long table and its line move to the next page and leave a
    hole; here the table splits, its header rows repeated, as long as the lines and the header and
    a first row fit where they are — otherwise everything moves on together.
    """

    def __init__(self, lead: list[Flowable], table: Flowable) -> None:
        super().__init__()
        self.lead = lead
        self.table = table
        self._heights: list[float] = []
        self._aw = 0.0
        self._th = 0.0

    def _lead_height(self, aw: float, ah: float) -> float:
        self._heights = [float(f.wrap(aw, ah)[1]) for f in self.lead]
        gaps = sum(float(f.getSpaceBefore()) for f in self.lead[1:])
        gaps += sum(float(f.getSpaceAfter()) for f in self.lead)
        return sum(self._heights) + gaps

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        lead = self._lead_height(aw, ah)
        _, th = self.table.wrap(aw, max(ah - lead, 0))
        self._th = float(th)
        self.width, self.height = aw, lead + self._th + float(self.table.getSpaceBefore())
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        lead = self._lead_height(aw, ah)
        room = ah - lead - float(self.table.getSpaceBefore())
        if room <= 0:
            return []
        parts = self.table.split(aw, room)
        if len(parts) < 2:
            return []
        plain = list(self.lead)
        for f in plain:
            f.keepWithNext = 0
        return [*plain, *parts]

    def draw(self) -> None:
        y = self.height
        for i, f in enumerate(self.lead):
            if i:
                y -= float(f.getSpaceBefore())
            y -= self._heights[i]
            f.drawOn(self.canv, 0, y)
            y -= float(f.getSpaceAfter())
        y -= float(self.table.getSpaceBefore())
        self.table.drawOn(self.canv, 0, y - self._th)

    def getSpaceBefore(self) -> float:
        return float(self.lead[0].getSpaceBefore()) if self.lead else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.table.getSpaceAfter())
