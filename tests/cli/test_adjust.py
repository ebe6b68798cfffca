"""`pledgecard adjust` and `changes` through the real command line: recorded on the card and in the
history, listed, printed and exported; refused in Korean with nothing changed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.conftest import SAMPLES, require_tool


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    r = run_cli(capsys, "--db", path, "import", *sorted(SAMPLES.glob("*.json")))
    assert r.code == 0, r.err
    return path


def test_adjust_then_changes(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    r = run_cli(capsys, "--db", db, "adjust", "2-2-1", "--title", "중소기업 판로 지원", "--reason", "배심원 권고",
                "--by", "주민배심원단", "--date", "2025.", "3.", "10.")
    assert r.code == 0, r.err
    assert "공약 조정을 기록했습니다: 2-2-1 공약제목" in r.out
    listed = run_cli(capsys, "--db", db, "list").out
    assert "2-2-1\t중소기업 판로 지원\t" in listed
    lines = run_cli(capsys, "--db", db, "changes").lines()
    assert lines == ["2-2-1\t중소기업 판로 지원\t공약제목\t중소기업 애로해소 및 환경 개선 지원\t중소기업 판로 지원\t"
                     "배심원 권고\t주민배심원단\t2025-03-10"]
    history = run_cli(capsys, "--db", db, "history", "2-2-1").lines()
    assert "공약 조정" in history[0] and "주민배심원단" in history[0]

    pdf, book = tmp_path / "현황.pdf", tmp_path / "현황.xlsx"
    r = run_cli(capsys, "--db", db, "changes", "--pdf", pdf, "--xlsx", book)
    assert r.code == 0, r.err
    text = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "공약 변경 현황" in flat and "배심원 권고" in flat and "2025. 3. 10." in flat
    from openpyxl import load_workbook

    ws = load_workbook(book)["공약 변경 현황"]
    values = [c for row in ws.iter_rows(min_row=4, values_only=True) for c in row]
    assert "중소기업 판로 지원" in values and "주민배심원단" in values


def test_adjustments_survive_a_workbook_round_trip(capsys: pytest.CaptureFixture[str], db: Path,
                                                   tmp_path: Path) -> None:
    run_cli(capsys, "--db", db, "adjust", "2-2-1", "--drop", "--reason", "재원 없음", "--by", "구청장 결재",
            "--date", "2025-04-01")
    book = tmp_path / "제출.xlsx"
    assert run_cli(capsys, "--db", db, "xlsx", "--out", book, "2-2-1").code == 0
    other = tmp_path / "other.sqlite3"
    r = run_cli(capsys, "--db", other, "import", book)
    assert r.code == 0, r.err
    assert run_cli(capsys, "--db", other, "changes").lines()[0].split("\t")[2:5] == ["폐기", "추진중", "폐기"]


def test_refusals_change_nothing(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    before = run_cli(capsys, "--db", db, "list").out
    r = run_cli(capsys, "--db", db, "adjust", "2-2-1", "--title", "x", "--reason", " ", "--by", "b",
                "--date", "2025-01-01")
    assert r.code == 2 and "사유" in r.err and "아무것도 바뀌지 않았습니다" in r.err
    r = run_cli(capsys, "--db", db, "adjust", "9-9-9", "--title", "x", "--reason", "r", "--by", "b",
                "--date", "2025-01-01")
    assert r.code == 2 and "9-9-9" in r.err
    r = run_cli(capsys, "--db", db, "adjust", "2-2-1", "--title", "x", "--reason", "r", "--by", "b",
                "--date", "어제")
    assert r.code == 2 and "날짜가 아닙니다" in r.err
    assert run_cli(capsys, "--db", db, "list").out == before
    assert run_cli(capsys, "--db", db, "changes").out == ""


def test_a_closed_period_refuses_an_adjustment(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    assert run_cli(capsys, "--db", db, "period", "close", "2025-09-30").code == 0
    r = run_cli(capsys, "--db", db, "adjust", "2-2-1", "--title", "x", "--reason", "r", "--by", "b",
                "--date", "2025-01-01")
    assert r.code == 2 and "닫혀" in r.err
