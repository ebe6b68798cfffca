"""The 이행 현황 보고서 written by `pledgecard report` over a real database: the PDF's text holds the same
numbers as `pledgecard summary --json`, with the rates' definitions, the cover's 기준일 and page numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from desktop.core.overview_text import money
from tests.cli.helpers import run_cli
from tests.cli.test_summary import office_db, summary_json

__all__ = ["office_db"]


def _pdf_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def test_report_holds_the_summary_numbers(capsys: pytest.CaptureFixture[str], office_db: tuple[Path, Path],
                                          tmp_path: Path) -> None:
    db, templates = office_db
    doc = summary_json(capsys, db, templates)
    out = tmp_path / "이행현황.pdf"
    r = run_cli(capsys, "--db", db, "--templates", templates, "report", "--out", out)
    assert r.code == 0, r.err
    pages = _pdf_text(out)
    assert "공약 이행 현황 보고서" in pages[0] and "2025. 9. 30. 기준일 현재" in pages[0] and "시험구" in pages[0]
    assert all(f"{i} / {len(pages)}" in p for i, p in enumerate(pages, start=1))
    text = "\n".join(pages)
    flat = re.sub(r"\s+", " ", text)
    # 1. statuses: the counts row in the summary's order
    counts = " ".join(str(s["count"]) if s["count"] else "-" for s in doc["statuses"])
    assert f"공약 수 {doc['cards']['count']} {counts}" in flat
    # 2, 3. the cross tables' rows
    for cross in (doc["by_area"], doc["by_dept"]):
        for row in cross["rows"]:
            cells = " ".join(str(row["statuses"][s]["count"]) if row["statuses"][s]["count"] else "-"
                             for s in cross["statuses"])
            assert f"{row['key']} {row['total']['count']} {cells}" in flat
    # 5. finance: each source's amounts, then the rates with their definitions
    scopes = ["needed", "secured", "needed_in_term", "secured_in_term", "spent"]
    for src in doc["finance"]["sources"]:
        amounts = " ".join(money(Decimal(src[s]["amount"])) for s in scopes)
        assert f"{src['meaning']} {amounts}" in flat
    total = " ".join(money(Decimal(doc["finance"]["total"][s]["amount"])) for s in scopes)
    assert f"계 {total}" in flat
    for rate in doc["rates"]:
        assert f"{rate['name']} {rate['percent']}%" in flat
        assert rate["definition"][:20] in flat
    # 8. every card listed with its 진도 and 주관부서
    for card in doc["card_list"]:
        progress = f"{card['progress']}%" if card["progress"] is not None else "-"
        assert re.search(rf"{re.escape(card['number'])} {re.escape(card['title'])} {re.escape(card['dept'])} "
                         rf"{re.escape(progress)}", flat), card["number"]


def test_report_refuses_a_folder(capsys: pytest.CaptureFixture[str], office_db: tuple[Path, Path],
                                 tmp_path: Path) -> None:
    db, templates = office_db
    r = run_cli(capsys, "--db", db, "--templates", templates, "report", "--out", tmp_path)
    assert r.code == 2 and "폴더입니다" in r.err and "Traceback" not in r.err
