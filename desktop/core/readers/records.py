"""HWP 5's record streams ("한글 문서 파일 형식 5.0", §4.1.2): DocInfo and every BodyText section are a
sequence of records, each a 32-bit header — tag id (10 bits), level (10 bits), size (12 bits; 0xFFF
means a 32-bit size follows) — and its payload. The levels make a tree: a record is the child of the
nearest record before it with a lower level.

Paragraph text (PARA_TEXT) is UTF-16LE in which code units 0–31 are controls: "char" controls take
one unit (13 paragraph end, 10 line break, 24 hyphen, 30 non-breaking space, 31 fixed-width space),
"inline" and "extended" controls take eight (the code, the control's id and data, the code again);
9 (tab) is inline; each extended control has a CTRL_HEADER record in the paragraph, in the same order.
"""

from __future__ import annotations

import struct
import sys
from array import array

from desktop.core.document import DocumentError

HWPTAG_BEGIN = 0x10
BIN_DATA = HWPTAG_BEGIN + 2
PARA_HEADER = HWPTAG_BEGIN + 50
PARA_TEXT = HWPTAG_BEGIN + 51
CTRL_HEADER = HWPTAG_BEGIN + 55
LIST_HEADER = HWPTAG_BEGIN + 56
SHAPE_COMPONENT = HWPTAG_BEGIN + 60
TABLE = HWPTAG_BEGIN + 61
SHAPE_COMPONENT_PICTURE = HWPTAG_BEGIN + 69

MAX_RECORDS = 1_000_000  # one stream (the 2016 forms document, 27 forms: 3,000)

_INLINE = frozenset({4, 5, 6, 7, 8, 9, 19, 20})
_EXTENDED = frozenset({1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23})
_CHARS = {9: "\t", 10: "\n", 24: "-", 30: " ", 31: " "}


class Record:
    __slots__ = ("children", "level", "payload", "tag")

    def __init__(self, tag: int, level: int, payload: bytes) -> None:
        self.tag = tag
        self.level = level
        self.payload = payload
        self.children: list[Record] = []


class Control:
    """Where an extended control (a table, a drawing, a note, …) stands in a paragraph's text."""

    __slots__ = ("code",)

    def __init__(self, code: int) -> None:
        self.code = code


def records(data: bytes, where: str, stream: str) -> list[Record]:
    """The records of one stream; a record running past the stream's end is refused (cut short)."""
    out: list[Record] = []
    i, end = 0, len(data)
    while i < end:
        if i + 4 > end:
            raise DocumentError(f"{where}: 손상된 HWP 문서입니다 ('{stream}' 스트림이 레코드 중간에서 끊겼습니다).")
        header = struct.unpack_from("<I", data, i)[0]
        i += 4
        size = header >> 20
        if size == 0xFFF:
            if i + 4 > end:
                raise DocumentError(f"{where}: 손상된 HWP 문서입니다 ('{stream}' 스트림이 레코드 중간에서 끊겼습니다).")
            size = struct.unpack_from("<I", data, i)[0]
            i += 4
        if i + size > end:
            raise DocumentError(f"{where}: 손상된 HWP 문서입니다 ('{stream}' 스트림의 레코드가 "
                                f"{size:,}바이트라는데 {end - i:,}바이트만 남았습니다).")
        out.append(Record(header & 0x3FF, (header >> 10) & 0x3FF, data[i:i + size]))
        i += size
        if len(out) > MAX_RECORDS:
            raise DocumentError(f"{where}: 문서가 너무 큽니다 ('{stream}' 스트림의 레코드가 {MAX_RECORDS:,}개를 넘음).")
    return out


def tree(flat: list[Record]) -> Record:
    """The records as a tree by their levels, under a root of level -1 (no recursion: levels reach 1023)."""
    root = Record(-1, -1, b"")
    stack = [root]
    for record in flat:
        while stack[-1].level >= record.level:
            stack.pop()
        stack[-1].children.append(record)
        stack.append(record)
    return root


def paragraph_text(payload: bytes) -> list[str | Control]:
    """A PARA_TEXT as pieces of text and the extended controls standing between them."""
    units = array("H")
    units.frombytes(payload[: len(payload) // 2 * 2])
    if sys.byteorder == "big":
        units.byteswap()
    pieces: list[str | Control] = []
    start = i = 0
    n = len(units)

    def text(a: int, b: int) -> None:
        if b > a:
            pieces.append(payload[2 * a:2 * b].decode("utf-16-le", errors="replace"))

    while i < n:
        code = units[i]
        if code >= 32:
            i += 1
            continue
        text(start, i)
        if code in _EXTENDED:
            pieces.append(Control(code))
            i += 8
        elif code in _INLINE:
            if code in _CHARS:
                pieces.append(_CHARS[code])
            i += 8
        elif code == 13:
            i = n  # the paragraph's end
        else:
            if code in _CHARS:
                pieces.append(_CHARS[code])
            i += 1
        start = i
    text(start, min(i, n))
    return pieces or [""]
