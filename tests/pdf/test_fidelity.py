"""Issue 18: the printed card laid beside the original, detail by detail (positions read back with
pdfplumber from the real PDF)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber

from desktop.core.model import Card
from tests.pdf.helpers import registry, render, sample

C221 = "geumjeong-2025-09-30-card-2-2-1"
C122 = "geumjeong-2024-06-30-card-1-2-2"
GURO = "guro-plan-III-2-1"

Word = dict[str, Any]


def _print(tmp_path: Path, *cards: Card, name: str = "card.pdf") -> Path:
    return render(list(cards), registry(), tmp_path / name)


def _pages(path: Path) -> list[list[Word]]:
    with pdfplumber.open(path) as pdf:
        return [list(p.extract_words(use_text_flow=True)) for p in pdf.pages]


def _find(words: list[Word], text: str) -> Word:
    hits = [w for w in words if w["text"] == text]
    assert hits, f"{text!r} not on the page"
    return hits[0]


def _same_line_right_of(words: list[Word], anchor: Word) -> list[str]:
    mid = (anchor["top"] + anchor["bottom"]) / 2
    return [w["text"] for w in sorted(words, key=lambda w: w["x0"])
            if w["top"] < mid < w["bottom"] and w["x0"] > anchor["x1"]]


# ------------------------------------------------------------------ item 3: "-" for empty fields

def test_empty_related_departments_and_progress_print_a_dash(tmp_path: Path) -> None:
    card = sample(C221)
    card.related = []
    card.progress = None
    words = _pages(_print(tmp_path, card))[0]
    assert _same_line_right_of(words, _find(words, "관련부서"))[:1] == ["-"]
    progress = next(w for w in words if w["text"] == "진" and w["x0"] > 300)
    assert _same_line_right_of(words, progress)[-1:] == ["-"]


# ------------------------------------------------------------------ item 5: later pages name the card

def test_single_card_later_pages_carry_number_and_title_as_the_book(tmp_path: Path) -> None:
    card = sample(C221)
    with pdfplumber.open(_print(tmp_path, card)) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages[1:]:
            foot = page.crop((0, float(page.height) - 40, float(page.width), float(page.height)))
            text = foot.extract_text() or ""
            assert "2-2-1" in text and "중소기업 애로해소" in text, text


# ------------------------------------------------------------------ item 1: III-2-1 beside its original

def _all_words(path: Path) -> list[tuple[int, Word]]:
    return [(i, w) for i, ws in enumerate(_pages(path)) for w in ws]


def _chars_of(path: Path, text: str) -> list[dict[str, Any]]:
    """The characters of the first line holding `text` (spaces squeezed), on any page."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in page.extract_text_lines():
                if text in line["text"].replace(" ", ""):
                    return list(line["chars"])
    raise AssertionError(f"{text!r} not printed")


def test_guro_invest_table_keeps_its_top_header_row(tmp_path: Path) -> None:
    path = _print(tmp_path, sample(GURO))
    words = [w for _, w in _all_words(path)]
    over = [w for w in words if w["text"] == "투자계획" and w["x0"] > 150]
    assert over, "연도별 투자계획 over the year columns"
    top = over[0]
    inner = [w for w in words if w["text"] == "추진내용" and abs(w["top"] - top["top"]) < 40 and w["top"] > top["top"]]
    assert inner, "추진내용 under 구 분, one header row below"
    gubun = [w for w in words if w["text"] in ("구", "분") and abs(w["top"] - top["top"]) < 3 and w["x0"] < top["x0"]]
    assert gubun, "구 분 on the top header row, left of 연도별 투자계획"
    assert [w for w in words if w["text"] == "2018년" and 5 < w["top"] - top["top"] < 40], "years on the row below"


def test_guro_merged_repayment_cell_prints_as_one(tmp_path: Path) -> None:
    path = _print(tmp_path, sample(GURO))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        word = next(w for w in page.extract_words() if w["text"] == "분할상환(연2회)")
        head = next(w for w in page.extract_words() if w["text"] == "우리은행협력자금")
        # no rule between the 중소기업육성기금 and 우리은행협력자금 columns on the 상환기간 row
        mid = (word["top"] + word["bottom"]) / 2
        rules = [e for e in page.edges if e["orientation"] == "v" and e["top"] < mid < e["bottom"]
                 and word["x1"] < e["x0"] < head["x1"]]
        assert rules == [], rules
        centre = (word["x0"] + word["x1"]) / 2
        assert centre > head["x0"] - 20, "the merged text centres over both columns"


def test_guro_grand_total_row_is_emphasised(tmp_path: Path) -> None:
    chars = _chars_of(_print(tmp_path, sample(GURO)), "총계26,670")
    bold = {c["text"]: "Bold" in c["fontname"] for c in chars if not c["text"].isspace()}
    assert bold["총"] and bold["6"], bold
    ordinary = _chars_of(_print(tmp_path, sample(GURO), name="again.pdf"), "○중소기업마케팅지원사업210")
    assert not any("Bold" in c["fontname"] for c in ordinary)


def test_guro_number_stands_above_the_title(tmp_path: Path) -> None:
    words = _pages(_print(tmp_path, sample(GURO)))[0]
    title = _find(words, "육성")
    above = [w["text"] for w in words if w["bottom"] <= title["top"] + 1]
    assert "III-2-1" in above and "구로구" not in above, above


def test_guro_prints_without_a_near_empty_last_page(tmp_path: Path) -> None:
    with pdfplumber.open(_print(tmp_path, sample(GURO))) as pdf:
        last = pdf.pages[-1]
        body = [c for c in last.chars if c["bottom"] < float(last.height) - 40]
        used = max(c["bottom"] for c in body) - min(c["top"] for c in body)
        assert len(pdf.pages) == 2 or used > float(last.height) * 0.25, (len(pdf.pages), used)


# ------------------------------------------------------------------ item 2: 2-2-1 beside its original

def test_long_table_splits_rather_than_leaving_a_hole(tmp_path: Path) -> None:
    with pdfplumber.open(_print(tmp_path, sample(C221))) as pdf:
        first = pdf.pages[0]
        lowest = max(c["bottom"] for c in first.chars if c["bottom"] < float(first.height) - 40)
        assert lowest > float(first.height) * 0.85, f"page 1 ends at {lowest:.0f} of {first.height:.0f}"
        starts = [i for i, p in enumerate(pdf.pages) if "운영 계획 수립 및 추진" in (p.extract_text() or "")]
        heads = [i for i, p in enumerate(pdf.pages) if "사 업 명" in (p.extract_text() or "")]
        assert starts and heads[0] == starts[0]
        if len(heads) > 1:  # split: its header row is repeated on the next page
            assert heads[1] == heads[0] + 1


def test_a_note_stands_under_its_item(tmp_path: Path) -> None:
    with pdfplumber.open(_print(tmp_path, sample(C221))) as pdf:
        lines = [ln for p in pdf.pages for ln in p.extract_text_lines()]
    note = next(ln for ln in lines if "최초 지정기간" in ln["text"])
    item = next(ln for ln in lines if "연장기간: 2025. 1. 26. ~ 2027. 1. 25." in ln["text"]
                and "※" not in ln["text"])
    assert note["x0"] > item["x0"] + 4, (note["x0"], item["x0"])


def test_colons_before_the_dates_line_up(tmp_path: Path) -> None:
    with pdfplumber.open(_print(tmp_path, sample(C221))) as pdf:
        page = next(p for p in pdf.pages if "향후계획" in (p.extract_text() or ""))
        lines = page.extract_text_lines()
    dated = [ln for ln in lines if ln["text"].lstrip().startswith("○") and ": 2025." in ln["text"]]
    assert len(dated) == 5
    colons = [_colon_x(ln) for ln in dated]
    assert max(colons) - min(colons) < 1.0, colons


def _colon_x(line: dict[str, Any]) -> float:
    chars = [c for c in line["chars"] if not c["text"].isspace()]
    last = max(i for i, c in enumerate(chars) if c["text"] == ":")
    return float(chars[last]["x0"])


# ------------------------------------------------------------------ item 4: a book is of one period

def _book(tmp_path: Path, **kw: Any) -> list[str]:
    reg = registry()
    cards = [sample(s, reg) for s in (C122, C221, GURO)]
    path = render(cards, reg, tmp_path / "book.pdf", **kw)
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def test_book_cover_names_one_period_and_the_other_dates_apart(tmp_path: Path) -> None:
    pages = _book(tmp_path)
    cover = pages[0]
    assert "2025. 9. 30. 現在" in cover and "~" not in cover, cover
    assert "기준일이 다른 카드 1건" in cover, cover
    summary = next(p for p in pages if "총 괄 표" in p)
    main, _, apart = summary.partition("기준일이 다른 카드")
    assert "2-2-1" in main and "III-2-1" in main and "1-2-2" not in main
    assert "1-2-2" in apart and "2024. 6. 30." in apart


def test_book_of_a_chosen_period(tmp_path: Path) -> None:
    cover = _book(tmp_path, period=date(2024, 6, 30))[0]
    assert "2024. 6. 30. 現在" in cover and "2025" not in cover, cover


def test_book_summary_has_a_total_row(tmp_path: Path) -> None:
    summary = next(p for p in _book(tmp_path) if "총 괄 표" in p)
    main = summary.partition("기준일이 다른 카드")[0]
    total = next(ln for ln in main.splitlines() if ln.startswith("계 "))
    assert "2건" in total
    assert "추진중 1" in main  # cards per status
    assert "27,420백만원" in main  # 소요: 750 + 26,670 (both 백만원)
    assert "440백만원" in total  # 투입
