"""Long tables under a merged group label split across pages with the label repeated; a card that
truly cannot be laid out is named, and a book still prints every other card (one process or several)."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.layout import new_card
from desktop.core.model import Card, Column, Item, Row, Table
from desktop.core.templates import TemplateRegistry
from desktop.pdf import PrintStats, Unprintable, render_cards, worker
from tests.pdf.helpers import (
    STEMS,
    child_processes,
    overflowing_chars,
    page_texts,
    pdftotext,
    registry,
    render,
    sample,
    squash,
)

GROUP = "소요예산(계획)"


def grouped_card(reg: TemplateRegistry, rows: int, *, number: str = "9-9-9", group: str = GROUP,
                 per_group: int | None = None) -> Card:
    """A standard card whose 추진실적 holds one table: `rows` rows under merged group labels
    (`per_group` rows each; all under `group` when None), a number and a text column."""
    card = new_card(reg.get("standard"), number=number, title=f"긴 표 {rows}행", start_year=2024, end_year=2026,
                    base_date=date(2025, 9, 30))
    cols = [Column(key="a", label="금액"), Column(key="b", label="비고", kind="text")]
    body = [Row(key=f"r{i}", label=f"세부{i:03d}",
                group=group if per_group is None else f"묶음{i // per_group:02d}",
                cells={"a": Decimal(i * 10), "b": "메모"}) for i in range(rows)]
    results = card.block("results")
    assert results is not None
    results.items = [Item("긴 표", 1, table=Table(key="t", corner="구 분", unit="백만원", columns=cols, rows=body,
                                                  label_columns=2))]
    return card


def impossible_card(reg: TemplateRegistry, number: str = "99-9") -> Card:
    """A card with a column header taller than a page: header rows repeat and never split."""
    card = new_card(reg.get("standard"), number=number, title="머리 칸이 한 쪽보다 긴 카드", start_year=2024,
                    end_year=2026, base_date=date(2025, 9, 30))
    long = " ".join(f"머리{i:04d}" for i in range(1400))
    cols = [Column(key="a", label=long, kind="text"), Column(key="b", label="비고", kind="text")]
    results = card.block("results")
    assert results is not None
    results.items = [Item("표", 1, table=Table(key="t", corner="구 분", columns=cols,
                                              rows=[Row(key="r", label="가", cells={"a": "값", "b": "값"})]))]
    return card


def _pages_with_rows(texts: list[str]) -> list[int]:
    return [i for i, t in enumerate(texts) if re.search(r"세부\d{3}", t)]


@pytest.mark.parametrize("rows", [60, 120])
def test_rows_under_one_group_label_split_with_the_label_on_every_page(tmp_path: Path, rows: int) -> None:
    reg = registry()
    path = render([grouped_card(reg, rows)], reg, tmp_path / f"group{rows}.pdf")
    texts = page_texts(path)
    spanned = _pages_with_rows(texts)
    assert len(spanned) >= rows // 50 + 1, "the table spans pages"
    assert "(계속)" not in squash(texts[spanned[0]])
    for i in spanned:
        assert GROUP in squash(texts[i]), f"page {i + 1} lacks the group label"
        assert "구분" in squash(texts[i]) and "금액" in texts[i], f"page {i + 1} lacks the header row"
    for i in spanned[1:]:
        assert f"{GROUP}(계속)" in squash(texts[i]), f"page {i + 1}: the label is not marked as continued"
    raw = squash(pdftotext(path))
    assert all(f"세부{i:03d}" in raw for i in range(rows))
    assert f"{(rows - 1) * 10:,}" in raw
    assert overflowing_chars(path) == []


def test_short_groups_move_to_the_next_page_whole(tmp_path: Path) -> None:
    """Groups of a few rows are not cut when a split between groups costs little of the page."""
    reg = registry()
    path = render([grouped_card(reg, 150, per_group=5)], reg, tmp_path / "groups.pdf")
    texts = page_texts(path)
    assert len(_pages_with_rows(texts)) >= 3
    assert "(계속)" not in "".join(texts)
    flat = squash(pdftotext(path))
    assert all(f"묶음{g:02d}" in flat for g in range(30))


def test_the_one_card_asked_for_that_cannot_be_laid_out_is_named(tmp_path: Path) -> None:
    reg = registry()
    path = tmp_path / "one.pdf"
    with pytest.raises(Unprintable, match="99-9") as caught:
        render_cards([impossible_card(reg)], reg, path)
    assert "인쇄할 수 없습니다" in str(caught.value)
    assert not path.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize("workers", [0, 1])
def test_a_book_prints_every_other_card_and_names_the_one_that_cannot_be(
        tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a worker, the card is the worker's (it is last, and this process stops after two cards)."""
    reg = registry()
    cards = [sample(stem, reg) for stem in STEMS] + [grouped_card(reg, 60, number="50-1"), impossible_card(reg)]
    if workers:
        real_front = worker.Claims.front
        monkeypatch.setattr(worker.Claims, "front", lambda self, i: i < 2 and real_front(self, i))
    stats = PrintStats()
    path = tmp_path / "book.pdf"
    render_cards(cards, reg, path, workers=workers, stats=stats, invariant=True)
    assert stats.unprintable == ["99-9 '머리 칸이 한 쪽보다 긴 카드'"]
    if workers:
        assert stats.worker_cards == len(cards) - 2, "the book laid out again still used the worker"
    flat = squash("".join(page_texts(path)))
    for card in cards:
        assert squash(f"{card.number}{card.title}") in flat or squash(card.title) in flat, card.number
    assert "중소기업애로해소및환경개선지원" in flat and "세부059" in flat  # bodies of the other cards
    assert "이카드는인쇄하지못했습니다" in flat and "머리0001" not in flat
    assert child_processes() == []
    if workers:  # the very book one process writes
        alone = io.BytesIO()
        render_cards(cards, reg, alone, workers=0, invariant=True)
        assert path.read_bytes() == alone.getvalue()
