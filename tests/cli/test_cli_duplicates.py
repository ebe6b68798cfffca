"""Two cards with the same 관리번호 at the same 기준일 (issue 11, item 6): `check` reports an 오류 on both,
naming both; a command given that 관리번호 lists them and exits 2 instead of picking one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.core.cardfile import write_cards
from desktop.core.checks import CODES
from desktop.core.checks.duplicates import duplicate_findings
from tests.cli.helpers import run_cli, standard_card

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def twins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, list[str]]:
    """A database with 2-2-1 twice at 2025. 9. 30., once at 2024. 6. 30., and 1-2-2 once."""
    a = standard_card("2-2-1", "중소기업 육성", base_date=date(2025, 9, 30))
    b = standard_card("2-2-1", "중소기업 육성 (사본)", base_date=date(2025, 9, 30))
    old = standard_card("2-2-1", "중소기업 육성", base_date=date(2024, 6, 30))
    other = standard_card("1-2-2", "지역경제", base_date=date(2025, 9, 30))
    src = tmp_path / "seed.json"
    write_cards(src, [a, b, old, other])
    db = tmp_path / "db.sqlite3"
    assert run_cli(capsys, "--db", db, "import", src).code == 0
    return db, [a.id, b.id, old.id, other.id]


def test_check_reports_both_cards_as_an_error(twins: tuple[Path, list[str]],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db, (a, b, old, other) = twins
    for argv in (["check"], ["check", "--all"]):
        r = run_cli(capsys, "--db", db, *argv)
        assert r.code == 1, r.err
        dup = [line for line in r.lines() if "기준일 2025. 9. 30.인 카드가 2장입니다" in line]
        assert len(dup) == 2, r.out
        for line in dup:
            assert line.startswith("2-2-1 [오류] 관리번호 2-2-1, 기준일 2025. 9. 30.인 카드가 2장입니다")
            assert a in line and b in line and "'중소기업 육성 (사본)'" in line
            assert old not in line and other not in line
    r = run_cli(capsys, "--db", db, "check", "--json")
    doc = json.loads(r.out)
    flagged = {c["id"] for c in doc["cards"] for f in c["findings"] if f["code"] == "number.duplicate"}
    assert flagged == {a, b}
    assert CODES["number.duplicate"][0] == "오류"


def test_no_duplicate_without_the_same_base_date() -> None:
    cards = [standard_card("2-2-1", base_date=date(2025, 9, 30)), standard_card("2-2-1", base_date=date(2024, 6, 30)),
             standard_card(" 2-2-1", base_date=None), standard_card("", base_date=None),
             standard_card("", base_date=None)]
    assert duplicate_findings(cards) == {}
    same = standard_card("2-2-1 ", base_date=None)
    found = duplicate_findings([*cards, same])
    assert set(found) == {cards[2].id, same.id}  # spacing aside, both without 기준일


@pytest.mark.parametrize("command", ["export", "pdf", "xlsx"])
def test_a_number_matching_several_cards_is_refused(twins: tuple[Path, list[str]], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str], command: str) -> None:
    db, (a, b, old, _) = twins
    out = tmp_path / {"export": "x.json", "pdf": "x.pdf", "xlsx": "x.xlsx"}[command]
    r = run_cli(capsys, "--db", db, command, "1-2-2", "2-2-1", "--out", out)
    assert r.code == 2, r.err
    assert "관리번호 '2-2-1'인 카드가 2장입니다" in r.err and "--id로 고르십시오" in r.err
    assert f"'중소기업 육성' (id {a}, 기준일 2025. 9. 30.)" in r.err
    assert f"'중소기업 육성 (사본)' (id {b}, 기준일 2025. 9. 30.)" in r.err
    assert old not in r.err
    assert not out.exists()
    r = run_cli(capsys, "--db", db, command, "--id", a, "--out", out)  # the way out it names
    assert r.code == 0, r.err


def test_latest_base_date_still_picks_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = standard_card("2-2-1", "새 카드", base_date=date(2025, 9, 30))
    old = standard_card("2-2-1", "옛 카드", base_date=date(2024, 6, 30))
    src = tmp_path / "seed.json"
    write_cards(src, [old, new])
    db = tmp_path / "db.sqlite3"
    assert run_cli(capsys, "--db", db, "import", src).code == 0
    out = tmp_path / "x.json"
    r = run_cli(capsys, "--db", db, "export", "2-2-1", "--out", out)
    assert r.code == 0, r.err
    assert json.loads(out.read_text(encoding="utf-8"))["cards"][0]["id"] == new.id


def test_gui_open_of_an_ambiguous_number_is_refused(twins: tuple[Path, list[str]], tmp_path: Path) -> None:
    db, (a, b, _, _) = twins
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    shot = tmp_path / "x.png"
    r = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "gui", "--open", "2-2-1",
                        "--screenshot", str(shot)], cwd=ROOT, env=env, capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.returncode == 2, r.stderr
    assert "관리번호 '2-2-1'인 카드가 2장입니다" in r.stderr and a in r.stderr and b in r.stderr
    assert "Traceback" not in r.stderr
    assert not shot.exists()
