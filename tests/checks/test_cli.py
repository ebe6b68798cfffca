"""`pledgecard check`: exit codes 0/1/2, one finding a line, the stable --json document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.core.cardfile import write_cards
from tests.checks.cards import SAMPLE_122, SAMPLE_221, SAMPLE_GURO
from tests.checks.helpers import load, put, table
from tests.cli.helpers import run_cli, seed_db

GURO_LINE = ("III-2-1 [오류] 중소기업 마케팅 지원 사업 지원 실적 합계 19개사 ≠ 9 + 10 + 10 = 29개사 "
             "(사업개요 및 이행계획 › 추진실적 › 중소기업 마케팅 지원 사업 › 지원 실적 합계)")


def test_clean_samples_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "check", SAMPLE_221, SAMPLE_122)
    assert (r.code, r.out) == (0, "")
    assert "카드 2장 검사: 오류 0건, 경고 0건" in r.err


def test_the_guro_sample_exits_1_with_its_one_error(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "check", SAMPLE_221, SAMPLE_GURO, SAMPLE_122)
    assert r.code == 1
    assert r.lines() == [GURO_LINE]


def test_warnings_never_change_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card, _ = load("2-2-1")
    card.status = "완료"
    path = tmp_path / "warn.json"
    write_cards(path, [card])
    r = run_cli(capsys, "check", path)
    assert r.code == 0
    assert r.lines() == ["2-2-1 [경고] 추진상황 '완료'인데 진도가 75%입니다 (완료면 100%) (진도)"]


def test_an_unusable_input_exits_2_and_the_rest_is_still_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    r = run_cli(capsys, "check", SAMPLE_GURO, bad, tmp_path / "missing.json")
    assert r.code == 2
    assert r.lines() == [GURO_LINE]
    assert "bad.json' 1행 2열: JSON 문법 오류" in r.err
    assert "missing.json': 파일이 없습니다" in r.err


def test_an_unknown_template_is_unusable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card, _ = load("1-2-2")
    card.template = "nowhere"
    path = tmp_path / "x.json"
    write_cards(path, [card])
    r = run_cli(capsys, "check", path)
    assert r.code == 2 and r.out == ""
    assert "알 수 없는 템플릿 'nowhere'" in r.err


def test_an_unreadable_workbook_is_unusable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "submission.xlsx"
    book.write_bytes(b"not a workbook")
    r = run_cli(capsys, "check", book)
    assert r.code == 2
    assert "submission.xlsx" in r.err


def _json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, dict[str, Any]]:
    r = run_cli(capsys, "check", "--json", *argv)
    return r.code, json.loads(r.out)


def test_json_document_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    code, doc = _json(capsys, SAMPLE_GURO, SAMPLE_221, bad)
    assert code == 2
    assert list(doc) == ["format", "version", "exit_code", "summary", "cards", "unusable"]
    assert (doc["format"], doc["version"], doc["exit_code"]) == ("pledgecard-check", 1, 2)
    assert doc["summary"] == {"cards": 2, "errors": 1, "warnings": 0, "unusable": 1}
    guro, c221 = doc["cards"]
    assert list(guro) == ["source", "id", "number", "title", "template", "base_date", "errors", "warnings",
                          "findings"]
    assert (guro["source"], guro["number"], guro["template"], guro["base_date"]) == (
        str(SAMPLE_GURO), "III-2-1", "guro", None)
    assert (c221["number"], c221["base_date"], c221["findings"]) == ("2-2-1", "2025-09-30", [])
    assert guro["findings"] == [{
        "code": "sum.row",
        "severity": "오류",
        "level": "error",
        "message": "중소기업 마케팅 지원 사업 지원 실적 합계 19개사 ≠ 9 + 10 + 10 = 29개사",
        "where": "사업개요 및 이행계획 › 추진실적 › 중소기업 마케팅 지원 사업 › 지원 실적 합계",
        "place": {"field": "", "block": "plan", "item": [10], "row": "marketing", "col": "total"},
        "stated": "19",
        "computed": "29",
    }]
    assert doc["unusable"] == [{"source": str(bad), "message": doc["unusable"][0]["message"]}]
    assert "공약카드 파일이 아닙니다" in doc["unusable"][0]["message"] or "객체" in doc["unusable"][0]["message"]


def test_json_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys, SAMPLE_221)[1]["exit_code"] == 0
    assert _json(capsys, SAMPLE_GURO)[0] == 1
    card, _ = load("2-2-1")
    put(table(card), "exec_national", "y2026", "10")
    path = tmp_path / "w.json"
    write_cards(path, [card])
    code, doc = _json(capsys, path)
    assert code == 1
    assert [(f["code"], f["level"]) for f in doc["cards"][0]["findings"]] == [
        ("sum.row", "error"), ("sum.col", "error"), ("future.amount", "warning")]
    assert doc["cards"][0]["findings"][0]["place"]["item"] == []


def test_the_database_by_default_and_with_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("db.store")
    db = tmp_path / "cards.sqlite3"
    seed_db(capsys, db, tmp_path)
    r = run_cli(capsys, "--db", db, "check")
    assert (r.code, r.out) == (0, "")
    assert "카드 3장 검사" in r.err
    card, _ = load("III-2-1")
    src = tmp_path / "guro.json"
    write_cards(src, [card])
    assert run_cli(capsys, "--db", db, "import", src).code == 0
    for argv in (("check",), ("check", "--all")):
        r = run_cli(capsys, "--db", db, *argv)
        assert r.code == 1
        assert r.lines() == [GURO_LINE]
    code, doc = _json(capsys, "--db", str(db))
    assert code == 1 and doc["summary"]["cards"] == 4
    assert {c["source"] for c in doc["cards"]} == {"database"}


def test_files_and_all_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "check", "--all", SAMPLE_221)
    assert r.code == 2
    assert "--all" in r.err


def test_a_multi_card_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = load("2-2-1")
    b, _ = load("1-2-2")
    b.progress = 150
    put(table(a), "plan_national", "y2026", "203")
    path = tmp_path / "two.json"
    write_cards(path, [a, b])
    r = run_cli(capsys, "check", path)
    assert r.code == 1
    assert r.lines() == [
        "2-2-1 [오류] 소요예산 국비 계 700 ≠ 220 + 250 + 203 = 673 (투자계획 › 소요예산 국비 › 계)",
        "2-2-1 [오류] 소요예산 총계 2026년 230 ≠ 203 (투자계획 › 소요예산 총계 › 2026년)",
        "1-2-2 [오류] 진도 150%: 0~100 사이여야 합니다 (진도)",
    ]
