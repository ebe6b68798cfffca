"""backup / backups / restore through the real command line, and database failures said in Korean."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.cardfile import write_cards
from tests.cli.helpers import run_cli, seed_db, standard_card


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "pledgecard.sqlite3"


def test_backup_backups_restore(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    seed_db(capsys, db, tmp_path)
    first = run_cli(capsys, "--db", db, "backup")
    assert first.code == 0, first.err
    made = Path(first.out.strip())
    assert made.is_file() and first.err == ""
    f = tmp_path / "more.json"
    write_cards(f, [standard_card("9-9-9", "나중에 들어온 카드")])
    assert run_cli(capsys, "--db", db, "import", f).code == 0
    second = Path(run_cli(capsys, "--db", db, "backup").out.strip())

    listed = run_cli(capsys, "--db", db, "backups")
    assert listed.code == 0
    rows = [line.split("\t") for line in listed.lines()]
    assert [r[0] for r in rows] == [str(second), str(made)]  # newest first
    assert [r[2] for r in rows] == ["4", "3"]
    assert all(len(r[1]) == 19 and r[1][4] == "-" and r[1][13] == ":" for r in rows)  # 2025-09-30 14:05:09

    back = run_cli(capsys, "--db", db, "restore", made)
    assert back.code == 0, back.err
    assert "카드 3장" in back.out and "되돌리기 전 상태" in back.out
    assert "9-9-9" not in run_cli(capsys, "--db", db, "list").out
    before = Path(back.out.strip().splitlines()[-1].split(": ", 1)[1])
    assert before.name.endswith("-before-restore.sqlite3")
    assert str(before) in run_cli(capsys, "--db", db, "backups").out


def test_restore_refuses_another_databases_backup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = tmp_path / "a" / "pledgecard.sqlite3", tmp_path / "b" / "pledgecard.sqlite3"
    seed_db(capsys, a, tmp_path)
    f = tmp_path / "b.json"
    write_cards(f, [standard_card("7-7-7", "다른 기관의 카드")])
    assert run_cli(capsys, "--db", b, "import", f).code == 0
    theirs = Path(run_cli(capsys, "--db", b, "backup").out.strip())
    assert run_cli(capsys, "--db", a, "backups").out == ""  # the other's backup is not listed here
    listed_a = run_cli(capsys, "--db", a, "list").out

    r = run_cli(capsys, "--db", a, "restore", theirs)
    assert r.code == 2 and r.out == ""
    assert "다른 데이터베이스의 백업" in r.err and str(b) in r.err and "카드 1장" in r.err
    assert "--other-database" in r.err and "Traceback" not in r.err
    assert run_cli(capsys, "--db", a, "list").out == listed_a

    r = run_cli(capsys, "--db", a, "restore", theirs, "--other-database")
    assert r.code == 0, r.err
    assert run_cli(capsys, "--db", a, "list").out.startswith("7-7-7\t다른 기관의 카드")
    assert [Path(line.split("\t")[0]) for line in run_cli(capsys, "--db", b, "backups").lines()] == [theirs]


def _damage_body(path: Path, number: str) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE card_bodies SET body = '{\"blocks\": [' WHERE card_id = "
                "(SELECT id FROM cards WHERE number = ?)", (number,))
    con.commit()
    con.close()


def test_restore_refuses_a_backup_with_a_damaged_card(capsys: pytest.CaptureFixture[str], db: Path,
                                                      tmp_path: Path) -> None:
    seed_db(capsys, db, tmp_path)
    made = Path(run_cli(capsys, "--db", db, "backup").out.strip())
    _damage_body(made, "1-2-2")
    listed = run_cli(capsys, "--db", db, "list").out
    r = run_cli(capsys, "--db", db, "restore", made)
    assert r.code == 2
    assert "1-2-2" in r.err and "지역경제활성화 종합대책본부 설치" in r.err and "되돌리지 않았습니다" in r.err
    assert run_cli(capsys, "--db", db, "list").out == listed
    assert run_cli(capsys, "--db", db, "check").code in (0, 1)  # the current data still reads


def test_restore_refuses_a_file_that_is_not_a_backup(capsys: pytest.CaptureFixture[str], db: Path,
                                                     tmp_path: Path) -> None:
    seed_db(capsys, db, tmp_path)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 300)
    r = run_cli(capsys, "--db", db, "restore", junk)
    assert r.code == 2 and "백업이 아닙니다" in r.err
    r = run_cli(capsys, "--db", db, "restore", tmp_path / "missing.sqlite3")
    assert r.code == 2 and "백업 파일이 없습니다" in r.err


def test_a_damaged_card_in_the_database_is_a_korean_message_not_a_traceback(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    seed_db(capsys, db, tmp_path)
    _damage_body(db, "2-2-1")
    for argv in (["check"], ["export", "--all", "--out", str(tmp_path / "out.json")]):
        r = run_cli(capsys, "--db", db, *argv)
        assert r.code == 2, argv
        assert r.err.startswith("오류: ") and "2-2-1" in r.err and "읽을 수 없습니다" in r.err
        assert "Traceback" not in r.err


def test_backup_commands_on_a_server_database_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "--db", "sqlite://", "backup")
    assert r.code == 2 and "서버에서 백업" in r.err


def test_backup_that_cannot_be_written_says_so(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    from desktop.core import paths

    seed_db(capsys, db, tmp_path)
    paths.backups_dir().write_text("a file, not a folder")
    r = run_cli(capsys, "--db", db, "backup")
    assert r.code == 2 and "백업을 만들지 못했습니다" in r.err and "백업 폴더를 만들 수 없습니다" in r.err
