"""Tool tips that fit: long messages wrap, and a tip shown at a widget stays inside its screen.

Qt wraps a plain-text tool tip only when it is wider than the whole screen; a long Korean message
then runs off the window. wrap_tip() turns a long message into rich text, which the tip label wraps
at a readable width; show_tip() shows a message under a widget (or a part of it), moved left or up
so that all of it is on the screen.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

WRAP_AT = 40  # characters: a line longer than this is wrapped
TIP_WIDTH = 420  # px: the width a wrapped tip gets
LONG_WORD = re.compile(r"\S{30}(?=\S)")  # a typed text without spaces still breaks somewhere


def wrap_tip(text: str) -> str:
    """The text as a tool tip: short text as it is; long text as rich text that wraps."""
    if not text or all(len(line) <= WRAP_AT for line in text.split("\n")):
        return text
    body = "<br>".join(html.escape(LONG_WORD.sub(lambda m: m.group(0) + "\u200b", line))
                       for line in text.split("\n"))
    return f'<table width="{TIP_WIDTH}"><tr><td>{body}</td></tr></table>'


def tip_label() -> QWidget | None:
    """Qt's tool tip window while it is shown (tests look at where it is)."""
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "qtooltip_label" and w.isVisible():
            return w
    return None


def show_tip(widget: QWidget, text: str, rect: QRect | None = None) -> None:
    """Show `text` just below `rect` of `widget` (all of it when None), kept on the widget's screen."""
    if not text:
        QToolTip.hideText()
        return
    area = rect if rect is not None else widget.rect()
    at = widget.mapToGlobal(area.bottomLeft() + QPoint(0, 2))
    tip = wrap_tip(text)
    QToolTip.showText(at, tip, widget)
    label = tip_label()
    screen = widget.screen() or QGuiApplication.screenAt(at) or QGuiApplication.primaryScreen()
    if label is None or screen is None:
        return
    avail = screen.availableGeometry()
    geo = label.geometry()
    if geo.width() > avail.width():  # never wider than the screen
        geo.setWidth(avail.width())
    x = min(max(geo.x(), avail.left()), avail.right() - geo.width() + 1)
    y = geo.y()
    if y + geo.height() > avail.bottom() + 1:  # no room below: above the widget instead
        y = widget.mapToGlobal(area.topLeft()).y() - geo.height() - 2
    y = max(y, avail.top())
    geo.moveTo(x, y)
    if geo != label.geometry():
        label.setGeometry(geo)
