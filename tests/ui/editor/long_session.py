"""A long typing session in the form, run as its own process by test_editor_long_session.py.

Types N keys into the budget cell editor (each one re-checks the table and recolours the cell) and
prints "OK <n>". With PySide6 6.12 on Python 3.11 and without qtfix.immortalize_singletons, the
process aborts after a few thousand keys ("Fatal Python error: none_dealloc").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))


def main(n: int) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from desktop.core.cardfile import read_cards
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.editor import CardEditor

    app = QApplication(sys.argv)
    reg = TemplateRegistry.load()
    ed = CardEditor(reg)
    ed.resize(880, 720)
    ed.show()
    (card,) = read_cards(ROOT / "resources" / "samples" / "geumjeong-2025-09-30-card-2-2-1.json", reg)
    ed.set_card(card)
    for _ in range(3):
        app.processEvents()
    grid = ed.table_editor("invest").grid  # type: ignore[union-attr]
    grid.setFocus()
    grid.setCurrentIndex(grid.table_model().index_of("plan_national", "y2025"))
    QTest.keyClick(grid, Qt.Key.Key_F2)
    cell = [w for w in grid.findChildren(QLineEdit) if w.isVisible()][-1]
    cell.end(False)
    for i in range(n):
        QTest.keyClick(cell, Qt.Key.Key_X if i % 2 == 0 else Qt.Key.Key_Backspace)
        if i % 50 == 0:
            app.processEvents()
    print(f"OK {n}", flush=True)
    os._exit(0)  # skip teardown: only the session is under test


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
