"""Whatever bytes come in — random, or a real document cut short or with bits flipped, in the file or
inside its unpacked body — the readers return a Document or refuse with a Korean DocumentError; never
another exception."""

from __future__ import annotations

import re
import tempfile
import zipfile
import zlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.document import Document, DocumentError, flatten
from desktop.core.readers import OLE_MAGIC, ZIP_MAGIC, hwp5, hwpx, sniff
from tests.readers.helpers import DATA, SHARED, part, rewrite_ole, rezip, shared, stream

REAL = sorted(p.name for p in DATA.iterdir() if p.suffix in (".hwp", ".hwpx"))
SOURCES = {name: (DATA / name).read_bytes() for name in REAL}
FORMS = SHARED / "gov_award_recommendation_forms_2016.hwp"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survives(data: bytes) -> Document | None:
    """Read as its bytes say; bytes that are neither zip nor compound file (text is another reader's)
    go to both binary readers, which must refuse them."""
    kind = sniff(data)
    readers = [hwpx.read] if kind == "hwpx" else [hwp5.read] if kind == "hwp" else [hwpx.read, hwp5.read]
    doc = None
    for read in readers:
        try:
            doc = read(data, "시험.hwp")
        except DocumentError as exc:
            assert str(exc).startswith("'시험.hwp': ") and re.search("[가-힣]", str(exc)), exc
            continue
        assert kind is not None, "only a zip or a compound file can be read"
        flatten(doc)
    return doc


@SETTINGS
@given(st.sampled_from([b"", ZIP_MAGIC, OLE_MAGIC]), st.binary(max_size=4096))
def test_random_bytes(prefix: bytes, tail: bytes) -> None:
    survives(prefix + tail)


@SETTINGS
@given(st.sampled_from(REAL), st.data())
def test_real_files_cut_and_flipped(name: str, draw: st.DataObject) -> None:
    data = bytearray(SOURCES[name])
    for _ in range(draw.draw(st.integers(0, 8), label="flips")):
        i = draw.draw(st.integers(0, len(data) - 1), label="at")
        data[i] ^= 1 << draw.draw(st.integers(0, 7), label="bit")
    cut = draw.draw(st.integers(0, len(data)), label="cut")
    survives(bytes(data[:cut]) if draw.draw(st.booleans(), label="cut?") else bytes(data))


_BODY = zlib.decompress(stream(SOURCES["hwplib_merging-cell.hwp"], "BodyText/Section0"), -15)
_SECTION = part(SOURCES["hwpxlib_SimpleTable.hwpx"], "Contents/section0.xml")


def _flip(data: bytes, draw: st.DataObject) -> bytes:
    out = bytearray(data)
    for _ in range(draw.draw(st.integers(1, 12), label="flips")):
        i = draw.draw(st.integers(0, len(out) - 1), label="at")
        out[i] ^= 1 << draw.draw(st.integers(0, 7), label="bit")
    return bytes(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_hwp_records_flipped_inside_the_unpacked_body(draw: st.DataObject) -> None:
    """The body's records themselves damaged (the compound file and the deflate intact): the merging-cell
    body, flipped, deflated again and written over the uncompressed forms document's body."""
    source = shared(FORMS.name)  # skipped on a laptop without ../shared/hwp, a failure under CI
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = _flip(_BODY, draw)
    packed = packer.compress(body) + packer.flush()
    streams = {"DocInfo": _deflate(stream(source, "DocInfo")), "BodyText/Section0": packed}
    with tempfile.TemporaryDirectory() as d:
        flags = int.from_bytes(stream(source, "FileHeader")[36:40], "little") | 0x1
        survives(rewrite_ole(Path(d), source, streams, flags=flags))


def _deflate(body: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(body) + packer.flush()


@SETTINGS
@given(st.data())
def test_hwpx_section_xml_flipped(draw: st.DataObject) -> None:
    """The section's XML damaged inside an intact zip."""
    survives(rezip(SOURCES["hwpxlib_SimpleTable.hwpx"], {"Contents/section0.xml": _flip(_SECTION, draw)}))


@SETTINGS
@given(st.data())
def test_hwpx_attributes_any_value(draw: st.DataObject) -> None:
    """Any text in the attributes the reader uses (addresses, spans, counts, picture ids)."""
    section = _SECTION.decode()
    names = ["colAddr", "rowAddr", "colSpan", "rowSpan", "rowCnt", "colCnt"]
    for name in draw.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4), label="attrs"):
        value = draw.draw(st.one_of(st.integers(-2**40, 2**40).map(str), st.text(max_size=6)), label="value")
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        if "\0" in value or re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", value):
            continue
        section = re.sub(f'{name}="[^"]*"', f'{name}="{value}"', section, count=1)
    survives(rezip(SOURCES["hwpxlib_SimpleTable.hwpx"], {"Contents/section0.xml": section.encode()}))


def test_fuzz_sources_are_real_documents() -> None:
    assert set(REAL) == {"hwplib_SimpleTable.hwp", "hwplib_merging-cell.hwp", "hwpxlib_SimpleTable.hwpx",
                         "hwpxlib_textextractor_Table.hwpx"}
    for name, data in SOURCES.items():
        assert survives(data) is not None, name
    assert zipfile.is_zipfile(DATA / "hwpxlib_SimpleTable.hwpx")
