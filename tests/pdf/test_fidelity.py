"""Issue 18: the printed card laid beside the original, detail by detail (positions read back with
pdfplumber from the real PDF)."""

from __future__ import annotations

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
