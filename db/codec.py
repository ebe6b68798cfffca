"""A card to and from its stored form: list columns, body JSON without photo bytes, photo rows.

Amounts stay exact: the body is the card-file JSON, where every amount is a decimal string.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from db.errors import StoreError
from desktop.core.cardfile import CARD_FORMAT, CARD_VERSION, CardFileError, card_to_json, cards_from_json
from desktop.core.model import Card, Item

# Keys of the card JSON that live in columns only (the columns are authoritative).
_COLUMN_ONLY = ("version", "updated_at", "revisions", "database_id")  # the last two: exchange only


@dataclass(frozen=True, slots=True)
class PhotoData:
    block: int
    position: int
    mime: str
    sha256: str
    data: bytes


def body_dict(card: Card) -> dict[str, Any]:
    """The card JSON without version/updated_at and without photo bytes."""
    d = card_to_json(card)
    for k in _COLUMN_ONLY:
        d.pop(k, None)
    for b in d["blocks"]:
        for p in b.get("photos", ()):
            p["image"] = None
    return d


def body_text(card: Card) -> str:
    text = json.dumps(body_dict(card), ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate ("\\ud800" in a JSON file) cannot be stored
        where = f"{card.number} '{card.title.encode('utf-8', 'replace').decode('utf-8')}'".strip()
        raise StoreError(f"카드 {where}에 저장할 수 없는 글자가 있습니다 (짝 없는 서로게이트 "
                         f"U+{ord(text[exc.start]):04X}, 본문 {exc.start}번째 글자 근처)") from None
    return text


def photos_of(card: Card) -> list[PhotoData]:
    out: list[PhotoData] = []
    for bi, b in enumerate(card.blocks):
        for pi, p in enumerate(b.photos):
            if p.image is not None:
                out.append(PhotoData(bi, pi, p.mime, hashlib.sha256(p.image).hexdigest(), p.image))
    return out


def _items_text(items: list[Item], out: list[str]) -> None:
    for it in items:
        out.append(it.text)
        if it.date:
            out.append(it.date)
        if it.table is not None:
            _table_text(it.table, out)


def _table_text(t: Any, out: list[str]) -> None:
    for r in t.rows:
        for v in r.cells.values():
            if isinstance(v, str) and v:
                out.append(v)


def search_text(card: Card) -> str:
    """Lower-cased text the list filter matches: number, title and dept as written, then each other word
    of the card once, in order of first appearance.

    Repeated words are dropped because the filter scans this text for every card on every keystroke
    (SPEC §7: < 30 ms over 10,000 cards); it makes the text about a third shorter. A phrase still matches
    where its words first appear together.
    """
    head = "\n".join(s for s in (card.number, card.title, card.dept) if s)
    out = [card.status, *card.related]
    out.extend(c.name for c in card.contacts if c.name)
    _items_text(card.goals, out)
    _items_text(card.tasks, out)
    for v in card.extra.values():
        out.extend(v if isinstance(v, list) else [v])
    for b in card.blocks:
        if b.text:
            out.append(b.text)
        _items_text(b.items, out)
        if b.table is not None:
            _table_text(b.table, out)
        out.extend(p.caption for p in b.photos if p.caption)
    words = dict.fromkeys(w for s in out for w in s.split())
    return f"{head}\n{' '.join(words)}".lower()


def card_from_body(body: str, photos: dict[tuple[int, int], tuple[str, bytes]], source: str) -> Card:
    """Read a stored body back; `photos` maps (block, position) to (mime, bytes).

    Raises CardFileError (Korean) when the stored body is unreadable.
    """
    try:
        d = json.loads(body)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise CardFileError(f"'{source}': 저장된 카드 내용이 JSON이 아닙니다 ({exc})") from None
    card = cards_from_json({"format": CARD_FORMAT, "version": CARD_VERSION, "cards": [d]}, source)[0]
    for (bi, pi), (mime, data) in photos.items():
        if bi < len(card.blocks) and pi < len(card.blocks[bi].photos):
            ph = card.blocks[bi].photos[pi]
            ph.image = data
            ph.mime = ph.mime or mime
    return card
