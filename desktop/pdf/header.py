"""The card's head: title, 기준일, the ruled header grid (or label-over-value columns), the footer.

Laid out from Template.header_rows / header_layout / footer and the fields' kinds only.

Grid layout: a row of n fields uses label/value pairs; with K the longest row, the first n-1 fields
take pairs 0…n-2 and the last field takes pair K-1, the value before it spanning the gap — so the
right-hand fields (관리번호, 관련부서, 소요예산, 진도) line up as on the official card. A contacts
field prints its role in the label cell and one line per person; the other cells of its row span
those lines.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer, TableStyle

from desktop.core.model import Card, Contact
from desktop.core.templates import FieldDef, Template
from desktop.pdf import styles
from desktop.pdf.outline import outline_flowables, outline_groups
from desktop.pdf.rltable import table as rl_table
from desktop.pdf.tables import allocate, measure
from desktop.pdf.text import para
from desktop.pdf.values import (
    base_date_line,
    contact_line,
    contacts_of,
    field_text,
    items_of,
    placed_fields,
    role_label,
)

_PADW = 2 * styles.PAD + 2.0
_LABEL_MAX = 0.2  # a label column never takes more than this share of the width
SPAN_ITEMS = 12
SPAN_CHARS = 1200
CHUNK_H = 240.0  # height of the rows a very long header item is cut into


def title_flowables(card: Card, template: Template) -> list[Flowable]:
    out: list[Flowable] = []
    heading = " ".join(x for x in (card.org.strip(), card.doc_title.strip()) if x) if card.doc_title.strip() else ""
    title_in_header = "title" in placed_fields(template)
    if heading:
        out.append(para(heading, styles.title))
        if not title_in_header and card.title.strip():
            out.append(para(card.title, styles.org_line, bold=True))
    else:
        f = template.field_def(template.above_title) if template.above_title else None
        above = field_text(card, template, f) if f is not None else card.org
        if above.strip():
            out.append(para(above, styles.org_line))
        if not title_in_header and card.title.strip():
            out.append(para(card.title, styles.title))
    if template.has_base_date and card.base_date is not None:
        out.append(para(base_date_line(card.base_date), styles.base_date))
    else:
        out.append(Spacer(1, 6))
    return out


def _cell_value(card: Card, template: Template, f: FieldDef, avail: float) -> Any:
    if f.kind == "outline":
        items = items_of(card, f)
        if not items:
            return ""
        return outline_flowables(items, template, avail, style=styles.value)
    text = field_text(card, template, f)
    return para(text, styles.value) if text else ""


def _grid_style(extra: list[tuple[Any, ...]], grid: bool = True) -> TableStyle:
    return TableStyle([
        styles.CELL_FONT,
        *styles.SPLIT_RULES,
        *([("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE)] if grid else []),
        ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.PAD + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.PAD + 1),
        ("TOPPADDING", (0, 0), (-1, -1), styles.VPAD + 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.VPAD + 2),
        *extra,
    ])


def _fields(template: Template, keys: list[str]) -> list[FieldDef]:
    out = []
    for k in keys:
        f = template.field_def(k)
        if f is not None:
            out.append(f)
    return out


def _grid(card: Card, template: Template, avail: float) -> list[Flowable]:
    rows = [_fields(template, r) for r in template.header_rows]
    rows = [r for r in rows if r]
    if not rows:
        return []
    k = max(len(r) for r in rows)
    ncols = 2 * k
    # widths: labels from their text, values share the rest
    lab_w = [0.0] * k
    val_nat = [0.0] * k
    val_min = [0.0] * k
    placements: list[list[int]] = []
    for r in rows:
        n = len(r)
        pos = [*range(n - 1), k - 1] if n > 1 else [0]
        placements.append(pos)
        for i, f in enumerate(r):
            p = pos[i]
            if f.kind == "contacts":
                labels = [role_label(c.role, f) for c in contacts_of(card, f)] or f.roles[:1]
            else:
                labels = [f.label]
            for lab in labels:
                nat, word = measure(lab, styles.HEADER, True)
                # 1 pt of slack: a label exactly as wide as its cell wraps inside the word
                lab_w[p] = max(lab_w[p], min(nat, word * 1.8) + _PADW + 1.0)
            spans_value = (i + 1 < n and pos[i + 1] > p + 1) or (n == 1)
            if spans_value or f.kind == "outline":
                continue
            nat, word = measure(field_text(card, template, f), styles.HEADER)
            val_nat[p] = max(val_nat[p], nat + _PADW)
            val_min[p] = max(val_min[p], word + _PADW)
    lab_w = [min(max(w, 40.0), avail * _LABEL_MAX) for w in lab_w]
    rest = avail - sum(lab_w)
    share = rest / k
    # every value column gets at least a fair part; the rest follows the text
    vals = allocate([max(v, share * 0.6) for v in val_nat], [min(max(m, 30.0), share) for m in val_min], rest)
    widths: list[float] = []
    for i in range(k):
        widths += [lab_w[i], vals[i]]

    data: list[list[Any]] = []
    st: list[tuple[Any, ...]] = []

    def region(x0: int, y0: int, x1: int, y1: int, *, span: bool = True, shade: bool = False) -> None:
        st.append(("BOX", (x0, y0), (x1, y1), styles.THIN, styles.RULE))
        if span and (x1 > x0 or y1 > y0):
            st.append(("SPAN", (x0, y0), (x1, y1)))
        if shade:
            st.append(("BACKGROUND", (x0, y0), (x1, y1), styles.SHADE))

    for r, pos in zip(rows, placements, strict=True):
        people: dict[str, list[Contact]] = {f.key: contacts_of(card, f) for f in r if f.kind == "contacts"}
        groups: dict[str, list[list[Flowable]]] = {}
        for i, f in enumerate(r):
            if f.kind == "outline":
                vx, vend = _value_span(pos, i, ncols)
                vw = sum(widths[vx:vend + 1]) - 2 * (styles.PAD + 1)
                groups[f.key] = _chunked(outline_groups(items_of(card, f), template, vw, style=styles.value), vw)
        h = max([1, *(len(v) for v in people.values()), *(len(v) for v in groups.values())])
        y0 = len(data)
        block: list[list[Any]] = [[""] * ncols for _ in range(h)]
        for i, f in enumerate(r):
            lx = 2 * pos[i]
            vx, vend = _value_span(pos, i, ncols)
            if f.kind == "contacts":
                ps = people[f.key]
                y = 0
                while y < len(ps):
                    e = y
                    while e + 1 < len(ps) and ps[e + 1].role == ps[y].role:
                        e += 1
                    block[y][lx] = para(role_label(ps[y].role, f), styles.label)
                    region(lx, y0 + y, lx, y0 + e, shade=True)
                    for m in range(y, e + 1):
                        block[m][vx] = para(contact_line(ps[m]), styles.value)
                        region(vx, y0 + m, vend, y0 + m)
                    y = e + 1
                if y < h:  # no one (or fewer people than the row is tall): one empty cell below
                    if not ps:
                        block[y][lx] = para(f.roles[0] if f.roles else f.label, styles.label)
                    region(lx, y0 + y, lx, y0 + h - 1, shade=True)
                    region(vx, y0 + y, vend, y0 + h - 1)
                continue
            block[0][lx] = para(f.label, styles.label)
            if f.kind == "outline" and groups[f.key]:
                g = groups[f.key]
                # A short outline keeps its label centred beside it; a long one may run over pages,
                # which a row span cannot, so its label stands at the top.
                span_label = len(g) <= SPAN_ITEMS and sum(len(it.text) for it in items_of(card, f)) <= SPAN_CHARS
                region(lx, y0, lx, y0 + h - 1, span=span_label, shade=True)
                if not span_label:
                    st.append(("VALIGN", (lx, y0), (lx, y0), "TOP"))
                for m in range(h):
                    block[m][vx] = g[m] if m < len(g) else ""
                    if vend > vx:
                        st.append(("SPAN", (vx, y0 + m), (vend, y0 + m)))
                st.append(("BOX", (vx, y0), (vend, y0 + h - 1), styles.THIN, styles.RULE))
                st.append(("VALIGN", (vx, y0), (vend, y0 + h - 1), "TOP"))
                if h > 1:  # items sit close together, as lines of one cell
                    st.append(("TOPPADDING", (vx, y0 + 1), (vend, y0 + h - 1), 0.5))
                    st.append(("BOTTOMPADDING", (vx, y0), (vend, y0 + h - 2), 0.5))
                continue
            region(lx, y0, lx, y0 + h - 1, shade=True)
            vw = sum(widths[vx:vend + 1]) - 2 * (styles.PAD + 1)
            block[0][vx] = _cell_value(card, template, f, vw)
            region(vx, y0, vend, y0 + h - 1)
        data.extend(block)
    t = rl_table(data, colWidths=widths, style=_grid_style(st, grid=False), hAlign="LEFT", splitByRow=1)
    return [t]


def _chunked(groups: list[list[Flowable]], width: float) -> list[list[Flowable]]:
    """Items taller than CHUNK_H become several rows, so a huge item runs over pages row by row."""
    out: list[list[Flowable]] = []
    for g in groups:
        if len(g) != 1 or len(getattr(g[0], "text", "") or "") < 300:
            out.append(g)
            continue
        f = g[0]
        _, h = f.wrap(width, 1e6)
        while h > CHUNK_H:
            parts = f.split(width, CHUNK_H)
            if len(parts) < 2:
                break
            out.append([parts[0]])
            f = parts[1]
            _, h = f.wrap(width, 1e6)
        out.append([f])
    return out


def _value_span(pos: list[int], i: int, ncols: int) -> tuple[int, int]:
    """First and last column of field i's value: up to the next field's label, or the row's end."""
    vx = 2 * pos[i] + 1
    vend = (2 * pos[i + 1] - 1) if i + 1 < len(pos) else ncols - 1
    return vx, vend


def _columns(card: Card, template: Template, avail: float) -> list[Flowable]:
    out: list[Flowable] = []
    for keys in template.header_rows:
        fs = _fields(template, keys)
        if not fs:
            continue
        nat, mins = [], []
        for f in fs:
            n1, w1 = measure(f.label, styles.HEADER, True)
            n2, w2 = measure(field_text(card, template, f), styles.HEADER)
            nat.append(max(n1, n2) + _PADW)
            mins.append(max(w1, w2) + _PADW)
        widths = allocate(nat, mins, avail)
        labels = [para(f.label, styles.label) for f in fs]
        values = [_cell_value(card, template, f, w - 2 * (styles.PAD + 1)) if f.kind == "outline"
                  else para(field_text(card, template, f), styles.value_center)
                  for f, w in zip(fs, widths, strict=True)]
        out.append(rl_table([labels, values], colWidths=widths, hAlign="LEFT", repeatRows=1,
                           style=_grid_style([("BACKGROUND", (0, 0), (-1, 0), styles.SHADE)])))
    return out


def header_flowables(card: Card, template: Template, avail: float) -> list[Flowable]:
    if template.header_layout == "columns":
        return _columns(card, template, avail)
    return _grid(card, template, avail)


def footer_flowables(card: Card, template: Template, avail: float) -> list[Flowable]:
    """Footer fields (구로구's 담당자 line): a ruled row per field, a line per person."""
    fs = _fields(template, template.footer)
    if not fs:
        return []
    rows: list[list[Any]] = []
    st: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (0, -1), styles.SHADE)]
    ncell = 3
    for f in fs:
        y0 = len(rows)
        if f.kind == "contacts":
            people = contacts_of(card, f) or [Contact()]
            any_dept = any(c.dept for c in people)
            for c in people:
                role = c.role or (f.roles[0] if f.roles else "")
                cells = [f"부서 : {c.dept}" if any_dept else "",
                         f"{role} : {' '.join(x for x in (c.rank, c.name) if x)}".strip(),
                         f"전화번호 : {c.phone}"]
                if not any_dept:
                    cells = [*cells[1:], ""]
                rows.append([para(f.label, styles.label) if len(rows) == y0 else "",
                             *[para(x, styles.value) if x else "" for x in cells]])
                if not any_dept:
                    st.append(("SPAN", (2, len(rows) - 1), (3, len(rows) - 1)))
            if len(rows) - 1 > y0:
                st.append(("SPAN", (0, y0), (0, len(rows) - 1)))
        else:
            rows.append([para(f.label, styles.label), para(field_text(card, template, f), styles.value), "", ""])
            st.append(("SPAN", (1, y0), (ncell, y0)))
    lw = max(min(max(measure(f.label, styles.HEADER, True)[0] for f in fs) + _PADW, avail * _LABEL_MAX), 50.0)
    rest = avail - lw
    t = rl_table(rows, colWidths=[lw, rest * 0.34, rest * 0.33, rest * 0.33], hAlign="LEFT",
                style=_grid_style(st))
    return [Spacer(1, 8), t]
