"""Saves waiting for a server that cannot be reached (issue 14): each card as last edited, kept as a card
file on this PC until the database has it, so nothing typed is lost while the server is gone — not
even when the program is closed meanwhile (the next start writes them, or meets the version check).

One folder per database (by its address without the password) under the data folder's `pending/`;
one file per card (`<card id>.json`), written atomically (a temporary file, then a rename). A card
keeps the version it was edited from, so writing it later is an ordinary optimistic save.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.core.templates import TemplateRegistry

log = logging.getLogger(__name__)


def folder_for(url: URL, root: Path | None = None) -> Path:
    """`pending/<16 hex of the address without password>` in the data folder (or `root`)."""
    if root is None:
        from desktop.core.paths import data_dir

        root = data_dir()
    key = hashlib.sha256(url.render_as_string(hide_password=True).encode("utf-8")).hexdigest()[:16]
    return root / "pending" / key


class Outbox:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, card_id: str) -> Path:
        safe = "".join(ch for ch in card_id if ch.isalnum() or ch in "-_") or "card"
        return self.folder / f"{safe}.json"

    def put(self, card: Card) -> None:
        """Keep `card` (replacing what was kept for it)."""
        from desktop.core.cardfile import write_cards

        self.folder.mkdir(parents=True, exist_ok=True)
        write_cards(self._path(card.id), [card])  # atomic: a temporary file, then a rename

    def remove(self, card_id: str) -> None:
        self._path(card_id).unlink(missing_ok=True)

    def ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))

    def __len__(self) -> int:
        return len(self.ids())

    def __contains__(self, card_id: object) -> bool:
        return isinstance(card_id, str) and self._path(card_id).exists()

    def cards(self, registry: TemplateRegistry) -> list[Card]:
        """The kept cards, oldest file first; an unreadable file is left where it is and logged."""
        from desktop.core.cardfile import CardFileError, read_cards

        if not self.folder.is_dir():
            return []
        out: list[Card] = []
        for path in sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime):
            try:
                out.extend(read_cards(path, registry))
            except (CardFileError, OSError) as exc:
                log.warning("kept save %s unreadable: %s", path, exc)
        return out
