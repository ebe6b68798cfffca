"""The sample cards printed: A4, Nanum embedded, every word of the seed on the page, nothing overflows.

These read the real PDF back (pdfplumber, poppler's pdftotext/pdffonts) — what the officer gets.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from desktop.core.cardfile import read_cards
from desktop.pdf import styles
from tests.conftest import require_tool
from tests.foreign import write_seongdong
from tests.pdf.helpers import (
    A4,
    STEMS,
    WORD,
    outside_margins,
    overflowing_chars,
    pdftotext,
    registry,
    render,
    sample,
    seed_text,
    squash,
)

C122 = "geumjeong-2024-06-30-card-1-2-2"
C221 = "geumjeong-2025-09-30-card-2-2-1"
GURO = "guro-plan-III-2-1"
FOREIGN = "seongdong"
ALL = [*STEMS, FOREIGN]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("print")
    reg = registry()
    out = {s: render([sample(s, reg)], reg, d / f"{s}.pdf") for s in STEMS}
    tfile, cfile = write_seongdong(d / "foreign")
    freg = registry([tfile.parent])
    out[FOREIGN] = render(read_cards(cfile, freg), freg, d / "seongdong.pdf")
    return out


def test_the_three_samples_are_there() -> None:
    assert STEMS == [C122, C221, GURO]


@pytest.mark.parametrize("stem", ALL)
def test_every_page_is_a4(printed: dict[str, Path], stem: str) -> None:
    with pdfplumber.open(printed[stem]) as pdf:
        assert len(pdf.pages) >= 1
        for p in pdf.pages:
            assert (float(p.width), float(p.height)) == pytest.approx(A4, abs=0.5)


@pytest.mark.parametrize("stem", ALL)
def test_only_embedded_nanum_subsets(printed: dict[str, Path], stem: str) -> None:
    with pdfplumber.open(printed[stem]) as pdf:
        names = {c["fontname"] for p in pdf.pages for c in p.chars}
    assert names, "no text at all"
    assert all(re.fullmatch(r"[A-Z]{6}\+NanumGothic(Bold)?", n) for n in names), names
    out = subprocess.run([require_tool("pdffonts"), str(printed[stem])], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    for line in out:
        cols = line.split()
        # name type encoding emb sub uni object ID
        assert "Nanum" in cols[0] and cols[-5:-2] == ["yes", "yes", "yes"], line


@pytest.mark.parametrize("stem", STEMS)
def test_every_word_of_the_seed_is_printed(printed: dict[str, Path], stem: str) -> None:
    text = squash(pdftotext(printed[stem]))
    words = WORD.findall(seed_text(stem))
    assert len(words) > 100
    missing = [w for w in words if w not in text]
    assert not missing, f"{stem}: not in the PDF: {missing[:20]}"


@pytest.mark.parametrize("stem", ALL)
def test_no_character_leaves_its_cell(printed: dict[str, Path], stem: str) -> None:
    assert overflowing_chars(printed[stem]) == []


@pytest.mark.parametrize("stem", ALL)
def test_no_character_outside_the_margins(printed: dict[str, Path], stem: str) -> None:
    assert outside_margins(printed[stem], margin=12 * 2.8346, footer=5 * 2.8346) == []


def _words(path: Path, page: int = 0) -> list[dict[str, object]]:
    with pdfplumber.open(path) as pdf:
        return list(pdf.pages[page].extract_words(keep_blank_chars=False, use_text_flow=True))


def _find(words: list[dict[str, object]], text: str) -> dict[str, object]:
    hits = [w for w in words if w["text"] == text]
    assert hits, f"{text!r} not on the page"
    return hits[0]


def test_standard_head_title_centred_date_right_grid_in_template_order(printed: dict[str, Path]) -> None:
    path = printed[C221]
    words = _words(path)
    w = A4[0]
    title = [x for x in words if float(x["top"]) < 80 and x["text"] in ("금정구", "구청장", "공약사항", "관리카드")]
    left, right = min(float(x["x0"]) for x in title), max(float(x["x1"]) for x in title)
    assert (left + right) / 2 == pytest.approx(w / 2, abs=3)
    date = _find(words, "現在)")
    assert float(date["x1"]) == pytest.approx(w - styles.MARGIN_X, abs=2)
    labels = ["공약제목", "주관부서", "사업기간", "추진상황", "공약목표", "추진과제"]
    tops = [float(_find(words, lb)["top"]) for lb in labels]
    assert tops == sorted(tops)
    # the right-hand pairs sit on their row, right of the left label
    for lft, rgt in (("공약제목", "관리번호"), ("사업기간", "소요예산"), ("추진상황", "진")):
        a, b = _find(words, lft), _find(words, rgt)
        assert float(b["x0"]) > float(a["x1"]) + 200
        assert abs(float(b["top"]) - float(a["top"])) < 4
    page1 = squash(pdftotext(path, first=1, last=1))
    for text in ("2024~2026[임기내완료]", "750백만원(국700구50)", "75%", "(2025.9.30.現在)",
                 "팀장행정6급서영수(☎4803)", "담당자행정7급임정미(☎4806)", "행정7급정종환(☎4805)"):
        assert text in page1, text


def test_budget_table_unit_dashes_and_figures(printed: dict[str, Path]) -> None:
    text = pdftotext(printed[C221], first=1, last=1)
    assert "(단위 : 백만원)" in text
    lines = [ln.split() for ln in text.splitlines()]
    assert ["총계", "750", "-", "270", "250", "230", "-"] in lines
    assert ["시비", "-", "-", "-", "-", "-", "-"] in lines
    assert "9.6백만원(구비)" in squash(pdftotext(printed[C122], first=1, last=1))


def test_dates_are_right_aligned(printed: dict[str, Path]) -> None:
    with pdfplumber.open(printed[C221]) as pdf:
        page = next(p for p in pdf.pages if "향후계획" in (p.extract_text() or ""))
        lines = page.extract_text_lines()
    dated = [ln for ln in lines if ln["text"].rstrip().endswith(("~ 12.", "2025. 11."))
             and ln["text"].lstrip().startswith("○")]
    assert len(dated) >= 5
    # the dates stand in a column after colons that line up (issue 18): the longest ends at the margin
    assert max(float(ln["x1"]) for ln in dated) == pytest.approx(A4[0] - styles.MARGIN_X, abs=1.5)
    for ln in dated:
        assert float(ln["x1"]) <= A4[0] - styles.MARGIN_X + 0.5, ln["text"]
        assert float(ln["x1"]) > A4[0] - styles.MARGIN_X - 30, ln["text"]


def test_guro_columns_header_tables_and_footer(printed: dict[str, Path]) -> None:
    text = pdftotext(printed[GURO])
    flat = squash(text)
    lines = [ln.split() for ln in text.splitlines()]
    assert ["관리번호", "유형", "이행시기", "예산구분", "주관부서", "협조부서(기관)"] in lines
    assert "III-2-1계속임기내완료구비지역경제과" in flat
    assert ["중소기업·소상공인", "자금지원", "143", "13,571", "47", "4,927", "60", "5,354", "36", "3,290"] in lines
    assert "19개사" in flat and "1,750,000" in flat and "1,750,000원" not in flat
    assert "총사업비:26,670백만원" in flat
    assert "담당자부서:지역경제과주무관:정효진전화번호:860-2865" in flat


def test_reading_order_follows_the_card(printed: dict[str, Path]) -> None:
    flat = squash(pdftotext(printed[C221]))
    marks = ["구청장공약사항관리카드", "공약제목", "추진과제", "1.추진개요", "2.투자계획(비예산)",
             "3.추진실적[2025.1.1.~2025.9.30.]", "4.추진상문제점", "5.향후계획", "6.기타참고사항"]
    pos = [flat.index(m) for m in marks]
    assert pos == sorted(pos)
