"""Hostile and odd input never crashes the mapping: random text (built from the words and marks cards
use, so it reaches deep into the mapping) and random Documents (tables of any shape with merged cells,
images) give cards and unplaced pieces or no cards — never an exception; every card is one the card
file can hold and the checks can run on."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.cardfile import dumps, loads
from desktop.core.checks import check_card
from desktop.core.document import Block, Cell, Document, Image, Paragraph, Table
from desktop.core.importmap import map_document
from desktop.core.readers.text import read_text
from desktop.core.templates import TemplateRegistry

REGISTRY = TemplateRegistry.load()
WORDS = [
    "공약제목", "관리번호", "주관부서", "팀  장", "담당자", "관련부서", "사업기간", "소요예산", "추진상황", "진  도",
    "공약목표", "추진과제", "1. 추진개요", "2. 투자계획(비예산)", "3. 추진실적", "[2025. 1. 1.~2025. 9. 30.]",
    "5. 향후계획", "6. 기타 참고사항", "구 분", "계", "기투자", "2024년", "2025년", "임기후", "총계", "국비", "구비",
    "소요", "예산", "(계획)", "투입", "750", "9.6", "-", "△12", "1,234", "12,34,5", "50%", "19개사",
    "750백만원(국700 구50)",
    "❍", "○", "▷", "-", "·", "※", "①", "②", "➜", "+", "(단위 : 백만원)", "(2025. 9. 30. 現在)", "2022 ~ 2026",
    "【임기 내 완료】", "추진중", "행정6급 신정미(☎4803)", "III-2-1", "관리번호\t유형", "연도 확인지표", "달성도",
    "합계", "'16년", "업체수", "금액", "정책목표", "사업개요 및 이행계획", "총사업비 :", "연도별 투자계획",
    "주민배심원단 권고안", ": 2025. 2. ~ 12.", "구청장 공약사항 관리카드", "금정구", "\t", "\t\t", "  ", "    ",
    "\n", "\n", "\n\n", "\u200b", "\ufeff", "😀", "a" * 3, "9" * 45, "(", ")", "[", "]",
]
TEXT = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=80).map(" ".join)


def _sound(result: object) -> None:
    from desktop.core.importmap import ImportResult

    assert isinstance(result, ImportResult)
    for card in result.cards:
        again = loads(dumps([card]), registry=REGISTRY)[0]
        assert again.number == card.number
        check_card(card, REGISTRY.get(card.template))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from([None, "standard", "guro"]))
def test_random_text_never_crashes_the_mapping(text: str, template: str | None) -> None:
    result = map_document(read_text(text), REGISTRY, template)
    _sound(result)
    if not result.cards:  # nothing guessed silently: a text that gave no card is listed whole
        words = {w for p in result.unplaced for w in p.text.split()}
        assert all(w in words for w in text.split() if not set(w) <= set("-=_─━"))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    cells: list[Cell] = []
    for r in range(rows):
        for c in range(cols):
            if draw(st.booleans()) or (r, c) == (0, 0):
                cells.append(Cell(row=r, col=c, blocks=(Paragraph(draw(TEXT.map(lambda s: s[:40]))),),
                                  rowspan=draw(st.integers(1, 3)), colspan=draw(st.integers(1, 3))))
    if draw(st.booleans()):  # a cell outside the grid, as a damaged file may say
        cells.append(Cell(row=rows + 2, col=-1, blocks=(Paragraph("x"),)))
    return Table(rows=rows, cols=cols, cells=tuple(cells))


BLOCKS: st.SearchStrategy[Block] = st.one_of(
    TEXT.map(Paragraph), tables(), st.builds(Image, st.binary(max_size=16), st.just(""), TEXT.map(lambda s: s[:30])))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCKS, max_size=25), st.sampled_from([None, "standard", "guro"]))
def test_random_documents_never_crash_the_mapping(blocks: list[Block], template: str | None) -> None:
    _sound(map_document(Document(blocks=tuple(blocks), kind="hwpx"), REGISTRY, template))
