"""The printed pages of a card sheet, reckoned so that a table's header is never left alone at the
foot of a page: a manual row break is set before a group of rows that must stay together (a table's
unit, header and first row; the line that introduces a table; a heading and its first line) when the
group would not fit on the page it starts on.

A reckoning needs a known scale. "Fit to one page wide" leaves it to the program, and LibreOffice
then shrinks a sheet a few percent further when that saves a page (measured: 75 % became 73 %, 72 %
became 70 %) — its page ends cannot be foreseen. So a card sheet is printed at a stated scale
(`print_scale`): the largest whole percent, at most MAX_SCALE, at which the sheet's width fits the
page with WIDTH_SLACK to spare (column widths are in digits of the workbook's default font, 맑은 고딕 10
— styles.set_default_font — whose digit is DIGIT_EM of the type size, measured on the Nanum Gothic
that stands in for it; a font with narrower digits only leaves more room). Every printed row has a
stated height (card_writer), so a page holds the rows whose heights sum to the printable height over
the scale, less the title rows repeated on every page after the first."""

from __future__ import annotations

import math

from desktop.xlsx.sheetxml import SheetParts

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM  # A4 portrait, points
SIDE, TOP = 0.4 * 72, 0.6 * 72  # sheetxml's pageMargins (inches → points); header/footer sit inside
DIGIT_EM = 0.606  # the advance of "0" in the default font, in ems (Nanum Gothic; 맑은 고딕 is close)
FONT_PT = 10.0  # the default font's size (styles.BODY)
DEFAULT_ROW = 15.0
MAX_SCALE = 70  # type near 7 pt: a card's 12 columns print on as many pages as the card's PDF
WIDTH_SLACK = 0.05  # of the page width, for a font whose digits are wider than reckoned
MIN_SCALE = 10


def print_scale(parts: SheetParts, first_col: int, last_col: int) -> int:
    """The percentage the sheet prints at: as large as fits the page width with slack, at most
    MAX_SCALE."""
    chars = sum(parts.widths.get(c, 9.0) for c in range(first_col, last_col + 1) if c not in parts.hidden)
    width = chars * DIGIT_EM * FONT_PT
    printable = ((PAGE_H if parts.landscape else PAGE_W) - 2 * SIDE) * (1 - WIDTH_SLACK)
    return max(MIN_SCALE, min(MAX_SCALE, math.floor(100 * printable / width)))


def page_breaks(parts: SheetParts, last_row: int, title_rows: int, keeps: list[tuple[int, int]]) -> list[int]:
    """The rows after which a manual break is needed, the sheet printed at parts.scale (rows
    1…last_row printed, rows 1…title_rows repeated on every page); keeps: (first, last) row ranges
    to keep on one page."""
    height = ((PAGE_W if parts.landscape else PAGE_H) - 2 * TOP) * 100 / parts.scale  # sheet points

    def h(r: int) -> float:
        return parts.heights.get(r, DEFAULT_ROW)

    titles = sum(h(r) for r in range(1, title_rows + 1))
    groups: dict[int, int] = {}  # first row → last row, overlapping ranges joined
    for a, b in sorted(keeps):
        for start, end in list(groups.items()):
            if a <= end and b >= start:
                del groups[start]
                a, b = min(a, start), max(b, end)
        groups[a] = b
    breaks: list[int] = []
    cap, used, r = height, 0.0, 1
    while r <= last_row:
        end = groups.get(r)
        if end is not None and used > 0:
            need = sum(h(x) for x in range(r, min(end, last_row) + 1))
            if used + need > cap and need <= height - titles:
                breaks.append(r - 1)  # the group starts the next page
                cap, used = height - titles, 0.0
                continue
        if used + h(r) > cap and used > 0:  # the program breaks here by itself
            cap, used = height - titles, 0.0
            continue
        used += h(r)
        r += 1
    return breaks
