"""Photos a workbook holds but that cannot be read (a damaged picture part, a damaged drawing).

They never vanish silently: the reader lists each one (sheet, cell, which photo, why, in Korean) and
keeps its caption with no picture; keep_stored_photos then puts back the picture this database
already stores for that photo, so an import never replaces a stored photo by nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.core.model import Card, Photo


@dataclass(eq=False)
class UnreadPhoto:
    sheet: str
    cell: str  # where the picture belongs ("B105")
    heading: str  # the block's heading ("6. 사진")
    index: int  # 1-based position of the photo in its block
    why: str  # Korean
    photo: Photo  # the imported card's photo (caption only) that stands for it
    card_id: str = ""
    kept: bool | None = None  # set by keep_stored_photos: the stored picture kept, or none stored

    def __str__(self) -> str:
        caption = " ".join(self.photo.caption.split())
        what = f"'{self.sheet}' 시트 {self.cell}: " + (f"{self.heading} › " if self.heading else "") + (
            f"사진 {self.index}" + (f" ('{caption}')" if caption else ""))
        then = ""
        if self.kept is True:
            then = " — 저장된 사진을 그대로 둡니다"
        elif self.kept is False:
            then = " — 이 데이터베이스에 저장된 사진이 없어 설명만 가져옵니다"
        return f"{what}: {self.why}{then}"


def keep_stored_photos(cards: Iterable[Card], unread: list[UnreadPhoto],
                       stored: Callable[[str], Card | None]) -> None:
    """For each photo that could not be read, take the picture (and its type) the stored copy of the
    card holds at the same place — same block, same position; mark each `kept` True or False."""
    by_id = {c.id: c for c in cards}
    copies: dict[str, Card | None] = {}
    for u in unread:
        u.kept = False
        card = by_id.get(u.card_id)
        if card is None:
            continue
        place = next(((bi, pi) for bi, b in enumerate(card.blocks) for pi, p in enumerate(b.photos) if p is u.photo),
                     None)
        if place is None:
            continue
        if card.id not in copies:
            copies[card.id] = stored(card.id)
        old = copies[card.id]
        if old is None:
            continue
        bi, pi = place
        key = card.blocks[bi].key
        block = old.blocks[bi] if bi < len(old.blocks) and old.blocks[bi].key == key else old.block(key)
        if block is None or pi >= len(block.photos) or block.photos[pi].image is None:
            continue
        u.photo.image = block.photos[pi].image
        u.photo.mime = block.photos[pi].mime
        u.kept = True
