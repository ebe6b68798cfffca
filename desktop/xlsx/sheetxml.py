"""The cells of a card sheet as worksheet XML, written and read without openpyxl's per-cell objects.

openpyxl (pure Python XML here) writes about 10,000 cells a second on the reference machine and reads
fewer; a card sheet has 300–600 cells, so 300 cards took a minute. The workbook around the cells —
styles, merges, print setup, pictures, defined names — is still openpyxl's; only <sheetData> is ours.
Reading parses with the C expat parser after refusing any DTD (no entity can be declared at all,
stricter than defusedxml's defaults, which force a pure-Python parser).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from desktop.xlsx.errors import WorkbookError

_XML_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_COLS = [""] + [get_column_letter(i) for i in range(1, 400)]
_EPOCH = date(1899, 12, 30)


@contextmanager
def no_gc() -> Iterator[None]:
    """Bulk work makes hundreds of thousands of small objects and no cycles worth collecting on the
    way: the cyclic collector's passes alone cost a third of an import or export."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class XCell:
    """A written cell: value, type ("s" text, "n" number, "f" formula) and its (shared) style array."""

    __slots__ = ("_style", "data_type", "quoter", "value")

    def __init__(self, style: StyleArray, quoter: Any = None) -> None:
        self.value: Any = None
        self.data_type = "n"
        self._style = style
        self.quoter = quoter  # StyleCache.quoted: the shared quote-prefixed variant of a style

    @property
    def quotePrefix(self) -> bool:
        return bool(self._style.quotePrefix)

    @quotePrefix.setter
    def quotePrefix(self, on: bool) -> None:
        if on and self.quoter is not None:
            self._style = self.quoter(self._style)
            return
        self._style = StyleArray(self._style)
        self._style.quotePrefix = int(on)


@dataclass
class SheetParts:
    """What we write of a sheet ourselves: cells, row heights, merges, conditional formats, links."""

    cells: dict[tuple[int, int], XCell] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    rules: list[tuple[str, str]] = field(default_factory=list)  # (cell, formula that turns it red)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell, location in the workbook)


def _value_xml(ref: str, s: str, cell: XCell) -> str:
    v = cell.value
    if v is None or v == "":
        return f'<c r="{ref}"{s}/>'
    if cell.data_type == "f":
        return f'<c r="{ref}"{s}><f>{v[1:].translate(_XML_ESC)}</f></c>'
    if isinstance(v, str):
        space = ' xml:space="preserve"' if v != v.strip() or "\n" in v else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{v.translate(_XML_ESC)}</t></is></c>'
    if isinstance(v, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(v)}</v></c>'
    if isinstance(v, date):
        v = (v - _EPOCH).days
    return f'<c r="{ref}"{s}><v>{format(v, ".16g") if isinstance(v, float) else v}</v></c>'


def _first(pair: tuple[int, XCell]) -> int:
    return pair[0]


def render(parts: SheetParts, style_id: Any, dxf_id: int) -> str:
    """<sheetData> (rows in order, custom heights), then <mergeCells>, <conditionalFormatting> and
    <hyperlinks>, in the order the schema wants them after sheetData."""
    rows: dict[int, list[tuple[int, XCell]]] = {}
    for (r, c), cell in parts.cells.items():
        rows.setdefault(r, []).append((c, cell))
    for r in parts.heights:
        rows.setdefault(r, [])
    out = ["<sheetData>"]
    for r in sorted(rows):
        h = parts.heights.get(r)
        out.append(f'<row r="{r}" ht="{h:g}" customHeight="1">' if h else f'<row r="{r}">')
        for c, cell in sorted(rows[r], key=_first):
            sid = style_id(cell._style)
            s = f' s="{sid}"' if sid else ""
            v = cell.value
            if v is None or v == "":
                out.append(f'<c r="{_COLS[c]}{r}"{s}/>')
            elif cell.data_type == "s" and "\n" not in v and v == v.strip():
                out.append(f'<c r="{_COLS[c]}{r}"{s} t="inlineStr"><is><t>{v.translate(_XML_ESC)}</t></is></c>')
            else:
                out.append(_value_xml(f"{_COLS[c]}{r}", s, cell))
        out.append("</row>")
    out.append("</sheetData>")
    if parts.merges:
        out.append(f'<mergeCells count="{len(parts.merges)}">')
        out.extend(f'<mergeCell ref="{_COLS[c1]}{r1}:{_COLS[c2]}{r2}"/>' for r1, c1, r2, c2 in parts.merges)
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


_EMPTY_SHEETDATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


def splice(sheet_xml: bytes, data: str) -> bytes:
    """Put our part into the (cell-less) worksheet XML openpyxl wrote."""
    out, n = _EMPTY_SHEETDATA.subn(lambda _: data.encode("utf-8"), sheet_xml, count=1)
    if n != 1:  # pragma: no cover - openpyxl always writes an empty sheetData for a sheet without cells
        raise RuntimeError("worksheet XML without an empty sheetData")
    return out


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
