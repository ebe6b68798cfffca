"""Ctrl+P: the preview shows the real PDF of the card (pages, navigation, zoom), prints it page by
page and saves it; a card with 오류 asks first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.cardfile import read_cards
from desktop.core.templates import TemplateRegistry
from desktop.ui import print_preview
from desktop.ui.print_preview import PrintPreviewDialog, render_pdf
from tests.conftest import SAMPLES

pytest.importorskip("desktop.pdf")


@pytest.fixture
def sample() -> Any:
    path = SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json"
    if not path.exists():
        pytest.skip("samples not there yet")
    return read_cards(path)[0]


def test_preview_shows_the_real_pdf_and_navigates(qtbot: Any, sample: Any) -> None:
    pdf = render_pdf([sample], TemplateRegistry.load())
    assert pdf.startswith(b"%PDF")
    dlg = PrintPreviewDialog(pdf, f"{sample.number} {sample.title}")
    qtbot.addWidget(dlg)
    dlg.show()
    n = dlg.page_count()
    assert n >= 2  # the 2-2-1 card runs over two pages
    assert dlg.page_label.text() == f"1 / {n}쪽"
    assert not dlg.prev_button.isEnabled()
    dlg.next_button.click()
    assert dlg.page() == 1 and dlg.page_label.text() == f"2 / {n}쪽"
    dlg.go(99)
    assert dlg.page() == n - 1 and not dlg.next_button.isEnabled()
    dlg.zoom.setCurrentIndex(dlg.zoom.findText("150%"))
    assert abs(dlg.view.zoomFactor() - 1.5) < 1e-9
    dlg.zoom.setCurrentIndex(dlg.zoom.findText("쪽 너비"))
    assert dlg.view.zoomMode() == dlg.view.ZoomMode.FitToWidth


def test_print_sends_every_page_to_the_printer(qtbot: Any, sample: Any, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    pdf = render_pdf([sample], TemplateRegistry.load())
    dlg = PrintPreviewDialog(pdf, "2-2-1")
    qtbot.addWidget(dlg)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    assert dlg.print_to(printer) == dlg.page_count()
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_save_as_pdf_writes_the_previewed_bytes(qtbot: Any, sample: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    pdf = render_pdf([sample], TemplateRegistry.load())
    dlg = PrintPreviewDialog(pdf, "2-2-1", file_name="2-2-1.pdf")
    qtbot.addWidget(dlg)
    out = tmp_path / "저장.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    dlg.save_pdf()
    assert out.read_bytes() == pdf


def test_a_card_with_errors_asks_before_printing(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def warning(parent: Any, title: str, text: str, *a: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", warning)
    assert print_preview.confirm_errors(None, "인쇄", []) is True
    assert asked == []
    assert print_preview.confirm_errors(None, "인쇄", ["III-2-1 중소기업: 오류 1건"]) is False
    assert "오류가 있는 카드가 있습니다" in asked[0] and "III-2-1 중소기업: 오류 1건" in asked[0]
    assert "그래도 인쇄할까요?" in asked[0]


def test_ctrl_p_on_a_card_with_errors_asks_then_previews(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    from db.store import Store
    from desktop.ui.mainwindow import MainWindow
    from desktop.ui.settings import load_settings
    from tests.ui.test_shell import make_editor

    path = SAMPLES / "guro-plan-III-2-1.json"
    if not path.exists():
        pytest.skip("samples not there yet")
    reg = TemplateRegistry.load()
    store = Store.open(tmp_path / "c.sqlite3", registry=reg)
    store.import_cards(read_cards(path, reg))
    w = MainWindow(store, reg, load_settings(), editor=make_editor(reg))
    qtbot.addWidget(w)
    w.start()
    assert w.counts[0] == 1  # the 19개사 slip
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    previewed: list[Any] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: (asked.append(text), answers.pop(0))[1])
    monkeypatch.setattr(print_preview, "preview", lambda parent, cards, registry, title, name: previewed.append(
        (cards, name)))
    w.act_print.trigger()
    assert len(asked) == 1 and previewed == []
    w.act_print.trigger()
    assert len(asked) == 2
    assert previewed[0][0][0].number == "III-2-1" and previewed[0][1].endswith(".pdf")
    store.close()
