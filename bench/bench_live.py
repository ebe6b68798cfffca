"""Live updates (issue 14): from another program's save to the window's list showing it, on a local
PostgreSQL server with 1,000 cards.

Run by hand:  .venv/bin/python bench/bench_live.py [--rounds N]

A throwaway server is started (initdb/pg_ctl as tests/db/pgserver.py does), 1,000 cards
(bench/generate.py) imported, and the real main window opened on it (offscreen), listening. Another
process (tests/db/live_writer.py) then saves one card of the list N times, ~0.3 s apart; it prints
time.time() right after each commit. The figure is the time from that commit to the window's list
holding the new title: the server's notice, the listener thread, the queued signal to the GUI thread,
the 100 ms gathering of notices, the rows re-read and shown. Also: the whole list re-read as after a
reconnect or another's new card (`LiveUpdates._refresh_all`, median of 10).
Prints markdown rows for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CMD = "`.venv/bin/python bench/bench_live.py`"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--cards", type=int, default=1000)
    args = ap.parse_args(argv)

    import tempfile

    os.environ.setdefault("PLEDGECARD_HOME", tempfile.mkdtemp(prefix="pledgecard-bench-home-"))
    from PySide6.QtCore import QEventLoop

    from bench.generate import generate
    from db.store import Store
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.app import make_app
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import Settings
    from tests.db.pgserver import PgServer

    server = PgServer()
    try:
        reg = TemplateRegistry.load()
        app = make_app()
        with Store.open(server.url, registry=reg) as store:
            store.import_cards(generate(args.cards))
            win = MainWindow(store, reg, Settings(officer_asked=True, samples_offered=True))
            win.start()
            win.resize(1280, 800)
            win.show()
            live = win.live
            assert live is not None

            def pump(until: object, limit: float = 20.0) -> float:
                end = time.monotonic() + limit
                while not until():  # type: ignore[operator]
                    if time.monotonic() > end:
                        raise TimeoutError("the list never showed the save")
                    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)
                return time.time()

            pump(lambda: live.bridge.up)
            rows = win.list.model.rows
            target = next(s for s in rows[len(rows) // 2:] if s.id != win.current_id)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            writer = subprocess.Popen([sys.executable, str(ROOT / "tests" / "db" / "live_writer.py"), server.url,
                                       target.id, "벤치 제목", str(args.rounds)], cwd=ROOT, env=env, text=True,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, encoding="utf-8")
            assert writer.stdin is not None and writer.stdout is not None
            lat: list[float] = []
            for i in range(args.rounds):
                line = writer.stdout.readline().split()
                committed = float(line[2])
                want = f"벤치 제목-{i}"
                shown = pump(lambda w=want: (s := win.list.model.summary(target.id)) is not None and s.title == w)
                lat.append(shown - committed)
                time.sleep(0.3)
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                if i + 1 < args.rounds:
                    writer.stdin.write("\n")
                    writer.stdin.flush()
            writer.wait(60)

            full: list[float] = []
            for _ in range(10):
                t0 = time.perf_counter()
                live._refresh_all()
                full.append(time.perf_counter() - t0)
            win.close()
        med = statistics.median(lat)
        print(f"| live: another program's save (commit) → the window's list shows it, {args.cards} cards on a local "
              f"server (median of {args.rounds}) | < 2 s | {med * 1000:.0f} ms (min {min(lat) * 1000:.0f}, max "
              f"{max(lat) * 1000:.0f}) | {time.strftime('%Y-%m-%d')} | {CMD} |")
        print(f"| live: the whole list re-read (after a reconnect, another's new or deleted card), {args.cards} cards "
              f"(median of 10) | — | {statistics.median(full) * 1000:.1f} ms | {time.strftime('%Y-%m-%d')} | {CMD} |")
    finally:
        server.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
