"""The HWPX reader on documents written by Hangul (../shared/hwp, tests/data/hwp) and on hostile copies."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from desktop.core.document import Block, Document, DocumentError, Image, Paragraph, Table, flatten
from desktop.core.readers import read_document
from desktop.core.readers.hwpx import read
from tests.readers.helpers import data, part, rezip, shared


def all_tables(blocks: tuple[Block, ...]) -> list[Table]:
    out: list[Table] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(block)
            for cell in block.cells:
                out.extend(all_tables(cell.blocks))
    return out


def shape(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells]


SIMPLE = [(0, 0, 2, 2, "1"), (0, 2, 1, 1, "2"), (1, 2, 1, 1, "3"), (2, 0, 1, 1, "5"), (2, 1, 1, 2, "4")]


def test_simple_table_cells_are_placed_by_address_with_their_merges() -> None:
    doc = read(data("hwpxlib_SimpleTable.hwpx"), "SimpleTable.hwpx")
    assert doc.kind == "hwpx"
    (table,) = list(doc.tables())
    assert (table.rows, table.cols) == (3, 3)
    assert shape(table) == SIMPLE
    assert table.text_rows() == [["1", "", "2"], ["", "", "3"], ["5", "4", ""]]


def test_score_table_and_the_text_box_title() -> None:
    doc = read(data("hwpxlib_textextractor_Table.hwpx"), "Table.hwpx")
    (table,) = list(doc.tables())
    rows = table.text_rows()
    assert rows[0] == ["이름", "국어", "영어", "수학"]
    assert rows[1] == ["개똥이", "89", "65", "78"]
    assert rows[5][0] == "합계"
    assert (table.rows, table.cols) == (6, 4)
    # the title stands in a text box (hp:rect/hp:drawText), a hyperlink field around it
    assert "C반 기말고사" in [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def test_hwpx_named_hwp_is_read_as_hwpx_by_its_bytes() -> None:
    doc = read_document(shared("gov_nibr_rfp_2023_hwpx_content_with_hwp_ext.hwp"), "제안요청서.hwp")
    assert doc.kind == "hwpx"
    assert len(all_tables(doc.blocks)) == 152
    images = [b for b in doc.blocks if isinstance(b, Image)]
    assert [i.name for i in images] == ["BinData/image1.jpg", "BinData/image2.bmp"]
    assert images[0].data.startswith(b"\xff\xd8") and images[1].data.startswith(b"BM")
    assert doc.notes == ()


def test_document_without_manifest_reads() -> None:
    source = shared("gov_ulsan_namgu_notice_no_manifest.hwpx")
    assert "META-INF/manifest.xml" not in zipfile.ZipFile(io.BytesIO(source)).namelist()
    doc = read(source, "입법예고.hwpx")
    text = flatten(doc)
    assert text.index("입 법 예 고") < text.index("1. 개정이유") < text.index("2. 주요내용")
    assert len(list(doc.tables())) == 1


def test_sections_in_spine_order() -> None:
    doc = read(shared("gov_gangbuk_rfp_2023.hwpx"), "제안요청서.hwpx")
    text = flatten(doc)
    assert text.index("『제2회 가을밤의 음악축제』") < text.index("질의서 쪽수")  # section0 … section2
    assert len(all_tables(doc.blocks)) == 44
    nested = [t for t in doc.tables() if any(isinstance(b, Table) for c in t.cells for b in c.blocks)]
    assert nested, "a table inside a cell is a block of that cell"
    (image,) = [b for b in doc.blocks if isinstance(b, Image)]
    assert image.name == "BinData/image1.jpg" and image.data.startswith(b"\xff\xd8")


def _two_sections(spine: list[str] | None) -> bytes:
    """SimpleTable with a second section (a paragraph "둘째 구역") and the spine given (None: no content.hpf)."""
    source = data("hwpxlib_SimpleTable.hwpx")
    sec0 = part(source, "Contents/section0.xml").decode()
    sec1 = re.sub(r"<hp:tbl .*</hp:tbl>", "", sec0, flags=re.S).replace("<hp:t/>", "<hp:t>둘째 구역</hp:t>", 1)
    hpf = part(source, "Contents/content.hpf").decode()
    parts: dict[str, bytes | None] = {"Contents/section10.xml": sec1.encode()}
    if spine is None:
        parts["Contents/content.hpf"] = None
        parts["META-INF/container.xml"] = None
    else:
        items = "".join(f'<opf:item id="{s}" href="Contents/{s}.xml" media-type="application/xml"/>' for s in spine)
        refs = "".join(f'<opf:itemref idref="{s}" linear="yes"/>' for s in spine)
        hpf = re.sub(r"<opf:manifest>.*</opf:manifest>", f"<opf:manifest>{items}</opf:manifest>", hpf)
        hpf = re.sub(r"<opf:spine>.*</opf:spine>", f"<opf:spine>{refs}</opf:spine>", hpf)
        parts["Contents/content.hpf"] = hpf.encode()
    return rezip(source, parts)


def outline(doc: Document) -> list[str]:
    """The document's blocks, empty paragraphs left out: "표" for a table, else the text."""
    return ["표" if isinstance(b, Table) else b.text for b in doc.blocks
            if isinstance(b, Table) or (isinstance(b, Paragraph) and b.text)]


def test_spine_decides_the_order_of_sections() -> None:
    assert outline(read(_two_sections(["section10", "section0"]), "x.hwpx")) == ["둘째 구역", "표"]


def test_without_content_hpf_sections_go_by_number() -> None:
    # section0 before section10: by number, not by name
    assert outline(read(_two_sections(None), "x.hwpx")) == ["표", "둘째 구역"]


def _with_cell_one(xml: str) -> Document:
    source = data("hwpxlib_SimpleTable.hwpx")
    sec0 = part(source, "Contents/section0.xml").decode().replace("<hp:t>1</hp:t>", xml)
    return read(rezip(source, {"Contents/section0.xml": sec0.encode()}), "x.hwpx")


def test_tabs_line_breaks_and_spaces_inside_text() -> None:
    doc = _with_cell_one('<hp:t>가<hp:tab width="4000" leader="0" type="1"/>나<hp:lineBreak/>다'
                         '<hp:fwSpace/>라<hp:nbSpace/>마<hp:markpenBegin color="#FFFF00"/>바<hp:markpenEnd/></hp:t>')
    (table,) = list(doc.tables())
    assert table.cells[0].blocks == (Paragraph("가\t나\n다 라 마바"),)


def test_nested_table_and_text_around_it_in_a_cell() -> None:
    source = data("hwpxlib_SimpleTable.hwpx")
    sec0 = part(source, "Contents/section0.xml").decode()
    inner = re.search(r"<hp:tbl .*</hp:tbl>", sec0, flags=re.S)
    assert inner is not None
    doc = _with_cell_one(f"<hp:t>앞</hp:t>{inner.group(0)}<hp:t>뒤</hp:t>")
    (outer,) = list(doc.tables())
    blocks = outer.cells[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert isinstance(blocks[1], Table) and shape(blocks[1]) == SIMPLE
    assert outer.cells[0].text.splitlines()[0] == "앞"


def test_picture_with_its_caption() -> None:
    source = shared("gov_gangbuk_rfp_2023.hwpx")
    sec1 = part(source, "Contents/section1.xml").decode()
    caption = ('<hp:caption side="BOTTOM" fullSz="0" width="8504" gap="850" lastWidth="50686"><hp:subList>'
               '<hp:p><hp:run><hp:t>그림 1. 행사장 배치도</hp:t></hp:run></hp:p></hp:subList></hp:caption>')
    sec1 = sec1.replace("<hp:shapeComment>", caption + "<hp:shapeComment>", 1)
    doc = read(rezip(source, {"Contents/section1.xml": sec1.encode()}), "x.hwpx")
    (image,) = [b for b in doc.blocks if isinstance(b, Image)]
    assert image.caption == "그림 1. 행사장 배치도"
    assert "그림 1. 행사장 배치도" in flatten(doc).splitlines()


def test_picture_without_data_is_noted() -> None:
    source = shared("gov_gangbuk_rfp_2023.hwpx")
    doc = read(rezip(source, {"BinData/image1.jpg": None}), "x.hwpx")
    assert not [b for b in doc.blocks if isinstance(b, Image)]
    assert doc.notes == ("그림 1개는 문서 안에서 그림 데이터를 찾을 수 없어 빼었습니다.",)


# ---------------------------------------------------------------- refusals, each in Korean


def refused(source: bytes) -> str:
    with pytest.raises(DocumentError) as info:
        read_document(source, "공약.hwpx")
    message = str(info.value)
    assert message.startswith("'공약.hwpx': ") and re.search("[가-힣]", message)
    return message


def test_zip_bomb_by_ratio_is_refused() -> None:
    source = rezip(data("hwpxlib_SimpleTable.hwpx"), {"BinData/image9.png": b"\0" * (3 * 2**20)})
    assert "압축 폭탄" in refused(source)


def test_zip_bomb_by_size_is_refused() -> None:
    source = rezip(data("hwpxlib_SimpleTable.hwpx"), {"Contents/section0.xml": b" " * (65 * 2**20)}, stored=True)
    assert "비정상적으로 큽니다" in refused(source)


def test_huge_xml_part_is_refused_before_parsing() -> None:
    source = rezip(data("hwpxlib_SimpleTable.hwpx"), {"Contents/section0.xml": b" " * (30 * 2**20)}, stored=True)
    assert "부분이 너무 큽니다 (30 MB, 최대 24 MB)" in refused(source)


def test_footnote_text_follows_its_paragraph() -> None:
    note = ('<hp:t>본문</hp:t><hp:ctrl><hp:footNote number="1"><hp:subList><hp:p><hp:run><hp:t>각주 글</hp:t>'
            "</hp:run></hp:p></hp:subList></hp:footNote></hp:ctrl><hp:t>이어짐</hp:t>")
    (table,) = list(_with_cell_one(note).tables())
    assert table.cells[0].blocks == (Paragraph("본문이어짐"), Paragraph("각주 글"))


def test_too_many_parts_are_refused() -> None:
    source = rezip(data("hwpxlib_SimpleTable.hwpx"), {f"BinData/x{i}.bin": b"" for i in range(5_001)})
    assert "구성 요소가 너무 많습니다" in refused(source)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">
<hp:p><hp:run><hp:t>&lol3;</hp:t></hp:run></hp:p></hs:sec>"""

EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">
<hp:p><hp:run><hp:t>&xxe;</hp:t></hp:run></hp:p></hs:sec>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_xml_bombs_are_refused(xml: bytes) -> None:
    source = rezip(data("hwpxlib_SimpleTable.hwpx"), {"Contents/section0.xml": xml})
    assert "DTD" in refused(source)


def test_encrypted_documents_are_refused() -> None:
    manifest = (b'<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                b'<odf:file-entry odf:full-path="Contents/section0.xml"><odf:encryption-data odf:checksum="x"/>'
                b"</odf:file-entry></odf:manifest>")
    source = rezip(data("hwpxlib_SimpleTable.hwpx"), {"META-INF/manifest.xml": manifest})
    assert "암호가 걸린" in refused(source)


def test_zip_encryption_is_refused() -> None:
    source = bytearray(data("hwpxlib_SimpleTable.hwpx"))  # zipfile cannot write encrypted parts: set the bit
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for m in re.finditer(re.escape(signature), bytes(source)):
            source[m.start() + offset] |= 0x1
    assert "암호가 걸린" in refused(bytes(source))


def test_huge_table_grid_is_refused() -> None:
    source = data("hwpxlib_SimpleTable.hwpx")
    sec0 = part(source, "Contents/section0.xml").decode().replace('colAddr="2" rowAddr="1"',
                                                                   'colAddr="60000" rowAddr="60000"')
    assert "표가 너무 큽니다" in refused(rezip(source, {"Contents/section0.xml": sec0.encode()}))


def test_huge_document_is_refused() -> None:
    source = data("hwpxlib_SimpleTable.hwpx")
    sec0 = part(source, "Contents/section0.xml").decode()
    many = "<hp:p/>" * 500_001
    sec0 = sec0.replace("</hs:sec>", many + "</hs:sec>")
    assert "문서가 너무 큽니다" in refused(rezip(source, {"Contents/section0.xml": sec0.encode()}, stored=True))


def test_zip_without_sections_is_not_hwpx() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    assert "HWPX 문서가 아닙니다" in refused(out.getvalue())


def test_truncated_zips_are_refused_at_every_cut() -> None:
    source = data("hwpxlib_SimpleTable.hwpx")
    for cut in range(4, len(source), 97):
        refused(source[:cut])
