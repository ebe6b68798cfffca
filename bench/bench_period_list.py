"""The window's card list as periods pile up (issue 12 bar: the list must not get slower).

Run by hand:  .venv/bin/python bench/bench_period_list.py [--rounds N]

1,000 cards at 2025. 9. 30. (bench_store.sample_cards); the list is measured, then three more
periods are opened (Store.open_period: 4,000 cards in the database) and it is measured again:
- list filled: MainWindow.reload_list (Store.periods + Store.period_summaries of the current period —
  columns only, no card body — into the model and the filter combos);
- filter keystroke: one keystroke in the search box over the current period's rows (typing and
  erasing a Korean query letter by letter, as bench_gui.py does).
Prints markdown rows for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

QUERY = "지역경제"


def measure(app: object, win: object, rounds: int) -> tuple[float, float, int]:
    from PySide6.QtWidgets import QApplication

    w: object = win
    load = []
    for _ in range(rounds):
        t = time.perf_counter()
        w.reload_list()  # type: ignore[attr-defined]
        QApplication.processEvents()
        load.append(time.perf_counter() - t)
    keys = []
    box = w.list.search  # type: ignore[attr-defined]
    for _ in range(rounds):
        for text in [QUERY[:i] for i in range(1, len(QUERY) + 1)] + [QUERY[:i] for i in range(len(QUERY) - 1, -1, -1)]:
            t = time.perf_counter()
            box.setText(text)
            w.list.view.viewport().repaint()  # type: ignore[attr-defined]
            keys.append(time.perf_counter() - t)
    return statistics.median(load) * 1000, statistics.median(keys) * 1000, w.list.model.rowCount()  # type: ignore[attr-defined]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    os.environ.setdefault("PLEDGECARD_HOME", tempfile.mkdtemp())
    from bench_store import sample_cards

    from db.store import Store
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.app import make_app
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import Settings

    app = make_app()
    reg = TemplateRegistry.load()
    store = Store.open(Path(tempfile.mkdtemp()) / "p.sqlite3", registry=reg)
    cards = sample_cards(1000)
    for c in cards:
        if c.base_date is not None:
            c.base_date = date(2025, 9, 30)
    store.import_cards(cards)
    s = Settings()
    s.samples_offered = True
    win = MainWindow(store, reg, s)
    win.resize(1280, 800)
    win.show()
    one = measure(app, win, args.rounds)
    for d in (date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30)):
        store.open_period(d)
    total = len(store.summaries())
    four = measure(app, win, args.rounds)
    day = time.strftime("%Y-%m-%d")
    cmd = "`.venv/bin/python bench/bench_period_list.py`"
    print(f"| window: list filled (reload_list: periods + the current period's summaries), 1 period / 4 periods "
          f"({one[2]} rows shown; {total} cards in the database) | must not grow with periods | "
          f"{one[0]:.1f} / {four[0]:.1f} ms | {day} | {cmd} |")
    print(f"| window: filter keystroke over the current period, 1 period / 4 periods | < 30 ms (SPEC §7) | "
          f"{one[1]:.2f} / {four[1]:.2f} ms | {day} | {cmd} |")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
