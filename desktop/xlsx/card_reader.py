"""Read one card sheet back into a Card, from the visible cells, guided by the row markers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from desktop.core import adjustments
from desktop.core.limits import safe_int
from desktop.core.model import Block, Card, new_id
from desktop.core.revisions import MAX_REVISIONS, is_revision_id
from desktop.core.templates import Template, TemplateRegistry
from desktop.xlsx.errors import Problem
from desktop.xlsx.fields import parse_date, read_group
from desktop.xlsx.layout import (
    BLOCK,
    CARD,
    FIELDS,
    FIRST_COL,
    FORMAT_VERSION,
    GROUP_TAGS,
    KEY_COL,
    META,
    MIN_WIDTH,
    PHOTO_CAPTIONS,
    PHOTO_IMAGES,
    TABLE,
    TEXT,
    TOP,
    parse_marker,
)
from desktop.xlsx.outline import read_items
from desktop.xlsx.package import RawSheet
from desktop.xlsx.photos import read_photos
from desktop.xlsx.sheet import SheetReader
from desktop.xlsx.tables import read_table
from desktop.xlsx.unread import UnreadPhoto

BLOCK_KINDS = ("outline", "figure", "photos", "text", "field")


def is_card_sheet(sheet: RawSheet) -> bool:
    cell = sheet.cells.get((1, KEY_COL))
    tag, payload = parse_marker(cell.value if cell is not None else None)
    return tag == CARD and isinstance(payload, dict)


def _rows(sr: SheetReader) -> list[tuple[int, str, Any]]:
    """Every row that has a marker or any content, in order, with its marker."""
    tags: dict[int, tuple[str, Any]] = {}
    content: set[int] = set()
    for (r, c), cell in sr.cells.items():
        if c == KEY_COL:
            if cell.value is not None:
                tags[r] = parse_marker(cell.value)
        elif cell.value is not None or cell.quotePrefix:
            content.add(r)
    out = []
    for r in sorted(set(tags) | content):
        tag, payload = tags.get(r, ("", None))
        out.append((r, tag, payload))
    return out


def read_card_sheet(sheet: RawSheet, registry: TemplateRegistry, problems: list[Problem],
                    unread: list[UnreadPhoto] | None = None) -> Card | None:
    """The card of one sheet, or None with its problems added. Photos that cannot be read go to
    `unread` (their captions kept) when given, else they are problems too."""
    before = len(problems)
    mine: list[UnreadPhoto] | None = [] if unread is not None else None
    sr = SheetReader(sheet, problems)
    rows = _rows(sr)
    _, head = parse_marker(sr.raw(1, KEY_COL))
    version = head.get("v") if isinstance(head, dict) else None
    if version != FORMAT_VERSION:
        sr.problem(0, 0, f"이 프로그램이 모르는 카드 시트 형식입니다 (판 {version!r})")
        return None
    width = head.get("w", MIN_WIDTH)
    last = FIRST_COL + (width if isinstance(width, int) and 1 <= width <= 300 else MIN_WIDTH) - 1
    card = Card(id="", pledge_id="")
    template = _read_meta(sr, rows, card, registry)
    groups: list[list[tuple[int, str, Any]]] = []
    for row in rows:
        if row[1] in GROUP_TAGS or not groups:
            groups.append([row])
        else:
            groups[-1].append(row)
    seen: set[str] = set()
    for g in groups:
        r, tag, payload = g[0]
        if tag == CARD:
            # a formula there heads the sheet with the 공약제목 (a card without 문서 제목)
            card.doc_title = "" if sr.is_formula(r, FIRST_COL) else sr.text(r, FIRST_COL)
        elif tag == TOP:
            p = payload if isinstance(payload, dict) else {}
            card.org = sr.text(r, int(p.get("o", FIRST_COL)))
            card.base_date = parse_date(sr, r, int(p.get("d", last - 3)))
        elif tag == FIELDS:
            read_group(sr, card, payload, g, template, last, seen)
        elif tag == BLOCK:
            block = _read_block(sr, g, template, last, sheet, mine)
            if block is not None:
                card.blocks.append(block)
        elif tag == META:
            continue
        elif any(sr.present(r, c) for c in range(FIRST_COL, last + 1)):
            sr.problem(r, FIRST_COL, "카드의 어느 부분인지 알 수 없는 행입니다 (맨 위 제목 위에 행을 넣었습니까?)")
    if len(problems) > before:
        return None
    if unread is not None and mine:
        for u in mine:
            u.card_id = card.id
        unread.extend(mine)
    return card


def _read_meta(sr: SheetReader, rows: list[tuple[int, str, Any]], card: Card,
               registry: TemplateRegistry) -> Template | None:
    found: dict[str, tuple[int, str]] = {}
    for r, tag, payload in rows:
        if tag == META and isinstance(payload, str):
            found[payload] = (r, sr.text(r, FIRST_COL + 1).strip())
    if "template" not in found or not found["template"][1]:
        r = found["template"][0] if "template" in found else 0
        sr.problem(r, FIRST_COL + 1 if r else 0, "템플릿 이름이 없습니다 (시트 아래쪽 회색 줄 '템플릿')")
    template = None
    # An empty 카드 ID makes a new card: a sheet copied in Excel to start another pledge.
    card.id = found["id"][1] if "id" in found and found["id"][1] else new_id()
    card.pledge_id = found["pledge_id"][1] if "pledge_id" in found and found["pledge_id"][1] else new_id()
    if "template" in found and found["template"][1]:
        r, name = found["template"]
        card.template = name
        template = registry.templates.get(name)
        if template is None:
            known = ", ".join(sorted(registry.templates)) or "없음"
            sr.problem(r, FIRST_COL + 1, f"알 수 없는 템플릿 '{name}' (있는 템플릿: {known})")
    if "version" in found and found["version"][1]:
        r, text = found["version"]
        version = safe_int(text, 10) if text.isdecimal() else None
        if version is not None and 1 <= version <= 2**31 - 1:
            card.version = version
        else:
            sr.problem(r, FIRST_COL + 1, f"판(버전)은 1~2147483647의 정수여야 합니다 '{text[:40]}'")
    if "adjustments" in found and found["adjustments"][1]:
        r, text = found["adjustments"]
        try:
            card.adjustments = adjustments.from_json(json.loads(text), "adjustments",
                                                       lambda where, msg: ValueError(f"{where}: {msg}"))
        except ValueError as exc:
            sr.problem(r, FIRST_COL + 1, f"공약 조정 기록을 읽을 수 없습니다: {str(exc)[:80]}")
    if "revisions" in found and found["revisions"][1]:
        r, text = found["revisions"]
        revs = text.split()
        if all(is_revision_id(x) for x in revs):
            card.revisions = revs[:MAX_REVISIONS]
        else:
            sr.problem(r, FIRST_COL + 1, "내보낸 판은 16진수 20자 식별자를 띄어 쓴 것이어야 합니다 (고치지 마세요)")
    if "database_id" in found:
        card.origin = found["database_id"][1][:64]
    if "updated_at" in found and found["updated_at"][1]:
        r, text = found["updated_at"]
        try:
            ts = datetime.fromisoformat(text)
            card.updated_at = ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)
        except ValueError:
            sr.problem(r, FIRST_COL + 1, f"수정 시각이 ISO 8601 시각이 아닙니다 '{text[:40]}'")
    return template


def _read_block(sr: SheetReader, g: list[tuple[int, str, Any]], template: Template | None, last: int,
                sheet: RawSheet, unread: list[UnreadPhoto] | None) -> Block | None:
    r, _, payload = g[0]
    if not isinstance(payload, dict) or payload.get("kind") not in BLOCK_KINDS:
        sr.problem(r, KEY_COL, "블록 표시가 손상되었습니다")
        return None
    block = Block(key=str(payload.get("k", "")), kind=payload["kind"], heading=sr.text(r, FIRST_COL))
    block.period = sr.text(r, int(payload.get("p", last - 3)))
    rows = g[1:]
    item_rows: list[tuple[int, str, Any]] = []
    image_row: int | None = None
    i = 0
    while i < len(rows):
        rr, tag, p = rows[i]
        if tag == TEXT:
            block.text = sr.text(rr, FIRST_COL)
        elif tag == TABLE and not item_rows and block.table is None:
            block.table, i = read_table(sr, rows, i)
            continue
        elif tag == PHOTO_IMAGES:
            image_row = rr
        elif tag == PHOTO_CAPTIONS:
            block.photos.extend(read_photos(sr, image_row, rr, p, sheet, block.heading, len(block.photos), unread))
            image_row = None
        else:
            item_rows.append(rows[i])
        i += 1
    block.items = read_items(sr, item_rows, FIRST_COL, last, template)
    return block
