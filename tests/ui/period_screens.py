"""Screenshots of the period, history and comparison screens for docs/screenshots (issue 12). Nothing
here ships. `python -m tests.ui.period_screens OUTDIR` (offscreen): a database of the sample cards,
a new 기준일 opened, a few edits by a named officer, then each screen grabbed to a PNG."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def settle(app: Any, rounds: int = 6) -> None:
    from PySide6.QtCore import QEventLoop

    for _ in range(rounds):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def build_db(path: Path) -> Any:
    from db.actor import Actor
    from db.store import Store
    from desktop.core.cardfile import read_cards
    from desktop.core.templates import TemplateRegistry
    from tests.conftest import SAMPLES

    reg = TemplateRegistry.load()
    store = Store.open(path, registry=reg)
    for f in sorted(SAMPLES.glob("*.json")):
        store.import_cards(read_cards(f, reg))
    store.actor = Actor("김민수", "기획예산과")
    store.open_period(date(2025, 12, 31))
    store.actor = Actor("이서연", "기업지원과")
    card = next(c for c in store.cards() if c.number == "2-2-1" and c.base_date == date(2025, 12, 31))
    card.progress = 90
    card.status = "정상추진"
    card = store.save(card)
    card.blocks[0].items[0].text += " (2025. 11. 입주 완료)"
    card = store.save(card)
    store.actor = Actor("김민수", "기획예산과")
    card.title += " 사업"
    store.save(card)
    return store, reg


def main(out: str) -> int:
    import tempfile

    from desktop.ui.app import make_app
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import Settings

    app = make_app()
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    store, reg = build_db(tmp / "cards.sqlite3")
    s = Settings()
    s.samples_offered = True
    win = MainWindow(store, reg, s)
    win.start()
    win.resize(1280, 800)
    win.show()
    settle(app)
    win.grab().save(str(outdir / "period-current.png"))
    box = win.list.period_box
    box.setCurrentIndex(box.findData("2025-09-30"))
    settle(app)
    win.grab().save(str(outdir / "period-closed.png"))
    shots = sys.argv[2:] if len(sys.argv) > 2 else []
    for name in shots:
        globals()[f"shot_{name}"](app, win, outdir)
    win.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
