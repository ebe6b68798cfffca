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
