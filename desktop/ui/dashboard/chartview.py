"""The overview's charts in the window: the same ReportLab drawings as the report and the site
(desktop/pdf/charts.py), rendered to SVG and painted by QtSvg — one set of charts, so the window
never shows other numbers or other colours than the printout. Text stays in the cards' Nanum font."""

from __future__ import annotations

import contextlib
import re
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from desktop.core.overview import Overview

WIDTH = 440.0  # points: the drawing's width; the widget scales it to its own width
_POOL: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    """One thread draws every chart in turn (ReportLab is pure Python: more threads would only queue)."""
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")
    return _POOL


def svg_bytes(drawing: Drawing) -> bytes:
    """The drawing as SVG for QtSvg: ReportLab's font names become the family Qt registered (the bold
    face as font-weight), the clipping rectangle (the drawing's own box, which QtSvg would fill) dropped."""
    from reportlab.graphics import renderSVG

    from desktop.pdf import fonts

    svg = renderSVG.drawToString(drawing)
    svg = svg.replace(f"font-family: {fonts.BOLD};", f"font-family: {fonts.REGULAR}; font-weight: bold;")
    svg = re.sub(r"<clipPath.*?</clipPath>\s*", "", svg, count=1, flags=re.S)  # Qt would paint its rect black
    svg = svg.replace(' style="clip-path: url(#clip)"', "").replace("<title>...</title>", "")
    return svg.encode("utf-8")


class ChartView(QWidget):
    """One chart: keeps its drawing's proportions at the width it is given. Drawing it and rendering
    the SVG (pure Python, the most of a chart's cost) happen in a worker thread, so a re-filter shows
    the numbers at once and the charts follow; a result for numbers since replaced is dropped."""

    rendered = Signal(int, float, bytes)  # generation, height ÷ width, SVG (emitted by the worker)

    def __init__(self, make: str, name: str, parent: QWidget | None = None) -> None:
        """`make`: the name of the chart's function in desktop/pdf/charts.py — imported by the worker when
        it first draws (the print modules cost ~0.4 s to import: not before the window shows the panel)."""
        super().__init__(parent)
        self.setObjectName(name)
        self._make = make
        self._renderer = QSvgRenderer(self)
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._ratio = 0.4
        self._gen = 0  # the numbers asked for
        self._done = 0  # the numbers shown
        self.svg = b""
        self._pixmap: QPixmap | None = None  # the chart painted at the widget's size (the SVG rendered once)
        sp = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.setMinimumWidth(280)
        self.rendered.connect(self._rendered)

    def show_overview(self, ov: Overview) -> None:
        self._gen += 1
        gen, make, signal = self._gen, self._make, self.rendered

        def work() -> None:
            from desktop.pdf import charts

            d = getattr(charts, make)(ov, WIDTH)
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                signal.emit(gen, float(d.height) / float(d.width), svg_bytes(d))
        _pool().submit(work)

    @property
    def pending(self) -> bool:
        return self._done != self._gen

    def _rendered(self, gen: int, ratio: float, svg: bytes) -> None:
        if gen != self._gen:
            return  # numbers since replaced: their own chart is on its way
        self._done = gen
        self.svg = svg
        self._renderer.load(QByteArray(svg))
        self._pixmap = None
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        if ratio != self._ratio:
            self._ratio = ratio
            self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(min(width, WIDTH * 1.4) * self._ratio) + 4

    def sizeHint(self) -> QSize:
        return QSize(int(WIDTH * 1.2), self.heightForWidth(int(WIDTH * 1.2)))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._renderer.isValid():
            return
        ratio = self.devicePixelRatioF()
        pm = self._pixmap
        if pm is None or pm.size() != self.size() * ratio:
            pm = QPixmap(self.size() * ratio)
            pm.setDevicePixelRatio(ratio)
            pm.fill(Qt.GlobalColor.white)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            w = min(float(self.width()), WIDTH * 1.4)
            self._renderer.render(p, QRectF(0, 2, w, w * self._ratio))
            p.end()
            self._pixmap = pm
        p = QPainter(self)
        p.drawPixmap(0, 0, pm)
        p.end()
