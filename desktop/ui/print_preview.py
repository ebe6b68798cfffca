"""Ctrl+P: the real PDF (desktop.pdf.render_cards) in a preview with page navigation and zoom,
then to a printer (QPrintDialog) or saved as a PDF file. What is previewed is what prints."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.core.templates import TemplateRegistry

log = logging.getLogger(__name__)

ZOOMS = [("쪽 너비", None), ("쪽 전체", "page"), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0),
         ("125%", 1.25), ("150%", 1.5), ("200%", 2.0)]
PREVIEW_GEOMETRY = "preview_geometry"  # key in Settings.window
PRINT_DPI = 300  # page images sent to the printer; 600 dpi A4 would be 140 MB per page


def confirm_errors(parent: QWidget | None, what: str, with_errors: list[str]) -> bool:
    """A card with 오류 asks first (SPEC §3). `with_errors` names the cards ("2-2-1 제목: 오류 1건")."""
    if not with_errors:
        return True
    shown = "\n".join(f"· {x}" for x in with_errors[:10])
    more = f"\n… 외 {len(with_errors) - 10}장" if len(with_errors) > 10 else ""
    answer = QMessageBox.warning(
        parent, what, f"오류가 있는 카드가 있습니다.\n\n{shown}{more}\n\n그래도 {what}할까요?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def render_pdf(cards: list[Card], registry: TemplateRegistry) -> bytes:
    from desktop.pdf import render_cards

    out = io.BytesIO()
    render_cards(cards, registry, out)
    return out.getvalue()


class PrintPreviewDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None, file_name: str = "card.pdf",
                 saved_geometry: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"인쇄 미리 보기 — {title}")
        from desktop.ui.geometry import place

        place(self, QSize(900, 1000), saved_geometry, parent)  # fits a 1366×768 screen; as left last time
        self._pdf = pdf
        self._file_name = file_name
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        nav = self.view.pageNavigator()
        nav.currentPageChanged.connect(self._page_changed)

        self.prev_button = QToolButton(text="◀ 이전", toolTip="이전 쪽 (Page Up)")
        self.prev_button.clicked.connect(lambda: self.go(self.page() - 1))
        self.next_button = QToolButton(text="다음 ▶", toolTip="다음 쪽 (Page Down)")
        self.next_button.clicked.connect(lambda: self.go(self.page() + 1))
        self.page_label = QLabel()
        self.zoom = QComboBox()
        for label, value in ZOOMS:
            self.zoom.addItem(label, value)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        save = QPushButton("PDF로 저장…")
        save.clicked.connect(self.save_pdf)
        self.print_button = QPushButton("인쇄…")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_pdf)
        close = QPushButton("닫기")
        close.clicked.connect(self.reject)

        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(QLabel("확대"))
        bar.addWidget(self.zoom)
        bar.addStretch(1)
        bar.addWidget(save)
        bar.addWidget(self.print_button)
        bar.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        self._page_changed(0)

    def dispose(self) -> None:
        """Take the preview apart now, while the application runs. Left alone, the closed dialog stays
        a hidden child of the main window and is destroyed with it at interpreter exit, after the
        QApplication: the view's renderer then meets a dead document ("shared QObject was deleted
        directly") and quitting crashes. The view goes first, then the document it shows."""
        import shiboken6

        shiboken6.delete(self.view)
        self.document.close()
        self._buffer.close()
        self.deleteLater()

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        nav = self.view.pageNavigator()
        nav.jump(page, QPointF(), nav.currentZoom())
        self._page_changed(page)

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.MoveToNextPage):
                self.go(self.page() + 1)
                return
            if event.matches(QKeySequence.StandardKey.MoveToPreviousPage):
                self.go(self.page() - 1)
                return
            super().keyPressEvent(event)

    def _page_changed(self, page: int) -> None:
        n = self.page_count()
        self.page_label.setText(f"{page + 1} / {n}쪽" if n else "쪽 없음")
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < n - 1)

    def _zoom_changed(self) -> None:
        value = self.zoom.currentData()
        if value is None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(value))

    def save_pdf(self) -> None:
        from desktop.ui.filedialogs import save_file

        settings = getattr(self.parentWidget(), "settings", None)  # the main window's: remembers the folder
        path = save_file(self, settings, "pdf", "PDF로 저장", self._file_name, "PDF 파일 (*.pdf)")
        if path is None:
            return
        try:
            with open(path, "wb") as f:
                f.write(self._pdf)
        except OSError as exc:
            QMessageBox.critical(self, "PDF로 저장", f"'{path}'에 저장하지 못했습니다: {exc.strerror}")
            return
        QMessageBox.information(self, "PDF로 저장", f"저장했습니다: {path}")

    def print_pdf(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name)
        printer.setFromTo(1, max(1, self.page_count()))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("인쇄")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: object) -> int:
        """Paint the chosen pages on `printer`; returns the number of pages sent."""
        from PySide6.QtPrintSupport import QPrinter

        assert isinstance(printer, QPrinter)
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:  # all pages
            first, last = 1, self.page_count()
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.critical(self, "인쇄", "프린터를 열지 못했습니다.")
            return 0
        sent = 0
        try:
            for page in range(first - 1, min(last, self.page_count())):
                if sent:
                    printer.newPage()
                area = painter.viewport()
                size_pt = self.document.pagePointSize(page)
                scale = min(area.width() / size_pt.width(), area.height() / size_pt.height())
                target = QSize(int(size_pt.width() * scale), int(size_pt.height() * scale))
                dpi_cap = PRINT_DPI / 72
                pixels = QSize(int(size_pt.width() * min(scale, dpi_cap)), int(size_pt.height() * min(scale, dpi_cap)))
                image = self.document.render(page, pixels)
                painter.drawImage(QRect(area.topLeft(), target), image)
                sent += 1
        finally:
            painter.end()
        return sent


def preview(parent: QWidget, cards: list[Card], registry: TemplateRegistry, title: str, file_name: str) -> None:
    """Render and show; errors from the PDF code become a Korean message, not a traceback."""
    try:
        pdf = render_pdf(cards, registry)
    except ImportError:
        QMessageBox.critical(parent, "인쇄", "PDF 인쇄 기능을 찾을 수 없습니다 (desktop.pdf).")
        return
    except Exception as exc:
        log.exception("PDF rendering failed")
        QMessageBox.critical(parent, "인쇄", f"PDF를 만들지 못했습니다: {exc}")
        return
    settings = getattr(parent, "settings", None)  # the main window's (desktop.ui.settings.Settings)
    window = settings.window if settings is not None else {}
    dlg = PrintPreviewDialog(pdf, title, parent, file_name, window.get(PREVIEW_GEOMETRY, ""))
    try:
        dlg.exec()
    finally:
        if settings is not None:
            from desktop.ui.geometry import saved
            from desktop.ui.settings import save_settings

            settings.window[PREVIEW_GEOMETRY] = saved(dlg)
            try:
                save_settings(settings)
            except OSError:
                log.warning("preview size not saved", exc_info=True)
        dlg.dispose()

