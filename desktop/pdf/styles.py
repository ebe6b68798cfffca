"""One calm look for every card: Nanum Gothic, black rules, label cells lightly shaded.

Sizes are in points. Every paragraph style has spaceShrinkage 0: ReportLab otherwise lets a line
run up to 5 % past its width, which is text leaving its cell.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop.pdf import fonts

PAGE = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 16 * mm
FOOTER_Y = 8 * mm  # baseline of the page number
FRAME_W = PAGE[0] - 2 * MARGIN_X

BODY = 9.5
SMALL = 8.5
CELL = 8.5
HEADER = 9.0
TITLE = 17.0

SHADE = colors.HexColor("#e9edf2")  # label cells
HEAD_SHADE = colors.HexColor("#dfe5ec")  # table header rows
RULE = colors.black
THIN = 0.5
THICK = 1.0
PAD = 2.5  # cell padding left/right
VPAD = 2.0

fonts.register()

# Table cells holding plain strings (even empty ones) set their font: never ReportLab's Helvetica.
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)
# A table split over pages is closed at the bottom of one part and opened at the top of the next.
SPLIT_RULES = (
    ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), THICK, RULE),
    ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), THICK, RULE),
)


def _style(name: str, size: float, *, bold: bool = False, align: int = TA_LEFT, leading: float = 1.4,
           **kw: float) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=size, leading=round(size * leading, 1),
        alignment=align, spaceShrinkage=0, splitLongWords=1, wordWrap=None, allowWidows=1, allowOrphans=0,
        **kw,
    )


title = _style("title", TITLE, bold=True, align=TA_CENTER, leading=1.3, spaceAfter=2)
org_line = _style("org", 11, align=TA_CENTER, spaceAfter=2)
base_date = _style("base_date", 10, align=TA_RIGHT, spaceAfter=4)
heading = _style("heading", 11, bold=True, spaceBefore=9, spaceAfter=3)
body = _style("body", BODY, leading=1.45)
date_right = _style("date", BODY, leading=1.45, align=TA_RIGHT)
unit = _style("unit", SMALL, align=TA_RIGHT, spaceBefore=2, spaceAfter=1)
cell = _style("cell", CELL, leading=1.3)
cell_center = _style("cell_c", CELL, leading=1.3, align=TA_CENTER)
cell_right = _style("cell_r", CELL, leading=1.3, align=TA_RIGHT)
head_cell = _style("head_c", CELL, leading=1.3, align=TA_CENTER, bold=True)
label = _style("label", HEADER, leading=1.3, align=TA_CENTER, bold=True)
value = _style("value", HEADER, leading=1.4)
value_center = _style("value_c", HEADER, leading=1.4, align=TA_CENTER)
caption = _style("caption", SMALL, leading=1.3, align=TA_CENTER)
cover_org = _style("cover_org", 20, bold=True, align=TA_CENTER, spaceAfter=10)
cover_title = _style("cover_title", 26, bold=True, align=TA_CENTER, leading=1.3, spaceAfter=14)
cover_date = _style("cover_date", 14, align=TA_CENTER, spaceAfter=6)
cover_note = _style("cover_note", 11, align=TA_CENTER, spaceBefore=10)
