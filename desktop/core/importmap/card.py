"""One card's elements → a Card of the template: the header, the body blocks found by their headings,
a footer of contacts (구로구), the 기관명 and 사업기간 where the document implies them, and what was
unsure or not placed recorded on the card (state.py)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from desktop.core.importmap import values as val
from desktop.core.importmap.elements import El, Grid, Line, Piece, squash, unplaced
from desktop.core.importmap.figtables import figure_table
from desktop.core.importmap.header import read_header
from desktop.core.importmap.inline import grid_table, loose_table
from desktop.core.importmap.labels import heading_match
from desktop.core.importmap.outline import is_unit_line, mark_of, parse_items, style_of
from desktop.core.importmap.photos import read_photos
from desktop.core.importmap.state import NOTE_KEY, UNSURE_KEY, CardState
from desktop.core.layout import new_card
from desktop.core.model import Block, Card, Contact, Figure
from desktop.core.templates import BlockDef, Template

_PERIOD = re.compile(r"\s*(\[[^\]]*\d[^\]]*\])\s*$")
_UNIT_TAIL = re.compile(r"\s*\(\s*단\s*위\s*[:：]?[^)]*\)\s*$")
_ORG = re.compile(r"(?<![가-힣])([가-힣]{2}[구군])(?=만의|의|에서|청|\s|$|[,.)(])")


def _heading(el: El, open_defs: list[BlockDef]) -> BlockDef | None:
    if isinstance(el, Line) and el.text and not mark_of(el.text)[0]:
        return next((bd for bd in open_defs if heading_match(el.text.lstrip("#").strip(), bd)), None)
    if isinstance(el, Grid) and el.rows and el.rows[0]:
        first = el.rows[0][0]
        return next((bd for bd in open_defs if bd.kind == "figure" and squash(first) == squash(bd.heading)), None)
    return None


def map_card(els: list[El], template: Template, org: str = "") -> tuple[Card, list[Piece]]:
    st = CardState(new_card(template), template)
    open_defs = list(template.blocks)
    starts: list[tuple[int, BlockDef]] = []
    for i, el in enumerate(els):
        bd = _heading(el, open_defs)
        if bd is not None:
            starts.append((i, bd))
            open_defs.remove(bd)
    first = starts[0][0] if starts else len(els)
    body = els[first:]
    _footer(body, st)
    read_header(els[:first], st)
    style = style_of([e for e in body if isinstance(e, Line)])
    for n, (i, bd) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(els)
        _block(els[i], [e for e in els[i + 1:end] if not e.placed], bd, st, style)
    _org(els, st, org)
    _years(st)
    _page_identity(st)
    _derived_figures(st)
    label = st.card.number or st.card.title
    pieces = unplaced(els, label)
    notes = [f"{where}: {text}" for where, text in st.notes] + [p.text for p in pieces]
    if notes:
        st.card.extra[NOTE_KEY] = "\n".join(notes)
    if st.unsure_paths:
        st.card.extra[UNSURE_KEY] = list(st.unsure_paths)
    return st.card, pieces


def _block(head: El, content: list[El], bd: BlockDef, st: CardState, style: object) -> None:
    block = st.card.block(bd.key)
    if block is None:
        block = Block(key=bd.key, heading=bd.heading, kind=bd.kind)
        st.card.blocks.append(block)
    if isinstance(head, Line):
        text = head.text.lstrip("#").strip()
        text = _UNIT_TAIL.sub("", text)
        m = _PERIOD.search(text)
        if m and bd.period:
            block.period = m.group(1)
            text = text[: m.start()].rstrip()
        if bd.kind == "field":
            _field_block(text, bd, st)
        else:
            block.heading = text
        head.placed = True
    else:
        content = [head, *content]
    if bd.kind == "outline":
        n = [0]

        def grid(g: Grid, unit: str) -> object:
            n[0] += 1
            return grid_table(g, unit, f"{bd.key}{n[0]}")

        def loose(lines: list[Line]) -> object:
            n[0] += 1
            return loose_table(lines, f"{bd.key}{n[0]}")

        block.items = parse_items(content, style, dates=bd.dates, loose=loose, grid=grid)  # type: ignore[arg-type]
    elif bd.kind == "figure":
        table = figure_table(content, bd.key, st)
        if table is not None:
            block.table = table
        else:
            st.unsure(f"blocks.{bd.key}")
    elif bd.kind == "photos":
        block.photos = read_photos(content, st, bd.per_row)
    elif bd.kind == "text":
        lines = [e for e in content if isinstance(e, Line) and not is_unit_line(e.text)]
        block.text = "\n".join(e.text for e in lines).strip()
        for e in lines:
            e.placed = True


def _field_block(text: str, bd: BlockDef, st: CardState) -> None:
    f = st.template.field_def(bd.field)
    value = text.split(":", 1)[1].strip() if ":" in text else ""
    if f is None or not value:
        return
    if f.kind == "figure":
        fig = val.figure(value, f.unit)
        if fig is None:
            st.note(f.label, value)
        else:
            if fig.parts:  # an amount stated with its split on a line of its own: printed once, as stated (SPEC §2.1)
                fig.text = value
            st.card.figures[f.key] = fig
    else:
        st.card.extra[f.key] = value


def _footer(body: list[El], st: CardState) -> None:
    """The contacts printed at the bottom: 구로구's "담당자 | 부 서 : … | 주무관 : … | 전화번호 : …", or
    성동구's "총괄부서 | 기획예산과 | 과  장 | 김성동 (02-…) | 팀  장 | …" (a role cell, then its person)."""
    f = next((st.template.field_def(k) for k in st.template.footer if st.template.field_def(k)), None)
    if f is None or f.kind != "contacts":
        return
    for el in body:
        if not isinstance(el, Grid) or squash(el.cell(0, 0)) != squash(f.label):
            continue
        el.placed = True
        cells = [c for row in el.rows for c in row[1 if row is el.rows[0] else 0:] if c.strip()]
        if any(":" in c for c in cells):
            _colon_contact(cells, f.roles, st)
        else:
            _role_contacts(cells, f.roles, st)


def _colon_contact(cells: list[str], roles: list[str], st: CardState) -> None:
    c = Contact()
    for cell in cells:
        key, _, value = cell.partition(":")
        k, value = squash(key), value.strip()
        if k == "부서":
            c.dept = value
        elif k in ("전화번호", "전화", "연락처"):
            c.phone = value
        elif value:
            c.role = next((r for r in roles if squash(r) == k), key.strip())
            rank, _, name = value.rpartition(" ")
            c.rank, c.name = rank, name
    if c.name or c.phone:
        st.card.contacts.append(c)


def _role_contacts(cells: list[str], roles: list[str], st: CardState) -> None:
    dept = ""
    role = ""
    for cell in cells:
        r = next((x for x in roles if squash(x) == squash(cell)), None)
        if r is not None:
            role = r
            continue
        if not role:
            dept = dept or cell.strip()
            continue
        c = val.contact(cell, role)
        if c is None:
            st.note(f"연락처({role})", cell)
        else:
            c.dept = dept
            st.card.contacts.append(c)
        role = ""


def _page_identity(st: CardState) -> None:
    """Title and 관리번호 of a page whose template shows neither in its header (부서별 주요업무 보고): the
    report page is titled by its document title and numbered by its 부서, a 사업 page by 부서-page
    ("도시재생과-1"). Both are the importer's reading, marked for the officer to confirm."""
    card, t = st.card, st.template
    shown = {k for row in t.header_rows for k in row}
    if {"title", "number"} & shown or t.field_def("number") is None:
        return
    if not card.title and card.doc_title and card.doc_title != t.doc_title:
        card.title = card.doc_title
        st.unsure("title")
    if not card.number and card.dept and card.title:
        card.number = f"{card.dept}-{st.page}" if st.page else card.dept
        st.unsure("number")


def _derived_figures(st: CardState) -> None:
    """A figure field the page does not state but the template ties to a table cell (the report's 예산액 =
    its 예산 현황 계): taken from that cell and marked unsure — the document never wrote it as the field."""
    card = st.card
    for f in st.template.fields:
        if f.kind != "figure" or f.key in card.figures or not f.equals.get("block"):
            continue
        block = card.block(f.equals["block"])
        row = block.table.row(f.equals.get("row", "")) if block is not None and block.table is not None else None
        value = row.cells.get(f.equals.get("col", "")) if row is not None else None
        if isinstance(value, Decimal):
            unit = block.table.unit if block is not None and block.table is not None else ""
            card.figures[f.key] = Figure(total=value, unit=unit or f.unit)
            st.unsure(f.key)


def _org(els: list[El], st: CardState, org: str) -> None:
    if st.card.org:
        return
    text = "\n".join(e.text if isinstance(e, Line) else "\n".join("\t".join(r) for r in e.rows)
                     for e in els if isinstance(e, Line | Grid))
    counts = Counter(_ORG.findall(text))
    common = counts.most_common(1)
    if common and common[0][1] >= 2:
        st.card.org = common[0][0]
        if org != st.card.org:
            st.unsure("org")
    elif org:
        st.card.org = org


def _years(st: CardState) -> None:
    card = st.card
    if card.start_year is not None:
        return
    for _, _, table in card.tables():
        if table.year_columns:
            ys = sorted(int(c.key[1:]) for c in table.columns if re.fullmatch(r"y\d{4}", c.key))
            if ys:
                card.start_year, card.end_year = ys[0], ys[-1]
                st.unsure("period")
                return
