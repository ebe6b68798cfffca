"""The real program in a subprocess: killed with SIGKILL right after an autosave, the edit is in the
database and the database is intact; `gui --screenshot` renders the window and exits 0."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from db.store import Store
from desktop.core.layout import new_card
from desktop.core.templates import TemplateRegistry

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("shell_driver.py")


def make_db(path: Path) -> None:
    reg = TemplateRegistry.load()
    with Store.open(path, registry=reg) as s:
        for number, title in (("1-2-2", "지역경제활성화 종합대책본부 설치"), ("2-2-1", "중소기업 애로해소 지원")):
            s.add(new_card(reg.get("standard"), number=number, title=title, dept="일자리경제과",
                           status="추진중", progress=50, base_date=date(2025, 9, 30)))


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONPATH=str(ROOT))
    return e


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_right_after_autosave_keeps_the_edit(tmp_path: Path) -> None:
    db = tmp_path / "cards.sqlite3"
    make_db(db)
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(db), "2-2-1", " 확대"], cwd=ROOT, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
            if line.startswith("SAVED"):
                os.kill(proc.pid, signal.SIGKILL)  # right after the autosave: no clean shutdown at all
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        _out, err = proc.communicate(timeout=30)
    assert any(x.startswith("SAVED") for x in lines), (lines, err[-2000:])
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store.open(db, registry=TemplateRegistry.load()) as s:
        card = s.latest_by_number("2-2-1")
        assert card is not None and card.title == "중소기업 애로해소 지원 확대"
        assert card.version == 2
        assert s.latest_by_number("1-2-2") is not None


def test_gui_screenshot_renders_the_window_and_exits(tmp_path: Path) -> None:
    db = tmp_path / "cards.sqlite3"
    make_db(db)
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "gui", "--open", "2-2-1",
                        "--screenshot", str(out)], cwd=ROOT, env=env(), capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 800)


def test_gui_unknown_number_is_a_korean_refusal(tmp_path: Path) -> None:
    db = tmp_path / "cards.sqlite3"
    make_db(db)
    r = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "gui", "--open", "9-9-9",
                        "--screenshot", str(tmp_path / "x.png")], cwd=ROOT, env=env(), capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 2
    assert "관리번호 '9-9-9'인 카드가 없습니다" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "x.png").exists()
