"""Screenshots of the dashboard for docs/screenshots (issue 16). Nothing here ships.
`python -m tests.ui.dashboard_screens OUTDIR` (offscreen): a database of the small office of
tests/overview_office.py (two periods, three templates) plus the shipped samples, the window at
1280×800 on the 대시보드 tab, then a count clicked through to the list."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def office_db(path: Path, templates: Path) -> tuple[Any, Any]:
    from db.store import Store
    from desktop.core.templates import TemplateRegistry
    from tests.overview_office import office, write_eval_template

    write_eval_template(templates)
    reg = TemplateRegistry.load([templates], None)
    now, before = office()
    store = Store.open(path, registry=reg)
    store.import_cards([*before[:2], *now])
    return store, reg


def main(out: str) -> int:
    import tempfile

    from desktop.ui.app import make_app
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import Settings
    from tests.ui.period_screens import settle

    app = make_app()
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    store, reg = office_db(tmp / "cards.sqlite3", tmp / "templates")
    s = Settings()
    s.samples_offered = True
    win = MainWindow(store, reg, s)
    win.start()
    win.resize(1280, 800)
    win.show()
    settle(app)
    win.dashboard.show()
    win.dashboard.loader.wait()
    settle(app, 12)
    while win.dashboard.panel.charts_pending():
        settle(app, 2)
    settle(app, 4)
    win.grab().save(str(outdir / "dashboard.png"))
    panel = win.dashboard.panel
    body = panel.scroll_area.widget()
    body.grab().save(str(outdir / "dashboard-whole.png"))
    panel.dept_box.setCurrentIndex(panel.dept_box.findData("기획예산과"))  # the tables updated in place
    while panel.charts_pending():
        settle(app, 2)
    settle(app, 4)
    body.grab().save(str(outdir / "dashboard-filtered.png"))
    panel.clear_filters()
    while panel.charts_pending():
        settle(app, 2)
    first = panel.overview.statuses[0]
    win.dashboard.show_cards(f"추진상황 {first.name} {len(first.cards)}건", first.cards)
    settle(app)
    win.grab().save(str(outdir / "dashboard-clicked.png"))
    win.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
