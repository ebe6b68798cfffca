"""Reading the parts of an .xlsx package directly: the sheet list, defined names, cell styles, shared
strings and each sheet's cells, merges and pictures — fast (C parser, DTDs refused) and bounded."""

from __future__ import annotations

import contextlib
import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from desktop.xlsx.errors import WorkbookError
from desktop.xlsx.safety import MAX_COLS, MAX_ROWS
from desktop.xlsx.sheetxml import local, parse, split_ref, text_of

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_CELLS = 400_000  # one sheet
EXCEL_EPOCH = datetime(1899, 12, 30)
_REFS: dict[str, tuple[int, int] | None] = {}  # "B12" → (12, 2), shared by every sheet read


class RawCell:
    __slots__ = ("data_type", "indent", "number_format", "quotePrefix", "value")

    has_style = True

    def __init__(self, value: Any, data_type: str, quote: bool, number_format: str, indent: int = 0) -> None:
        self.value = value
        self.data_type = data_type
        self.quotePrefix = quote
        self.number_format = number_format
        self.indent = indent  # the alignment's indent: an outline line's level


@dataclass
class Picture:
    """A picture anchored in a cell: its bytes and format ("PNG"), or why it cannot be read."""

    data: bytes | None = None
    format: str = ""
    problem: str = ""


@dataclass
class RawSheet:
    title: str
    part: str
    cells: dict[tuple[int, int], RawCell] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    images: dict[tuple[int, int], Picture] = field(default_factory=dict)  # (row, col) 1-based
    drawing_error: str = ""  # why the sheet's pictures could not be placed at all (a damaged drawing)


class Package:
    def __init__(self, path: Path) -> None:
        self.source = path.name
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise WorkbookError(f"'{self.source}': 손상된 통합문서입니다 ({exc})") from None
        self.names = set(self.zip.namelist())
        self.styles: list[tuple[bool, str, int]] = []
        self.shared: list[str] = []

    def close(self) -> None:
        self.zip.close()

    def read(self, part: str) -> bytes:
        try:
            return self.zip.read(part)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error) as exc:
            why = f"'{part}' 부분을 읽을 수 없음: {exc}"
            raise WorkbookError(f"'{self.source}': 손상된 통합문서입니다 ({why})") from None

    def xml(self, part: str) -> ET.Element:
        return parse(self.read(part), part, self.source)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId → (type, absolute part name) of a part's relationships."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if rels_part not in self.names:
            return {}
        out = {}
        for rel in self.xml(rels_part):
            if local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
        return out

    def workbook(self) -> tuple[list[tuple[str, str]], set[str]]:
        """[(sheet name, part)], defined names; loads the styles and the shared strings on the way."""
        root_rels = self.rels("")  # _rels/.rels
        main = next((t for kind, t in root_rels.values() if kind == "officeDocument"), "xl/workbook.xml")
        if main not in self.names:
            raise WorkbookError(f"'{self.source}': 엑셀 통합문서(.xlsx)가 아닙니다 (통합문서 본문이 없습니다)")
        rels = self.rels(main)
        root = self.xml(main)
        sheets: list[tuple[str, str]] = []
        names: set[str] = set()
        for node in root.iter():
            tag = local(node.tag)
            if tag == "sheet":
                rid = node.get(f"{{{REL_NS}}}id", "")
                kind, target = rels.get(rid, ("", ""))
                if kind == "worksheet" and target in self.names:
                    sheets.append((node.get("name", ""), target))
            elif tag == "definedName":
                names.add(node.get("name", ""))
        for kind, target in rels.values():
            if kind == "styles" and target in self.names:
                self._load_styles(target)
            elif kind == "sharedStrings" and target in self.names:
                self.shared = [text_of(si) for si in self.xml(target) if local(si.tag) == "si"]
        return sheets, names

    def _load_styles(self, part: str) -> None:
        root = self.xml(part)
        formats = dict(BUILTIN_FORMATS)
        for node in root:
            if local(node.tag) == "numFmts":
                for nf in node:
                    try:
                        formats[int(nf.get("numFmtId", "-1"))] = nf.get("formatCode", "General")
                    except ValueError:
                        continue
        for node in root:
            if local(node.tag) == "cellXfs":
                for xf in node:
                    try:
                        fmt = formats.get(int(xf.get("numFmtId", "0")), "General")
                    except ValueError:
                        fmt = "General"
                    indent = 0
                    for child in xf:
                        if local(child.tag) == "alignment":
                            with contextlib.suppress(ValueError):
                                indent = max(0, min(int(child.get("indent") or 0), 250))
                    self.styles.append((xf.get("quotePrefix") in ("1", "true"), fmt, indent))

    def sheet(self, title: str, part: str) -> RawSheet:
        root = self.xml(part)
        sheet = RawSheet(title=title, part=part)
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        for node in root:
            if node.tag == ns + "sheetData":
                self._cells(sheet, node, ns)
            elif node.tag == ns + "mergeCells":
                for m in node:
                    a, _, b = (m.get("ref") or "").partition(":")
                    p, q = _ref(a), _ref(b or a)
                    if p is not None and q is not None:
                        sheet.merged.append((min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])))
        sheet.images, sheet.drawing_error = self._images(part)
        return sheet

    def _cells(self, sheet: RawSheet, data: ET.Element, ns: str) -> None:
        cells = sheet.cells
        styles = self.styles
        nstyles = len(styles)
        shared = self.shared
        tag_f, tag_v, tag_is, tag_t = ns + "f", ns + "v", ns + "is", ns + "t"
        plain = (False, "General", 0)
        r = 0
        for row in data:
            r = int(row.get("r") or r + 1)
            if r > MAX_ROWS:
                raise WorkbookError(f"'{self.source}': '{sheet.title}' 시트가 너무 큽니다 ({MAX_ROWS:,}행 초과)")
            c = 0
            for cell in row:
                attrib = cell.attrib
                ref = attrib.get("r")
                pos = _ref(ref) if ref is not None else None
                c = pos[1] if pos is not None else c + 1
                if c > MAX_COLS:
                    raise WorkbookError(f"'{self.source}': '{sheet.title}' 시트가 너무 큽니다 ({MAX_COLS:,}열 초과)")
                s = attrib.get("s")
                if s is not None:
                    i = int(s)
                    quote, fmt, indent = styles[i] if i < nstyles else plain
                else:
                    quote, fmt, indent = plain
                if not len(cell):
                    if quote:
                        cells[(r, c)] = RawCell(None, "n", True, fmt, indent)
                    continue  # an empty (styled) cell: nothing to read
                t = attrib.get("t", "n")
                value: Any = None
                dtype = "n"
                formula = v = inline = None
                for child in cell:
                    ctag = child.tag
                    if ctag == tag_v:
                        v = child.text
                    elif ctag == tag_is:
                        inline = child
                    elif ctag == tag_f:
                        formula = child
                if formula is not None:
                    value, dtype = "=" + (formula.text or ""), "f"
                elif t == "inlineStr":
                    dtype = "s"
                    if inline is None:
                        value = ""
                    elif len(inline) == 1 and inline[0].tag == tag_t:
                        value = inline[0].text or ""
                    else:
                        value = text_of(inline)
                elif t == "s":
                    try:
                        value, dtype = shared[int(v or "")], "s"
                    except (ValueError, IndexError):
                        value, dtype = "", "s"
                elif t in ("str", "e"):
                    value, dtype = v or "", "s" if t == "str" else "e"
                elif t == "b":
                    value, dtype = v == "1", "b"
                elif v is not None and v != "":
                    value = _number(v)
                    if value is not None and fmt != "General" and is_date_format(fmt):
                        with contextlib.suppress(OverflowError):
                            value = EXCEL_EPOCH + timedelta(days=value)
                cells[(r, c)] = RawCell(value, dtype, quote, fmt, indent)
            if len(cells) > MAX_CELLS:
                raise WorkbookError(f"'{self.source}': '{sheet.title}' 시트의 칸이 너무 많습니다")

    def _images(self, part: str) -> tuple[dict[tuple[int, int], Picture], str]:
        """The pictures anchored in a sheet's cells — (row, col) 1-based → Picture, one that cannot be
        read included with why — and, when the drawing part itself is damaged, why (its pictures'
        places are then unknown). Nothing unreadable is dropped silently: the reader reports it."""
        out: dict[tuple[int, int], Picture] = {}
        try:
            drawings = [t for kind, t in self.rels(part).values() if kind == "drawing"]
        except WorkbookError:
            return out, "시트의 관계 부분이 손상되어 사진의 자리를 알 수 없습니다"
        errors = []
        for d in drawings:
            if d not in self.names:
                errors.append(f"그림 배치 부분 '{d}'이(가) 없습니다")
                continue
            try:
                root = self.xml(d)
                rels = self.rels(d)
            except WorkbookError:
                errors.append(f"그림 배치 부분 '{d}'이(가) 손상되어 사진의 자리를 알 수 없습니다")
                continue
            for anchor in root:
                if local(anchor.tag) not in ("oneCellAnchor", "twoCellAnchor"):
                    continue
                pos = _anchor_cell(anchor)
                embed = next((n.get(f"{{{REL_NS}}}embed", "") for n in anchor.iter() if local(n.tag) == "blip"), None)
                if pos is None or embed is None:
                    continue
                out.setdefault(pos, self._picture(rels.get(embed)))
        return out, "; ".join(errors)

    def _picture(self, rel: tuple[str, str] | None) -> Picture:
        if rel is None or rel[0] != "image":
            return Picture(problem="그림 부분을 가리키는 관계가 없습니다")
        target = rel[1]
        if target not in self.names:
            return Picture(problem=f"그림 부분 '{target}'이(가) 없습니다")
        try:
            data = self.read(target)
        except WorkbookError:
            return Picture(problem=f"그림 부분 '{target}'이(가) 손상되어 읽을 수 없습니다 (압축 손상)")
        try:
            from PIL import Image as PILImage

            with PILImage.open(io.BytesIO(data)) as probe:
                fmt = (probe.format or "").upper()
                probe.load()  # every byte decodes: a truncated picture is damaged, not a photo
        except Exception:  # PIL raises many kinds for bytes that are not a whole picture
            return Picture(problem=f"그림 '{target}'이(가) 손상되어 그림으로 읽을 수 없습니다")
        if fmt not in ("PNG", "JPEG", "GIF"):
            return Picture(problem=f"그림 '{target}'의 형식({fmt or '알 수 없음'})은 가져올 수 없습니다 "
                                   "(PNG·JPEG·GIF만)")
        return Picture(data=data, format=fmt)


def _anchor_cell(anchor: ET.Element) -> tuple[int, int] | None:
    frm = next((n for n in anchor if local(n.tag) == "from"), None)
    if frm is None:
        return None
    got = {local(n.tag): (n.text or "").strip() for n in frm}
    col, row = got.get("col", ""), got.get("row", "")
    if not (col.isdigit() and row.isdigit() and len(col) <= 6 and len(row) <= 7):
        return None
    return int(row) + 1, int(col) + 1


def _ref(ref: str) -> tuple[int, int] | None:
    pos = _REFS.get(ref)
    if pos is None:
        pos = split_ref(ref)
        if pos is not None and len(_REFS) < 200_000:
            _REFS[ref] = pos
    return pos


def _number(text: str) -> int | float | str | None:
    if len(text) > 40:  # int() refuses 4,300+ digits: kept as written, the amount reader refuses it by place
        return text
    try:
        if "." in text or "E" in text or "e" in text:
            return float(text)
        return int(text)
    except ValueError:
        return None
