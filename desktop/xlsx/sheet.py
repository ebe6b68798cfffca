"""Cell-level helpers for writing and reading a card sheet (styles, merges, text, amounts)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.numbers import NumberError, decimal_places, parse_amount, plain
from desktop.xlsx import styles
from desktop.xlsx.errors import Problem, WorkbookError
from desktop.xlsx.layout import FIRST_COL, KEY_COL, marker
from desktop.xlsx.package import RawCell, RawSheet
from desktop.xlsx.safety import MAX_CELL_TEXT, escape, needs_quote, unescape
from desktop.xlsx.sheetxml import COLS, SheetParts, formula_xml, inline_xml, number_xml
from desktop.xlsx.values import excel_number, from_number

COL_WIDTH = 9.5  # characters; column B is a little wider for labels
FIRST_WIDTH = 12.5


def addr(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def display_width(text: str) -> int:
    """Columns the text takes: two for a Hangul or other wide character (a close, fast estimate)."""
    return (len(text.encode("utf-8")) + len(text)) // 2


class FastSheet:
    """A sheet's cells written straight as worksheet XML fragments (sheetxml), with shared styles.

    Every method writes one cell (and merges it when r2/c2 are given): `text` for card data (exact,
    never a formula), `label` for what the program writes, `amount`, `number`, `formula`, `blank`.
    """

    def __init__(self, cache: styles.StyleCache, where: str = "") -> None:
        self.cache = cache
        self.where = where  # "카드 '2-2-1'" for messages
        self.parts = SheetParts()
        self.heights = self.parts.heights

    def _put(self, r: int, c: int, xml: str, r2: int | None, c2: int | None, cover: str | None) -> None:
        """Place a <c> element; when merged, the covered cells get the style attribute `cover` (the
        look without the quote prefix; None: no covered cells, for an unruled merge)."""
        row = self.parts.rows.get(r)
        if row is None:
            row = self.parts.rows[r] = {}
        row[c] = xml
        if (r2 and r2 > r) or (c2 and c2 > c):
            self.merge(r, c, r2 or r, c2 or c, cover)

    def text(self, r: int, c: int, text: str, *, r2: int | None = None, c2: int | None = None,
             font: Any = styles.BODY, align: Any = styles.LEFT, border: bool = True, fill: Any = None,
             what: str = "", number_format: str = "") -> None:
        """Card data as text: exact, never a formula. Text Excel would run as a formula (=, +, -, @
        first) gets the quote prefix, as typing '=… does; so does "", telling it from an empty cell.
        `number_format` may show words around it ('"전화번호 : "@'), the value staying as it is."""
        plain_s, quoted_s = self.cache.attrs(font, align, border, fill, number_format)
        value = escape(text)
        if len(value) > MAX_CELL_TEXT:
            raise WorkbookError(f"{self.where} {what}: 글이 너무 깁니다 ({len(text):,}자, "
                                f"엑셀 칸 하나에 최대 {MAX_CELL_TEXT:,}자)")
        s = quoted_s if needs_quote(text) else plain_s
        self._put(r, c, inline_xml(value, f"{COLS[c]}{r}", s), r2, c2, plain_s if border or fill is not None else None)
        if text:
            self.fit(r, c, c2 or c, text, (r2 or r) - r + 1)

    def label(self, r: int, c: int, text: str, *, r2: int | None = None, c2: int | None = None,
              font: Any = styles.BOLD, align: Any = styles.CENTER, fill: Any = styles.LABEL_FILL,
              border: bool = True) -> None:
        """Text the program writes (field labels, "-"): not card data, no quote prefix."""
        s = self.cache.attrs(font, align, border, fill)[0]
        self._put(r, c, inline_xml(escape(text), f"{COLS[c]}{r}", s), r2, c2, s if border or fill is not None else None)

    def blank(self, r: int, c: int, *, r2: int | None = None, c2: int | None = None, border: bool = True,
              fill: Any = None, align: Any = styles.LEFT) -> None:
        s = self.cache.attrs(styles.BODY, align, border, fill)[0]
        self._put(r, c, f'<c r="{COLS[c]}{r}"{s}/>', r2, c2, s if border or fill is not None else None)

    def number(self, r: int, c: int, value: float | int | date, number_format: str, *, font: Any = styles.BODY,
               align: Any = styles.RIGHT_PLAIN, fill: Any = None, r2: int | None = None,
               c2: int | None = None) -> None:
        s = self.cache.attrs(font, align, True, fill, number_format)[0]
        self._put(r, c, number_xml(value, f"{COLS[c]}{r}", s), r2, c2, s)

    def amount(self, r: int, c: int, value: Decimal, *, c2: int | None = None, fill: Any = None) -> None:
        """A stated amount: a number cell showing the value's own decimals, or exact text."""
        num = excel_number(value)
        if num is None:  # beyond a double: kept exact as text
            s = self.cache.attrs(styles.BODY, styles.RIGHT_PLAIN, True, fill)[0]
            self._put(r, c, inline_xml(plain(value), f"{COLS[c]}{r}", s), None, c2, s)
        else:
            self.number(r, c, num, styles.amount_format(decimal_places(value)), fill=fill, c2=c2)

    def formula(self, r: int, c: int, formula: str, number_format: str, *, font: Any = styles.BODY,
                fill: Any = None, align: Any = styles.RIGHT_PLAIN, c2: int | None = None) -> None:
        s = self.cache.attrs(font, align, True, fill, number_format)[0]
        self._put(r, c, formula_xml(formula[1:], f"{COLS[c]}{r}", s), None, c2, s)

    def none(self, r: int, c: int, *, c2: int | None = None, fill: Any = None) -> None:
        """A stated "-" (nothing): plain text without the quote prefix."""
        self.label(r, c, "-", c2=c2, font=styles.BODY, align=styles.RIGHT_PLAIN, fill=fill)

    def merge(self, r1: int, c1: int, r2: int, c2: int, s: str | None = None) -> None:
        """Merge; the covered cells get the top-left cell's style attribute s, so a ruled merged cell
        is ruled all round (an unruled one needs no covered cells at all)."""
        self.parts.merges.append((r1, c1, r2, c2))
        if s is None:
            return
        rows = self.parts.rows
        for rr in range(r1, r2 + 1):
            row = rows.get(rr)
            if row is None:
                row = rows[rr] = {}
            for cc in range(c1 if rr != r1 else c1 + 1, c2 + 1):
                row[cc] = f'<c r="{COLS[cc]}{rr}"{s}/>'

    def fit(self, r: int, c1: int, c2: int, text: str, rows: int = 1) -> None:
        """Raise the row height so wrapped text shows (Excel does not fit merged cells itself)."""
        chars = (FIRST_WIDTH if c1 == FIRST_COL else COL_WIDTH) + COL_WIDTH * (c2 - c1)
        per_line = max(int(chars * 1.1), 1)
        if len(text) * 2 <= per_line and "\n" not in text:
            return
        lines = sum(max(1, -(-display_width(part) // per_line)) for part in text.split("\n"))
        if lines <= rows:
            return  # one line a row: the even default height
        per_row = (lines * 13.5 + 3) / rows
        if per_row > 16 and per_row > self.heights.get(r, 0):
            self.heights[r] = round(min(per_row, 409), 1)

    def set_height(self, r: int, points: float) -> None:
        self.heights[r] = max(points, self.heights.get(r, 0))


class SheetWriter(FastSheet):
    """Writes one card sheet top to bottom: `row` is the next free row."""

    def __init__(self, ws: Worksheet, width: int, where: str, cache: styles.StyleCache) -> None:
        super().__init__(cache, where)
        self.ws = ws
        self.width = width
        self.row = 1
        self.tables: dict[tuple[str, int], dict[tuple[str, str], tuple[int, int]]] = {}
        self.fields: dict[str, tuple[int, int]] = {}  # field ref ("a:title") → its value cell
        self.derived: list[Any] = []  # (DerivedFigure, row, column, last column): formulas placed at the end
        self.keeps: list[tuple[int, int]] = []  # (first, last) rows a printed page must not split (pages)

    @property
    def last_col(self) -> int:
        return FIRST_COL + self.width - 1

    def mark(self, row: int, tag: str, payload: Any = None) -> None:
        r = self.parts.rows.get(row)
        if r is None:
            r = self.parts.rows[row] = {}
        text = marker(tag, payload)
        if len(text) > MAX_CELL_TEXT:
            raise WorkbookError(f"{self.where}: 표나 항목의 구조가 너무 커서 엑셀에 담을 수 없습니다")
        r[KEY_COL] = inline_xml(escape(text), f"A{row}", "")

    def take(self, n: int = 1) -> int:
        """Reserve n rows; return the first."""
        r = self.row
        self.row += n
        return r

    def finish(self) -> SheetParts:
        """The sheet with its column widths (the key column hidden), ready for sheetxml.worksheet."""
        widths = self.parts.widths
        widths[KEY_COL] = 4
        self.parts.hidden.add(KEY_COL)
        widths[FIRST_COL] = FIRST_WIDTH
        for c in range(FIRST_COL + 1, self.last_col + 1):
            widths[c] = COL_WIDTH
        return self.parts


class SheetReader:
    """Reads one card sheet's cells, collecting problems by address instead of stopping at the first."""

    def __init__(self, sheet: RawSheet, problems: list[Problem]) -> None:
        self.title = sheet.title
        self.cells: dict[tuple[int, int], RawCell] = sheet.cells
        self.images = sheet.images
        self.problems = problems
        self.merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for box in sheet.merged:
            r1, c1, r2, c2 = box
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 50_000:
                continue  # a sheet-wide merge in a strange file: nothing of ours
            for rr in range(r1, r2 + 1):
                for cc in range(c1, c2 + 1):
                    self.merged[(rr, cc)] = box

    def problem(self, r: int, c: int, message: str) -> None:
        self.problems.append(Problem(self.title, addr(r, c) if r else "", message))

    def raw(self, r: int, c: int) -> Any:
        cell = self.cells.get((r, c))
        return None if cell is None else cell.value

    def quoted(self, r: int, c: int) -> bool:
        cell = self.cells.get((r, c))
        return bool(cell is not None and cell.quotePrefix)

    def present(self, r: int, c: int) -> bool:
        """The cell holds something — a value, or the quote prefix that marks the empty string."""
        v = self.raw(r, c)
        return (v is not None and v != "") or self.quoted(r, c)

    def indent(self, r: int, c: int) -> int:
        cell = self.cells.get((r, c))
        return 0 if cell is None else int(getattr(cell, "indent", 0))

    def is_formula(self, r: int, c: int) -> bool:
        cell = self.cells.get((r, c))
        return cell is not None and cell.data_type == "f"

    def text(self, r: int, c: int) -> str:
        """A text field: whatever the cell shows, as text ("" when empty)."""
        v = self.raw(r, c)
        if v is None:
            return ""
        if self.is_formula(r, c):
            self.problem(r, c, f"수식은 쓸 수 없습니다 — 글을 입력하십시오 '{str(v)[:40]}'")
            return ""
        return as_text(v)

    def opt_text(self, r: int, c: int) -> str | None:
        """A text table cell: None for a plain "-", "" for the marked empty string, absent → None too."""
        v = self.raw(r, c)
        if v is None or v == "":
            return "" if self.quoted(r, c) else None
        if self.is_formula(r, c):
            self.problem(r, c, f"수식은 쓸 수 없습니다 — 글을 입력하십시오 '{str(v)[:40]}'")
            return None
        t = as_text(v)
        if t == "-" and not self.quoted(r, c):
            return None
        return t

    def amount(self, r: int, c: int, unit: str = "") -> tuple[bool, Decimal | None]:
        """(present, value) of an amount cell: empty → (False, None); "-" → (True, None)."""
        cell = self.cells.get((r, c))
        if cell is None or cell.value is None or cell.value == "":
            return False, None
        v = cell.value
        if cell.data_type == "f":
            self.problem(r, c, f"수식 대신 값을 입력하십시오 (이 칸은 합계 칸이 아닙니다) '{str(v)[:40]}'")
            return True, None
        if isinstance(v, bool | datetime | date):
            self.problem(r, c, f"숫자가 아닙니다 '{as_text(v)}'")
            return True, None
        if isinstance(v, int | float):
            try:
                return True, from_number(v, styles.format_places(cell.number_format or "General"))
            except (ValueError, ArithmeticError) as exc:
                why = str(exc) if str(exc).startswith("숫자가 너무") else f"숫자가 아닙니다 '{as_text(v)[:40]}'"
                self.problem(r, c, why)
                return True, None
        text = as_text(v)
        if text.strip() == "-":
            return True, None
        try:
            return True, parse_amount(text, negative=True, unit=unit)
        except NumberError as exc:
            self.problem(r, c, str(exc))
            return True, None

    def top_left(self, r: int, c: int) -> tuple[int, int]:
        box = self.merged.get((r, c))
        return (box[0], box[1]) if box else (r, c)


def as_text(v: Any) -> str:
    if isinstance(v, str):
        return unescape(v)
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v)
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    return str(v)
