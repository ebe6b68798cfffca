"""A generated 관리번호 for a card that states none (a department report's pages have no numbers).

The command line (`export 자동-048213`) and the window find a card by its 관리번호, so a card imported
(or checked) without one is given one: "자동-" and six digits of a hash of what identifies the card —
its template, 기관명, 문서 제목 and title (so every reporting period of one page gets the same number).
Stable (the same file read twice gives the same number), visible (it is the card's 관리번호 from then
on, printed and exported like a written one) and editable. Cards already stored are never renumbered.
"""

from __future__ import annotations

import hashlib

from desktop.core.model import Card

PREFIX = "자동-"


def generated_number(identity: str) -> str:
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()
    return f"{PREFIX}{int(digest[:12], 16) % 1_000_000:06d}"


def number_missing(cards: list[Card]) -> None:
    """Give each card without a 관리번호 its generated one (see the module docstring)."""
    for c in cards:
        if not c.number.strip():
            c.number = generated_number("\x1f".join((c.template, " ".join(c.org.split()),
                                                     " ".join(c.doc_title.split()), " ".join(c.title.split()))))
