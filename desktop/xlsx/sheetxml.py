"""Worksheet XML written and read without openpyxl's per-cell objects.

openpyxl (pure-Python XML here) writes about 10,000 cells a second on the reference machine and reads
fewer; a card sheet has 300–600 cells, so 300 cards took a minute. The package around the sheets —
styles, workbook, names, pictures — is still openpyxl's (writer.py); each worksheet part is written
here whole. Reading (package.py) parses with the C expat parser after refusing any DTD: no entity can
be declared at all, stricter than defusedxml's defaults, which force a pure-Python parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from xml.etree import ElementTree as ET

from openpyxl.utils import get_column_letter

from desktop.xlsx.errors import WorkbookError

_XML_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
COLS = [""] + [get_column_letter(i) for i in range(1, 400)]
_EPOCH = date(1899, 12, 30)




def inline_xml(value: str, ref: str, s: str) -> str:
    """A text cell (value already escaped for XML 1.0 characters)."""
    if value != value.strip() or "\n" in value:
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{value.translate(_XML_ESC)}</t></is></c>'
    if not value:
        return f'<c r="{ref}"{s}/>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t>{value.translate(_XML_ESC)}</t></is></c>'


def number_xml(value: float | int | date, ref: str, s: str) -> str:
    if isinstance(value, date):
        value = (value - _EPOCH).days
    text = format(value, ".16g") if isinstance(value, float) else str(int(value))
    return f'<c r="{ref}"{s}><v>{text}</v></c>'


def formula_xml(formula: str, ref: str, s: str) -> str:
    return f'<c r="{ref}"{s}><f>{formula.translate(_XML_ESC)}</f></c>'


@dataclass
class SheetParts:
    """A worksheet as we write it: cells (as XML, by row and column), row heights, merges,
    conditional formats, links, and the sheet's page: column widths, frozen panes, A4 print setup."""

    rows: dict[int, dict[int, str]] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)
    freeze: str = ""  # the top-left cell of the scrolling part ("C5"), "" for none
    grid: bool = True  # gridlines shown on screen
    landscape: bool = False
    fit_width: int = 1  # pages across the printed sheet is fitted to
    scale: int = 0  # printed at this percentage instead of fitted (0: fitted to fit_width pages across)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    rules: list[tuple[str, str]] = field(default_factory=list)  # (cell, formula that turns it red)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell, location in the workbook)
    breaks: list[int] = field(default_factory=list)  # a printed page ends after each of these rows


_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
_PAGE = ('<printOptions horizontalCentered="1"/>'
         '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
         '<pageSetup paperSize="9" orientation="{orientation}" {fit}/>'
         "<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>")


def worksheet(parts: SheetParts, dxf_id: int, drawing: str = "") -> bytes:
    """The whole worksheet part, in the element order of the schema. drawing: the relationship id of
    the sheet's pictures, if it has any."""
    out = [_HEAD, '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if not parts.scale else ""]
    last_row = max(parts.rows.keys() | parts.heights.keys() | {1})
    last_col = max([c for row in parts.rows.values() for c in row] or [1])
    out.append(f'<dimension ref="A1:{COLS[last_col]}{last_row}"/>')
    grid = "" if parts.grid else ' showGridLines="0"'
    if parts.freeze:
        ref = split_ref(parts.freeze)
        assert ref is not None
        out.append(f'<sheetViews><sheetView{grid} workbookViewId="0"><pane xSplit="{ref[1] - 1}" '
                   f'ySplit="{ref[0] - 1}" topLeftCell="{parts.freeze}" activePane="bottomRight" state="frozen"/>'
                   f'<selection pane="bottomRight" activeCell="{parts.freeze}" sqref="{parts.freeze}"/>'
                   "</sheetView></sheetViews>")
    else:
        out.append(f'<sheetViews><sheetView{grid} workbookViewId="0"/></sheetViews>')
    out.append('<sheetFormatPr defaultRowHeight="15"/>')
    if parts.widths or parts.hidden:
        out.append("<cols>")
        for c in sorted(parts.widths.keys() | parts.hidden):
            hidden = ' hidden="1"' if c in parts.hidden else ""
            out.append(f'<col min="{c}" max="{c}" width="{parts.widths.get(c, 9):g}" customWidth="1"{hidden}/>')
        out.append("</cols>")
    out.append(render(parts, dxf_id))
    fit = f'scale="{parts.scale}"' if parts.scale else f'fitToWidth="{parts.fit_width}" fitToHeight="0"'
    out.append(_PAGE.format(orientation="landscape" if parts.landscape else "portrait", fit=fit))
    if parts.breaks:
        out.append(f'<rowBreaks count="{len(parts.breaks)}" manualBreakCount="{len(parts.breaks)}">')
        out.extend(f'<brk id="{r}" max="16383" man="1"/>' for r in parts.breaks)
        out.append("</rowBreaks>")
    if drawing:
        out.append(f'<drawing r:id="{drawing}"/>')
    out.append("</worksheet>")
    return "".join(out).encode("utf-8")


def render(parts: SheetParts, dxf_id: int) -> str:
    """<sheetData> (rows in order, custom heights), then <mergeCells>, <conditionalFormatting> and
    <hyperlinks>, in the order the schema wants them after sheetData."""
    out = ["<sheetData>"]
    rows = parts.rows
    heights = parts.heights
    for r in sorted(rows.keys() | heights.keys()):
        h = heights.get(r)
        out.append(f'<row r="{r}" ht="{h:g}" customHeight="1">' if h else f'<row r="{r}">')
        cells = rows.get(r)
        if cells:
            out.extend(cells[c] for c in sorted(cells))
        out.append("</row>")
    out.append("</sheetData>")
    if parts.merges:
        out.append(f'<mergeCells count="{len(parts.merges)}">')
        out.extend(f'<mergeCell ref="{COLS[c1]}{r1}:{COLS[c2]}{r2}"/>' for r1, c1, r2, c2 in parts.merges)
        out.append("</mergeCells>")
    for i, (ref, formula) in enumerate(parts.rules, start=1):
        out.append(f'<conditionalFormatting sqref="{ref}"><cfRule type="expression" dxfId="{dxf_id}" '
                   f'priority="{i}"><formula>{formula.translate(_XML_ESC)}</formula></cfRule>'
                   "</conditionalFormatting>")
    if parts.links:
        out.append("<hyperlinks>")
        out.extend(f'<hyperlink ref="{ref}" location="{_attr(loc)}"/>' for ref, loc in parts.links)
        out.append("</hyperlinks>")
    return "".join(out)


def _attr(text: str) -> str:
    return text.translate(_XML_ESC).replace('"', "&quot;")


# ---------------------------------------------------------------- reading

def parse(data: bytes, part: str, source: str) -> ET.Element:
    """Parse one XML part of an untrusted workbook: no DTD (hence no entities), UTF-8 only."""
    head = data[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        raise WorkbookError(f"'{source}': 통합문서의 '{part}' 부분을 읽을 수 없습니다 (지원하지 않는 인코딩)")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise WorkbookError(f"'{source}': 통합문서의 '{part}' 부분에 DTD가 있어 열지 않았습니다 (안전하지 않은 XML)")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise WorkbookError(f"'{source}': 손상된 통합문서입니다 ('{part}' 부분: {exc})") from None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int] | None:
    m = _REF.match(ref)
    if m is None:
        return None
    return int(m.group(2)), col_index(m.group(1))


def text_of(node: ET.Element) -> str:
    """The text of an <is> or <si>: its <t>, or its runs' <t> (phonetic guides left out)."""
    parts = []
    for child in node:
        name = local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            for t in child:
                if local(t.tag) == "t":
                    parts.append(t.text or "")
    return "".join(parts)
