"""Colours of the form: taken from the shell's palette (desktop/ui/palette.py) when it is there.

Red and amber are kept for 오류 and 경고 only; derived (computed) cells are grey.
"""

from __future__ import annotations

from typing import Any

try:  # the shell engineer's palette; fall back to local constants until it lands
    from desktop.ui import palette as _palette
except ImportError:  # pragma: no cover - depends on the other half of the UI being present
    _palette = None


def _pick(name: str, default: str) -> str:
    value: Any = getattr(_palette, name, None) if _palette is not None else None
    return value if isinstance(value, str) and value.startswith("#") else default


ERROR = _pick("ERROR", "#c62828")
WARNING = _pick("WARNING", "#b26a00")
ERROR_BG = _pick("ERROR_BG", "#fde7e7")
WARNING_BG = _pick("WARNING_BG", "#fff3d6")
DERIVED_BG = _pick("DERIVED_BG", "#eceff1")
HEADER_BG = _pick("HEADER_BG", "#f3f5f7")
MUTED = _pick("TEXT_MUTED", "#5f6b7a")


SEVERITY_KEY = {"오류": "error", "경고": "warning", "": ""}


def form_style() -> str:
    """The form's own rules, set once on the CardEditor (widgets carry a "role" / "severity" property).

    Changing a widget's look is then a property change and a re-polish, not a style sheet parse.
    """
    edits = "QLineEdit, QPlainTextEdit, QComboBox, QSpinBox"

    def sev(name: str, border: str, bg: str) -> str:
        return ", ".join(f'{w.strip()}[severity="{name}"]' for w in edits.split(",")) + (
            f" {{ border: 2px solid {border}; background: {bg}; }}\n")

    return (
        f'QLabel[role="fieldlabel"] {{ color: {MUTED}; font-weight: bold; }}\n'
        f'QLabel[role="muted"] {{ color: {MUTED}; }}\n'
        f'QLabel[role="error-note"] {{ color: {ERROR}; }}\n'
        f'QLabel[role="warning-note"] {{ color: {WARNING}; }}\n'
        f'QLabel[role="nophoto"] {{ border: 1px dashed {MUTED}; color: {MUTED}; }}\n'
        f'QLineEdit[role="heading"] {{ font-weight: bold; background: {HEADER_BG}; }}\n'
        f'QToolButton[role="chip"] {{ border: 1px solid {MUTED}; border-radius: 9px; padding: 1px 6px; }}\n'
        + sev("error", ERROR, ERROR_BG) + sev("warning", WARNING, WARNING_BG)
    )


def set_severity(widget: object, severity: str) -> None:
    """Show a finding's colour on a widget (re-polished only when it changes)."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    key = SEVERITY_KEY.get(severity, "")
    if (widget.property("severity") or "") == key:
        return
    widget.setProperty("severity", key)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
