"""The live-update bar and the disconnected state, as an officer sees them (issue 14), grabbed offscreen:

    .venv/bin/python tests/ui/live_shot.py docs/screenshots/live-changed-bar.png

A throwaway PostgreSQL server with the sample cards; the window opens 2-2-1; another process saves
that card (the bar appears); then the server stops while the officer types (the status bar says
연결 끊김 — 1건 저장 대기). The server is removed afterwards."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main(out: str) -> int:
    os.environ.setdefault("PLEDGECARD_HOME", tempfile.mkdtemp(prefix="pledgecard-shot-home-"))
    from PySide6.QtCore import QEventLoop

    from db.store import Store
    from desktop.core.cardfile import read_cards
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.app import make_app
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import Settings
    from tests.db.pgserver import PgServer
    from tests.db.test_notify import run_writer
    from tests.ui.shell_driver import commit_text, title_widget

    server = PgServer()
    try:
        reg = TemplateRegistry.load()
        app = make_app()

        def pump(until: object, limit: float = 20.0) -> None:
            end = time.monotonic() + limit
            while not until():  # type: ignore[operator]
                if time.monotonic() > end:
                    raise TimeoutError("not reached")
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)

        with Store.open(server.url, registry=reg) as store:
            for path in sorted((ROOT / "resources" / "samples").glob("*.json")):
                store.import_cards(read_cards(path, reg))
            card = store.latest_by_number("2-2-1")
            assert card is not None
            win = MainWindow(store, reg, Settings(officer_asked=True, samples_offered=True))
            win.start(select=card.id)
            win.resize(1280, 800)
            win.show()
            live = win.live
            assert live is not None
            pump(lambda: live.bridge.up and win.current_id == card.id)
            run_writer(server.url, card.id, "중소기업 애로해소 및 기업환경 개선 지원")
            pump(live.bar.isVisible)
            server.stop()
            pump(lambda: not live.bridge.up)
            field = title_widget(win.editor, win.editor.card())
            field.setFocus()
            field.end(False)
            commit_text(field, " (보완)")
            win.saver.flush()
            pump(lambda: win.connection is not None and win.connection.label.isVisible())
            for _ in range(5):
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            ok = win.grab().save(out)
            win.live.stop()
            win.saver.forget()
            win.connection.outbox.remove(card.id)
            win.close()
        print(out if ok else "not saved")
        return 0 if ok else 1
    finally:
        server.destroy()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
