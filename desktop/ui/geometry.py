"""Window sizes that fit the screen: a window opens at its size of last time when that still fits,
else at its default size shrunk to 90 % of the screen's free area (a 1366×768 laptop has about
1366×728 of it), centred. Saved sizes are text (base64 of Qt's saveGeometry) in the settings file."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SHARE = 0.9


def encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def decode(text: Any) -> QByteArray | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return QByteArray(base64.b64decode(text, validate=True))
    except (ValueError, binascii.Error):
        return None


def available_area(widget: QWidget, near: QWidget | None = None) -> QRect:
    """The free area (without task bars) of the screen the window is on, or its parent's."""
    screen = (near.screen() if near is not None else None) or widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(default: QSize, area: QRect) -> QSize:
    return QSize(min(default.width(), int(area.width() * SHARE)), min(default.height(), int(area.height() * SHARE)))


def place(widget: QWidget, default: QSize, saved: Any = None, near: QWidget | None = None) -> None:
    """Restore the saved geometry if it fits the screen now; else the default size fitted and centred."""
    state = decode(saved)
    area = available_area(widget, near)
    if state is not None and widget.restoreGeometry(state) and area.contains(widget.geometry()):
        return
    size = fitted_size(default, area)
    hint = widget.minimumSizeHint()  # a layout cannot shrink below it: place the size it will have
    if hint.isValid():
        size = size.expandedTo(hint)
    widget.resize(size)
    centre = (near.frameGeometry() if near is not None and near.isVisible() else area).center()
    top_left = centre - QPoint(size.width() // 2, size.height() // 2)
    # keep the title bar on the screen even when centred on a parent that sits near an edge
    x = max(area.left(), min(top_left.x(), area.right() + 1 - size.width()))
    y = max(area.top(), min(top_left.y(), area.bottom() + 1 - size.height()))
    widget.move(x, y)


def saved(widget: QWidget) -> str:
    return encode(widget.saveGeometry())
