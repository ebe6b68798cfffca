"""The HWP 5 reader on documents written by Hangul and on hostile copies of them."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from desktop.core.document import DocumentError, Image, Table, flatten
from desktop.core.readers import read_document
from desktop.core.readers.hwp5 import read
from desktop.core.readers.hwpx import read as read_hwpx
from desktop.core.readers.records import Control, paragraph_text, records
from tests.readers.helpers import data, header_flags, rewrite_ole, shared, stream
from tests.readers.test_hwpx import SIMPLE, all_tables, shape

FORMS = "gov_award_recommendation_forms_2016.hwp"


def test_simple_table_is_the_same_in_hwp_and_hwpx() -> None:
    hwp = read_document(data("hwplib_SimpleTable.hwp"), "SimpleTable.hwp")
    hwpx = read_hwpx(data("hwpxlib_SimpleTable.hwpx"), "SimpleTable.hwpx")
    assert hwp.kind == "hwp" and header_flags(data("hwplib_SimpleTable.hwp")) & 0x1  # compressed
    (a,), (b,) = list(hwp.tables()), list(hwpx.tables())
    assert (a.rows, a.cols) == (b.rows, b.cols) == (3, 3)
    assert shape(a) == shape(b) == SIMPLE


def test_every_cell_of_merging_cell_holds_its_own_address() -> None:
    doc = read(data("hwplib_merging-cell.hwp"), "merging-cell.hwp")
    (table,) = list(doc.tables())
    assert (table.rows, table.cols) == (7, 7) and len(table.cells) == 49
    for cell in table.cells:
        assert cell.text == f"{cell.row},{cell.col}"


def test_uncompressed_forms_document_reads() -> None:
    source = shared(FORMS)
    assert header_flags(source) & 0x1 == 0  # the body is stored, not deflated
    doc = read_document(source, FORMS)
    assert doc.kind == "hwp" and doc.notes == ()
    text = flatten(doc)
    assert "○ 포상명：2016년도 감염병관리 유공" in text.splitlines()
    assert text.index("정부포상 추천자 현황") < text.index("정부포상 후보자 추천서")
    tables = all_tables(doc.blocks)
    assert len(tables) == 27
    assert max(t.cols for t in tables) == 19 and max(t.rows for t in tables) == 22
    first = next(t for t in doc.tables() if t.cols == 14)
    assert [" ".join(t.split()) for t in first.text_rows()[0][:4]] == ["① 소속", "직위 (직급)", "성명 (단체명)",
                                                                       "추천 훈격"]
    images = [b for b in doc.blocks if isinstance(b, Image)]
    assert [i.name for i in images] == ["BinData/BIN0001.bmp"] and images[0].data.startswith(b"BM")


def _deflate(body: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(body) + packer.flush()


def test_compressed_copy_reads_the_same_with_its_picture(tmp_path: Path) -> None:
    source = shared(FORMS)
    names = ["DocInfo", "BodyText/Section0", "BinData/BIN0001.bmp"]
    packed = rewrite_ole(tmp_path, source, {n: _deflate(stream(source, n)) for n in names},
                         flags=header_flags(source) | 0x1)
    plain, deflated = read(source, FORMS), read(packed, FORMS)
    assert flatten(deflated) == flatten(plain)
    assert [b for b in deflated.blocks if isinstance(b, Image)] == [b for b in plain.blocks if isinstance(b, Image)]


def test_paragraph_text_controls() -> None:
    def units(*codes: int | str) -> bytes:
        out = b""
        for c in codes:
            out += c.encode("utf-16-le") if isinstance(c, str) else struct.pack("<H", c)
        return out

    inline_tab = units(9, 0, 0, 0, 0, 0, 0, 9)
    table = units(11, *struct.unpack("<HH", b" lbt"), 0, 0, 0, 0, 11)  # an extended control: eight units in all
    payload = units("가") + inline_tab + units("나", 10, "다", 30, "라", 24, 31) + table + units("마", 13)
    pieces = paragraph_text(payload)
    assert pieces[:-2] == ["가", "\t", "나", "\n", "다", " ", "라", "-", " "]
    assert isinstance(pieces[-2], Control) and pieces[-2].code == 11 and pieces[-1] == "마"


# ---------------------------------------------------------------- refusals, each in Korean


def refused(source: bytes) -> str:
    with pytest.raises(DocumentError) as info:
        read_document(source, "공약.hwp")
    message = str(info.value)
    assert message.startswith("'공약.hwp': ") and re.search("[가-힣]", message)
    return message


@pytest.mark.parametrize(("bit", "words"), [(0x2, "암호가 걸린"), (0x4, "배포용"), (0x10, "DRM"),
                                            (0x100, "공인인증서로 암호화"), (0x400, "공인인증서 보안")])
def test_encrypted_and_distribution_documents_are_refused(tmp_path: Path, bit: int, words: str) -> None:
    source = data("hwplib_SimpleTable.hwp")
    assert words in refused(rewrite_ole(tmp_path, source, {}, flags=header_flags(source) | bit))


def test_other_versions_and_other_compound_files_are_refused(tmp_path: Path) -> None:
    source = data("hwplib_SimpleTable.hwp")
    head = bytearray(stream(source, "FileHeader"))
    struct.pack_into("<I", head, 32, 0x03000000)
    assert "지원하지 않는 HWP 판" in refused(rewrite_ole(tmp_path, source, {"FileHeader": bytes(head)}))
    assert "HWP)가 아닙니다" in refused(rewrite_ole(tmp_path, source, {"FileHeader": b"Microsoft Word"}))


def test_huge_record_size_is_refused(tmp_path: Path) -> None:
    source = shared(FORMS)
    body = bytearray(stream(source, "BodyText/Section0"))
    header = struct.unpack_from("<I", body, 0)[0]
    struct.pack_into("<II", body, 0, header | 0xFFF00000, 0xFFFFFFF0)  # the first record says 4 GB
    assert "4,294,967,280바이트라는데" in refused(rewrite_ole(tmp_path, source, {"BodyText/Section0": bytes(body)}))


def test_deflate_bomb_is_refused(tmp_path: Path) -> None:
    source = shared(FORMS)
    bomb = _deflate(b"\0" * (80 * 2**20))  # 80 MB of nothing in ~80 kB
    streams = {"DocInfo": _deflate(stream(source, "DocInfo")), "BodyText/Section0": bomb}
    assert "압축 폭탄" in refused(rewrite_ole(tmp_path, source, streams, flags=header_flags(source) | 0x1))


def test_cut_compressed_body_is_refused_at_every_cut(tmp_path: Path) -> None:
    source = data("hwplib_SimpleTable.hwp")
    packed = stream(source, "BodyText/Section0")
    # the copy is padded with zeros to the stream's size, and seven zero bits are the end-of-block code of
    # a fixed-Huffman block: a cut in the last bytes may still unpack whole, so the cuts stop short of it
    for cut in range(0, len(packed) - 4, 7):
        refused(rewrite_ole(tmp_path, source, {"BodyText/Section0": packed[:cut]}))


def test_records_cut_anywhere_are_refused_or_end_at_a_record() -> None:
    body = zlib.decompress(stream(data("hwplib_merging-cell.hwp"), "BodyText/Section0"), -15)
    ends = set()
    i = 0
    for record in records(body, "x", "s"):
        i += 4 + len(record.payload)  # no record here needs the extended size
        ends.add(i)
    for cut in range(len(body)):
        if cut in ends or cut == 0:
            records(body[:cut], "x", "s")
        else:
            with pytest.raises(DocumentError, match=r"끊겼습니다|남았습니다"):
                records(body[:cut], "x", "s")


def test_cut_files_are_refused() -> None:
    source = data("hwplib_SimpleTable.hwp")
    for cut in range(8, 3 * 512, 37):  # inside the compound file's header and first sectors
        refused(source[:cut])


def rec(tag: int, level: int, payload: bytes) -> bytes:
    """One record: the 32-bit header (tag, level, size < 4095) and its payload."""
    return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload


def para(level: int, text: str = "", controls: int = 0) -> bytes:
    """A paragraph: its header and its text, then its extended controls (11: a table or drawing)."""
    control = struct.pack("<8H", 11, 0, 0, 0, 0, 0, 0, 11)
    units = text.encode("utf-16-le") + control * controls + "\r".encode("utf-16-le")
    return rec(66, level, b"\0" * 22) + rec(67, level + 1, units)


def list_header(level: int, col: int = 0, row: int = 0) -> bytes:
    return rec(72, level, b"\1\0" + b"\0" * 6 + struct.pack("<HHHH", col, row, 1, 1) + b"\0" * 20)


def fit(body: bytes, size: int) -> bytes:
    """The body filled to the stream's size by a record of no known tag (olefile writes same-size streams)."""
    filler = size - len(body) - 8
    return body + struct.pack("<II", 0x3FF | 0xFFF << 20, filler) + b"\0" * filler


def _nested_tables(depth: int, size: int) -> bytes:
    """A body whose paragraph holds a table whose cell's paragraph holds a table … `depth` deep."""
    out, level = b"", 0
    for _ in range(depth):
        out += para(level, controls=1) + rec(71, level + 1, b" lbt" + b"\0" * 40)
        out += rec(77, level + 2, struct.pack("<IHH", 0, 1, 1) + b"\0" * 20) + list_header(level + 2)
        level += 2
    return fit(out + para(level, "가장 안쪽"), size)


def test_nested_tables_read_as_nested_blocks_and_too_deep_is_refused(tmp_path: Path) -> None:
    source = shared(FORMS)
    size = len(stream(source, "BodyText/Section0"))
    doc = read(rewrite_ole(tmp_path, source, {"BodyText/Section0": _nested_tables(3, size)}), FORMS)
    table = doc.blocks[0]
    for _ in range(2):
        assert isinstance(table, Table) and (table.rows, table.cols) == (1, 1)
        table = table.cells[0].blocks[0]
    assert isinstance(table, Table) and table.cells[0].text == "가장 안쪽"
    assert "깊이 겹쳐" in refused(rewrite_ole(tmp_path, source, {"BodyText/Section0": _nested_tables(30, size)}))


def test_table_caption_picture_caption_and_text_box(tmp_path: Path) -> None:
    source = shared(FORMS)
    size = len(stream(source, "BodyText/Section0"))
    table = rec(71, 1, b" lbt" + b"\0" * 40) + list_header(2) + para(2, "표 1. 사업비")
    table += rec(77, 2, struct.pack("<IHH", 0, 1, 2) + b"\0" * 20)
    table += list_header(2, 0, 0) + para(2, "구분") + list_header(2, 1, 0) + para(2, "금액")
    picture = b"\0" * 71 + struct.pack("<H", 1) + b"\0" * 5  # BinItem 1: DocInfo's BIN_DATA → BIN0001.bmp
    drawing = rec(71, 1, b" osg" + b"\0" * 40) + list_header(2) + para(2, "그림 1. 위치도")
    drawing += rec(76, 2, b"$pic" * 2 + b"\0" * 40) + rec(85, 3, picture)
    drawing += rec(76, 2, b"$rec" * 2 + b"\0" * 40) + list_header(3) + para(3, "글상자 안의 글")
    body = para(0, "앞 글", controls=2) + table + drawing + para(0, "뒤 글")
    doc = read(rewrite_ole(tmp_path, source, {"BodyText/Section0": fit(body, size)}), FORMS)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Image", "Paragraph", "Paragraph"]
    first, tbl, image, box, last = doc.blocks
    assert isinstance(tbl, Table) and tbl.caption == "표 1. 사업비" and tbl.text_rows() == [["구분", "금액"]]
    assert isinstance(image, Image) and image.caption == "그림 1. 위치도" and image.data.startswith(b"BM")
    assert image.data == stream(source, "BinData/BIN0001.bmp")
    assert [first.text, box.text, last.text] == ["앞 글", "글상자 안의 글", "뒤 글"]  # type: ignore[union-attr]
