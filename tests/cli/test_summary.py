"""`pledgecard summary` over a real database holding the small office of tests/overview_office.py
(two periods, three templates): the hand-computed numbers come out of the command, as text and --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.cardfile import write_cards
from tests.cli.helpers import run_cli
from tests.overview_office import office, write_eval_template


@pytest.fixture
def office_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path]:
    templates = tmp_path / "templates"
    write_eval_template(templates)
    now, before = office()
    f = tmp_path / "office.json"
    # 4-1-1, a card of the previous period only, would stay in the current period (each pledge's card at
    # its latest 기준일): the database holds the pledges that were carried over
    write_cards(f, [*before[:2], *now])
    db = tmp_path / "office.sqlite3"
    r = run_cli(capsys, "--db", db, "--templates", templates, "import", f)
    assert r.code == 0, r.err
    return db, templates


def summary_json(capsys: pytest.CaptureFixture[str], db: Path, templates: Path, *more: str) -> dict:  # type: ignore[type-arg]
    r = run_cli(capsys, "--db", db, "--templates", templates, "summary", "--json", *more)
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_summary_json_holds_the_hand_numbers(capsys: pytest.CaptureFixture[str],
                                            office_db: tuple[Path, Path]) -> None:
    db, templates = office_db
    doc = summary_json(capsys, db, templates)
    assert doc["base_date"] == "2025-09-30" and doc["cards"]["count"] == 10
    assert {s["name"]: s["count"] for s in doc["statuses"]} == {
        "완료": 2, "이행후 계속추진": 1, "정상추진": 1, "추진중": 2, "일부추진": 1, "보류": 1, "폐기": 1, "-": 1}
    assert [(g["name"], g["count"]) for g in doc["groups"]] == [
        ("완료", 3), ("추진중", 4), ("보류", 1), ("폐기", 1), ("-", 1)]
    fin = doc["finance"]
    assert {r["meaning"]: r["needed"]["amount"] for r in fin["sources"]} == {
        "국비": "900", "시도비": "530", "구비": "409.6", "군비": "3", "기타": "65", "기타(미분류): 특교세": "1"}
    assert {k: v["amount"] for k, v in fin["total"].items()} == {
        "needed": "1908.6", "needed_in_term": "1722.6", "secured": "933.8", "secured_in_term": "932.8",
        "spent": "401.5"}
    assert {r["key"]: r["percent"] for r in doc["rates"]} == {
        "completion": "30.0", "secured": "80.6", "secured_in_term": "83.1", "spent": "53.3"}
    ch = doc["changes"]
    assert ch["previous"] == "2025-06-30" and ch["removed"]["count"] == 0 and ch["added"]["count"] == 8
    assert [(t["from"], t["to"], t["count"]) for t in ch["statuses"]] == [("추진중", "완료", 1)]
    # 오류/경고: the store's own counts (the checks at save), the same as `check` finds
    r = run_cli(capsys, "--db", db, "--templates", templates, "check", "--json")
    checked = json.loads(r.out)
    with_errors = {c["id"] for c in checked["cards"] if any(f["severity"] == "오류" for f in c["findings"])}
    assert set(doc["issues"]["errors"]["cards"]) == with_errors


def test_summary_text_and_filters(capsys: pytest.CaptureFixture[str], office_db: tuple[Path, Path]) -> None:
    db, templates = office_db
    r = run_cli(capsys, "--db", db, "--templates", templates, "summary")
    assert r.code == 0, r.err
    assert "시험구 공약 이행 현황 (2025. 9. 30. 기준일 현재): 공약 10건" in r.out
    assert "재정확보율(전체) 80.6% = 933.8 ÷ 1,158.6" in r.out
    assert "구비: 소요(전체) 409.6" in r.out
    doc = summary_json(capsys, db, templates, "--dept", "복지정책과")
    assert doc["cards"]["count"] == 3 and doc["filter"]["depts"] == ["복지정책과"]
    doc = summary_json(capsys, db, templates, "--period", "2025-06-30")
    assert doc["cards"]["count"] == 2 and doc["changes"] is None
    bad = run_cli(capsys, "--db", db, "--templates", templates, "summary", "--area", "9")
    assert bad.code == 2 and "분야 '9'의 카드가 없습니다" in bad.err
