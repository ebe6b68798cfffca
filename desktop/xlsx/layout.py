"""The layout of a card sheet, shared by the writer and the reader.

Column A is hidden and holds a marker on each row that starts something — the title rows, a group of
header fields, a block, a table (its header rows follow), each table row, a caption row, an identity
line — with the structure a card does not show: keys, column kinds, declared relations. Rows without
a marker continue what is above them: the further rows of a field group, outline lines (so a line
typed into a new row in Excel is read as a line of its block). It never holds a
value: every value — text, figure, label, caption, 관리번호, even the card's id and version in the
grey lines under the print area — is read from the visible cells, so what is changed in Excel comes
back changed. The content starts in column B and is `width` columns wide.

Markers are "tag" or "tag {json}" (ASCII JSON, so any key survives).
"""

from __future__ import annotations

import json
from typing import Any

from desktop.core.templates import CIRCLED

FORMAT_VERSION = 1
KEY_COL = 1
FIRST_COL = 2
MIN_WIDTH = 12
DEFINED_NAME = "pledgecard_workbook"
SUMMARY_TITLE = "총괄표"
TOTALS_TITLE = "집계"

CARD = "card"  # row 1: 문서 제목
TOP = "top"  # row 2: 기관명, 기준일
FIELDS = "f"  # a group of header fields; rows below it up to the next group belong to it
BLOCK = "b"  # a body block's heading row
TEXT = "tx"  # a block's free paragraph
ITEM_UNIT = "iu"  # the "(단위:…)" written above an item's inline table
TABLE = "t"  # a table's first row (its unit)
ROW = "r"
PHOTO_IMAGES = "pi"
PHOTO_CAPTIONS = "pc"
META = "m"  # identity lines under the print area

GROUP_TAGS = {CARD, TOP, FIELDS, BLOCK, META}

# Default outline marks when a template names none for a level.
DEFAULT_MARKS = {0: "①", 1: "❍", 2: "▷", 3: "-", 4: "·"}
KNOWN_MARKS = {"❍", "○", "□", "■", "▷", "▶", "-", "·", "•", "◦", "※", "☞", "*", "ㅇ", "o"}

META_LABELS = {
    "id": "카드 ID",
    "pledge_id": "공약 ID",
    "template": "템플릿",
    "version": "판(버전)",
    "adjustments": "공약 조정",
    "updated_at": "수정 시각",
    "revisions": "내보낸 판",  # revision ids, newest first (docs/workbook.md); only on stamped cards
    "database_id": "내보낸 데이터베이스",
}


def marker(tag: str, payload: Any = None) -> str:
    if payload is None:
        return tag
    return tag + " " + json.dumps(payload, ensure_ascii=True, separators=(",", ":"))


def parse_marker(value: object) -> tuple[str, Any]:
    if not isinstance(value, str) or not value:
        return "", None
    tag, _, rest = value.partition(" ")
    if not rest:
        return tag, None
    try:
        return tag, json.loads(rest)
    except (ValueError, RecursionError):
        return tag, None


def is_mark(text: str, marks: set[str]) -> bool:
    if text in marks or text in KNOWN_MARKS or text in CIRCLED:
        return True
    return len(text) >= 3 and text[0] == "(" and text[-1] == ")" and text[1:-1].isdigit()
