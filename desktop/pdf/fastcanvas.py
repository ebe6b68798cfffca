"""A ReportLab canvas that writes the same bytes with less Python per string, line and move.

ReportLab formats every number of every operator with fp_str and turns every string into PDF text
operators (subset lookup and escaping per character) in pure Python, each time it is drawn. A book
draws the same cell texts, labels and column positions thousands of times, so both are kept:

- numbers are formatted once per value (fp_str formats each argument on its own and joins them
  with a space, so a cache per value gives exactly its output);
- a string's text operators are kept per document: they only depend on the font, size, leading,
  the subset already selected and the text (once a character has its subset slot it keeps it).

Only the common cases are taken over (bottom-up canvas, no character/word spacing, no bidi or
shaping); everything else goes to ReportLab's own methods. The PDF is byte for byte the same.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen import textobject
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject


class _Numbers(dict[float, str]):
    def __missing__(self, v: float) -> str:
        s = self[v] = fp_str(v)
        return str(s)


_numbers = _Numbers()
_MAX_NUMBERS = 200_000


def fps(*values: float) -> str:
    """fp_str(*values), each value formatted once."""
    return " ".join(map(_numbers.__getitem__, values))


TextOps = dict[tuple[Any, ...], tuple[str, int]]


class _FastColor:
    """setFillColor for a plain RGB Color (every paragraph and cell sets one) without the type dispatch."""

    _code: list[str]
    _enforceColorSpace: Any

    def setFillColor(self, aColor: Any, alpha: float | None = None) -> None:
        if type(aColor) is not Color or self._enforceColorSpace:
            super().setFillColor(aColor, alpha)  # type: ignore[misc]
            return
        self._fillColorObj = aColor
        self._code.append(f"{fps(aColor.red, aColor.green, aColor.blue)} rg")
        a = alpha if alpha is not None else aColor.alpha
        if a is not None:
            self.setFillAlpha(a)  # type: ignore[attr-defined]


class FastTextObject(_FastColor, PDFTextObject):  # type: ignore[misc]
    def _formatText(self, text: Any) -> str:
        if type(text) is not str:  # shaped or bytes: ReportLab's own path
            return str(super()._formatText(text))
        cache: TextOps = self._canvas._text_ops
        subset: int = self._curSubset
        key = (self._fontname, self._fontsize, self._leading, subset, text)
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = (str(super()._formatText(text)), self._curSubset)
        else:
            self._curSubset = hit[1]
        return hit[0]

    def setTextOrigin(self, x: float, y: float) -> None:
        if not self._canvas.bottomup:
            super().setTextOrigin(x, y)
            return
        self._code.append(f"1 0 0 1 {fps(x, y)} Tm")
        self._x0 = self._x = x
        self._y0 = self._y = y


_state = itemgetter(*Canvas.STATE_ATTRIBUTES)


class FastCanvas(_FastColor, Canvas):  # type: ignore[misc]
    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._text_ops: TextOps = {}
        if len(_numbers) > _MAX_NUMBERS:
            _numbers.clear()

    def push_state_stack(self) -> None:  # every flowable is drawn between saveState and restoreState
        self.state_stack.append(dict(zip(self.STATE_ATTRIBUTES, _state(self.__dict__), strict=True)))
        self._extgstate = self._extgstate.pushCopy()

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        return FastTextObject(self, x, y, direction=direction)

    def _plain(self, *extra: Any) -> bool:
        """Whether a draw*String call is the plain case taken over here."""
        return self.bottomup and not textobject.rtlSupport and not any(extra)

    def _line(self, x: float, y: float, text: str) -> None:
        """What beginText(x, y); textLine(text); drawText() appends, without the text object."""
        key = (self._fontname, self._fontsize, self._leading, -1, text)
        hit = self._text_ops.get(key)
        ops = hit[0] if hit is not None else FastTextObject(self)._formatText(text)
        self._code.append(f"BT 1 0 0 1 {fps(x, y)} Tm {ops} T* ET")

    def drawString(self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0,
                   direction: Any = None, wordSpace: Any = None, shaping: bool = False) -> None:
        if mode is None and type(text) is str and self._plain(charSpace, direction, wordSpace, shaping):
            self._line(x, y, text)  # ReportLab measures the text here and throws the width away
            return
        super().drawString(x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def drawRightString(self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0,
                        direction: Any = None, wordSpace: Any = None, shaping: bool = False) -> None:
        if mode is None and type(text) is str and self._plain(charSpace, direction, wordSpace, shaping):
            self._line(x - self.stringWidth(text, self._fontname, self._fontsize), y, text)
            return
        super().drawRightString(x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def drawCentredString(self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0,
                          direction: Any = None, wordSpace: Any = None, shaping: bool = False) -> None:
        if mode is None and type(text) is str and self._plain(charSpace, direction, wordSpace, shaping):
            self._line(x - 0.5 * self.stringWidth(text, self._fontname, self._fontsize), y, text)
            return
        super().drawCentredString(x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._code.append(f"n {fps(x1, y1)} m {fps(x2, y2)} l S")

    def transform(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        code = self._code
        if code and code[-1][-3:] == " cm":  # merged into the previous matrix: ReportLab's way
            super().transform(a, b, c, d, e, f)
            return
        if rl_canvas.ENABLE_TRACKING:
            a0, b0, c0, d0, e0, f0 = self._currentMatrix
            self._currentMatrix = (a0 * a + c0 * b, b0 * a + d0 * b, a0 * c + c0 * d, b0 * c + d0 * d,
                                   a0 * e + c0 * f + e0, b0 * e + d0 * f + f0)
        code.append(f"{fps(a, b, c, d, e, f)} cm")
