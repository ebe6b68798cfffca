"""The one palette of the program, shared by the style sheet (style.qss) and by widgets that paint.

Calm neutrals with one blue accent; red is kept for 오류 and amber for 경고 and used for nothing
else, so a coloured cell always means a finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QColor

WINDOW = "#f4f5f7"  # window background
SURFACE = "#ffffff"  # fields, lists, the form
SURFACE_ALT = "#f8f9fb"  # alternate list rows
BORDER = "#d5dae1"
BORDER_STRONG = "#b7bfca"
TEXT = "#1f2933"
TEXT_MUTED = "#5f6b7a"
TEXT_DISABLED = "#9aa4b1"

ACCENT = "#2f6690"  # calm blue: selection, focus, the default button
ACCENT_HOVER = "#245173"
ACCENT_SOFT = "#dde8f2"  # selected row background
ACCENT_TEXT = "#ffffff"

DERIVED_BG = "#eef1f5"  # computed cells (계, 총계): read-only look
HEADER_BG = "#eceff3"  # table headers, section headings

ERROR = "#c62828"  # 오류 only
ERROR_BG = "#fdecea"
WARNING = "#b26a00"  # 경고 only
WARNING_BG = "#fff4e0"
OK = "#2e7d32"  # "저장됨"

FONT_FAMILY = "NanumGothic"
FONT_SIZE_PT = 10

NAMES: dict[str, str] = {
    k: v for k, v in globals().items() if k.isupper() and isinstance(v, str) and v.startswith("#")
}


def color(hex_value: str) -> QColor:
    """A QColor of one of the constants above (imports QtGui only when a widget paints)."""
    from PySide6.QtGui import QColor

    return QColor(hex_value)
