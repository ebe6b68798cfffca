"""Unusable input: exit 2, a Korean message naming the file and the place, and the database unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core.cardfile import card_to_json, cards_to_json, write_cards
from tests.cli.helpers import run_cli, seed_db, standard_card, summaries
from tests.foreign import SEONGDONG_TEMPLATE, write_seongdong


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cards.sqlite3"
    seed_db(capsys, path, tmp_path)
    return path


def _file(tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    data = cards_to_json([standard_card("5-1-1", "새 카드"), standard_card("5-1-2", "또 새 카드")])
    edit(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        *parents, last = path.split(".")
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        node[int(last) if last.isdigit() else last] = value

    return edit


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("wrong-type.json", _set("cards.1.progress", "50"), "cards[1].progress: 정수여야 합니다"),
    ("amount-number.json", _set("cards.0.blocks.1.table.rows.3.cells.y2024", 12),
     "cards[0].blocks[1].table.rows[3].cells.y2024: 금액은 따옴표로 감싼 십진수 문자열이어야 합니다"),
    ("amount-text.json", _set("cards.0.blocks.1.table.rows.3.cells.y2024", "l2O"),
     "cards[0].blocks[1].table.rows[3].cells.y2024: 숫자가 아닙니다 'l2O'"),
    ("unknown-template.json", _set("cards.1.template", "haeundae"),
     "cards[1].template: 알 수 없는 템플릿 'haeundae' "
     "(있는 템플릿: dept-project, dept-report, guro, seongdong-card, standard)"),
    ("huge-text.json", _set("cards.1.title", "가" * 10_000_000), "cards[1].title: 글이 너무 깁니다 (10,000,000자"),
    ("version.json", _set("version", 99), "version: 지원하지 않는 카드 파일 버전 99"),
    ("not-cards.json", _set("format", "something-else"), "format: 공약카드 파일이 아닙니다"),
    ("bad-date.json", _set("cards.0.base_date", "2025-02-30"), "cards[0].base_date: 날짜(YYYY-MM-DD)가 아닙니다"),
    ("bad-level.json", _set("cards.0.goals", [{"text": "목표", "level": 7}]), "cards[0].goals[0].level: 0~4 범위"),
    ("bad-photo.json", _set("cards.0.blocks.5.photos", [{"caption": "사진", "image": "@@@"}]),
     "cards[0].blocks[5].photos[0].image: base64로 읽을 수 없습니다"),
    ("dup-id.json", lambda d: d["cards"].append(dict(d["cards"][0])), "같은 id"),
]


@pytest.mark.parametrize(("name", "edit", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_card_file_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, name: str,
    edit: Callable[[dict[str, Any]], None], message: str,
) -> None:
    bad = _file(tmp_path, name, edit)
    good = tmp_path / "good.json"
    write_cards(good, [standard_card("6-1-1", "좋은 카드")])
    before = summaries(db)
    # The good file comes first: it must not be imported either, since every file is read before writing.
    r = run_cli(capsys, "--db", db, "import", good, bad)
    assert r.code == 2, r.out
    assert r.err.startswith("오류: ")
    assert f"'{bad}'" in r.err, r.err
    assert message in r.err, r.err
    assert r.out == ""
    assert summaries(db) == before


def test_broken_json_names_line_and_column(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "깨진.json"
    bad.write_text('{"format": "pledgecard-cards",\n "version": 1,\n "cards": [{"id": "x",]}', encoding="utf-8")
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "import", bad)
    assert r.code == 2
    assert f"'{bad}' 3행 " in r.err and "JSON 문법 오류" in r.err
    assert summaries(db) == before


def test_not_utf8_and_missing_file(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "cp949.json"
    bad.write_bytes('{"title": "공약"}'.encode("cp949"))
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "import", bad)
    assert r.code == 2 and "UTF-8 글자가 아닙니다" in r.err and str(bad) in r.err
    r = run_cli(capsys, "--db", db, "import", tmp_path / "없는 파일.json")
    assert r.code == 2 and "없는 파일.json': 파일이 없습니다" in r.err
    assert summaries(db) == before


def test_card_for_a_broken_template(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    template_file, card_file = write_seongdong(tmp_path / "seongdong")
    broken = json.loads(json.dumps(SEONGDONG_TEMPLATE))
    broken["blocks"][3]["table"]["relations"][0]["kind"] = "average"
    template_file.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "--templates", template_file.parent, "import", card_file)
    assert r.code == 2
    assert f"'{card_file}' cards[0].template: 알 수 없는 템플릿 'seongdong'" in r.err
    # ... and says why: the template file, the place in it, what is wrong.
    assert f"템플릿 '{template_file}' blocks[3] table relations[0]: 알 수 없는 관계 종류 'average'" in r.err
    assert summaries(db) == before


def test_same_card_in_two_files(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    card = standard_card("7-1", "두 번")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_cards(a, [card])
    write_cards(b, [card])
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "import", a, b)
    assert r.code == 2 and f"'{b}'" in r.err and f"'{a}'에도 들어 있습니다" in r.err
    assert summaries(db) == before


def test_unreadable_workbook(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "제출.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "import", bad)
    assert r.code == 2 and r.err.startswith("오류: ")
    assert "제출.xlsx" in r.err
    assert summaries(db) == before


def test_a_card_the_store_refuses_changes_nothing(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    good = card_to_json(standard_card("8-1", "좋음"))
    bad = card_to_json(standard_card("8-2", "id가 너무 김"))
    bad["id"] = "x" * 80
    path = tmp_path / "mixed.json"
    data = cards_to_json([])
    data["cards"] = [good, bad]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = summaries(db)
    r = run_cli(capsys, "--db", db, "import", path)
    assert r.code == 2 and "아무것도 바뀌지 않았습니다" in r.err
    assert summaries(db) == before
