"""A card's timeline shown in the window (issue 12 bar: a 500-entry timeline shown < 100 ms).

Run by hand:  .venv/bin/python bench/bench_timeline.py [--rounds N] [--entries N]

One SQLite database, one card of the 2-2-1 sample saved `--entries` times (each save changes 진도 and
a line, as autosaves do; the store writes one history entry each). One round: TimelineDialog is made
for the card (Store.history reads every entry; the newest is selected, so the state before and after
it are decoded and compared with carddiff), shown, and painted (the event loop run until the first
paint is done). Prints a markdown row for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--entries", type=int, default=500)
    args = ap.parse_args()
    os.environ.setdefault("PLEDGECARD_HOME", tempfile.mkdtemp())

    from PySide6.QtCore import QEventLoop

    from db.store import Store
    from desktop.core.cardfile import read_cards
    from desktop.core.model import Item
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.app import make_app
    from desktop.ui.timeline import TimelineDialog

    app = make_app()
    reg = TemplateRegistry.load()
    tmp = Path(tempfile.mkdtemp())
    store = Store.open(tmp / "cards.sqlite3", registry=reg)
    sample = read_cards(ROOT / "resources" / "samples" / "geumjeong-2025-09-30-card-2-2-1.json", reg)[0]
    card = store.add(sample)
    for i in range(args.entries - 1):
        card.progress = i % 100
        if i % 3 == 0:
            card.blocks[0].items.append(Item(text=f"{i}번째 추진 내용"))
        card = store.save(card)
    n = len(store.history(card.id))
    times = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        dlg = TimelineDialog(store, card.id)
        dlg.show()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        dlg.repaint()
        times.append(time.perf_counter() - t0)
        dlg.close()
        dlg.deleteLater()
        app.processEvents()
    med = statistics.median(times) * 1000
    print(f"| window: a {n}-entry timeline shown (TimelineDialog made, newest entry's changes compared, shown "
          f"and painted; median of {args.rounds}) | < 100 ms | {med:.1f} ms (min {min(times) * 1000:.1f}, "
          f"max {max(times) * 1000:.1f}) | {time.strftime('%Y-%m-%d')} | "
          "`.venv/bin/python bench/bench_timeline.py` |")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
