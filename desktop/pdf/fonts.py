"""The bundled Korean fonts (resources/fonts, OFL), registered once for ReportLab.

Only these files are ever embedded: system fonts and fonts installed with 한컴오피스 are never
looked up. Characters the Nanum fonts lack are replaced by the nearest shape they have, so nothing
prints as an empty box (❍ becomes ○ — the same outline level in SPEC §2).
"""

from __future__ import annotations

import re
import threading
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
            pdfmetrics.registerFont(TTFont(name, str(path)))
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


def width(text: str, size: float, bold: bool = False) -> float:
    register()
    return float(pdfmetrics.stringWidth(printable(text), BOLD if bold else REGULAR, size))
