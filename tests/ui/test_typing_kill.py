"""SPEC §6.1: text still inside an open cell or field is autosaved. The real program types into an open
table cell, the 소요예산 field or the 기준일 field and is left there; after the autosave it is killed
with SIGKILL, and the database holds what was typed."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from db.store import Store
from desktop.core.cardfile import read_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("typing_driver.py")


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONPATH=str(ROOT))
    return e


def stored(db: Path) -> Card:
    with Store.open(db, registry=TemplateRegistry.load()) as s:
        card = s.latest_by_number("2-2-1")
        assert card is not None
        return card


CASES = {
    "cell": ("300", lambda c: c.block("invest").table.row("plan_national").cells["y2025"] == Decimal("300")),
    "budget": ("800백만원(국700 구100)", lambda c: c.figures["budget"].total == Decimal("800")),
    "date": ("2025. 12. 31.", lambda c: c.base_date == date(2025, 12, 31)),
}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("kind", list(CASES))
def test_text_in_an_open_editor_survives_sigkill(kind: str, tmp_path: Path) -> None:
    reg = TemplateRegistry.load()
    db = tmp_path / "cards.sqlite3"
    with Store.open(db, registry=reg) as s:
        s.add(read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", reg)[0])
    text, holds = CASES[kind]
    assert not holds(stored(db))
    proc = subprocess.Popen([sys.executable, str(DRIVER), kind, str(db), "2-2-1", text], cwd=ROOT, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    lines: list[str] = []
    got: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    out = proc.stdout
    threading.Thread(target=lambda: [got.put(x) for x in iter(out.readline, "")], daemon=True).start()
    try:
        deadline = time.monotonic() + 30  # a bound for a slow machine, not a timing assertion
        typed = False
        while time.monotonic() < deadline:
            try:
                line = got.get(timeout=1)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            lines.append(line.strip())
            typed = typed or line.startswith("TYPED")
            if typed and line.startswith("SAVED"):
                break  # the autosave took the text: kill at once, no clean shutdown
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        _out, err = proc.communicate(timeout=30)
    saves = [x for x in lines if x.startswith("SAVED")]
    assert saves, (lines, err[-2000:])
    assert saves[-1].endswith("True"), lines  # saved while the editor was still open with the text
    assert holds(stored(db)), lines
