"""One card as a story of flowables: head, body blocks in the card's order, footer.

Nothing here knows a template by name: headings are the card's own (Block.heading, as written),
marks and per-row counts come from the template, tables from their data.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from desktop.core.model import Block, Card
from desktop.core.templates import Template
from desktop.pdf import styles
from desktop.pdf.header import footer_flowables, header_flowables, title_flowables
from desktop.pdf.outline import lead_into, outline_flowables
from desktop.pdf.photos import photo_flowables
from desktop.pdf.tables import table_flowables
from desktop.pdf.text import para
from desktop.pdf.values import field_text


def _heading(text: str) -> Flowable:
    p = para(text, styles.heading)
    p.keepWithNext = 1  # a heading never stands alone at the bottom of a page
    return p


def block_flowables(card: Card, template: Template, block: Block, avail: float) -> list[Flowable]:
    bdef = template.block_def(block.key)
    heading = (block.heading or (bdef.heading if bdef else "")).strip()
    out: list[Flowable] = []
    if block.kind == "field" and bdef is not None and bdef.field:
        f = template.field_def(bdef.field)
        value = field_text(card, template, f) if f is not None else ""
        label = heading or (f.label if f else "")
        out.append(para(f"{label} : {value}" if value else label, styles.heading))
        return out
    if block.kind == "photos" and not (block.photos or block.items or block.text.strip()):
        return out  # no photo and no caption yet: the section is left out, as the documents do
    if block.period.strip():
        heading = f"{heading} {block.period.strip()}".strip()
    table = block.table if block.table is not None and block.table.columns else None
    # A table whose corner already says the heading ("연도 확인지표") is not titled twice.
    if heading and not (table is not None and table.corner.replace(" ", "") == heading.replace(" ", "")
                        and not block.items and not block.text):
        out.append(_heading(heading))
    if block.text.strip():
        out.append(para(block.text, styles.body))
    if table is not None:
        # the heading (and the unit line) lead into the table, which may split under them
        out = lead_into([*out, *table_flowables(table, avail)])
    if block.items:
        out.extend(outline_flowables(block.items, template, avail))
    if block.photos:
        per_row = bdef.per_row if bdef is not None else 3
        out.extend(photo_flowables(block.photos, per_row, avail))
    return out


def card_story(card: Card, template: Template, avail: float = styles.FRAME_W) -> list[Flowable]:
    story: list[Flowable] = []
    story.extend(title_flowables(card, template))
    story.extend(header_flowables(card, template, avail))
    # A field the template places nowhere is kept on the card and not printed (docs/templates.md).
    for block in card.blocks:
        story.extend(block_flowables(card, template, block, avail))
    story.extend(footer_flowables(card, template, avail))
    return story
