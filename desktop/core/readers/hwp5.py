"""HWP 5 (한/글 97 onward, "한글 문서 파일 형식 5.0", published by Hancom): an OLE2 compound file
read into a `Document` (SPEC §9). 본 제품은 한글과컴퓨터의 한/글 문서 파일(.hwp) 공개 문서를 참고하여
개발하였습니다.

olefile (BSD) gives the streams; the rest is ours over zlib:
- FileHeader: the signature, the version (5.x), and the flags — bit 0 compressed; a password (bit 1),
  배포용 (bit 2), DRM (bits 4, 10) or certificate encryption (bit 8) are refused in Korean.
- DocInfo (raw deflate when compressed): its BIN_DATA records, in order, are the pictures' ids → the
  streams BinData/BIN%04X.ext (each compressed per its own record or the document's flag).
- BodyText/Section0, 1, …: records (records.py) whose levels make a tree. A paragraph (PARA_HEADER)
  holds its text (PARA_TEXT) and, one level down, a CTRL_HEADER for every extended control character
  in that text, in the same order. A table is a CTRL_HEADER 'tbl ' over a TABLE record (rows, cols) and,
  per cell, a LIST_HEADER (col, row, colspan, rowspan) followed by the cell's paragraphs at the same
  level; a LIST_HEADER before the TABLE record is the caption. A drawing object 'gso ' holds
  SHAPE_COMPONENT records; a SHAPE_COMPONENT_PICTURE names its BinData id, and list headers inside
  are its caption (directly under the control) or a text box's paragraphs.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterator

import olefile

from desktop.core.document import Block, Cell, Document, DocumentError, Image, Paragraph, ParagraphSplitter, Table
from desktop.core.readers import skipped_notes
from desktop.core.readers.limits import MAX_FILE, MAX_MEMBERS, MAX_PART, Budget, label, make_table
from desktop.core.readers.records import (
    BIN_DATA,
    CTRL_HEADER,
    LIST_HEADER,
    PARA_HEADER,
    PARA_TEXT,
    SHAPE_COMPONENT,
    SHAPE_COMPONENT_PICTURE,
    TABLE,
    Record,
    paragraph_text,
    records,
    tree,
)

SIGNATURE = b"HWP Document File"
_SECTION = re.compile(r"^BodyText/Section(\d+)$")
_REFUSED_FLAGS = (
    (0x002, "암호가 걸린 HWP 문서입니다. 한/글에서 암호를 풀고 저장한 뒤 가져오십시오."),
    (0x004, "배포용 HWP 문서입니다 (본문이 암호화되어 있음). 배포용 문서가 아닌 원본을 가져오십시오."),
    (0x010, "보안(DRM)이 걸린 HWP 문서입니다. 보안을 해제한 원본을 가져오십시오."),
    (0x100, "공인인증서로 암호화된 HWP 문서입니다. 암호화를 해제한 원본을 가져오십시오."),
    (0x400, "공인인증서 보안(DRM)이 걸린 HWP 문서입니다. 보안을 해제한 원본을 가져오십시오."),
)
_SKIPPED = {b"head": "머리말·꼬리말", b"foot": "머리말·꼬리말", b"eqed": "수식", b"tcmt": "숨은 설명"}


class _Damaged(DocumentError):
    """A compressed stream that does not unpack (a picture's is skipped with a note; the body's is fatal)."""


def read(data: bytes, name: str) -> Document:
    where = label(name, "HWP")
    if len(data) > MAX_FILE:
        raise DocumentError(f"{where}: 파일이 너무 큽니다 ({len(data) / 2**20:,.0f} MB, 최대 {MAX_FILE // 2**20} MB).")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile meets hostile bytes with many kinds of error; none may reach the user
        raise DocumentError(f"{where}: 손상된 HWP 문서입니다 (복합 문서를 열 수 없음: {exc}).") from None
    with ole:
        try:
            return _Reader(ole, where, len(data)).document(name)
        except (struct.error, IndexError, ValueError, UnicodeDecodeError) as exc:
            raise DocumentError(f"{where}: 손상된 HWP 문서입니다 ({exc}).") from None


class _Reader:
    def __init__(self, ole: olefile.OleFileIO, where: str, size: int) -> None:
        self.ole = ole
        self.where = where
        self.size = size
        self.budget = Budget(where)
        self.compressed = False
        self.bins: list[tuple[int, int, str]] = []  # BIN_DATA in order: (storage id, compression, extension)
        self.missing_images = 0
        self.skipped: set[str] = set()
        try:
            entries = ole.listdir(streams=True, storages=False)
        except Exception as exc:  # olefile's directory of a hostile file
            raise DocumentError(f"{where}: 손상된 HWP 문서입니다 (목록을 읽을 수 없음: {exc}).") from None
        if len(entries) > MAX_MEMBERS:
            raise DocumentError(f"{where}: HWP 문서의 구성 요소가 너무 많습니다 ({len(entries):,}개) "
                                "— 읽지 않았습니다.")
        self.streams = {"/".join(entry): entry for entry in entries}

    def document(self, name: str) -> Document:
        self.header()
        self.docinfo()
        sections = sorted((int(m.group(1)), path) for path in self.streams if (m := _SECTION.match(path)))
        if not sections:
            raise DocumentError(f"{self.where}: 손상된 HWP 문서입니다 (본문 BodyText/Section 스트림이 없습니다).")
        blocks: list[Block] = []
        for _, path in sections:
            for node in tree(records(self.stream(path, self.compressed), self.where, path)).children:
                if node.tag == PARA_HEADER:
                    self.paragraph(node, blocks, 0)
        return Document(blocks=tuple(blocks), kind="hwp", name=name,
                        notes=skipped_notes(self.missing_images, self.skipped))

    # ------------------------------------------------------------ streams

    def raw(self, path: str) -> bytes:
        entry = self.streams.get(path)
        if entry is None:
            raise DocumentError(f"{self.where}: 손상된 HWP 문서입니다 ('{path}' 스트림이 없습니다).")
        try:
            if self.ole.get_size(entry) > self.size:
                raise DocumentError(f"{self.where}: 손상된 HWP 문서입니다 ('{path}' 스트림의 크기가 파일보다 큽니다).")
            with self.ole.openstream(entry) as f:
                data: bytes = f.read()
        except DocumentError:
            raise
        except Exception as exc:  # olefile's sector chains of a hostile file
            why = f"'{path}' 스트림을 읽을 수 없음: {exc}"
            raise DocumentError(f"{self.where}: 손상된 HWP 문서입니다 ({why}).") from None
        return data

    def stream(self, path: str, compressed: bool) -> bytes:
        data = self.raw(path)
        if compressed:
            data = self.inflate(data, path)
        self.budget.unpack(len(data))
        return data

    def inflate(self, data: bytes, path: str) -> bytes:
        """Raw deflate, refused past MAX_PART unpacked (a deflate bomb) or when cut short."""
        unpacker = zlib.decompressobj(-15)
        try:
            out = unpacker.decompress(data, MAX_PART + 1)
        except zlib.error as exc:
            why = f"'{path}' 스트림의 압축을 풀 수 없음: {exc}"
            raise _Damaged(f"{self.where}: 손상된 HWP 문서입니다 ({why}).") from None
        if len(out) > MAX_PART or unpacker.unconsumed_tail:
            raise DocumentError(f"{self.where}: '{path}' 스트림이 풀면 비정상적으로 큽니다 "
                                f"({MAX_PART // 2**20} MB 넘음) — 압축 폭탄일 수 있어 읽지 않았습니다.")
        if not unpacker.eof:
            raise _Damaged(f"{self.where}: 손상된 HWP 문서입니다 ('{path}' 스트림이 중간에 끊겼습니다).")
        return out

    def header(self) -> None:
        head = self.raw("FileHeader") if "FileHeader" in self.streams else b""
        if not head.startswith(SIGNATURE) or len(head) < 40:
            raise DocumentError(f"{self.where}: 한/글 5 문서(HWP)가 아닙니다 (FileHeader가 없거나 다릅니다).")
        version, flags = struct.unpack_from("<II", head, 32)
        if version >> 24 != 5:
            raise DocumentError(f"{self.where}: 지원하지 않는 HWP 판입니다 ({version >> 24}.{version >> 16 & 0xFF}) "
                                "— 한/글에서 HWP 5 또는 HWPX로 저장한 뒤 가져오십시오.")
        for bit, message in _REFUSED_FLAGS:
            if flags & bit:
                raise DocumentError(f"{self.where}: {message}")
        self.compressed = bool(flags & 0x1)

    def docinfo(self) -> None:
        if "DocInfo" not in self.streams:
            return
        for record in records(self.stream("DocInfo", self.compressed), self.where, "DocInfo"):
            if record.tag != BIN_DATA:
                continue
            p = record.payload
            props = struct.unpack_from("<H", p, 0)[0] if len(p) >= 2 else 0
            kind, compression = props & 0xF, (props >> 4) & 0x3
            storage, ext = 0, ""
            if kind in (1, 2) and len(p) >= 4:  # embedded (1) or OLE storage (2): the BinData stream's id
                storage = struct.unpack_from("<H", p, 2)[0]
                if kind == 1 and len(p) >= 6:
                    n = struct.unpack_from("<H", p, 4)[0]
                    ext = p[6:6 + 2 * n].decode("utf-16-le", errors="replace")
            self.bins.append((storage, compression, ext))

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, node: Record, out: list[Block], depth: int) -> None:
        """A paragraph: its text, split where a table or picture stands in it, those objects in order;
        the text of text boxes and notes anchored in it after it."""
        self.budget.block()
        text_record = next((c for c in node.children if c.tag == PARA_TEXT), None)
        pieces = paragraph_text(text_record.payload) if text_record is not None else [""]
        controls = iter([c for c in node.children if c.tag == CTRL_HEADER])
        after: list[Block] = []
        split = ParagraphSplitter(out)
        for piece in pieces:
            if isinstance(piece, str):
                split.add_text(piece)
                continue
            control = next(controls, None)
            found: list[Block] = []
            if control is not None:
                self.control(control, found, after, depth)
            split.add_objects(found)
        for control in controls:  # more controls than the text announced: keep what they hold
            self.control(control, out, after, depth)
        split.finish(after)

    def control(self, node: Record, found: list[Block], after: list[Block], depth: int) -> None:
        ctrl_id = node.payload[:4][::-1]
        if ctrl_id == b"tbl ":
            found.append(self.table(node, depth + 1))
        elif ctrl_id == b"gso ":
            self.drawing(node, found, after, depth + 1)
        elif ctrl_id in (b"fn  ", b"en  "):
            for group in _lists(node.children):
                self.paragraphs(group[1], after, depth + 1)
        elif ctrl_id in _SKIPPED:
            self.skipped.add(_SKIPPED[ctrl_id])

    def paragraphs(self, nodes: list[Record], out: list[Block], depth: int) -> None:
        self.budget.depth(depth)
        for node in nodes:
            if node.tag == PARA_HEADER:
                self.paragraph(node, out, depth)

    # ------------------------------------------------------------ tables and pictures

    def table(self, node: Record, depth: int) -> Table:
        self.budget.depth(depth)
        split = next((i for i, c in enumerate(node.children) if c.tag == TABLE), None)
        if split is None:
            raise DocumentError(f"{self.where}: 손상된 HWP 문서입니다 (표 정보(TABLE)가 없는 표).")
        record = node.children[split].payload
        rows, cols = struct.unpack_from("<HH", record, 4) if len(record) >= 8 else (0, 0)
        caption = self.caption(node.children[:split], depth)
        cells: list[Cell] = []
        for header, paragraphs in _lists(node.children[split + 1:]):
            self.budget.block()
            if len(header.payload) < 16:
                raise DocumentError(f"{self.where}: 손상된 HWP 문서입니다 (표의 칸 정보가 짧습니다).")
            col, row, colspan, rowspan = struct.unpack_from("<HHHH", header.payload, 8)
            blocks: list[Block] = []
            self.paragraphs(paragraphs, blocks, depth)
            cells.append(Cell(row=row, col=col, blocks=tuple(blocks), rowspan=rowspan, colspan=colspan))
        return make_table(rows, cols, cells, caption, self.where)

    def caption(self, nodes: list[Record], depth: int) -> str:
        blocks: list[Block] = []
        for _, paragraphs in _lists(nodes):
            self.paragraphs(paragraphs, blocks, depth)
        return "\n".join(b.text for b in blocks if isinstance(b, Paragraph) and b.text.strip())

    def drawing(self, node: Record, found: list[Block], after: list[Block], depth: int) -> None:
        """A drawing object: its pictures (the caption under the control goes to the first), and the
        paragraphs of its text boxes, however deep in its shape components (groups nest them)."""
        self.budget.depth(depth)
        first = next((i for i, c in enumerate(node.children) if c.tag == SHAPE_COMPONENT), len(node.children))
        caption = self.caption(node.children[:first], depth)
        for record in _walk(node.children[first:]):
            if record.tag == SHAPE_COMPONENT_PICTURE:
                image = self.picture(record, caption)
                caption = ""
                if image is not None:
                    found.append(image)
            if record.children and any(c.tag == LIST_HEADER for c in record.children):
                for _, paragraphs in _lists(record.children):
                    self.paragraphs(paragraphs, after, depth + 1)

    def picture(self, record: Record, caption: str) -> Image | None:
        self.budget.block()
        if len(record.payload) < 73:
            self.missing_images += 1
            return None
        index = struct.unpack_from("<H", record.payload, 71)[0]
        if not 1 <= index <= len(self.bins):
            self.missing_images += 1
            return None
        storage, compression, ext = self.bins[index - 1]
        path = f"BinData/BIN{storage:04X}.{ext}"
        if path not in self.streams:
            stem = f"bindata/bin{storage:04x}."
            path = next((p for p in self.streams if p.lower().startswith(stem)), "")
        if not path:
            self.missing_images += 1
            return None
        compressed = self.compressed if compression == 0 else compression == 1
        try:
            data = self.stream(path, compressed)
        except _Damaged:
            self.missing_images += 1
            return None
        return Image(data=data, name=path, caption=caption)


def _lists(nodes: list[Record]) -> Iterator[tuple[Record, list[Record]]]:
    """LIST_HEADER records each with the paragraphs that follow it at the same level."""
    header: Record | None = None
    paragraphs: list[Record] = []
    for node in nodes:
        if node.tag == LIST_HEADER:
            if header is not None:
                yield header, paragraphs
            header, paragraphs = node, []
        elif node.tag == PARA_HEADER and header is not None:
            paragraphs.append(node)
    if header is not None:
        yield header, paragraphs


def _walk(nodes: list[Record]) -> Iterator[Record]:
    """Every record under nodes, depth first, without recursion."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        if node.tag != PARA_HEADER:  # a text box's paragraphs are read as paragraphs, not searched
            stack.extend(reversed(node.children))
