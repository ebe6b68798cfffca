"""`pledgecard xlsx --out FILE [--all | 관리번호…]` and `pledgecard import FILE.xlsx` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.templates import TemplateRegistry
from desktop.xlsx import read_workbook
from tests.cli.helpers import run_cli
from tests.conftest import SAMPLES
from tests.xlsx.helpers import as_json, by_id, samples

REG = TemplateRegistry.load([], None)


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    r = run_cli(capsys, "--db", path, "import", *sorted(SAMPLES.glob("*.json")))
    assert r.code == 0, r.err
    return path


def test_all_cards_to_a_workbook_and_back(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = tmp_path / "제출.xlsx"
    r = run_cli(capsys, "--db", db, "xlsx", "--out", out, "--all")
    assert r.code == 0, r.err
    assert f"카드 3건을 '{out}'에 엑셀 통합문서로 내보냈습니다" in r.out
    assert "III-2-1 (오류 1건)" in r.err  # the 19개사 slip: exported as stated, red in Excel
    back = by_id(read_workbook(out, REG))
    assert all(len(c.revisions) == 1 and c.origin for c in back)  # stamped: the base of a later merge
    for c in back:
        c.revisions, c.origin = [], ""
    assert as_json(back) == as_json(by_id(samples(REG)))
    other = tmp_path / "other.sqlite3"
    r = run_cli(capsys, "--db", other, "import", out)
    assert r.code == 0 and "추가 3건" in r.out
    assert run_cli(capsys, "--db", other, "list").out == run_cli(capsys, "--db", db, "list").out


def test_by_number(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.xlsx"
    r = run_cli(capsys, "--db", db, "xlsx", "--out", out, "2-2-1")
    assert r.code == 0, r.err
    assert [c.number for c in read_workbook(out, REG)] == ["2-2-1"]


@pytest.mark.parametrize(("args", "words"), [
    (["9-9-9"], "관리번호 '9-9-9'인 카드가 없습니다"),
    ([], "내보낼 카드를 고르세요"),
    (["--all", "2-2-1"], "함께 쓸 수 없습니다"),
])
def test_refusals_write_nothing(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, args: list[str],
                                words: str) -> None:
    out = tmp_path / "x.xlsx"
    r = run_cli(capsys, "--db", db, "xlsx", "--out", out, *args)
    assert r.code == 2 and words in r.err
    assert not out.exists() and not list(tmp_path.glob("x.xlsx*"))


def test_out_must_be_an_xlsx_file(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    r = run_cli(capsys, "--db", db, "xlsx", "--out", tmp_path / "x.json", "--all")
    assert r.code == 2 and ".xlsx" in r.err
    r = run_cli(capsys, "--db", db, "xlsx", "--out", tmp_path / "없는폴더" / "x.xlsx", "--all")
    assert r.code == 2 and "없는폴더" in r.err
