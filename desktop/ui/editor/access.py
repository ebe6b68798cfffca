"""Where a header field's value lives in the card: common keys on Card, figures, or Card.extra.

The form reads and writes every field through these two functions, so a template's own fields
(유형, 공약출처, 사업주체 …) need no code of their own.
"""

from __future__ import annotations

from typing import Any

from desktop.core.model import Card, Figure
from desktop.core.templates import FieldDef

_ATTRS = {"title", "number", "dept", "timing", "status", "org", "doc_title", "area", "base_date",
          "progress", "related", "contacts", "goals", "tasks"}
_TEXT_ATTRS = {"title", "number", "dept", "timing", "status", "org", "doc_title", "area"}


def as_boxes(fdef: FieldDef) -> bool:
    """A single text of the card (추진상황 …) shown as check boxes: one of them checked at a time."""
    return fdef.key in _TEXT_ATTRS and (fdef.kind == "checks" or (fdef.kind == "status" and fdef.display == "checks"))


def get_value(card: Card, fdef: FieldDef) -> Any:
    key = fdef.key
    if key == "period":
        return (card.start_year, card.end_year)
    if as_boxes(fdef):
        text = getattr(card, key)
        return [text] if text else []
    if key in _ATTRS:
        return getattr(card, key)
    if fdef.kind == "figure":
        return card.figures.get(key)
    value = card.extra.get(key)
    if fdef.kind in ("checks", "list"):
        if isinstance(value, list):
            return list(value)
        return [value] if value else []
    if fdef.kind == "outline":
        return value  # outlines outside the common keys are not stored in extra (kept as text)
    return value if isinstance(value, str) else ", ".join(value or [])


def set_value(card: Card, fdef: FieldDef, value: Any) -> None:
    key = fdef.key
    if key == "period":
        card.start_year, card.end_year = value
        return
    if as_boxes(fdef) and isinstance(value, list):
        setattr(card, key, value[-1] if value else "")
        return
    if key in _ATTRS:
        setattr(card, key, value)
        return
    if fdef.kind == "figure":
        if value is None:
            card.figures.pop(key, None)
        else:
            assert isinstance(value, Figure)
            card.figures[key] = value
        return
    if value in ("", [], None):
        card.extra.pop(key, None)
    else:
        card.extra[key] = value
