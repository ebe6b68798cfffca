"""Where the real HWP/HWPX documents are, and small tools to make hostile copies of them."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import olefile
import pytest

from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "hwp"  # the Apache-2.0 samples (NOTICE beside them)
SHARED = ROOT.parent / "shared" / "hwp"  # the government documents, read where CI lays them out


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def shared(name: str) -> bytes:
    """A document of ../shared/hwp; skipped on a laptop without it, a failure under CI."""
    path = SHARED / name
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is required under CI (shared/ beside the checkout)")
        pytest.skip(f"{path} not present")
    return path.read_bytes()


def rezip(source: bytes, replace: dict[str, bytes | None] | None = None, *,
          stored: bool = False) -> bytes:
    """A copy of a zip with some parts replaced (None: removed) or added."""
    replace = dict(replace or {})
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            if info.filename in replace:
                body = replace.pop(info.filename)
                if body is not None:
                    dst.writestr(info.filename, body)
            else:
                dst.writestr(info.filename, src.read(info))
        for part, body in replace.items():
            if body is not None:
                dst.writestr(part, body)
    return out.getvalue()


def part(source: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        return z.read(name)


def rewrite_ole(tmp: Path, source: bytes, streams: dict[str, bytes], flags: int | None = None) -> bytes:
    """A copy of an HWP 5 file with streams overwritten in place (olefile writes only same-size streams:
    shorter data is padded with zeros) and, when given, FileHeader's flags."""
    path = tmp / "copy.hwp"
    path.write_bytes(source)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        for name, body in streams.items():
            size = ole.get_size(name)
            assert len(body) <= size, f"{name}: {len(body)} > {size}"
            ole.write_stream(name, body + b"\0" * (size - len(body)))
        if flags is not None:
            head = bytearray(ole.openstream("FileHeader").read())
            struct.pack_into("<I", head, 36, flags)
            ole.write_stream("FileHeader", bytes(head))
    out = path.read_bytes()
    return out


def header_flags(source: bytes) -> int:
    with olefile.OleFileIO(io.BytesIO(source)) as ole:
        flags: int = struct.unpack_from("<I", ole.openstream("FileHeader").read(), 36)[0]
    return flags


def stream(source: bytes, name: str) -> bytes:
    with olefile.OleFileIO(io.BytesIO(source)) as ole:
        body: bytes = ole.openstream(name).read()
    return body
