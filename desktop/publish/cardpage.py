"""One card as a static HTML fragment for the public site: the header fields the template places, the
body blocks (outlines with the template's marks, tables with "-" for empty cells and thousands
separators, paragraphs, photo captions). Every piece of card text goes through html.escape — nothing
a card holds can become markup, a script or a link."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from desktop.core.layout import year_of
from desktop.core.model import Block, Card, Item, Table
from desktop.core.numbers import format_amount
from desktop.core.tables import TableValues
from desktop.core.templates import Template, numbered_mark
from desktop.pdf.values import field_text, items_of


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _lines(text: str) -> str:
    return "<br>".join(e(line) for line in text.splitlines()) or "-"


def outline_html(items: list[Item], template: Template | None) -> str:
    if not items:
        return ""
    out = ['<ul class="outline">']
    numbered = 0
    for it in items:
        mark = template.mark(it.level, it.note) if template else ("※" if it.note else "○")
        if it.level == 0 and not it.note:
            mark = numbered_mark(mark, numbered)
            numbered += 1
        date = f' <span class="date">: {e(it.date)}</span>' if it.date else ""
        out.append(f'<li class="l{max(0, min(it.level, 4))}"><span class="mark">{e(mark)}</span>'
                   f"{e(it.text)}{date}")
        if it.table is not None:
            out.append(table_html(it.table, it.unit))
        out.append("</li>")
    out.append("</ul>")
    return "".join(out)


def _cell(v: object, unit: str) -> str:
    if v is None or v == "":
        return "-"
    if isinstance(v, Decimal):
        return format_amount(v) + ("" if unit in ("", "백만원", "천원", "원") else unit)
    return str(v)


def table_html(table: Table, unit_text: str = "") -> str:
    tv = TableValues(table)
    unit = unit_text or (f"(단위 : {table.unit})" if table.unit else "")
    out = [f'<div class="unit">{e(unit)}</div>' if unit else "", '<div class="scroll"><table class="grid">']
    # A table without row labels (a list whose first column is data, "연 번") has no label column,
    # as in print (desktop/pdf/tables.py).
    unlabeled = not table.corner.strip() and all(not r.label.strip() and not r.group.strip() for r in table.rows)
    labels = 0 if unlabeled else max(1, table.label_columns)
    out.append(_head_rows(table, labels) + "<tbody>")
    spans: dict[int, int] = {}  # a group label spans its adjacent rows, as the printed card merges it
    for i, r in enumerate(table.rows):
        if i and table.rows[i - 1].group == r.group and r.group:
            start = max(k for k in spans if k < i)
            spans[start] += 1
        else:
            spans[i] = 1
    for i, r in enumerate(table.rows):
        if labels == 0:
            head = ""
        elif labels == 1:
            head = f"<th>{e(r.label)}</th>"
        elif not r.group:  # a row of no group (구로구's 총 계, its line items) takes both label columns
            head = f'<th colspan="2">{e(r.label)}</th>'
        elif i in spans:
            rowspan = f' rowspan="{spans[i]}"' if spans[i] > 1 else ""
            head = f"<th{rowspan}>{e(r.group)}</th><th>{e(r.label)}</th>"
        else:
            head = f"<th>{e(r.label)}</th>"
        cells = []
        for c in table.columns:
            v = tv.value(r.key, c.key) if c.kind == "number" else r.cells.get(c.key)
            cls = ' class="num"' if c.kind == "number" or year_of(c.key) is not None else ""
            cells.append(f"<td{cls}>{e(_cell(v, r.unit or c.unit))}</td>")
        out.append(f"<tr>{head}{''.join(cells)}</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _head_rows(table: Table, labels: int) -> str:
    """One header row, or two when columns carry a group ("합계" over 업체수 | 금액), merged as printed."""
    cols = table.columns
    if not any(c.group for c in cols):
        corner = f'<th colspan="{labels}">{e(table.corner)}</th>' if labels else ""
        return "<thead><tr>" + corner + "".join(f"<th>{e(c.label)}</th>" for c in cols) + "</tr></thead>"
    top = [f'<th colspan="{labels}" rowspan="2">{e(table.corner)}</th>'] if labels else []
    low = []
    i = 0
    while i < len(cols):
        c = cols[i]
        if not c.group:
            top.append(f'<th rowspan="2">{e(c.label)}</th>')
            i += 1
            continue
        j = i
        while j < len(cols) and cols[j].group == c.group:
            low.append(f"<th>{e(cols[j].label)}</th>")
            j += 1
        top.append(f'<th colspan="{j - i}">{e(c.group)}</th>')
        i = j
    return f"<thead><tr>{''.join(top)}</tr><tr>{''.join(low)}</tr></thead>"


def block_html(block: Block, template: Template | None, card: Card | None = None) -> str:
    out = [f"<h3>{e(block.heading)}</h3>" if block.heading else ""]
    head = len(out)
    bd = template.block_def(block.key) if template is not None else None
    fd = template.field_def(bd.field) if template is not None and bd is not None and bd.field else None
    if card is not None and template is not None and fd is not None:  # a field shown in the body (총사업비)
        text = field_text(card, template, fd)
        if text:
            out.append(f"<p>{_lines(text)}</p>")
    if block.period:
        out.append(f'<p class="period">{e(block.period)}</p>')
    if block.text:
        out.append(f"<p>{_lines(block.text)}</p>")
    if block.table is not None:
        out.append(table_html(block.table))
    out.append(outline_html(block.items, template))
    if block.photos:
        out.append('<ul class="photos">' + "".join(f"<li>{e(p.caption) or '-'}</li>" for p in block.photos)
                   + "</ul>")
    if not "".join(out[head:]):
        out.append("<p>-</p>")  # an empty section says so, as the printed card does
    return "".join(out)


def card_html(card: Card, template: Template | None) -> str:
    """The card's header (as a definition list) and body."""
    rows: list[tuple[str, str]] = []
    outlines: list[tuple[str, list[Item]]] = []
    if template is not None:
        placed = [k for row in template.header_rows for k in row] + list(template.footer)
        for key in dict.fromkeys(placed):
            f = template.field_def(key)
            if f is None or key == "title":
                continue
            if f.kind == "outline":
                outlines.append((f.label, items_of(card, f)))
            else:
                rows.append((f.label, field_text(card, template, f)))
    else:
        rows = [("관리번호", card.number), ("주관부서", card.dept), ("추진상황", card.status),
                ("진도", f"{card.progress}%" if card.progress is not None else "-")]
    out = ['<dl class="head">']
    for label, value in rows:
        out.append(f"<dt>{e(' '.join(label.split()))}</dt><dd>{_lines(value)}</dd>")
    out.append("</dl>")
    for label, items in outlines:
        out.append(f"<h3>{e(label)}</h3>{outline_html(items, template) or '<p>-</p>'}")
    for block in card.blocks:
        out.append(block_html(block, template, card))
    return "".join(out)
