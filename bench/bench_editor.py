"""Card form timings (SPEC §7): keystroke-to-colour in a budget cell, and opening a card in the editor.

Run by hand:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_editor.py [--rounds N]

- keystroke-to-colour: the cell editor of 투자계획 소요예산 국비 2025년 is open; one round is one
  key typed into it (QTest.keyClick: the key event, textEdited, the live re-check of the table,
  the cell's colour and tooltip in the model and the editor's own colour and tooltip) — all of it
  happens inside the key event, so the time of the call is the time to colour. The typed key
  alternates between "x" (refused: red) and Backspace (back to a number: clear), so every round
  changes the colour.
- open a card: CardEditor.set_card of a sample card (a different card each round, so the form is
  really rebuilt): the header and first block are built in the call; the rest of the body is built
  on the next event-loop turn — the second figure is set_card until every block is built and laid out.
The application is made as the program makes it (desktop.ui.app.make_app: fonts, palette, style sheet).
Prints one markdown row per figure for docs/performance.md.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from desktop.core.cardfile import read_cards  # noqa: E402
from desktop.core.model import new_id  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402
from desktop.ui.editor import CardEditor  # noqa: E402
from desktop.ui.editor.tablemodel import SEVERITY_ROLE  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"


def keystroke_to_colour(app: QApplication, ed: CardEditor, rounds: int) -> float:
    grid = ed.table_editor("invest").grid  # type: ignore[union-attr]
    model = grid.table_model()
    idx = model.index_of("plan_national", "y2025")
    grid.setFocus()
    grid.setCurrentIndex(idx)
    QTest.keyClick(grid, Qt.Key.Key_F2)
    cell = [w for w in grid.findChildren(QLineEdit) if w.isVisible()][-1]
    cell.end(False)
    times = []
    for i in range(rounds + 50):
        wrong = i % 2 == 0
        t = time.perf_counter_ns()
        if wrong:
            QTest.keyClick(cell, Qt.Key.Key_X)
        else:
            QTest.keyClick(cell, Qt.Key.Key_Backspace)
        dt = time.perf_counter_ns() - t
        sev = model.data(idx, SEVERITY_ROLE)
        assert sev == ("오류" if wrong else ""), (i, sev, cell.text())
        assert cell.property("severity") == ("error" if wrong else "")
        if i >= 50:
            times.append(dt)
        app.processEvents()  # paint between keystrokes, as a typist's pauses allow
    return statistics.median(times) / 1e6


def open_card(app: QApplication, ed: CardEditor, reg: TemplateRegistry, rounds: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for path in sorted(SAMPLES.glob("*.json")):
        (card,) = read_cards(path, reg)
        times, layout = [], []
        for _ in range(rounds + 3):
            c = copy.deepcopy(card)
            c.id = new_id()  # another card: the form is built anew
            t = time.perf_counter_ns()
            ed.set_card(c)
            t1 = time.perf_counter_ns()
            while not ed.page.built:  # type: ignore[union-attr]
                app.processEvents()
            app.processEvents()
            t2 = time.perf_counter_ns()
            times.append(t1 - t)
            layout.append(t2 - t)
        out[path.stem] = statistics.median(times[3:]) / 1e6
        out[path.stem + " +layout"] = statistics.median(layout[3:]) / 1e6
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    try:
        from desktop.ui.app import make_app
    except ImportError:  # the shell is not there: fonts only
        app = QApplication.instance() or QApplication(sys.argv)
        for f in sorted((ROOT / "resources" / "fonts").glob("NanumGothic*.ttf")):
            QFontDatabase.addApplicationFont(str(f))
        app.setFont(QFont("NanumGothic", 10))
    else:
        app = make_app([])
    reg = TemplateRegistry.load()
    ed = CardEditor(reg)
    ed.resize(880, 720)
    ed.show()
    (card,) = read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", reg)
    ed.set_card(card)
    for _ in range(3):
        app.processEvents()
    k = keystroke_to_colour(app, ed, args.rounds)
    opened = open_card(app, ed, reg, max(10, args.rounds // 10))
    today = date.today().isoformat()
    cmd = "`QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_editor.py`"
    print(f"| keystroke-to-colour in a budget cell (editor open, live re-check; 2-2-1) | same event-loop turn "
          f"(re-check < 1 ms) | {k:.2f} ms | {today} | {cmd} |")
    worst = max(v for n, v in opened.items() if not n.endswith("+layout"))
    worst_l = max(v for n, v in opened.items() if n.endswith("+layout"))
    detail = ", ".join(f"{n.split('-card-')[-1].split('-plan-')[-1]} {v:.0f}"
                       for n, v in opened.items() if not n.endswith("+layout"))
    print(f"| open a card in the editor (set_card: header and first block shown; slowest sample; {detail} ms)"
          f" | < 100 ms | {worst:.1f} ms (every block built and laid out: {worst_l:.1f} ms) | {today} | {cmd} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
