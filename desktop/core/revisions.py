"""Revision ids (SPEC §6.3): what lets two databases find the last state of a card they share.

A revision id is the first 20 hex digits of the SHA-256 of the card's stored state — the card-file JSON
of its content without version, 수정 시각 or photo bytes, with each photo as (block, position, sha256,
mime): exactly the state the history keeps after every write (db/history.py state_text). Equal content
is an equal id in every database, so a card exported from A and imported into B has the same id in
both histories, and no id needs to be stored beside the history: it is computed from the states.

A card file or workbook carries, per card, the id it was exported from and the ids of its earlier
states (newest first, at most MAX_REVISIONS distinct); the receiving database takes the newest state of
its own history whose id is among them as the base of the three-way merge.
"""

from __future__ import annotations

import hashlib
import re

REVISION_LEN = 20
MAX_REVISIONS = 400
"""Distinct earlier states a file carries per card (21 bytes each): with an autosave per pause in
typing, a quarter's edits of one card stay well inside it."""

_ID = re.compile(r"[0-9a-f]{20}")


def revision_id(state: str) -> str:
    return hashlib.sha256(state.encode("utf-8")).hexdigest()[:REVISION_LEN]


def is_revision_id(text: str) -> bool:
    return _ID.fullmatch(text) is not None
