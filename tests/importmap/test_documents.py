"""The mapping works on any Document, not only on text: tables with merged cells (as HWPX and HWP 5
readers give them: a merged cell at its top-left position, the covered cells empty), images with
captions, and nested shapes — built here directly, as a reader would."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from desktop.core.cardfile import card_to_json
from desktop.core.checks import check_card
from desktop.core.document import Block, Cell, Document, Image, Paragraph, Table
from desktop.core.importmap import map_document
from desktop.core.readers import read_document
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES, SEEDS
from tests.importmap.compare import card_diff

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


def _cell(r: int, c: int, text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(row=r, col=c, blocks=(Paragraph(text),), rowspan=rowspan, colspan=colspan)


def _budget() -> Table:
    """1-2-2's 투자계획 as Hangul holds it: 구 분 over two label columns, each group cell over five rows,
    every value stated (임기후 "-")."""
    head = ["계", "기투자", "2022년", "2023년", "2024년", "2025년", "2026년", "임기후"]
    cells = [_cell(0, 0, "구  분", colspan=2)] + [_cell(0, 2 + i, h) for i, h in enumerate(head)]
    plan = ["9.6", "-", "2.4", "2.4", "2.4", "2.4", "-", "-"]
    done = ["4.8", "-", "2.4", "2.4", "-", "-", "-", "-"]
    none = ["-"] * 8
    r = 1
    groups = (("소요 예산\n(계획)", [plan, none, none, plan, none]), ("투입\n예산", [done, none, none, done, none]))
    for group, rows in groups:
        cells.append(_cell(r, 0, group, rowspan=5))
        for label, values in zip(["총계", "국비", "시비", "구비", "기타"], rows, strict=True):
            cells.append(_cell(r, 1, label))
            cells += [_cell(r, 2 + i, v) for i, v in enumerate(values)]
            r += 1
    return Table(rows=r, cols=10, cells=tuple(cells))


def test_merged_cells_map_like_the_seed(registry: TemplateRegistry) -> None:
    seed = read_document((SEEDS / "geumjeong-2024-06-30-card-1-2-2.txt").read_bytes())
    blocks: list[Block] = []
    for b in seed.blocks:  # the seed's budget table replaced by the merged one
        if isinstance(b, Table) and b.text_rows()[0][0].startswith("구 분"):
            blocks.append(_budget())
        else:
            blocks.append(b)
    result = map_document(Document(blocks=tuple(blocks), kind="hwpx"), registry)
    want = json.loads((SAMPLES / "geumjeong-2024-06-30-card-1-2-2.json").read_text(encoding="utf-8"))["cards"][0]
    for row in want["blocks"][1]["table"]["rows"]:
        row["cells"]["after"] = None  # stated "-" here, where the text left the cell out
    assert card_diff(card_to_json(result.cards[0]), want, registry.get("standard")) == []


def _loans(total: str) -> Table:
    cells = [_cell(0, 0, "구분", rowspan=2), _cell(0, 1, "합계", colspan=2), _cell(0, 3, "'16년", colspan=2),
             _cell(0, 5, "'17년", colspan=2)]
    cells += [_cell(1, 1 + i, h) for i, h in enumerate(["업체수", "금액"] * 3)]
    values = [total, "9,281", "47", "4,927", "60", "4,354"]
    cells += [_cell(2, 0, "자금지원")] + [_cell(2, 1 + i, v) for i, v in enumerate(values)]
    return Table(rows=3, cols=7, cells=tuple(cells))


def _guro_doc(table: Table, *more: Block) -> Document:
    head = Table(rows=2, cols=3, cells=(
        _cell(0, 0, "관리번호"), _cell(0, 1, "주관부서"), _cell(0, 2, "협조부서(기관)"),
        _cell(1, 0, "I-1-1"), _cell(1, 1, "지역경제과"), _cell(1, 2, "재무과"),
    ))
    return Document(blocks=(
        Paragraph("I-1-1"), Paragraph("자금 지원"), head, Paragraph("사업개요 및 이행계획"),
        Paragraph("① 융자 사업"), Paragraph("○ 추진실적"), Paragraph("(단위:업체수/백만원)"), table, *more,
        Paragraph("주민배심원단 권고안"), Paragraph("○ 권고안 주요내용"),
    ), kind="hwpx")


def test_merged_group_headers_give_column_groups_and_sums(registry: TemplateRegistry) -> None:
    card = map_document(_guro_doc(_loans("107")), registry).cards[0]
    assert (card.template, card.number, card.title, card.related) == ("guro", "I-1-1", "자금 지원", ["재무과"])
    item = card.block("plan").items[1]  # type: ignore[union-attr]
    assert item.unit == "(단위:업체수/백만원)" and item.table is not None
    t = item.table
    assert [(c.group, c.label) for c in t.columns] == [("합계", "업체수"), ("합계", "금액"), ("'16년", "업체수"),
                                                    ("'16년", "금액"), ("'17년", "업체수"), ("'17년", "금액")]
    assert t.rows[0].cells["c2"] == Decimal("9281")
    assert not [f for f in check_card(card, registry.get("guro")) if f.severity == "오류"]
    slip = map_document(_guro_doc(_loans("117")), registry).cards[0]  # 117 ≠ 47 + 60
    assert [f.message for f in check_card(slip, registry.get("guro")) if f.severity == "오류"] == [
        "자금지원 합계 업체수 117 ≠ 47 + 60 = 107"]


def test_images_with_captions_become_photos(registry: TemplateRegistry) -> None:
    seed = read_document((SEEDS / "geumjeong-2024-06-30-card-1-2-2.txt").read_bytes())
    doc = Document(blocks=(*seed.blocks, Paragraph("6. 기타 참고사항(관련 사진 등)"),
                           Image(PNG, "BinData/image1.png", "현장 방문"), Image(PNG, "", "")), kind="hwpx")
    card = map_document(doc, registry).cards[0]
    photos = card.block("photos").photos  # type: ignore[union-attr]
    assert [(p.caption, p.image, p.mime) for p in photos] == [("현장 방문", PNG, "image/png"), ("", PNG, "image/png")]


def test_a_document_sharing_some_labels_is_no_card(registry: TemplateRegistry) -> None:
    """A district's RFP says 사업기간, 소요예산, 담당자, 유형 … but has no 관리번호 or 공약제목: no card,
    all of it listed — not a card titled by its first line."""
    grid = Table(rows=3, cols=2, cells=(
        _cell(0, 0, "사업기간"), _cell(0, 1, "2023. 8. ~ 12."), _cell(1, 0, "소요예산"), _cell(1, 1, "50,000천원"),
        _cell(2, 0, "담당자"), _cell(2, 1, "주무관 홍길동(☎2222)"),
    ))
    doc = Document(blocks=(Paragraph("제안요청서"), Paragraph("유형: 용역"), Paragraph("예산구분: 구비"),
                           Paragraph("주관부서: 총무과"), grid, Paragraph("추진실적"), Paragraph("향후계획")),
                   kind="hwpx")
    for template in (None, "standard", "guro"):
        result = map_document(doc, registry, template)
        assert result.cards == [], template
        assert "제안요청서" in [p.text for p in result.unplaced]
        assert any(p.cells and p.cells[0][0] == "사업기간" for p in result.unplaced)


def test_lines_inside_one_cell_are_items_and_contacts_of_their_own(registry: TemplateRegistry) -> None:
    head = Table(rows=4, cols=4, cells=(
        _cell(0, 0, "공약제목"), _cell(0, 1, "청년 일자리"), _cell(0, 2, "관리번호"), _cell(0, 3, "1-1-1"),
        _cell(1, 0, "주관부서"), _cell(1, 1, "일자리정책과"), _cell(1, 2, "담당자"),
        _cell(1, 3, "행정7급 김하나(☎1111)\n행정8급 이두리(☎1112)"),
        _cell(2, 0, "공약목표"),
        Cell(row=2, col=1, colspan=3, blocks=(Paragraph("❍ 청년 고용 확대"), Paragraph("❍ 창업 지원"))),
        _cell(3, 0, "추진과제"), _cell(3, 1, "▷ 일자리 박람회", colspan=3),
    ))
    card = map_document(Document(blocks=(Paragraph("구청장 공약사항 관리카드"), head), kind="hwpx"), registry).cards[0]
    assert [(c.role, c.rank, c.name, c.phone) for c in card.contacts] == [
        ("담당자", "행정7급", "김하나", "☎1111"), ("담당자", "행정8급", "이두리", "☎1112")]
    assert [(i.text, i.level) for i in card.goals] == [("청년 고용 확대", 1), ("창업 지원", 1)]
    assert [(i.text, i.level) for i in card.tasks] == [("일자리 박람회", 2)]


def _pic_cell(r: int, c: int, *blocks: Block) -> Cell:
    return Cell(row=r, col=c, blocks=blocks)


def test_a_table_of_photos_gives_photos_with_the_captions_under_them(registry: TemplateRegistry) -> None:
    seed = read_document((SEEDS / "geumjeong-2024-06-30-card-1-2-2.txt").read_bytes())
    photos = Table(rows=4, cols=2, cells=(
        _pic_cell(0, 0, Image(PNG)), _pic_cell(0, 1, Image(PNG, "", "제 캡션")),
        _pic_cell(1, 0, Paragraph("현장 방문")), _pic_cell(1, 1, Paragraph("")),
        _pic_cell(2, 0, Paragraph("간담회")), _pic_cell(2, 1, Image(PNG), Paragraph("설명회")),
    ))
    frame = Table(rows=1, cols=1, cells=(_pic_cell(0, 0, Paragraph("6. 기타 참고사항(관련 사진 등)"), photos),))
    card = map_document(Document(blocks=(*seed.blocks, frame), kind="hwpx"), registry).cards[0]
    got = [(p.caption, p.image is not None) for p in card.block("photos").photos]  # type: ignore[union-attr]
    assert got == [("현장 방문", True), ("제 캡션", True), ("간담회", False), ("설명회", True)]
