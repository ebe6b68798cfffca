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
