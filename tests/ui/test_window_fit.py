"""Issue 11 item 18: the main window (1280×800) and the print preview (900×1000) had fixed sizes, and
on a 1366×768 screen the status bar was off the screen. They fit the screen now and come back at the
size they were left. Offscreen (an 800×800 screen) in this process; the real program on a 1366×768
Xvfb display in a subprocess."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from db.store import Store
from desktop.core.paths import settings_path
from desktop.core.templates import TemplateRegistry
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import load_settings
from tests.ui.test_app_process import run_app, sample_db  # noqa: F401 - fixture
from tests.ui.test_shell import add_cards, make_editor, registry, store  # noqa: F401 - fixtures


def _fits(widget: Any) -> None:
    area = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    assert area.contains(frame), (frame, area)
    least = widget.minimumSizeHint()  # the form cannot be narrower than its fields
    assert widget.width() <= max(area.width() * 0.9 + 1, least.width())
    assert widget.height() <= max(area.height() * 0.9 + 1, least.height())


def test_main_window_fits_a_small_screen(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    add_cards(store, registry)
    w = MainWindow(store, registry, load_settings(), editor=make_editor(registry))
    qtbot.addWidget(w)
    w.start()
    w.show()
    qtbot.waitExposed(w)
    _fits(w)
    assert w.statusBar().isVisible()
    bar = w.statusBar().mapTo(w, w.statusBar().rect().bottomLeft())
    assert w.screen().availableGeometry().contains(w.mapToGlobal(bar))  # the status bar is on the screen


def _pdf() -> bytes:
    pytest.importorskip("desktop.pdf")
    from desktop.core.cardfile import read_cards
    from desktop.ui.print_preview import render_pdf
    from tests.conftest import SAMPLES

    reg = TemplateRegistry.load()
    return render_pdf(read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", reg), reg)


def test_preview_fits_and_comes_back_at_its_size(qtbot: Any, store: Store,  # noqa: F811
                                                 registry: TemplateRegistry) -> None:  # noqa: F811
    from desktop.ui import print_preview

    add_cards(store, registry)
    w = MainWindow(store, registry, load_settings(), editor=make_editor(registry))
    qtbot.addWidget(w)
    w.start()
    w.show()
    pdf = _pdf()
    monkey_render = pytest.MonkeyPatch()
    monkey_render.setattr(print_preview, "render_pdf", lambda cards, reg: pdf)
    seen: list[tuple[int, int]] = []
    fits: list[bool] = []

    def look_then(resize_to: tuple[int, int] | None) -> None:
        d = QApplication.activeModalWidget()
        if not isinstance(d, print_preview.PrintPreviewDialog):
            QTimer.singleShot(20, lambda: look_then(resize_to))
            return
        QTimer.singleShot(20, d.reject)  # first: a failed check below must not leave the dialog open
        area = d.screen().availableGeometry()
        fits.append(area.contains(d.frameGeometry()))
        seen.append((d.width(), d.height()))
        if resize_to:
            d.resize(*resize_to)

    try:
        QTimer.singleShot(0, lambda: look_then((610, 480)))
        print_preview.preview(w, [], registry, "2-2-1", "2-2-1.pdf")
        assert seen[0][1] <= 720 and fits == [True]  # not 1000 on an 800-high screen
        QTimer.singleShot(0, lambda: look_then(None))
        print_preview.preview(w, [], registry, "2-2-1", "2-2-1.pdf")
    finally:
        monkey_render.undo()
    assert seen[1] == (610, 480)
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["window"]["preview_geometry"]
    w.close()  # the main window's own state is saved beside it, the preview's size kept
    assert json.loads(settings_path().read_text(encoding="utf-8"))["window"]["preview_geometry"]


def _geometry(stdout: str) -> tuple[list[int], list[int]]:
    m = re.search(r"GEOMETRY (-?\d+) (-?\d+) (\d+) (\d+) AVAILABLE (-?\d+) (-?\d+) (\d+) (\d+)", stdout)
    assert m, stdout
    nums = [int(x) for x in m.groups()]
    return nums[:4], nums[4:]


@pytest.mark.skipif(sys.platform != "linux", reason="X11 only")
def test_the_real_window_fits_1366x768_and_keeps_its_size(sample_db: Path) -> None:  # noqa: F811
    db = ["--db", str(sample_db), "gui"]
    r = run_app(["geometry", *db], "xcb", screen="1366x768x24")
    assert r.returncode == 0, r.stdout + r.stderr[-2000:]
    (x, y, w, h), (ax, ay, aw, ah) = _geometry(r.stdout)
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, r.stdout  # the frame is on screen
    assert h < 768

    r = run_app(["resize", "1000", "600", *db], "xcb", screen="1366x768x24")
    assert r.returncode == 0 and "RESIZED 1000 600" in r.stdout, r.stdout + r.stderr[-2000:]
    r = run_app(["geometry", *db], "xcb", screen="1366x768x24")
    assert r.returncode == 0, r.stdout + r.stderr[-2000:]
    (_x, _y, w, h), _area = _geometry(r.stdout)
    assert (w, h) == (1000, 600), r.stdout  # no window manager under Xvfb: the frame is the window
