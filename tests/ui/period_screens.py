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


def grab(app: Any, w: Any, path: Path) -> None:
    w.show()
    settle(app)
    w.grab().save(str(path))
    w.close()


def dialogs(app: Any, win: Any, store: Any, reg: Any, outdir: Path) -> None:
    from desktop.core.officer import Officer
    from desktop.ui.compare import CardCompareDialog
    from desktop.ui.officecompare import OfficeCompareDialog
    from desktop.ui.officerdialog import OfficerDialog
    from desktop.ui.perioddialogs import NewPeriodDialog, ReopenDialog
    from desktop.ui.timeline import TimelineDialog

    grab(app, NewPeriodDialog(store, win), outdir / "period-new.png")
    d = NewPeriodDialog(store, win)
    d.date_edit.setText("2025. 2. 30.")
    grab(app, d, outdir / "period-new-invalid.png")
    grab(app, ReopenDialog([date(2025, 9, 30), date(2024, 6, 30)], None, win), outdir / "period-reopen.png")
    grab(app, OfficerDialog(Officer(), win, first=True), outdir / "officer-first-start.png")
    t = TimelineDialog(store, win.current_id, win)
    t.view.selectRow(1)
    grab(app, t, outdir / "history-timeline.png")
    grab(app, CardCompareDialog(store, reg, win.current_id, win), outdir / "compare-card.png")
    o = OfficeCompareDialog(store, reg, win)
    o.from_box.setCurrentIndex(1)
    from desktop.ui.officecompare import load_diff

    a, b = o.chosen()
    o.show_diff(load_diff(store, reg, a, b), a, b)
    grab(app, o, outdir / "compare-office.png")


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
    box.setCurrentIndex(0)
    settle(app)
    two = next(s.id for s in win.list.model.rows if s.number == "2-2-1")
    win.list.select_id(two)
    settle(app)
    dialogs(app, win, store, reg, outdir)
    win.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
