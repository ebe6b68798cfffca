"""The bundled Korean fonts (resources/fonts, OFL), registered once for ReportLab.

Only these files are ever embedded: system fonts and fonts installed with 한컴오피스 are never
looked up. Characters the Nanum fonts lack are replaced by the nearest shape they have, so nothing
prints as an empty box (❍ becomes ○ — the same outline level in SPEC §2).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.resources import resource_path

REGULAR = "NanumGothic"
BOLD = "NanumGothicBold"
FILES = {REGULAR: "NanumGothic.ttf", BOLD: "NanumGothicBold.ttf"}

# Shapes missing from Nanum Gothic → the closest glyph it has.
SUBSTITUTES = {
    "\u274d": "\u25cb",  # ❍ → ○
    "\u2027": "\u00b7",  # ‧ → ·
    "\u2219": "\u00b7",  # ∙ → ·
    "\u2610": "\u25a1",  # ☐ → □
    "\u2611": "\u25a0",  # ☑ → ■
    "\u2612": "\u25a0",  # ☒ → ■
    "\u2713": "\u221a",  # ✓ → √
    "\u2714": "\u221a",  # ✔ → √
    "\u279c": "\u2192",  # ➜ → →
    "\u2794": "\u2192",  # ➔ → →
    "\u27a1": "\u2192",  # ➡ → →
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

class _Widths(dict[str, int]):
    """Advance widths by character; a character the font lacks has the font's default width."""

    __slots__ = ("default",)

    def __init__(self, widths: dict[int, int], default: int) -> None:
        super().__init__((chr(k), v) for k, v in widths.items())
        self.default = default

    def __missing__(self, ch: str) -> int:
        return self.default


class _SubsetCache:
    """The embedded font subsets of the last documents, by their characters in order.

    Building a subset is pure Python (a tenth of a one-card print); printing the same card again —
    preview, then save or print — needs exactly the same subsets.
    """

    SIZE = 16

    def __init__(self, make: Callable[[list[int]], bytes]) -> None:
        self.make = make
        self.kept: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, subset: list[int]) -> bytes:
        key = tuple(subset)
        with self.lock:
            data = self.kept.get(key)
            if data is not None:
                self.kept.move_to_end(key)
                return data
        data = self.make(subset)
        with self.lock:
            self.kept[key] = data
            while len(self.kept) > self.SIZE:
                self.kept.popitem(last=False)
        return data


class FastTTFont(TTFont):  # type: ignore[misc]
    """A TTFont whose stringWidth runs at C speed without ReportLab's optional accelerator.

    Every paragraph line, cell and right-aligned string is measured, so this is the hottest call of
    a print. Same integer widths summed and scaled as ReportLab's own pure-Python version (so the
    same floats, the same layout), but by `sum(map(...))` over a str-keyed table instead of a
    generator calling ord() and dict.get per character.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths = _Widths(self.face.charWidths, self.face.defaultWidth)
        self.face.makeSubset = _SubsetCache(self.face.makeSubset)

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if not isinstance(text, str):
            text = text.decode(encoding or "utf8")
        return 0.001 * size * sum(map(self._widths.__getitem__, text))


_lock = threading.Lock()
_registered = False
_cmap: frozenset[int] = frozenset()
_table: dict[int, str] = {}


def register() -> None:
    """Register the bundled fonts with ReportLab (idempotent, thread-safe)."""
    global _registered, _cmap, _table
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file in FILES.items():
            path = resource_path("fonts", file)
            if not path.is_file():
                raise FileNotFoundError(f"글꼴 파일이 없습니다: '{path}' (프로그램 폴더가 손상되었습니다)")
            pdfmetrics.registerFont(FastTTFont(name, str(path)))
        # <b> inside a paragraph resolves to the bold file, never to a built-in Helvetica.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        font = pdfmetrics.getFont(REGULAR)
        _cmap = frozenset(font.face.charToGlyph)
        _table = {ord(k): v for k, v in SUBSTITUTES.items()}
        _registered = True


def covered(ch: str) -> bool:
    register()
    return ord(ch) in _cmap


def printable(text: str) -> str:
    """Text as it can print: control characters dropped, missing shapes substituted."""
    register()
    if not text:
        return ""
    text = _CONTROL.sub("", text.translate(_table))
    return text


def markup(text: str) -> str:
    """Plain text → paragraph markup: escaped, line breaks kept, runs of spaces kept visible."""
    s = escape(printable(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    if "  " in s:
        # Officers align with double spaces ("팀  장"); a no-break space keeps the second one.
        s = s.replace("  ", " \u00a0")
    return s.replace("\n", "<br/>")


_widths: dict[tuple[str, float, bool], float] = {}


def width(text: str, size: float, bold: bool = False) -> float:
    """Printed width of `text` in points. Kept per (text, size, weight): tables measure every cell
    at every size they try, and a book repeats the same labels and numbers card after card."""
    key = (text, size, bold)
    w = _widths.get(key)
    if w is None:
        register()
        if len(_widths) > 100_000:
            _widths.clear()
        w = _widths[key] = float(pdfmetrics.stringWidth(printable(text), BOLD if bold else REGULAR, size))
    return w
