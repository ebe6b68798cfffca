"""Typesetting rules on made-up cards: Korean line breaking, overflow, long cards, keep-with-next,
derived cells, photos, progress and cancel — each read back from the real PDF."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image as PILImage
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus import Table as RLTable

from desktop.core.layout import new_card
from desktop.core.model import Block, Card, Column, Item, Photo, Row, Table
from desktop.core.templates import Template
from desktop.pdf import Cancelled, fonts, render_cards, styles
from desktop.pdf.tables import build_table
from desktop.pdf.text import para
from tests.pdf.helpers import overflowing_chars, page_texts, pdftotext, registry, render, squash


@pytest.fixture(scope="module")
def std() -> Template:
    return registry().get("standard")


def card_of(t: Template, **kw: object) -> Card:
    kw.setdefault("number", "9-9-9")
    kw.setdefault("title", "시험 공약")
    kw.setdefault("start_year", 2024)
    kw.setdefault("end_year", 2026)
    kw.setdefault("base_date", date(2025, 9, 30))
    return new_card(t, **kw)


def lines_of(p: Paragraph, width: float) -> list[str]:
    p.wrap(width, 10_000)
    out = []
    for ln in p.blPara.lines:
        words = ln[1] if isinstance(ln, tuple) else [w.text for w in ln.words]
        out.append(" ".join(str(w) for w in words))
    return out


# ------------------------------------------------------------------ Korean line breaking

def test_lines_break_between_words_never_inside() -> None:
    text = "지역경제활성화 종합대책본부 설치 운영으로 중소기업 소상공인 상인회 등 경제단체와 협력하여 지역경제를 살린다"
    words = text.split()
    for width in (90, 130, 200, 260):
        lines = lines_of(para(text, styles.body), width)
        assert len(lines) > 1
        assert " ".join(lines).split() == words  # every line holds whole 어절
        for ln in lines:
            assert fonts.width(ln, styles.BODY) <= width + 0.01


def test_a_word_wider_than_the_line_breaks_inside_and_only_that_word() -> None:
    long = "서울특별시구로구중소기업육성기금운용심의위원회"
    text = f"위원회 {long} 심의"
    width = 60.0
    assert fonts.width(long, styles.BODY) > width
    lines = lines_of(para(text, styles.body), width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert lines[0] == "위원회" or lines[0].startswith("위원회")
    assert lines[-1].endswith("심의")
    for ln in lines:
        assert fonts.width(ln, styles.BODY) <= width + 0.01, ln


def test_no_line_is_allowed_to_run_past_its_width() -> None:
    # ReportLab's default 5 % space shrinkage lets a line with many spaces run past its width.
    text = " ".join("가나다라마바사아자차카타파하" * 3) + " 1 2 3 4 5 6 7 8 9"
    for width in range(40, 200):
        p = para(text, styles.body)
        p.wrap(width, 10_000)
        assert all(ln[0] >= -0.01 for ln in p.blPara.lines), f"a line runs past {width} pt"


def test_overflow_checker_catches_a_string_leaving_its_cell(tmp_path: Path) -> None:
    """The cell test can fail: a plain string in a narrow ReportLab cell spills and is caught."""
    path = tmp_path / "spill.pdf"
    doc = SimpleDocTemplate(str(path), initialFontName=fonts.REGULAR)
    t = RLTable([["중소기업육성기금운용심의위원회", "다음"]], colWidths=[40, 40],
                style=[("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    doc.build([t])
    assert overflowing_chars(path)


def test_narrow_table_cells_keep_their_text_inside(tmp_path: Path, std: Template) -> None:
    card = card_of(std)
    cols = [Column(key=f"c{i}", label=f"열{i}", kind="text") for i in range(9)]
    long = "서울특별시구로구중소기업육성기금운용심의위원회사무국"
    rows = [Row(key=f"r{i}", label="가나다라마바사아자차카타파하" * 2,
                cells={c.key: f"{long} {i} 번째 칸 글자" for c in cols}) for i in range(3)]
    results = card.block("results")
    assert results is not None
    results.items = [Item("넓지 않은 표", 1, table=Table(key="t", corner="구 분", columns=cols, rows=rows))]
    path = render([card], registry(), tmp_path / "narrow.pdf")
    assert overflowing_chars(path) == []
    assert squash(long) in squash(pdftotext(path))  # cut only at the line ends, and copies out whole


def test_table_fonts_shrink_rather_than_cut_numbers() -> None:
    cols = [Column(key=f"y{i}", label=f"{2000 + i}년") for i in range(9)]
    rows = [Row(key="r", label="총계", cells={c.key: Decimal("123456789.5") for c in cols})]
    t = build_table(Table(key="t", corner="구분", columns=cols, rows=rows), styles.FRAME_W)
    assert t is not None
    assert sum(t._colWidths) == pytest.approx(styles.FRAME_W)
    cell = t._cellvalues[1][1]
    assert cell == "123,456,789.5"  # whole, on one line
    size = t._cellStyles[1][1].fontsize
    assert size < styles.CELL
    assert fonts.width("123,456,789.5", size) + 2 * styles.PAD <= t._colWidths[1] + 0.01


# ------------------------------------------------------------------ long cards, keep-with-next

def test_a_long_table_splits_and_repeats_its_header_rows(tmp_path: Path, std: Template) -> None:
    card = card_of(std)
    cols = [Column(key="a", label="머리칸가", group="묶음머리"), Column(key="b", label="머리칸나", group="묶음머리"),
            Column(key="c", label="비고칸", kind="text")]
    rows = [Row(key=f"r{i}", label=f"행{i:03d}", cells={"a": Decimal(i), "b": Decimal(i * 1000), "c": "메모"})
            for i in range(150)]
    results = card.block("results")
    assert results is not None
    results.items = [Item(f"실적 항목 {i}", 1 + i % 3) for i in range(30)]
    results.items.append(Item("긴 표", 1, table=Table(key="t", corner="구 분", unit="개", columns=cols, rows=rows)))
    path = render([card], registry(), tmp_path / "long.pdf")
    texts = page_texts(path)
    with_rows = [i for i, t in enumerate(texts) if "행0" in t or "행1" in t]
    assert len(with_rows) >= 3
    for i in with_rows:
        assert "머리칸가" in texts[i] and "묶음머리" in texts[i], f"page {i + 1} lacks the header rows"
    for i in range(150):
        assert f"행{i:03d}" in "".join(texts)
    assert "149,000" in "".join(texts)
    assert overflowing_chars(path) == []


def _last_body_line(page: pdfplumber.page.Page) -> str:
    lines = [ln for ln in page.extract_text_lines() if float(ln["bottom"]) < float(page.height) - 40]
    return max(lines, key=lambda ln: float(ln["bottom"]))["text"] if lines else ""


def test_a_heading_never_stands_alone_at_the_bottom(tmp_path: Path, std: Template) -> None:
    reg = registry()
    headings = [b.heading for b in std.blocks]
    seen_pages = 0
    for n in range(28, 44, 2):
        card = card_of(std)
        overview = card.block("overview")
        assert overview is not None
        overview.items = [Item(f"추진개요 항목 {i} 내용", 1 + i % 2) for i in range(n)]
        path = render([card], reg, tmp_path / f"kwn{n}.pdf")
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages[:-1]:
                seen_pages += 1
                last = _last_body_line(page)
                assert not any(last.startswith(h) for h in headings), f"{n} items: page ends with {last!r}"
    assert seen_pages >= 8


def test_a_huge_header_outline_splits_over_pages(tmp_path: Path, std: Template) -> None:
    card = card_of(std)
    card.tasks = [Item(f"추진과제 {i} 지역경제 활성화를 위한 세부 과제", 1) for i in range(90)]
    card.goals = [Item(" ".join(f"목표{i:04d}" for i in range(1500)), 1), Item("둘째 목표", 2)]
    path = render([card], registry(), tmp_path / "tasks.pdf")
    text = "".join(page_texts(path))
    assert all(f"추진과제 {i} " in text for i in range(90))
    assert all(f"목표{i:04d}" in text for i in range(1500))
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) <= 6  # runs on page after page, no half-empty pages
    assert overflowing_chars(path) == []


# ------------------------------------------------------------------ values

def test_derived_cells_print_computed_values_stated_ones_as_stated(tmp_path: Path, std: Template) -> None:
    card = card_of(std)
    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    rows = {r.key: r for r in invest.table.rows}
    rows["plan_national"].cells = {"y2024": Decimal("1200"), "y2025": Decimal("3000.5")}
    rows["plan_district"].cells = {"y2024": Decimal("300")}
    rows["exec_district"].cells = {"y2024": Decimal("250"), "total": Decimal("999")}  # stated: kept as stated
    path = render([card], registry(), tmp_path / "derived.pdf")
    lines = [ln.split() for ln in page_texts(path)[0].splitlines()]
    assert ["총계", "4,500.5", "-", "1,500", "3,000.5", "-", "-"] in lines
    assert ["국비", "4,200.5", "-", "1,200", "3,000.5", "-", "-"] in lines
    assert ["구비", "999", "-", "250", "-", "-", "-"] in lines
    # the header summary is derived from the table when the card states none
    assert "4,500.5백만원(국4,200.5구300)" in squash(page_texts(path)[0])


def test_an_empty_card_prints(tmp_path: Path, std: Template) -> None:
    card = new_card(std)
    path = render([card], registry(), tmp_path / "empty.pdf")
    text = page_texts(path)[0]
    for label in ("공약제목", "관리번호", "1. 추진개요", "5. 향후계획"):
        assert label in text
    assert "6. 기타 참고사항" not in text  # an empty photo section is left out


def test_strange_text_never_breaks_the_print(tmp_path: Path, std: Template) -> None:
    card = card_of(std, title="<b>제목</b> & \x00\x07 \U0001f600 ❍ ☑ ‧ 𠀀 \u200b 끝")
    overview = card.block("overview")
    assert overview is not None
    overview.items = [Item("줄\n바꿈\t탭  두칸 <br/> &amp;", 1), Item("", 2), Item("x" * 3000, 3)]
    path = render([card], registry(), tmp_path / "odd.pdf")
    text = "".join(page_texts(path))
    assert "<b>제목</b>" in text and "&amp;" in text and "끝" in text
    assert "○" in text and "■" in text  # shapes the font lacks print as their nearest twin


# ------------------------------------------------------------------ photos

def _png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (w, h), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def test_photos_per_row_with_captions_and_empty_frames(tmp_path: Path, std: Template) -> None:
    card = card_of(std)
    photos = card.block("photos")
    assert photos is not None
    photos.photos = [Photo("첫째 사진", _png(400, 300), "image/png"), Photo("둘째 자리"),
                     Photo("셋째 깨진 파일", b"\x89PNG broken", "image/png"), Photo("넷째 사진", _png(300, 400))]
    path = render([card], registry(), tmp_path / "photos.pdf")
    with pdfplumber.open(path) as pdf:
        page = next(p for p in pdf.pages if "첫째 사진" in (p.extract_text() or ""))
        assert len(page.images) == 2
        words = {w["text"]: w for w in page.extract_words()}
        frames = [r for r in page.rects if r["width"] > 100 and r["height"] > 70]
        assert len(frames) == 2  # the caption-only photo and the unreadable one
        first, second, third, fourth = (words[k] for k in ("첫째", "둘째", "셋째", "넷째"))
        assert abs(first["top"] - second["top"]) < 2 and abs(first["top"] - third["top"]) < 2  # three a row
        assert fourth["top"] > first["top"] + 50
        box = min(frames, key=lambda r: r["x0"])
        assert second["top"] > box["bottom"] and box["x0"] < second["x0"] < box["x1"]  # caption under its frame


# ------------------------------------------------------------------ progress, cancel, streams

def test_progress_reports_every_card_and_cancel_writes_nothing(tmp_path: Path, std: Template) -> None:
    cards = [card_of(std, number=f"1-{i}") for i in range(1, 6)]
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    render(cards, registry(), tmp_path / "book.pdf", progress=progress)
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and set(range(6)) <= set(dones)

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        render_cards(cards, registry(), out, progress=lambda d, t: d < 2)
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []


def test_writes_to_a_binary_stream(std: Template) -> None:
    buf = io.BytesIO()
    pages = render_cards([card_of(std)], registry(), buf)
    assert buf.getvalue().startswith(b"%PDF-") and pages >= 1
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as pdf:
        assert len(pdf.pages) == pages


def test_nothing_to_print_is_refused() -> None:
    with pytest.raises(ValueError, match="인쇄할 카드가 없습니다"):
        render_cards([], registry(), io.BytesIO())


def test_block_without_template_definition_still_prints(tmp_path: Path, std: Template) -> None:
    card = card_of(std)
    card.blocks.append(Block(key="extra", heading="7. 덧붙임", text="템플릿에 없는 블록도 인쇄됩니다"))
    text = "".join(page_texts(render([card], registry(), tmp_path / "extra.pdf")))
    assert "7. 덧붙임" in text and "템플릿에 없는 블록도 인쇄됩니다" in text


def test_a_table_cell_longer_than_a_page_runs_over(tmp_path: Path, std: Template) -> None:
    card = card_of(std)
    long = " ".join(f"내용{i:04d}" for i in range(1400))
    cols = [Column(key="a", label="사업명", kind="text"), Column(key="b", label="내용", kind="text")]
    rows = [Row(key="r1", label="", cells={"a": "첫 사업", "b": long}),
            Row(key="r2", label="", cells={"a": "둘", "b": "끝"})]
    results = card.block("results")
    assert results is not None
    results.items = [Item("아주 긴 칸", 1, table=Table(key="t", columns=cols, rows=rows))]
    path = render([card], registry(), tmp_path / "tallcell.pdf")
    text = squash(pdftotext(path))
    assert all(f"내용{i:04d}" in text for i in range(1400))
    assert overflowing_chars(path) == []


def test_every_character_of_the_seeds_has_a_glyph_in_the_bundled_font() -> None:
    from tests.pdf.helpers import STEMS, seed_text

    for stem in STEMS:
        text = fonts.printable(seed_text(stem))
        missing = sorted({c for c in text if not c.isspace() and not fonts.covered(c)})
        assert missing == [], f"{stem}: no glyph for {missing}"
