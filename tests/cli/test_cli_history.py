"""`pledgecard period …`, `history`, `audit verify`, `officer` and `--period` through the real command line."""

from __future__ import annotations

import copy
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from db.store import Store
from desktop.core.cardfile import read_cards, write_cards
from desktop.core.model import Card
from desktop.core.officer import read_officer
from tests.cli.helpers import run_cli, standard_card
from tests.conftest import require_tool

Q3, Q4 = date(2025, 9, 30), date(2025, 12, 31)


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """Two pledges at 2025. 9. 30., imported by an officer whose 이름 and 부서 are set."""
    path = tmp_path / "db.sqlite3"
    assert run_cli(capsys, "officer", "--name", "김주무관", "--dept", "기획예산과").code == 0
    src = tmp_path / "seed.json"
    write_cards(src, [standard_card("2-2-1", "중소기업 육성", status="추진중", progress=75, base_date=Q3),
                      standard_card("1-2-2", "종합대책본부 설치", status="완료", progress=100, base_date=Q3)])
    r = run_cli(capsys, "--db", path, "import", src)
    assert r.code == 0, r.err
    return path


def _edit(db: Path, number: str, **values: object) -> Card:
    with Store.open(db) as s:
        card = s.latest_by_number(number)
        assert card is not None
        for k, v in values.items():
            setattr(card, k, v)
        return s.save(card)


def test_officer_is_kept_in_the_settings_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "officer").out == "-\t-\n"
    assert run_cli(capsys, "officer", "--name", "  김  주무관 ", "--dept", "기획예산과").code == 0
    assert run_cli(capsys, "officer", "--dept", "일자리경제과").code == 0
    assert run_cli(capsys, "officer").out == "김 주무관\t일자리경제과\n"
    assert read_officer().name == "김 주무관"


def test_period_new_list_and_reopen(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    r = run_cli(capsys, "--db", db, "period", "new", "2025.", "12.", "31.")  # typed without quotes
    assert r.code == 0, r.err
    assert "카드 2장을 옮겼고, 닫은 기간: 2025. 9. 30." in r.out
    assert run_cli(capsys, "--db", db, "period", "list").lines() == ["2025-09-30\t2\t닫힘", "2025-12-31\t2\t열림"]
    assert {line.split("\t")[5] for line in run_cli(capsys, "--db", db, "list").lines()} == {"2025-12-31"}
    old = run_cli(capsys, "--db", db, "list", "--period", "2025. 9. 30.").lines()
    assert [line.split("\t")[0] for line in old] == ["1-2-2", "2-2-1"] and old[0].endswith("2025-09-30")

    for argv, words in ((["period", "new", "2025-12-31"], "이미 있는 기준일"),
                        (["period", "new", "2025-13-01"], "없는 날짜"),
                        (["period", "reopen", "2025-09-30", "--reason", " "], "사유를 적어 주세요"),
                        (["period", "reopen", "2024-01-01", "--reason", "x"], "기간이 없습니다"),
                        (["list", "--period", "2024-01-01"], "그 기준일의 기간이 없습니다")):
        r = run_cli(capsys, "--db", db, *argv)
        assert r.code == 2 and words in r.err and "Traceback" not in r.err, (argv, r.err)

    r = run_cli(capsys, "--db", db, "period", "reopen", "2025-09-30", "--reason", "감사 지적 반영")
    assert r.code == 0 and "다시 열었습니다 (사유: 감사 지적 반영)" in r.out
    assert run_cli(capsys, "--db", db, "period", "list").lines()[0] == "2025-09-30\t2\t열림"
    with Store.open(db) as s:
        assert s.period_events(Q3)[-1][1:4] == ("reopen", "감사 지적 반영", "김주무관")


def test_import_into_a_closed_period_exits_2_and_changes_nothing(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = tmp_path / "q3.json"
    assert run_cli(capsys, "--db", db, "export", "--all", "--out", out).code == 0
    assert run_cli(capsys, "--db", db, "period", "new", "2025-12-31").code == 0
    cards = read_cards(out)
    cards[0].title = "닫힌 기간에 고친 제목"
    cards[0].version += 1
    write_cards(out, cards)
    with Store.open(db) as s:
        before, head = s.summaries(), s.history_head()
    r = run_cli(capsys, "--db", db, "import", out)
    assert r.code == 2
    assert "기준일 2025. 9. 30. 기간은 닫혀 있어" in r.err and "period reopen 2025-09-30" in r.err
    assert "아무것도 바뀌지 않았습니다" in r.err
    with Store.open(db) as s:
        assert s.summaries() == before and s.history_head() == head


def test_history_text_and_json(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    _edit(db, "2-2-1", progress=90)
    assert run_cli(capsys, "--db", db, "period", "new", "2025-12-31").code == 0
    lines = run_cli(capsys, "--db", db, "history", "2-2-1").lines()
    assert len(lines) == 3
    cols = [line.split("\t") for line in lines]
    assert [c[3] for c in cols] == ["기준일 이월", "편집기", "가져오기"]
    assert cols[1][4] == "진도: 75% → 90%" and cols[2][4] == "새 카드"
    assert cols[0][4].startswith("기준일 2025. 9. 30. → 2025. 12. 31. 이월")
    assert {(c[1], c[2]) for c in cols[::2]} == {("김주무관", "기획예산과")}  # through the command line
    assert all(len(c[0]) == 19 and c[0][4] == "-" for c in cols)  # local time, to the second

    doc = json.loads(run_cli(capsys, "--db", db, "history", "2-2-1", "--json").out)
    assert doc["format"] == "pledgecard-history" and doc["version"] == 1 and doc["number"] == "2-2-1"
    e = doc["entries"][1]
    assert (e["source"], e["source_name"], e["revision"]) == ("editor", "편집기", 2)
    assert e["changes"] == [{"kind": "changed", "where": "진도", "old": "75%", "new": "90%", "change": None,
                             "place": {"field": "progress", "block": "", "item": [], "row": "", "col": ""}}]
    assert e["at"].endswith("+00:00")
    assert [x["seq"] for x in doc["entries"]] == sorted((x["seq"] for x in doc["entries"]), reverse=True)

    r = run_cli(capsys, "--db", db, "history", "9-9-9")
    assert r.code == 2 and "관리번호 '9-9-9'인 카드가 없습니다" in r.err


def _sqlite3(db: Path, sql: str) -> None:
    subprocess.run([require_tool("sqlite3"), str(db), sql], check=True, capture_output=True, timeout=60)


@pytest.mark.parametrize(("sql", "named"), [
    ("UPDATE history SET summary = '위조' WHERE seq = 2", "2번 기록의 내용이 기록된 뒤에 바뀌었습니다"),
    ("DELETE FROM history WHERE seq = 2", "2번 기록이 빠졌습니다"),
    ("UPDATE history SET seq = 0 WHERE seq = 2; UPDATE history SET seq = 2 WHERE seq = 3; "
     "UPDATE history SET seq = 3 WHERE seq = 0", "2번 기록이 앞 기록과 이어지지 않습니다"),
    ("DELETE FROM history WHERE seq = 4", "마지막 기록(4번)까지 있어야 하는데 3번에서 끝납니다"),
])
def test_audit_verify(capsys: pytest.CaptureFixture[str], db: Path, sql: str, named: str) -> None:
    _edit(db, "2-2-1", progress=80)
    _edit(db, "1-2-2", status="정상추진")
    r = run_cli(capsys, "--db", db, "audit", "verify")
    assert r.code == 0 and "기록 4건이 모두 온전합니다" in r.out
    _sqlite3(db, sql)
    r = run_cli(capsys, "--db", db, "audit", "verify")
    assert r.code == 1 and named in r.err and "Traceback" not in r.err


def test_period_option_on_export_check_pdf_and_xlsx(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    assert run_cli(capsys, "--db", db, "period", "new", "2025-12-31").code == 0
    _edit(db, "2-2-1", title="이번 기간 제목")
    for period, base, title in (("2025. 9. 30.", Q3, "중소기업 육성"), (None, Q4, "이번 기간 제목")):
        opt = ["--period", period] if period else []
        out = tmp_path / f"{base}.json"
        assert run_cli(capsys, "--db", db, "export", "--all", "--out", out, *opt).code == 0
        got = read_cards(out)
        assert {c.base_date for c in got} == {base} and len(got) == 2
        assert next(c for c in got if c.number == "2-2-1").title == title
        one = tmp_path / f"{base}-one.json"
        assert run_cli(capsys, "--db", db, "export", "2-2-1", "--out", one, *opt).code == 0
        assert [c.base_date for c in read_cards(one)] == [base]
        r = run_cli(capsys, "--db", db, "check", "--json", *opt)
        assert r.code in (0, 1) and len(json.loads(r.out)["cards"]) == 2
        pdf = tmp_path / f"{base}.pdf"
        assert run_cli(capsys, "--db", db, "pdf", "--all", "--out", pdf, *opt).code == 0
        assert pdf.read_bytes().startswith(b"%PDF")
        xlsx = tmp_path / f"{base}.xlsx"
        assert run_cli(capsys, "--db", db, "xlsx", "--all", "--out", xlsx, *opt).code in (0, 1)
        from desktop.core.templates import TemplateRegistry
        from desktop.xlsx import read_workbook

        assert {c.base_date for c in read_workbook(xlsx, TemplateRegistry.load())} == {base}


def test_closed_period_card_cannot_be_saved_but_revert_works_after_reopen(db: Path) -> None:
    with Store.open(db) as s:
        card = s.latest_by_number("2-2-1")
        assert card is not None
        first = s.history(card.id)[-1].seq
        s.open_period(Q4)
        s.reopen_period(Q3, "되돌리기")
        edited = copy.deepcopy(card)
        edited.title = "바꾼 제목"
        s.save(edited)
        s.revert_to(first)
        assert s.get(card.id).title == "중소기업 육성"
