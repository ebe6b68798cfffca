"""The importer's marks on a card (`extra._import_unsure`) as the editor sees them: places (a header
field or a body block), and which edit confirms which. Plain Python: doc.Change uses it on every edit."""

from __future__ import annotations

from desktop.core.importmap import UNSURE_KEY, confirm, unsure_paths
from desktop.core.model import Card

Place = tuple[str, str]  # ("field", key) or ("block", key)


def set_unsure(card: Card, paths: list[str]) -> None:
    if paths:
        card.extra[UNSURE_KEY] = list(paths)
    else:
        card.extra.pop(UNSURE_KEY, None)


def place_of(path: str) -> Place:
    """("field", key) or ("block", key) for a path: "title", "blocks.invest.table.r1.y2024"."""
    parts = path.split(".")
    if parts[0] == "blocks" and len(parts) > 1:
        return "block", parts[1]
    return "field", parts[0]


def places(paths: list[str]) -> list[Place]:
    """The places the paths mark, each once, in their order (a table's cells are one place: its block)."""
    out: list[Place] = []
    for p in paths:
        if place_of(p) not in out:
            out.append(place_of(p))
    return out


def without(paths: list[str], place: Place) -> list[str]:
    return [p for p in paths if place_of(p) != place]


def confirm_edited(card: Card, scope: str) -> bool:
    """An edit of a marked field or block confirms it; True when a mark went."""
    kind, _, rest = scope.partition(":")
    key = rest.split(":")[0]
    if kind == "outline" and key.startswith("@"):  # 공약목표 / 추진과제 in the header
        kind, key = "field", key[1:]
    if kind == "field":
        return confirm(card, key) if key in unsure_paths(card) else False
    if kind in ("block", "photos", "table", "outline", "cell"):  # scopes of desktop/ui/editor (refs.py …)
        return any([confirm(card, p) for p in unsure_paths(card) if place_of(p) == ("block", key)])
    return False
