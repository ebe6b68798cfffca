"""One reading of "where is 확보": 성동구 states its 확보액 in a column beside 계획액 (finance
`secured_col`). The overview (`summary --json`), the workbook's 총괄표 (투입예산) and the book's
총괄표 (투입예산) all show it — the same total."""

from __future__ import annotations

import json
import re
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pdfplumber
import pytest

from desktop.core.numbers import format_amount
from tests.cli.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
SEONGDONG = SAMPLES / "formats" / "seongdong-card-2021-06-30-1-3.json"
GEUMJEONG = SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json"


@pytest.fixture
def office(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """Two 금정구 cards and the 성동구 card, all of one 기준일 (a book is of one period)."""
    sd = json.loads(SEONGDONG.read_text(encoding="utf-8"))
    sd["cards"][0]["base_date"] = "2025-09-30"
    gj = json.loads(GEUMJEONG.read_text(encoding="utf-8"))
    twin = json.loads(json.dumps(gj["cards"][0]))
    twin.update(id=str(uuid.uuid4()), pledge_id=str(uuid.uuid4()), number="2-2-9")
    gj["cards"].append(twin)
    files = [tmp_path / "sd.json", tmp_path / "gj.json"]
    files[0].write_text(json.dumps(sd, ensure_ascii=False), encoding="utf-8")
    files[1].write_text(json.dumps(gj, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "office.sqlite3"
    r = run_cli(capsys, "--db", db, "import", *files)
    assert r.code == 0, r.err
    return db


def _secured(capsys: pytest.CaptureFixture[str], db: Path) -> tuple[Decimal, dict[str, Decimal]]:
    """The overview's 확보 total and each card's (by 관리번호)."""
    r = run_cli(capsys, "--db", db, "summary", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    total = Decimal(doc["finance"]["total"]["secured"]["amount"])
    return total, {}


def _value(ws: Any, ref: str) -> Decimal:
    """A card sheet's cell: a number, or the SUM formula the workbook writes for a total (evaluated)."""
    v = ws[ref].value
    if v is None or v == "-":
        return Decimal(0)
    if isinstance(v, str) and v.startswith("=SUM("):
        out = Decimal(0)
        for part in v[5:-1].split(","):
            if ":" in part:
                out += sum((_value(ws, c.coordinate) for row in ws[part] for c in row), Decimal(0))
            else:
                out += _value(ws, part.replace("$", ""))
        return out
    assert isinstance(v, (int, float, Decimal)), (ref, v)
    return Decimal(str(v))


def _ref_value(wb: Any, formula: str) -> Decimal:
    m = re.fullmatch(r"='?([^'!]+)'?!\$([A-Z]+)\$(\d+)", formula)
    assert m, formula
    return _value(wb[m.group(1)], f"{m.group(2)}{m.group(3)}")


def test_workbook_and_book_show_seongdongs_secured_as_the_overview(capsys: pytest.CaptureFixture[str],
                                                                   office: Path, tmp_path: Path) -> None:
    total, _ = _secured(capsys, office)
    assert total == Decimal(440) * 2 + Decimal(730)  # 금정구 투입 440 each; 성동구 확보액 계 730

    out = tmp_path / "통합문서.xlsx"
    r = run_cli(capsys, "--db", office, "xlsx", "--all", "--out", out)
    assert r.code == 0, r.err
    wb = openpyxl.load_workbook(out)
    ws = wb["총괄표"]
    head = [c.value for c in ws[3]]
    spent_col = head.index("투입예산") + 1
    shown: dict[str, Decimal] = {}
    for row in ws.iter_rows(min_row=5):
        number = row[1].value
        if isinstance(number, str) and re.fullmatch(r"[\d-]+", number):
            cell = row[spent_col - 1].value
            assert isinstance(cell, str), f"{number}: 투입예산 비어 있음"
            shown[number] = _ref_value(wb, cell)
    assert shown == {"1-3": Decimal(730), "2-2-1": Decimal(440), "2-2-9": Decimal(440)}
    assert sum(shown.values()) == total

    book = tmp_path / "책자.pdf"
    r = run_cli(capsys, "--db", office, "pdf", "--all", "--out", book)
    assert r.code == 0, r.err
    with pdfplumber.open(book) as pdf:
        text = next(t for p in pdf.pages if "총 괄 표" in (t := p.extract_text() or ""))
    text = text[text.index("총 괄 표"):]
    line = next(ln for ln in text.splitlines() if ln.startswith("1-3 "))
    assert line.endswith(f"{format_amount(Decimal(730))}백만원"), line
    sums = next(ln for ln in text.splitlines() if ln.startswith("계 3건"))
    assert sums.endswith(f"{format_amount(total)}백만원"), sums
