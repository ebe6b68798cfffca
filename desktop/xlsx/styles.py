"""Fonts, borders, fills and number formats of the submission workbook (one shared set of objects,
so openpyxl keeps a handful of styles however many cells there are)."""

from __future__ import annotations

import re
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray

FONT_NAME = "맑은 고딕"

BODY = Font(name=FONT_NAME, size=10)
BOLD = Font(name=FONT_NAME, size=10, bold=True)
TITLE = Font(name=FONT_NAME, size=16, bold=True)
HEADING = Font(name=FONT_NAME, size=11, bold=True)
SMALL = Font(name=FONT_NAME, size=9)
META = Font(name=FONT_NAME, size=8, color="808080")
RED = Font(name=FONT_NAME, size=10, color="C00000", bold=True)

_thin = Side(style="thin", color="000000")
THIN = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
NONE = Border()

LABEL_FILL = PatternFill("solid", fgColor="EDEDED")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
RED_FILL = PatternFill("solid", fgColor="FFC7CE")

LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
RIGHT_PLAIN = Alignment(horizontal="right", vertical="center")
TOP_RIGHT = Alignment(horizontal="right", vertical="top", wrap_text=True)


def set_default_font(workbook: Any) -> None:
    """The workbook's default font (its Normal style) is the sheets' 맑은 고딕 10: Excel and LibreOffice
    turn column widths, given in characters of the default font, into points by it — with Calibri,
    which an office's LibreOffice may lack, the sheet printed wider and smaller than its page breaks
    were reckoned for (card_pages)."""
    from openpyxl.utils.indexed_list import IndexedList

    workbook._fonts = IndexedList([BODY])
    workbook._named_styles["Normal"].font = BODY


def indent(level: int) -> Alignment:
    return Alignment(horizontal="left", vertical="top", wrap_text=True, indent=level)


INDENTS = [indent(level) for level in range(5)]  # outline lines by level (one object each: cache keys)


def amount_format(places: int, zero_dash: bool = False) -> str:
    """#,##0 with the value's own decimals (9.6 shows 9.6), negatives as Korean tables write them (△12).

    zero_dash: a computed total of nothing shows "-" as the card prints it.
    """
    base = "#,##0" + ("." + "0" * places if places > 0 else "")
    fmt = f"{base};△{base}"
    return fmt + ';"-"' if zero_dash else fmt


PERCENT = '0"%"'
RATIO = '0.0%;△0.0%;"-"'
COUNT = '#,##0;△#,##0;"-"'
DATE = "yyyy. m. d."

_PLACES = re.compile(r"\.(0+)")


def format_places(number_format: str) -> int:
    """Decimals a number format shows in its positive section ("#,##0.0;…" → 1, "General" → 0)."""
    first = number_format.split(";", 1)[0]
    m = _PLACES.search(first)
    return len(m.group(1)) if m else 0


class StyleCache:
    """Style arrays per workbook, made once per look through openpyxl (on a scratch cell) and then
    shared: openpyxl hashes style objects on every assignment otherwise, most of a large export's time."""

    def __init__(self, workbook: Any) -> None:
        from openpyxl.cell.cell import Cell

        self.workbook = workbook
        self._scratch_sheet = workbook.worksheets[0]
        self._cell = Cell
        self._arrays: dict[tuple[int, int, int, int, str], StyleArray] = {}
        self._quoted: dict[int, StyleArray] = {}
        self._ids: dict[tuple[int, ...], int] = {}
        self._by_object: dict[int, tuple[StyleArray, int]] = {}
        self._attrs: dict[tuple[int, int, bool, int, str], tuple[str, str]] = {}

    def array(self, font: Font = BODY, align: Alignment = LEFT, border: Border | None = None,
              fill: PatternFill | None = None, number_format: str = "") -> StyleArray:
        key = (id(font), id(align), id(border), id(fill), number_format)
        arr = self._arrays.get(key)
        if arr is None:
            cell = self._cell(self._scratch_sheet, row=1, column=1)  # not placed in the sheet
            cell.font = font
            cell.alignment = align
            if border is not None:
                cell.border = border
            if fill is not None:
                cell.fill = fill
            if number_format:
                cell.number_format = number_format
            arr = self._arrays[key] = StyleArray(cell._style)
        return arr

    def apply(self, cell: Any, font: Font = BODY, align: Alignment = LEFT, border: Border | None = None,
              fill: PatternFill | None = None, number_format: str = "") -> StyleArray:
        arr = self.array(font, align, border, fill, number_format)
        cell._style = StyleArray(arr)
        return arr

    def attrs(self, font: Font, align: Alignment, border: bool, fill: PatternFill | None,
              number_format: str = "") -> tuple[str, str]:
        """The s="…" attribute of a cell of this look, plain and with the quote prefix."""
        key = (id(font), id(align), border, id(fill), number_format)
        hit = self._attrs.get(key)
        if hit is None:
            arr = self.array(font, align, THIN if border else None, fill, number_format)
            plain, quoted = self.style_id(arr), self.style_id(self.quoted(arr))
            hit = self._attrs[key] = (f' s="{plain}"' if plain else "", f' s="{quoted}"')
        return hit

    def quoted(self, arr: StyleArray) -> StyleArray:
        """The same look with the quote prefix (text that must never become a formula)."""
        q = self._quoted.get(id(arr))
        if q is None:
            q = StyleArray(arr)
            q.quotePrefix = 1
            self._quoted[id(arr)] = q
            self._quoted[id(q)] = q
        return q

    def style_id(self, arr: StyleArray) -> int:
        """The index written as s="…" (what openpyxl's own writer does with cell.style_id)."""
        hit = self._by_object.get(id(arr))
        if hit is not None and hit[0] is arr:
            return hit[1]
        key = tuple(arr)
        sid = self._ids.get(key)
        if sid is None:
            sid = self._ids[key] = self.workbook._cell_styles.add(arr)
        self._by_object[id(arr)] = (arr, sid)
        return sid


_CACHES: WeakKeyDictionary[Any, StyleCache] = WeakKeyDictionary()


def cache_for(workbook: Any) -> StyleCache:
    cache = _CACHES.get(workbook)
    if cache is None:
        cache = _CACHES[workbook] = StyleCache(workbook)
    return cache
