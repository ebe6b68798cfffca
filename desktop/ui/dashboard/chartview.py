"""The overview's charts in the window: the same ReportLab drawings as the report and the site
(desktop/pdf/charts.py), rendered to SVG and painted by QtSvg — one set of charts, so the window
never shows other numbers or other colours than the printout. Text stays in the cards' Nanum font."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget
from reportlab.graphics.shapes import Drawing

from desktop.core.overview import Overview
from desktop.pdf import fonts

WIDTH = 440.0  # points: the drawing's width; the widget scales it to its own width


def svg_bytes(drawing: Drawing) -> bytes:
    """The drawing as SVG for QtSvg: ReportLab's font names become the family Qt registered (the bold
    face as font-weight), the clipping rectangle (the drawing's own box, which QtSvg would fill) dropped."""
    from reportlab.graphics import renderSVG

    svg = renderSVG.drawToString(drawing)
    svg = svg.replace(f"font-family: {fonts.BOLD};", f"font-family: {fonts.REGULAR}; font-weight: bold;")
    svg = re.sub(r"<clipPath.*?</clipPath>\s*", "", svg, count=1, flags=re.S)  # Qt would paint its rect black
    svg = svg.replace(' style="clip-path: url(#clip)"', "").replace("<title>...</title>", "")
    return svg.encode("utf-8")


class ChartView(QWidget):
    """One chart: keeps its drawing's proportions at the width it is given."""

    def __init__(self, make: Callable[[Overview, float], Drawing], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._make = make
        self._renderer = QSvgRenderer(self)
        self._ratio = 0.4
        self.svg = b""
        sp = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.setMinimumWidth(280)

    def show_overview(self, ov: Overview) -> None:
        d = self._make(ov, WIDTH)
        self._ratio = float(d.height) / float(d.width)
        self.svg = svg_bytes(d)
        self._renderer.load(QByteArray(self.svg))
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
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
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        w = min(float(self.width()), WIDTH * 1.4)
        self._renderer.render(p, QRectF(0, 2, w, w * self._ratio))
        p.end()
