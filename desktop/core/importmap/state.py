"""What the mapping of one card gathers: the card, its template, the fields it was unsure of and the
text it could not place (SPEC §9: "nothing is guessed silently")."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.model import Card, Extra
from desktop.core.templates import Template

# Kept in Card.extra (a field placed nowhere is kept on the card and not printed, SPEC §2.1), so they
# travel through card files, workbooks and the database like any field (docs/card-format.md).
UNSURE_KEY = "_import_unsure"  # list of field paths the importer was unsure of, until confirmed
NOTE_KEY = "_import_note"  # the text of the document the importer could not place on the card
META_KEYS = (UNSURE_KEY, NOTE_KEY)


@dataclass
class CardState:
    card: Card
    template: Template
    unsure_paths: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, text as written)
    page: str = ""  # the number of a numbered page title ("1. 도시재생 뉴딜사업")

    def unsure(self, path: str) -> None:
        if path not in self.unsure_paths:
            self.unsure_paths.append(path)

    def note(self, where: str, text: str) -> None:
        self.notes.append((where, text))

    def extra(self, key: str, value: Extra) -> None:
        self.card.extra[key] = value


def unsure_paths(card: Card) -> list[str]:
    v = card.extra.get(UNSURE_KEY, [])
    return list(v) if isinstance(v, list) else [v] if v else []


def confirm(card: Card, path: str | None = None) -> bool:
    """The officer confirmed `path` (or every unsure field when None); True when something changed."""
    paths = unsure_paths(card)
    left = [] if path is None else [p for p in paths if p != path and not p.startswith(path + ".")]
    if left == paths:
        return False
    if left:
        card.extra[UNSURE_KEY] = left
    else:
        card.extra.pop(UNSURE_KEY, None)
    return True
