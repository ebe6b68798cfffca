"""One sheet per card, laid out like the card: title, 기준일, the template's header grid, the body
blocks with their outlines, tables and photos, the footer — everything from the template and the
card, nothing specific to one format. Identity (id, version…) sits in grey lines under the print area."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from openpyxl.worksheet.worksheet import Worksheet

from desktop.core import adjustments
from desktop.core.dates import fmt_date
from desktop.core.model import Block, Card
from desktop.core.templates import COMMON_FIELDS, Template
from desktop.xlsx import styles
from desktop.xlsx.derived import place_derived
from desktop.xlsx.fields import Slot, slot_for, write_fields
from desktop.xlsx.layout import BLOCK, CARD, FIRST_COL, FORMAT_VERSION, META, META_LABELS, MIN_WIDTH, TEXT, TOP
from desktop.xlsx.outline import write_items
from desktop.xlsx.pages import page_breaks, print_scale
from desktop.xlsx.photos import write_photos
from desktop.xlsx.sheet import SheetWriter, addr
from desktop.xlsx.sheetxml import SheetParts
from desktop.xlsx.tables import table_width, write_table

TOP_KEYS = {"org", "doc_title", "base_date"}  # always in the two title rows
MAX_WIDTH = 200
FOOTER_WORDS = {"dept": "부서 : ", "phone": "전화번호 : "}


@dataclass
class CardSheet:
    title: str
    cells: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)  # (block, row, col)
    parts: SheetParts | None = None  # cells, merges, rules (sheetxml)
    # where each table's cells are: (block or field key, item index or -1 for the block's table) →
    # {(row key, column key): (sheet row, sheet column)}
    tables: dict[tuple[str, int], dict[tuple[str, str], tuple[int, int]]] = field(default_factory=dict)


def card_width(card: Card) -> int:
    w = MIN_WIDTH
    for it in [*card.goals, *card.tasks]:
        if it.table is not None:
            w = max(w, table_width(it.table) + 1)
    for _, _, table in card.tables():
        w = max(w, table_width(table))
    return min(w, MAX_WIDTH)


def page_setup(ws: Worksheet, parts: SheetParts, *, landscape: bool = False, title_rows: str | None = None,
               area: str | None = None) -> None:
    """A4, fit to the page width (a card sheet: at a stated scale, pages.print_scale), as many pages
    down as needed, centred, page numbers in the footer (all written by sheetxml.worksheet); the print
    area and titles are workbook names (openpyxl)."""
    parts.landscape = landscape
    if title_rows:
        ws.print_title_rows = title_rows
    if area:
        ws.print_area = area


def _placed_keys(card: Card, template: Template) -> set[str]:
    keys = {k for row in template.header_rows for k in row} | set(template.footer)
    for bd in template.blocks:
        if bd.kind == "field" and bd.field and card.block(bd.key) is not None:
            keys.add(bd.field)
    return keys


def _other_slots(card: Card, template: Template) -> list[Slot]:
    """Fields the layout does not place: the template's unplaced ones, then whatever the card holds
    beyond its template (kept, never dropped)."""
    placed = _placed_keys(card, template) | TOP_KEYS
    slots = [slot_for(f.key, template, card) for f in template.fields if f.key not in placed]
    defined = {f.key for f in template.fields}
    for key in ("title", "number", "dept", "related", "contacts", "period", "timing", "status", "progress",
                "goals", "tasks", "area"):
        if key in defined or key in placed:
            continue
        s = slot_for(key, template, card)
        if s.value not in ("", [], None, (None, None)):
            slots.append(s)
    figure_fields = {f.key for f in template.fields if f.kind == "figure"}
    for key in card.extra:
        if key not in defined or key in figure_fields or key in COMMON_FIELDS:
            slots.append(slot_for(key, template, card, extra_only=True))
    for key in card.figures:
        if key not in figure_fields:
            slots.append(slot_for(key, template, card, figure_only=True))
    return slots


def write_card_sheet(ws: Worksheet, card: Card, template: Template, cache: styles.StyleCache) -> CardSheet:
    width = card_width(card)
    where = f"카드 '{card.number or card.title or card.id}'"
    sw = SheetWriter(ws, width, where, cache)
    last = sw.last_col
    info = CardSheet(title=ws.title)
    # title rows
    r = sw.take()
    sw.mark(r, CARD, {"v": FORMAT_VERSION, "w": width})
    sw.text(r, FIRST_COL, card.doc_title, c2=last, font=styles.TITLE, align=styles.CENTER, border=False,
            what="문서 제목")
    sw.set_height(r, 32)
    r = sw.take()
    sw.mark(r, TOP, {"o": FIRST_COL, "d": last - 3})
    sw.text(r, FIRST_COL, card.org, c2=FIRST_COL + 3, border=False, what="기관명")
    sw.text(r, last - 3, f"({fmt_date(card.base_date)} 現在)" if card.base_date else "", c2=last, border=False,
            align=styles.RIGHT, what="기준일")
    # header grid
    seen: set[str] = set(TOP_KEYS)
    columns = template.header_layout == "columns"
    for hrow in template.header_rows:
        keys = [k for k in hrow if k not in seen]
        seen.update(keys)
        if keys:
            write_fields(sw, [slot_for(k, template, card) for k in keys], template, columns)
    others = _other_slots(card, template)
    if others:
        write_fields(sw, others, template)
    # body
    for block in card.blocks:
        sw.take()  # a blank line before each section, as the card prints
        _write_block(sw, block, card, template, info, seen)
    footer = [k for k in template.footer if k not in seen]
    if footer:
        sw.take()
        seen.update(footer)
        slots = [slot_for(k, template, card) for k in footer]
        for s in slots:  # shown as the print's footer shows them: "부서 : 지역경제과", "전화번호 : 860-2865"
            s.shown = FOOTER_WORDS
        write_fields(sw, slots, template, columns)
    place_derived(sw)
    title = sw.fields.get("a:title")
    if not card.doc_title and card.title.strip() and title is not None:
        # no 문서 제목 (구로구): the sheet is headed by the card's title, as the print is — a formula on
        # the 공약제목 cell, read back as "no 문서 제목"
        sw.formula(1, FIRST_COL, "=" + addr(*title), "General", font=styles.TITLE, align=styles.CENTER)
    print_end = sw.row - 1
    # identity, under the print area
    sw.take()
    meta = [("id", card.id), ("pledge_id", card.pledge_id), ("template", card.template),
            ("version", str(card.version)), ("updated_at", card.updated_at.isoformat())]
    if card.adjustments:  # 공약 조정 travel with the card (JSON as in card files)
        meta.append(("adjustments", json.dumps(adjustments.to_json(card.adjustments), ensure_ascii=False)))
    if card.revisions:
        meta += [("revisions", " ".join(card.revisions)), ("database_id", card.origin)]
    for name, value in meta:
        r = sw.take()
        sw.mark(r, META, name)
        sw.label(r, FIRST_COL, META_LABELS[name], font=styles.META, fill=None, border=False, align=styles.LEFT)
        sw.text(r, FIRST_COL + 1, value, c2=FIRST_COL + 4, font=styles.META, border=False, what=META_LABELS[name])
    info.parts = sw.finish()
    for r in range(1, print_end + 1):  # every printed row at a stated height: even, and the same in
        info.parts.heights.setdefault(r, DEFAULT_ROW)  # Excel and LibreOffice (their defaults differ)
    info.tables = sw.tables
    page_setup(ws, info.parts, title_rows="1:2", area=f"{addr(1, FIRST_COL)}:{addr(print_end, last)}")
    info.parts.scale = print_scale(info.parts, FIRST_COL, last)  # stated, so its pages can be reckoned
    info.parts.breaks = page_breaks(info.parts, print_end, 2, sw.keeps)  # no header alone at a page's foot
    info.parts.grid = False
    return info


DEFAULT_ROW = 15.0  # sheetxml's defaultRowHeight


def _write_block(sw: SheetWriter, block: Block, card: Card, template: Template, info: CardSheet,
                 seen: set[str]) -> None:
    last = sw.last_col
    bd = template.block_def(block.key)
    r = sw.take()
    sw.mark(r, BLOCK, {"k": block.key, "kind": block.kind, "p": last - 3})
    sw.text(r, FIRST_COL, block.heading, c2=last - 4, font=styles.HEADING, border=False, what="제목")
    sw.text(r, last - 3, block.period, c2=last, border=False, align=styles.RIGHT, what=f"{block.heading} 기간")
    sw.keeps.append((r, r + 1))  # a heading is never the last line of a printed page
    if block.text or block.kind == "text":
        rt = sw.take()
        sw.mark(rt, TEXT)
        sw.text(rt, FIRST_COL, block.text, c2=last, border=False, align=styles.TOP_LEFT, what=block.heading)
    if block.table is not None:
        cells = sw.tables[(block.key, -1)] = write_table(sw, block.table, FIRST_COL, block.heading)
        for (rk, ck), rc in cells.items():
            info.cells[(block.key, rk, ck)] = rc
    write_items(sw, block.items, FIRST_COL, template, block.heading, owner=block.key)
    if block.photos:
        write_photos(sw, block.photos, bd.per_row if bd is not None else 3, f"{sw.where} {block.heading}")
    if bd is not None and bd.kind == "field" and bd.field and bd.field not in seen:
        seen.add(bd.field)
        write_fields(sw, [slot_for(bd.field, template, card)], template)
