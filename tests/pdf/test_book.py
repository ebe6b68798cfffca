"""A book: cover, 목차 whose page numbers are right, 총괄표, every card from a new page, natural order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from desktop.core.cardfile import read_cards
from desktop.core.layout import new_card
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.foreign import write_seongdong
from tests.pdf.helpers import STEMS, page_texts, registry, render, sample, squash


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Card], TemplateRegistry]:
    d = tmp_path_factory.mktemp("book")
    tfile, cfile = write_seongdong(d / "foreign")
    reg = registry([tfile.parent])
    cards = [sample(s, reg) for s in STEMS] + read_cards(cfile, reg)
    std = reg.get("standard")
    extra = [new_card(std, number=n, title=f"순서 시험 {n}") for n in ("1-10-1", "10-1", "1-2-10")]
    cards = [*reversed(cards), *extra]  # given out of order on purpose
    return render(cards, reg, d / "book.pdf"), cards, reg


ORDER = ["1-2-2", "1-2-10", "1-3", "1-10-1", "2-2-1", "III-2-1", "10-1"]  # III is 3: before 10


def toc_entries(text: str) -> list[tuple[str, int]]:
    """(관리번호 or 총괄표, page) from the 목차 page text."""
    out = []
    for line in text.splitlines():
        if re.fullmatch(r"\d+ / \d+", line.strip()):
            continue  # the page's own footer
        m = re.match(r"^(\S+)\s.*?(\d+)$", line.replace("·", "").strip())
        if m and not line.startswith("목"):
            first = "총괄표" if line.startswith("총괄표") else m.group(1)
            out.append((first, int(m.group(2))))
    return out


def test_cover_names_the_office_title_and_date(book: tuple[Path, list[Card], TemplateRegistry]) -> None:
    cover = squash(page_texts(book[0])[0])
    assert "금정구" in cover and "구로구" in cover and "성동구" in cover
    assert "구청장공약사항관리카드" in cover
    # a book is of one period, its latest 기준일; the cards of other dates are listed apart (issue 18)
    assert "2025.9.30.現在" in cover and "~" not in cover
    assert "기준일이다른카드2건" in cover
    assert f"공약{len(book[1])}건" in cover


def test_contents_point_at_each_cards_first_page(book: tuple[Path, list[Card], TemplateRegistry]) -> None:
    path, cards, _ = book
    texts = page_texts(path)
    toc = toc_entries(texts[1])
    assert [n for n, _ in toc] == ["총괄표", *ORDER]
    by_number = {c.number: c for c in cards}
    starts = [p for _, p in toc]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert "총 괄 표" in texts[toc[0][1] - 1]
    for number, page in toc[1:]:
        card = by_number[number]
        first = texts[page - 1]
        before = texts[page - 2]
        assert number in first, f"{number}: page {page} is not its card"
        if card.title:
            assert squash(card.title) in squash(first)
        # the card starts on that page: the page before belongs to another card (or the 총괄표)
        assert not before.rstrip().splitlines()[-1].startswith(number), f"{number}: starts before page {page}"
    # the footer of every page of a card carries its 관리번호, up to the next card
    for (number, page), nxt in zip(toc[1:], [*starts[2:], len(texts) + 1], strict=True):
        for p in range(page, nxt):
            assert texts[p - 1].rstrip().splitlines()[-1].startswith(number), (number, p)


def test_summary_table_lists_every_card(book: tuple[Path, list[Card], TemplateRegistry]) -> None:
    path, _, _ = book
    text = page_texts(path)[2]
    assert "총 괄 표" in text
    for head in ("관리번호", "공약제목", "주관부서", "추진상황", "진도", "소요예산"):
        assert head in text
    flat, _, apart = squash(text).partition("기준일이다른카드")
    assert "2-2-1중소기업애로해소및환경개선지원일자리경제과추진중75%750백만원(국700구50)" in flat
    assert "1-2-2지역경제활성화종합대책본부설치일자리경제과추진중50%9.6백만원(구비)" in apart
    assert "III-2-1중소기업-소상공인육성지원지역경제과--26,670백만원" in flat
    assert "1-3성수동사회적경제특구조성" in apart
    mine = [n for n in ORDER if n not in ("1-2-2", "1-3")]
    pos = [flat.index(n + "순서시험" + n) if n in ("1-10-1", "10-1", "1-2-10") else flat.index(n) for n in mine]
    assert pos == sorted(pos)


def test_bookmarks_go_to_the_cards(book: tuple[Path, list[Card], TemplateRegistry]) -> None:
    path, _, _ = book
    with path.open("rb") as f:
        doc = PDFDocument(PDFParser(f))
        pages = {p.pageid: i + 1 for i, p in enumerate(PDFPage.create_pages(doc))}
        marks = []
        for _level, title, dest, _a, _se in doc.get_outlines():
            ref = doc.get_dest(dest) if not isinstance(dest, list) else dest
            ref = ref.resolve() if hasattr(ref, "resolve") else ref
            if isinstance(ref, dict):
                ref = ref["D"]
            marks.append((title, pages[ref[0].objid]))
    toc = dict(toc_entries(page_texts(path)[1]))
    assert [t.split()[0] for t, _ in marks][2:] == ORDER
    for title, page in marks[2:]:
        assert toc[title.split()[0]] == page


def test_every_card_starts_on_a_new_page(book: tuple[Path, list[Card], TemplateRegistry]) -> None:
    path, _, _ = book
    heads = [i for i, t in enumerate(page_texts(path)) if "관리카드" in t.splitlines()[0]]
    assert len(heads) >= 5  # the 금정구 and 성동구 cards open with their title line
