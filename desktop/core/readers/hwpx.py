"""HWPX (OWPML, KS X 6101): a zip of XML parts, read into a `Document` (SPEC §9).

The sections come in the order of the package's spine (Contents/content.hpf, found through
META-INF/container.xml) or, when that is missing or names none, of their numbers
(Contents/section0.xml, section1.xml, …); META-INF/manifest.xml is needed only to tell an encrypted
document. Inside a section: paragraphs `hp:p` of runs `hp:run` holding text `hp:t` (with tabs and
line breaks as child elements), tables `hp:tbl`/`hp:tr`/`hp:tc` placed by `hp:cellAddr` and merged by
`hp:cellSpan` (a cell's own paragraphs may hold further tables), pictures `hp:pic` whose `hc:img`
names a BinData item of the spine's manifest, captions `hp:caption`, and the text of text boxes
(`hp:drawText`) and foot/endnotes. Tags are matched by local name, so the 2011 and 2016 namespaces read
alike.

Hostile packages are refused before any XML is parsed (limits.py): too many parts, a part or the whole
unpacking too big or too well compressed (a zip bomb), zip encryption, a damaged zip. Every XML part is
parsed by defusedxml with DTDs forbidden (no entity can be declared, so no billion laughs).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from desktop.core.document import Block, Cell, Document, DocumentError, Image, Paragraph, ParagraphSplitter, Table
from desktop.core.readers import skipped_notes
from desktop.core.readers.limits import (
    MAX_FILE,
    MAX_MEMBERS,
    MAX_PART,
    MAX_RATIO,
    MAX_UNPACKED,
    MAX_XML,
    Budget,
    label,
    make_table,
)

_SECTION = re.compile(r"(?:^|/)section(\d+)\.xml$", re.IGNORECASE)
_OBJECTS_WITH_TEXT = {"rect", "ellipse", "arc", "polygon", "curve", "connectLine", "line", "textart"}
ENCRYPTED = "암호가 걸린 HWPX 문서입니다. 한/글에서 암호를 풀고 저장한 뒤 가져오십시오."
_SPACES = {"fwSpace": " ", "nbSpace": " ", "hyphen": "-", "tab": "\t", "lineBreak": "\n"}


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read(data: bytes, name: str) -> Document:
    where = label(name, "HWPX")
    if not data.startswith(b"PK\x03\x04"):
        raise DocumentError(f"{where}: HWPX 문서가 아닙니다 (zip 파일이 아닙니다).")
    if len(data) > MAX_FILE:
        raise DocumentError(f"{where}: 파일이 너무 큽니다 ({len(data) / 2**20:,.0f} MB, 최대 {MAX_FILE // 2**20} MB).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
            IndexError, KeyError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{where}: 손상된 HWPX 문서입니다 (zip을 열 수 없음: {exc}).") from None
    with archive:
        package = _Package(archive, infos, where)
        return _Reader(package).document(name)


class _Package:
    """The zip's parts, checked as a whole before anything is unpacked."""

    def __init__(self, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], where: str) -> None:
        self.archive = archive
        self.where = where
        self.budget = Budget(where)
        if len(infos) > MAX_MEMBERS:
            raise DocumentError(f"{where}: HWPX 문서의 구성 요소가 너무 많습니다 ({len(infos):,}개) — 읽지 않았습니다.")
        total = 0
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.flag_bits & 0x1:
                raise DocumentError(f"{where}: {ENCRYPTED}")
            bomb = info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            if info.file_size > MAX_PART or bomb:
                raise DocumentError(f"{where}: '{info.filename}' 부분이 비정상적으로 큽니다 "
                                    f"({info.file_size / 2**20:,.0f} MB로 풀림) — 압축 폭탄일 수 있어 읽지 않았습니다.")
            total += info.file_size
            self.infos.setdefault(info.filename, info)
        if total > MAX_UNPACKED:
            raise DocumentError(f"{where}: 문서가 풀면 너무 큽니다 ({total / 2**20:,.0f} MB) — 읽지 않았습니다.")

    def has(self, part: str) -> bool:
        return part in self.infos

    def read(self, part: str) -> bytes:
        info = self.infos[part]
        try:
            with self.archive.open(info) as f:
                data = f.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error, KeyError,
                RuntimeError) as exc:
            why = f"'{part}' 부분을 읽을 수 없음: {exc}"
            raise DocumentError(f"{self.where}: 손상된 HWPX 문서입니다 ({why}).") from None
        if len(data) > MAX_PART:
            raise DocumentError(f"{self.where}: '{part}' 부분이 비정상적으로 큽니다 — 읽지 않았습니다.")
        self.budget.unpack(len(data))
        return data

    def xml(self, part: str) -> Element:
        size = self.infos[part].file_size
        if size > MAX_XML:
            raise DocumentError(f"{self.where}: '{part}' 부분이 너무 큽니다 ({size / 2**20:,.0f} MB, "
                                f"최대 {MAX_XML // 2**20} MB) — 읽지 않았습니다.")
        data = self.read(part)
        try:
            root: Element = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:
            raise DocumentError(f"{self.where}: '{part}' 부분에 DTD나 엔터티 선언이 있어 읽지 않았습니다 "
                                "(안전하지 않은 XML).") from None
        except (ParseError, ValueError, UnicodeDecodeError, LookupError) as exc:
            raise DocumentError(f"{self.where}: 손상된 HWPX 문서입니다 ('{part}' 부분: {exc}).") from None
        return root

    def encrypted(self) -> bool:
        part = "META-INF/manifest.xml"
        return self.has(part) and b"encryption-data" in self.read(part)

    def spine(self) -> tuple[list[str], dict[str, str]]:
        """The section parts in reading order, and the manifest's item id → part (BinData)."""
        hpf = self._rootfile()
        items: dict[str, str] = {}
        order: list[str] = []
        if hpf is not None:
            folder = posixpath.dirname(hpf)
            root = self.xml(hpf)
            for node in root.iter():
                tag = local(node.tag)
                if tag == "item":
                    href = node.get("href", "")
                    part = href if self.has(href) else posixpath.normpath(posixpath.join(folder, href))
                    items[node.get("id", "")] = part
                elif tag == "itemref":
                    order.append(node.get("idref", ""))
        sections = [items[i] for i in order if i in items and _SECTION.search(items[i]) and self.has(items[i])]
        if not sections:
            numbered = [(int(m.group(1)), part) for part in self.infos
                        if part.startswith("Contents/") and (m := _SECTION.search(part))]
            sections = [part for _, part in sorted(numbered)]
        return list(dict.fromkeys(sections)), items

    def _rootfile(self) -> str | None:
        container = "META-INF/container.xml"
        if self.has(container):
            for node in self.xml(container).iter():
                path = node.get("full-path", "")
                if local(node.tag) == "rootfile" and path.endswith(".hpf") and self.has(path):
                    return path
        return "Contents/content.hpf" if self.has("Contents/content.hpf") else None


class _Reader:
    def __init__(self, package: _Package) -> None:
        self.package = package
        self.where = package.where
        self.budget = package.budget
        self.items: dict[str, str] = {}
        self.missing_images = 0
        self.skipped: set[str] = set()

    def document(self, name: str) -> Document:
        if self.package.encrypted():
            raise DocumentError(f"{self.where}: {ENCRYPTED}")
        sections, self.items = self.package.spine()
        if not sections:
            raise DocumentError(f"{self.where}: HWPX 문서가 아닙니다 (본문 구역 Contents/section*.xml이 없습니다).")
        blocks: list[Block] = []
        for part in sections:
            root = self.package.xml(part)
            for node in root:
                if local(node.tag) == "p":
                    self.paragraph(node, blocks, 0)
        return Document(blocks=tuple(blocks), kind="hwpx", name=name,
                        notes=skipped_notes(self.missing_images, self.skipped))

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, p: Element, out: list[Block], depth: int) -> None:
        """One hp:p: its text, split where a table or picture stands in it, and those objects in order;
        text boxes and notes anchored in it follow it."""
        self.budget.block()
        split = ParagraphSplitter(out)
        after: list[Block] = []
        for run in p:
            if local(run.tag) != "run":
                continue
            for child in run:
                if local(child.tag) == "t":
                    split.add_text(_text(child))
                    continue
                found: list[Block] = []
                self.inline(child, found, after, depth)
                split.add_objects(found)
        split.finish(after)

    def inline(self, node: Element, found: list[Block], after: list[Block], depth: int) -> None:
        """An object inside a run: tables and pictures go to `found` (they stand where they are in the
        text); the text of text boxes, notes and containers goes to `after`."""
        tag = local(node.tag)
        if tag == "tbl":
            found.append(self.table(node, depth + 1))
        elif tag == "pic":
            image = self.picture(node, depth + 1)
            if image is not None:
                found.append(image)
        elif tag == "container":
            self.budget.depth(depth + 1)
            for child in node:
                self.inline(child, found, after, depth + 1)
        elif tag in _OBJECTS_WITH_TEXT:
            for child in node:
                if local(child.tag) == "drawText":
                    self.sublists(child, after, depth + 1)
        elif tag == "ctrl":
            for child in node:
                kind = local(child.tag)
                if kind in ("footNote", "endNote"):
                    self.sublists(child, after, depth + 1)
                elif kind in ("header", "footer"):
                    self.skipped.add("머리말·꼬리말")
        elif tag == "equation":
            self.skipped.add("수식")

    def sublists(self, node: Element, out: list[Block], depth: int) -> None:
        """The paragraphs of every hp:subList directly under node."""
        self.budget.depth(depth)
        for child in node:
            if local(child.tag) == "subList":
                for p in child:
                    if local(p.tag) == "p":
                        self.paragraph(p, out, depth)

    def caption(self, node: Element, depth: int) -> str:
        for child in node:
            if local(child.tag) == "caption":
                blocks: list[Block] = []
                self.sublists(child, blocks, depth)
                return "\n".join(b.text for b in blocks if isinstance(b, Paragraph) and b.text.strip())
        return ""

    # ------------------------------------------------------------ tables and pictures

    def table(self, tbl: Element, depth: int) -> Table:
        self.budget.depth(depth)
        cells: list[Cell] = []
        for tr_index, tr in enumerate(child for child in tbl if local(child.tag) == "tr"):
            col_guess = 0
            for tc in tr:
                if local(tc.tag) != "tc":
                    continue
                self.budget.block()
                row, col, rowspan, colspan = tr_index, col_guess, 1, 1
                blocks: list[Block] = []
                for part in tc:
                    tag = local(part.tag)
                    if tag == "cellAddr":
                        row = _int(part.get("rowAddr"), row)
                        col = _int(part.get("colAddr"), col)
                    elif tag == "cellSpan":
                        rowspan = _int(part.get("rowSpan"), 1)
                        colspan = _int(part.get("colSpan"), 1)
                    elif tag == "subList":
                        for p in part:
                            if local(p.tag) == "p":
                                self.paragraph(p, blocks, depth)
                col_guess = col + max(colspan, 1)
                cells.append(Cell(row=row, col=col, blocks=tuple(blocks), rowspan=rowspan, colspan=colspan))
        rows = _int(tbl.get("rowCnt"), 0)
        cols = _int(tbl.get("colCnt"), 0)
        return make_table(rows, cols, cells, self.caption(tbl, depth), self.where)

    def picture(self, pic: Element, depth: int) -> Image | None:
        self.budget.block()
        ref = ""
        for node in pic.iter():
            if local(node.tag) == "img":
                ref = node.get("binaryItemIDRef", "")
                break
        part = self.items.get(ref, "")
        if not self.package.has(part):
            matches = sorted(p for p in self.package.infos if p.startswith("BinData/")
                             and posixpath.splitext(posixpath.basename(p))[0] == ref)
            part = matches[0] if ref and matches else ""
        if not part:
            self.missing_images += 1
            return None
        return Image(data=self.package.read(part), name=part, caption=self.caption(pic, depth))


def _text(t: Element) -> str:
    """An hp:t: its text and its children's (tabs, line breaks, fixed-width spaces), in order."""
    out = [t.text or ""]
    for child in t:
        out.append(_SPACES.get(local(child.tag), ""))
        if local(child.tag) not in _SPACES:
            out.append(child.text or "")  # e.g. hp:titleMark holds no text; any that does is kept
        out.append(child.tail or "")
    return "".join(out)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
