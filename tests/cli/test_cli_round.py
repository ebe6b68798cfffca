"""The department round end to end (SPEC §6.3): the planning office hands out one file per 주관부서,
three departments edit their cards in their own databases and send back an export, the office (which
edited meanwhile) collects them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from db.store import Store
from desktop.core.cardfile import write_cards
from tests.cli.helpers import run_cli, standard_card

DEPTS = {"일자리경제과": ["2-2-1", "2-2-2"], "복지정책과": ["3-1-1"], "도시재생과": ["4-1-1", "4-1-2"]}
DAY = date(2025, 9, 30)


def _save(db: Path, number: str, **values: object) -> None:
    with Store.open(str(db)) as s:
        card = s.latest_by_number(number)
        assert card is not None
        for k, v in values.items():
            setattr(card, k, v)
        s.save(card)


def _get(db: Path, number: str) -> object:
    with Store.open(str(db)) as s:
        return s.latest_by_number(number)


@pytest.fixture
def office(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    db = tmp_path / "office.sqlite3"
    cards = [standard_card(n, f"공약 {n}", dept=dept, status="추진중", progress=50, base_date=DAY)
             for dept, numbers in DEPTS.items() for n in numbers]
    src = tmp_path / "seed.json"
    write_cards(src, cards)
    assert run_cli(capsys, "--db", db, "import", src).code == 0
    return db


def test_round_with_three_departments(capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path) -> None:
    out = tmp_path / "handout"
    r = run_cli(capsys, "--db", office, "handout", "--out", out)
    assert r.code == 0, r.err
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{d} 2025. 9. 30. 공약카드.{ext}" for d in DEPTS for ext in ("json", "xlsx"))
    assert "일자리경제과: 카드 2장" in r.out

    back = tmp_path / "back"
    back.mkdir()
    # 일자리경제과 works in its own program on the card file and sends back an export
    job = tmp_path / "job.sqlite3"
    assert run_cli(capsys, "--db", job, "import", out / "일자리경제과 2025. 9. 30. 공약카드.json").code == 0
    _save(job, "2-2-1", progress=80)
    _save(job, "2-2-2", status="완료", progress=100)
    assert run_cli(capsys, "--db", job, "export", "--all", "--out", back / "일자리경제과 2025. 9. 30. 공약카드.json"
                   ).code == 0
    # 복지정책과 works on the workbook and sends back a workbook; its 진도 clashes with the office's edit
    welfare = tmp_path / "welfare.sqlite3"
    assert run_cli(capsys, "--db", welfare, "import", out / "복지정책과 2025. 9. 30. 공약카드.xlsx").code == 0
    _save(welfare, "3-1-1", progress=70, timing="임기 내 완료")
    assert run_cli(capsys, "--db", welfare, "xlsx", "--all", "--out",
                   back / "복지정책과 2025. 9. 30. 공약카드.xlsx").code == 0
    # 도시재생과 returns nothing. Meanwhile the planning office edits too.
    _save(office, "2-2-1", title="공약 2-2-1 (조정)")
    _save(office, "3-1-1", progress=60)
    shutil.copy(out / "도시재생과 2025. 9. 30. 공약카드.json", tmp_path / "not-returned.json")

    r = run_cli(capsys, "--db", office, "collect", back)
    assert r.code == 1, (r.out, r.err)  # the 진도 of 3-1-1 is left for someone to decide
    assert "일자리경제과: '일자리경제과 2025. 9. 30. 공약카드.json' 카드 2장 — 바뀐 카드 2장 " \
           "(추가 0, 갱신 1, 병합 1), 충돌 0곳" in r.out
    assert "복지정책과: '복지정책과 2025. 9. 30. 공약카드.xlsx' 카드 1장 — 바뀐 카드 1장 (추가 0, 갱신 0, 병합 1), " \
           "충돌 1곳" in r.out
    assert "    진도: 여기 '60%' | 들어온 것 '70%'" in r.out
    assert "돌려받지 못한 부서 1곳: 도시재생과" in r.out
    c221, c222, c311 = (_get(office, n) for n in ("2-2-1", "2-2-2", "3-1-1"))
    assert (c221.title, c221.progress) == ("공약 2-2-1 (조정)", 80)  # type: ignore[attr-defined]
    assert (c222.status, c222.progress) == ("완료", 100)  # type: ignore[attr-defined]
    assert (c311.progress, c311.timing) == (60, "임기 내 완료")  # type: ignore[attr-defined]

    # collecting again with the decision: the rest is already here
    r = run_cli(capsys, "--db", office, "collect", back, "--on-conflict", "theirs")
    assert r.code == 0, (r.out, r.err)
    assert _get(office, "3-1-1").progress == 70  # type: ignore[attr-defined]


def test_collect_refuses_an_unusable_file_and_changes_nothing(capsys: pytest.CaptureFixture[str], office: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "handout"
    assert run_cli(capsys, "--db", office, "handout", "--out", out).code == 0
    back = tmp_path / "back"
    back.mkdir()
    shutil.copy(out / "도시재생과 2025. 9. 30. 공약카드.json", back / "도시재생과 2025. 9. 30. 공약카드.json")
    (back / "복지정책과 2025. 9. 30. 공약카드.json").write_text("{", encoding="utf-8")
    r = run_cli(capsys, "--db", office, "collect", back)
    assert r.code == 2 and "복지정책과" in r.err and "JSON" in r.err
