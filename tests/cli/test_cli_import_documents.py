"""`pledgecard import FILE.txt|.hwpx|.hwp` (SPEC §9): documents become cards through the merge import,
`--dry-run [--json]` writes nothing and shows the cards and every piece not placed, and the kind of a
file is told by its bytes, not its name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.core.importmap import UNSURE_KEY
from desktop.core.templates import TemplateRegistry
from tests.cli.helpers import run_cli, standard_card, summaries
from tests.conftest import SAMPLES, SEEDS
from tests.importmap.compare import card_diff

GURO = "guro-plan-III-2-1"
CARD = "geumjeong-2025-09-30-card-2-2-1"


def test_dry_run_json_shows_the_cards_and_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    r = run_cli(capsys, "--db", db, "import", SEEDS / f"{CARD}.txt", "--dry-run", "--json")
    assert r.code == 0, r.err
    file = json.loads(r.out)["files"][0]
    assert (file["kind"], file["template"], file["unplaced"]) == ("text", "standard", [])
    card = file["cards"][0]
    assert card["unsure"] == ["blocks.photos", "org"]
    want = json.loads((SAMPLES / f"{CARD}.json").read_text(encoding="utf-8"))["cards"][0]
    assert card_diff({k: v for k, v in card.items() if k != "unsure"}, want,
                     TemplateRegistry.load().get("standard")) == []
    assert not db.exists() or summaries(db) == []


def test_a_document_that_is_no_card_shows_all_its_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    memo = tmp_path / "회의록.hwp"  # named .hwp, but text: told by the bytes
    memo.write_text("주간 회의록\n\n참석\t김철수\t이영희\n결정: 다음 주 재검토\n", encoding="utf-8")
    r = run_cli(capsys, "--db", tmp_path / "db.sqlite3", "import", memo, "--dry-run", "--json")
    assert r.code == 0, r.err
    file = json.loads(r.out)["files"][0]
    assert file["cards"] == []
    assert [(p["kind"], p["text"]) for p in file["unplaced"]] == [
        ("paragraph", "주간 회의록"), ("table", "참석\t김철수\t이영희"), ("paragraph", "결정: 다음 주 재검토")]
    assert file["unplaced"][1]["cells"] == [["참석", "김철수", "이영희"]]
    korean = run_cli(capsys, "import", memo, "--dry-run")
    assert korean.code == 0
    assert "카드 0건, 넣지 못한 부분 3개" in korean.out
    assert "주간 회의록" in korean.out and "참석 | 김철수 | 이영희" in korean.out
    real = run_cli(capsys, "--db", tmp_path / "db.sqlite3", "import", memo)
    assert real.code == 2 and "가져올 카드가 없습니다" in real.err


def test_import_writes_the_cards_with_source_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    hwp_named = tmp_path / "구로.hwpx"
    shutil.copy(SEEDS / f"{GURO}.txt", hwp_named)
    r = run_cli(capsys, "--db", db, "import", hwp_named, SEEDS / f"{CARD}.txt")
    assert r.code == 0, r.err
    assert "카드 2건을 읽었습니다 — 추가 2건" in r.out
    assert "확실하지 않았던 값" in r.out
    from db.store import Store

    store = Store.open(str(db))
    try:
        cards = [store.get(s.id) for s in store.summaries()]
        guro = next(c for c in cards if c.number == "III-2-1")
        assert guro.extra[UNSURE_KEY] == ["title", "org", "period"]
        history = store.history(guro.id)
    finally:
        store.close()
    assert [e.source for e in history] == ["import"]
    again = run_cli(capsys, "--db", db, "import", hwp_named, "--template", "nosuch")
    assert again.code == 2 and "알 수 없는 템플릿 'nosuch'" in again.err


def test_card_files_still_import_and_are_told_by_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from desktop.core.cardfile import write_cards

    odd = tmp_path / "카드.txt"  # a card file with a text's name
    write_cards(odd, [standard_card("9-9-9")])
    r = run_cli(capsys, "--db", tmp_path / "db.sqlite3", "import", odd)
    assert r.code == 0, r.err
    assert [s.number for s in summaries(tmp_path / "db.sqlite3")] == ["9-9-9"]


def test_json_needs_dry_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    r = run_cli(capsys, "--db", tmp_path / "db.sqlite3", "import", SEEDS / f"{CARD}.txt", "--json")
    assert r.code == 2 and "--dry-run" in r.err


def test_bytes_that_are_no_document_are_refused_in_korean(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "사진.hwp"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    r = run_cli(capsys, "--db", tmp_path / "db.sqlite3", "import", junk, "--dry-run")
    assert r.code == 2
    assert "읽을 수 없습니다" in r.err and "Traceback" not in r.err
    broken_zip = tmp_path / "깨진.hwpx"
    broken_zip.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    r = run_cli(capsys, "--db", tmp_path / "db.sqlite3", "import", broken_zip)
    assert r.code == 2 and r.err.startswith("오류: ") and "Traceback" not in r.err


def test_the_same_document_imported_again_adds_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A document read twice gives its cards the same ids: the second import meets them (변경 없음)
    instead of adding every card again (found by a new officer importing the same HWPX twice)."""
    db = tmp_path / "db.sqlite3"
    hwpx = Path(__file__).parents[1] / "data" / "seeds_hwpx" / f"{GURO}.hwpx"
    first = run_cli(capsys, "--db", db, "import", hwpx, SEEDS / f"{CARD}.txt")
    assert first.code == 0, first.err
    again = run_cli(capsys, "--db", db, "import", hwpx, SEEDS / f"{CARD}.txt")
    assert again.code == 0, again.err
    assert "추가 0건" in again.out and "변경 없음 2건" in again.out
    assert len(summaries(db)) == 2
