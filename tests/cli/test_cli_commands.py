"""list / import / export / templates through the real command line, as an officer runs them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.core.cardfile import read_cards, write_cards
from tests.cli.helpers import run_cli, seed_db, standard_card, summaries


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cards.sqlite3"


def test_fresh_database_lists_nothing_and_gets_no_sample_cards(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    r = run_cli(capsys, "list", "--db", db)
    assert (r.code, r.out, r.err) == (0, "", "")
    assert summaries(db) == []


def test_list_is_tab_separated_in_natural_order_with_dashes(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    seed_db(capsys, db, tmp_path)
    r = run_cli(capsys, "--db", db, "list")
    assert r.code == 0
    assert r.lines() == [
        "1-2-2\t지역경제활성화 종합대책본부 설치\t일자리경제과\t완료\t100%\t2024-06-30",
        "1-10-1\t탭 들어간 제목\t-\t-\t-\t-",
        "2-2-1\t중소기업 육성\t일자리경제과\t추진중\t75%\t2025-09-30",
    ]


def test_import_reports_added_updated_unchanged(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    cards = seed_db(capsys, db, tmp_path)
    cards[0].progress = 80
    cards[0].version = 2
    f = tmp_path / "again.json"
    write_cards(f, [*cards, standard_card("3-1-1", "새 공약")])
    r = run_cli(capsys, "--db", db, "import", f)
    assert r.code == 0, r.err
    assert "카드 4건을 읽었습니다 — 추가 1건, 갱신 1건, 병합 0건, 변경 없음 2건, 충돌 0곳(카드 0장), 건너뜀 0건" \
        in r.out
    assert "추가: 3-1-1" in r.out and "갱신: 2-2-1" in r.out
    listed = run_cli(capsys, "--db", db, "list").lines()
    assert "2-2-1\t중소기업 육성\t일자리경제과\t추진중\t80%\t2025-09-30" in listed
    assert len(listed) == 4


def test_import_of_an_old_file_never_overwrites_a_card_changed_since(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    cards = seed_db(capsys, db, tmp_path)
    # Someone edits 2-2-1 in the database (version 2) ...
    from db.store import Store

    store = Store.open(str(db))
    mine = store.latest_by_number("2-2-1")
    assert mine is not None
    mine.progress = 90
    store.save(mine)
    store.close()
    # ... and an older copy of it (version 1, changed elsewhere, a file without revisions: no base)
    # comes back on a USB stick: every difference is a conflict, left as here, exit 1.
    old = cards[0]
    old.progress = 10
    f = tmp_path / "usb.json"
    write_cards(f, [old])
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "import", f)
    assert r.code == 1
    assert "충돌 1곳(카드 1장)" in r.out
    assert "충돌: 카드 2-2-1 '중소기업 육성' — 1곳, 여기 것을 그대로 두었습니다" in r.out
    assert "  진도: 여기 '90%' | 들어온 것 '10%'" in r.out
    assert "--on-conflict theirs" in r.err
    assert summaries(db) == before
    r = run_cli(capsys, "--db", db, "import", f, "--on-conflict", "replace")  # the old name of theirs
    assert r.code == 0 and "병합 1건" in r.out and "replace는 이제 theirs" in r.err
    assert "2-2-1\t중소기업 육성\t일자리경제과\t추진중\t10%\t2025-09-30" in run_cli(capsys, "--db", db, "list").lines()


def test_several_files_import_together(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_cards(a, [standard_card("1-1")])
    write_cards(b, [standard_card("1-2"), standard_card("1-3")])
    r = run_cli(capsys, "import", a, b, "--db", db)
    assert r.code == 0
    assert "파일 2개에서 카드 3건을 읽었습니다 — 추가 3건" in r.out
    assert [line.split("\t")[0] for line in run_cli(capsys, "--db", db, "list").lines()] == ["1-1", "1-2", "1-3"]


def test_export_by_number_takes_the_latest_base_date(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    older = standard_card("2-2-1", "2024년 판", base_date=date(2024, 6, 30))
    newer = standard_card("2-2-1", "2025년 판", base_date=date(2025, 9, 30), pledge_id=older.pledge_id)
    undated = standard_card("2-2-1", "기준일 없음")
    f = tmp_path / "in.json"
    write_cards(f, [newer, undated, older])
    assert run_cli(capsys, "--db", db, "import", f).code == 0
    out = tmp_path / "out.json"
    r = run_cli(capsys, "--db", db, "export", "--out", out, "2-2-1")
    assert r.code == 0 and "카드 1건" in r.out
    (got,) = read_cards(out)
    assert got == newer


def test_export_all_and_by_id_round_trip(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    cards = seed_db(capsys, db, tmp_path)
    out = tmp_path / "all.json"
    assert run_cli(capsys, "--db", db, "export", "--all", "--out", out).code == 0
    got = read_cards(out)
    assert [c.number for c in got] == ["1-2-2", "1-10-1", "2-2-1"]
    assert sorted(got, key=lambda c: c.id) == sorted(cards, key=lambda c: c.id)
    one = tmp_path / "one.json"
    assert run_cli(capsys, "--db", db, "export", "--out", one, "--id", cards[1].id, "2-2-1").code == 0
    assert {c.id for c in read_cards(one)} == {cards[0].id, cards[1].id}
    data = json.loads(one.read_text(encoding="utf-8"))
    assert data["format"] == "pledgecard-cards" and data["version"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["9-9-9"], "관리번호 '9-9-9'인 카드가 없습니다"),
        (["2-2-1", "--id", "00000000-0000-0000-0000-000000000000"],
         "id '00000000-0000-0000-0000-000000000000'인 카드가 없습니다"),
        ([], "내보낼 카드를 고르세요"),
        (["--all", "2-2-1"], "함께 쓸 수 없습니다"),
    ],
)
def test_export_refuses_unknown_cards_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    seed_db(capsys, db, tmp_path)
    out = tmp_path / "out.json"
    write_cards(out, [])
    before = out.read_bytes()
    r = run_cli(capsys, "--db", db, "export", "--out", out, *args)
    assert r.code == 2
    assert message in r.err
    assert out.read_bytes() == before


def test_export_to_a_missing_folder_is_refused(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    r = run_cli(capsys, "--db", db, "export", "--all", "--out", tmp_path / "없는 폴더" / "x.json")
    assert r.code == 2 and "없는 폴더" in r.err and "폴더" in r.err


def test_templates_lists_where_each_comes_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, _private_home: Path
) -> None:
    from tests.foreign import SEONGDONG_TEMPLATE

    user = _private_home / "templates"
    user.mkdir()
    mine = dict(SEONGDONG_TEMPLATE, name="mine", label="우리 구 카드")
    (user / "mine.json").write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "seongdong.json").write_text(json.dumps(SEONGDONG_TEMPLATE, ensure_ascii=False), encoding="utf-8")
    r = run_cli(capsys, "templates", "--templates", extra)
    assert (r.code, r.err) == (0, "")
    assert r.lines() == [
        "dept-project\t부서별 주요업무 보고 (사업)\t내장",
        "dept-report\t부서별 주요업무 보고 (부서 현황)\t내장",
        "guro\t구로구형 실천계획\t내장",
        f"mine\t우리 구 카드\t사용자 폴더 ({user / 'mine.json'})",
        f"seongdong\t성동구 공약 이행카드\t--templates ({extra / 'seongdong.json'})",
        "seongdong-card\t성동구형 이행카드\t내장",
        "standard\t공약사항 관리카드 (표준, 금정구형)\t내장",
    ]


def test_templates_reports_broken_template_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"format": "pledgecard-template", "version": 1, ', encoding="utf-8")
    (tmp_path / "bad.json").write_text(
        json.dumps({"format": "pledgecard-template", "version": 1, "name": "bad",
                    "fields": [{"key": "x", "label": "엑스", "kind": "dial"}]}), encoding="utf-8")
    r = run_cli(capsys, "templates", "--templates", tmp_path)
    assert r.code == 2
    assert "standard\t" in r.out  # the good ones are still listed
    assert f"템플릿 '{tmp_path / 'broken.json'}' 1행" in r.err and "JSON 문법 오류" in r.err
    assert f"템플릿 '{tmp_path / 'bad.json'}' fields[0]: 알 수 없는 필드 종류 'dial'" in r.err
    assert "템플릿 파일 2개를 읽지 못했습니다" in r.err


def test_missing_templates_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    r = run_cli(capsys, "templates", "--templates", tmp_path / "없음")
    assert r.code == 2 and "템플릿 폴더가 없습니다" in r.err
