"""`pledgecard summary`, `report` and `site` over a database holding EVERY shipped sample (금정구,
구로구, 성동구 and a department's 주요업무 보고): the headline speaks the documents' words, the report's
PDF text and the site's pages hold the numbers of `summary --json` — for the office's pledges (the
default) and for every kind chosen."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from desktop.core.overview_text import money
from tests.cli.helpers import run_cli
from tests.publish.test_site import assert_inert, flat, inspect

ROOT = Path(__file__).resolve().parents[2]
SCOPES = ["needed", "secured", "needed_in_term", "secured_in_term", "spent"]


@pytest.fixture
def shipped_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    samples = ROOT / "resources" / "samples"
    files = sorted(samples.glob("*.json")) + sorted((samples / "formats").glob("*.json"))
    db = tmp_path / "shipped.sqlite3"
    r = run_cli(capsys, "--db", db, "import", *files)
    assert r.code == 0, r.err
    return db


def _json(capsys: pytest.CaptureFixture[str], db: Path, *more: str) -> dict:  # type: ignore[type-arg]
    r = run_cli(capsys, "--db", db, "summary", "--json", *more)
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_summary_speaks_the_documents_words(capsys: pytest.CaptureFixture[str], shipped_db: Path) -> None:
    r = run_cli(capsys, "--db", shipped_db, "summary")
    assert r.code == 0, r.err
    head = r.out.splitlines()[:2]
    assert head[0].endswith("공약 이행 현황 (2025. 9. 30. 기준일 현재): 공약 4건")
    assert head[1] == "이 현황에 넣지 않은 카드: 사업 5건 (공약이 아닌 카드는 --kind로 골라 봄)"
    assert "재원 미구분: 소요(전체) -" in r.out  # no 소요 is left unsplit: 집행 of 성동구 only
    r = run_cli(capsys, "--db", shipped_db, "summary", "--kind", "공약", "--kind", "사업")
    assert r.out.splitlines()[0].endswith("공약·사업 추진 현황 (2025. 9. 30. 기준일 현재): 공약 4건 · 사업 5건")
    assert "도시재생과: 그 표의 3개 행은 각 사업의 쪽에서 한 번만 셈" in r.out
    r = run_cli(capsys, "--db", shipped_db, "summary", "--kind", "계획")
    assert r.code == 2 and "카드 종류 '계획'의 카드가 없습니다 (있는 카드 종류: 공약, 사업)" in r.err
    doc = _json(capsys, shipped_db, "--template", "dept-project")
    assert doc["title"] == "사업 추진 현황"
    assert [(k["word"], k["count"]) for k in doc["kinds"]] == [("사업", 4)]
    assert doc["filter"]["kinds"] is None and doc["left_out"] == []


@pytest.mark.parametrize("chosen", [(), ("--kind", "공약", "--kind", "사업")], ids=["pledges", "every kind"])
def test_report_and_site_hold_the_summary_numbers(capsys: pytest.CaptureFixture[str], shipped_db: Path,
                                                  tmp_path: Path, chosen: tuple[str, ...]) -> None:
    doc = _json(capsys, shipped_db, *chosen)
    counts_line = " · ".join(f"{k['word']} {k['count']}건" for k in doc["kinds"])
    word = "·".join(k["word"] for k in doc["kinds"])
    out = tmp_path / "보고서.pdf"
    r = run_cli(capsys, "--db", shipped_db, "report", "--out", out, *chosen)
    assert r.code == 0, r.err
    with pdfplumber.open(out) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    assert f"{doc['title']} 보고서" in pages[0] and counts_line in pages[0]
    site = tmp_path / "공개"
    r = run_cli(capsys, "--db", shipped_db, "site", "--out", site, *chosen)
    assert r.code == 0, r.err
    index = flat(assert_inert(site / "index.html"))
    assert doc["title"] in index and counts_line in index
    for text in (re.sub(r"\s+", " ", "\n".join(pages)), index):
        statuses = " ".join(str(s["count"]) if s["count"] else "-" for s in doc["statuses"])
        assert f"{word} 수 {doc['cards']['count']} {statuses}" in text
        for src in doc["finance"]["sources"]:
            assert f"{src['meaning']} " + " ".join(money(Decimal(src[s]["amount"])) for s in SCOPES) in text
        assert "계 " + " ".join(money(Decimal(doc["finance"]["total"][s]["amount"])) for s in SCOPES) in text
        for rate in doc["rates"]:
            assert f"{rate['name']} {rate['percent']}%" in text
    links = [a["href"] for tag, a in inspect(site / "index.html").tags if tag == "a"]
    assert len(links) == doc["cards"]["count"]
