"""The workbook printed as the planning office prints it: LibreOffice turns it into a PDF, read back
like the card PDFs (issue 18). Every word of each seed reaches the printed sheet, the card sheets
print on about as many pages as the card PDFs, and no table header is left at the foot of a page."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from desktop.pdf import render_cards
from desktop.xlsx import export_workbook
from tests.pdf.helpers import STEMS, WORD, pdftotext, registry, sample, seed_text, squash
from tests.xlsx.helpers import print_workbook


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each sample alone: its workbook printed by LibreOffice, and its card PDF."""
    d = tmp_path_factory.mktemp("wbprint")
    reg = registry()
    out: dict[str, Path] = {}
    for stem in STEMS:
        card = sample(stem, reg)
        xlsx = d / f"{stem}.xlsx"
        export_workbook([card], reg, xlsx)
        out[stem] = print_workbook(xlsx, d)
        out[stem + ".xlsx"] = xlsx
        render_cards([card], reg, d / f"{stem}.card.pdf")
        out[stem + ".card"] = d / f"{stem}.card.pdf"
    return out


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_every_word_of_the_seed_is_in_the_printed_workbook(printed: dict[str, Path], stem: str) -> None:
    text = squash(pdftotext(printed[stem]))
    words = WORD.findall(seed_text(stem))
    missing = [w for w in words if w not in text]
    assert not missing, f"{stem}: not in the printed workbook: {missing[:20]}"


def _sheet_pages(xlsx: Path, out_dir: Path) -> int:
    """Pages of the card's own sheet, printed alone (the 총괄표 and 집계 taken out of a copy)."""
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    for name in ("총괄표", "집계"):
        del wb[name]
    alone = out_dir / f"{xlsx.stem}.alone.xlsx"
    wb.save(alone)
    with pdfplumber.open(print_workbook(alone, out_dir)) as pdf:
        return len(pdf.pages)


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_card_sheet_prints_on_about_as_many_pages_as_the_card(printed: dict[str, Path], stem: str) -> None:
    with pdfplumber.open(printed[stem + ".card"]) as pdf:
        card_pages = len(pdf.pages)
    sheet = _sheet_pages(printed[stem + ".xlsx"], printed[stem].parent)
    assert sheet <= card_pages, (stem, sheet, card_pages)


@pytest.mark.slow
def test_no_word_is_broken_across_lines(printed: dict[str, Path]) -> None:
    lines = [squash(line) for line in pdftotext(printed[STEMS[1]]).splitlines()]
    assert any("164건(2025.8월기준)" in line for line in lines)  # not "(2025.8" / "월기준)"


HEAD_FILL = (0.867, 0.922, 0.969)  # styles.HEAD_FILL (DDEBF7), the table headers' fill, as the PDF states it


def _orphaned_headers(pdf_path: Path) -> list[tuple[int, str]]:
    """Pages whose last line of text (the page number left aside) is a table's header row — a line
    lying on the header fill — or the unit line above a header: (page, that line)."""
    import re

    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            lines: dict[int, list[dict]] = {}
            for ch in page.chars:
                lines.setdefault(round(ch["top"]), []).append(ch)
            text = {top: "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])) for top, cs in lines.items()}
            tops = [t for t in sorted(text) if not re.fullmatch(r"\d+/\d+", text[t].replace(" ", ""))]
            last = lines[tops[-1]]
            y = (last[0]["top"] + last[0]["bottom"]) / 2
            heads = [r for r in page.rects if r.get("non_stroking_color") is not None
                     and tuple(round(float(x), 3) for x in r["non_stroking_color"]) == HEAD_FILL]
            if any(r["top"] - 1 <= y <= r["bottom"] + 1 for r in heads) or text[tops[-1]].startswith("(단위"):
                out.append((page.page_number, text[tops[-1]]))
    return out


@pytest.mark.slow
def test_no_page_ends_with_a_table_header(tmp_path: Path) -> None:
    """Issue 18 item 8: a card grown line by line (N lines more before its 투자계획 table) walks the
    table across the foot of page 1; printed by LibreOffice, no page ends with the table's header
    (or its unit line) — the header starts the next page with its first row."""
    import openpyxl

    from desktop.core.model import Item
    from tests.xlsx.helpers import print_workbooks

    reg = registry()
    books = []
    for n in range(30, 60):
        card = sample(STEMS[0], reg)
        block = card.block("overview")
        assert block is not None and card.block("invest") is not None
        block.items += [Item(text=f"추가 줄 {k + 1}", level=1) for k in range(n)]
        xlsx = tmp_path / f"grown{n:02d}.xlsx"
        export_workbook([card], reg, xlsx)
        wb = openpyxl.load_workbook(xlsx)  # the card's sheet alone: its pages only
        for name in ("총괄표", "집계"):
            del wb[name]
        wb.save(xlsx)
        books.append(xlsx)
    pdfs = print_workbooks(books, tmp_path)
    with pdfplumber.open(pdfs[0]) as pdf:
        assert len(pdf.pages) >= 2  # the sweep does cross a page's foot
    orphans = {n: o for n, pdf in zip(range(30, 60), pdfs, strict=True) if (o := _orphaned_headers(pdf))}
    assert not orphans, orphans
