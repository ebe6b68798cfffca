"""Readers of other programs' documents (SPEC §9): bytes → `desktop.core.document.Document`.

The kind is told by the bytes, never by the file's name (an HWPX saved as .hwp exists):
a zip is HWPX, an OLE2 compound file is HWP 5, decodable text is text. Each reader lives in its
own module (text.py, hwpx.py, hwp5.py) and refuses hostile input with a Korean `DocumentError`.
"""

from __future__ import annotations

import importlib
from typing import Literal

from desktop.core.document import Document, DocumentError

Kind = Literal["hwpx", "hwp", "text"]

HANCOM_NOTICE = "본 제품은 한글과컴퓨터의 한/글 문서 파일(.hwp) 공개 문서를 참고하여 개발하였습니다."
"""The notice Hancom asks of programs written from its published format; shown in the About box."""

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_ENCODINGS = ("utf-8-sig", "utf-16", "cp949")


def sniff(data: bytes) -> Kind | None:
    """What the bytes are: "hwpx", "hwp", "text", or None when they are none of these."""
    if data.startswith(ZIP_MAGIC):
        return "hwpx"
    if data.startswith(OLE_MAGIC):
        return "hwp"
    return "text" if decode_text(data) is not None else None


def decode_text(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp949")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    return None


def skipped_notes(missing_images: int, skipped: set[str]) -> tuple[str, ...]:
    """A binary reader's notes (Document.notes, Korean) on what it left out of the document."""
    notes = []
    if missing_images:
        notes.append(f"그림 {missing_images}개는 문서 안에서 그림 데이터를 찾을 수 없어 빼었습니다.")
    if skipped:
        notes.append(f"{', '.join(sorted(skipped))}은(는) 가져오지 않았습니다.")
    return tuple(notes)


_MODULES: dict[Kind, str] = {"hwpx": "hwpx", "hwp": "hwp5", "text": "text"}


def read_document(data: bytes, name: str = "") -> Document:
    """Read a document of any kind we know; a Korean DocumentError for anything else."""
    kind = sniff(data)
    if kind is None:
        raise DocumentError(f"{name or '파일'}: 한글(HWP·HWPX) 문서나 텍스트가 아니어서 읽을 수 없습니다.")
    module = importlib.import_module(f"desktop.core.readers.{_MODULES[kind]}")
    document: Document = module.read(data, name)
    return document
