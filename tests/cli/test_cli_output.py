"""Issue 11, item 21 (part): lists of many cards are summarised (the first few, "… 외 N건", all with
--verbose), and exported files get the user's umask like any file (not mkstemp's 0600)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop.commands.output import SHOWN
from desktop.core.cardfile import write_cards
from tests.cli.helpers import run_cli, standard_card


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _seed(tmp_path: Path, capsys: pytest.CaptureFixture[str], n: int, progress: int = 50) -> Path:
    cards = [standard_card(f"1-1-{i}", base_date=date(2025, 9, 30), progress=progress) for i in range(1, n + 1)]
    src = tmp_path / "seed.json"
    write_cards(src, cards)
    db = tmp_path / "db.sqlite3"
    assert run_cli(capsys, "--db", db, "import", src).code == 0
    return db


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("command, name", [("xlsx", "제출.xlsx"), ("export", "cards.json"), ("pdf", "책.pdf")])
def test_exported_files_take_the_umask(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str,
                                       name: str) -> None:
    db = _seed(tmp_path, capsys, 2)
    out = tmp_path / name
    r = run_cli(capsys, "--db", db, command, "--all", "--out", out)
    assert r.code == 0, r.err
    assert _mode(out) == 0o644
    out.chmod(0o600)  # written again over an existing file: the umask's mode again
    assert run_cli(capsys, "--db", db, command, "--all", "--out", out).code == 0
    assert _mode(out) == 0o644


def test_a_stricter_umask_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _seed(tmp_path, capsys, 1)
    old = os.umask(0o077)
    try:
        out = tmp_path / "제출.xlsx"
        assert run_cli(capsys, "--db", db, "xlsx", "--all", "--out", out).code == 0
    finally:
        os.umask(old)
    assert _mode(out) == 0o600


def test_import_of_many_cards_lists_the_first_few(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cards = [standard_card(f"1-1-{i}", base_date=date(2025, 9, 30)) for i in range(1, 13)]
    src = tmp_path / "seed.json"
    write_cards(src, cards)
    r = run_cli(capsys, "--db", tmp_path / "a.sqlite3", "import", src)
    assert r.code == 0
    assert "카드 12건을 읽었습니다 — 추가 12건" in r.out
    assert len([x for x in r.lines() if x.startswith("  추가: ")]) == SHOWN
    assert r.lines()[-1] == f"  … 외 {12 - SHOWN}건 (--verbose로 모두 보기)"
    r = run_cli(capsys, "--db", tmp_path / "b.sqlite3", "import", src, "--verbose")
    assert len([x for x in r.lines() if x.startswith("  추가: ")]) == 12 and "외" not in r.out


@pytest.mark.parametrize("command, name", [("xlsx", "제출.xlsx"), ("pdf", "책.pdf")])
def test_export_warnings_list_the_first_few(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str,
                                            name: str) -> None:
    db = _seed(tmp_path, capsys, 8, progress=150)  # 진도 150: an 오류 on every card
    r = run_cli(capsys, "--db", db, command, "--all", "--out", tmp_path / name)
    assert r.code == 0, r.err
    assert f"… 외 {8 - SHOWN}건 (--verbose로 모두 보기)" in r.err
    assert sum(r.err.count(f"1-1-{i} ") for i in range(1, 9)) == SHOWN
    r = run_cli(capsys, "--db", db, command, "--all", "--out", tmp_path / name, "-v")
    assert "외" not in r.err and all(f"1-1-{i}" in r.err for i in range(1, 9))
