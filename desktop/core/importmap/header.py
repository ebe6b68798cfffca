"""The card's header from the elements before its first body heading: the document title, the
기준일, and every field found by its label (SPEC §9) — in a grid of label/value cells, in a row of
labels over a row of values (구로구), or inline on a line ("공약제목 … 관리번호 2-2-1")."""

from __future__ import annotations

import re

from desktop.core.importmap import values as val
from desktop.core.importmap.elements import El, Grid, Line, squash
from desktop.core.importmap.labels import Label, field_labels
from desktop.core.importmap.outline import OutlineStyle, mark_of, parse_items
from desktop.core.importmap.state import CardState
from desktop.core.model import Item
from desktop.core.templates import FieldDef

Token = tuple[str, str]  # ("L", key) | ("T", text)
TITLE_WORDS = ("관리카드", "실천계획", "이행카드", "주요업무")
# "성동구 도시재생과": the office and a department under a report's title
_ORG_LINE = re.compile(r"^([가-힣]{1,5}[시군구])\s+[가-힣·]+(?:과|국|실|단|소|센터|담당관)$")
# "1. 도시재생 뉴딜사업": a numbered page title (부서별 주요업무 보고's 사업 pages)
_PAGE_TITLE = re.compile(r"^(\d{1,3})\s*[.)]\s*(\S.*)$")


def _split(text: str, labels: list[Label]) -> list[Token]:
    """A segment cut at every label it holds."""
    hits: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    for lb in labels:
        for m in lb.pattern.finditer(text):
            if m.end() > m.start() and not any(taken[m.start():m.end()]):
                hits.append((m.start(), m.end(), lb.key))
                for i in range(m.start(), m.end()):
                    taken[i] = True
    out: list[Token] = []
    pos = 0
    for start, end, key in sorted(hits):
        if text[pos:start].strip():
            out.append(("T", text[pos:start].strip()))
        out.append(("L", key))
        pos = end
    rest = text[pos:].strip().lstrip(":：").strip()
    if rest:
        out.append(("T", rest))
    return [(k, v.lstrip(":：").strip() if k == "T" else v) for k, v in out if k == "L" or v.lstrip(":：").strip()]


def _column_rows(grid: Grid, labels: list[Label]) -> list[Token] | None:
    """Labels over values (구로구's header row): [(L, key), (T, value)] pairs; None for another shape."""
    if len(grid.rows) < 2:
        return None
    head = [c for c in grid.rows[0] if c]
    keys = []
    for c in head:
        toks = _split(c, labels)
        if len(toks) != 1 or toks[0][0] != "L":
            return None
        keys.append(toks[0][1])
    if len(keys) < 2:
        return None
    out: list[Token] = []
    for i, c in enumerate(grid.rows[0]):
        if c:
            out.append(("L", _split(c, labels)[0][1]))
            if grid.cell(1, i):
                out.append(("T", grid.cell(1, i)))
    return out


def tokens(els: list[El], labels: list[Label]) -> list[Token]:
    out: list[Token] = []
    for el in els:
        if isinstance(el, Grid):
            cols = _column_rows(el, labels)
            if cols is not None:
                out += cols
                el.placed = True
                continue
            for row in el.rows:
                for c in row:
                    out += _split(c, labels)
            el.placed = True
        elif isinstance(el, Line) and el.text:
            out += _split(el.text, labels)
            el.placed = True
    return out


def read_header(els: list[El], st: CardState) -> None:
    t = st.template
    for el in els:
        if isinstance(el, Line) and el.text and not el.placed:
            plain = el.text.lstrip("#").strip()
            if any(w in squash(plain) for w in TITLE_WORDS) or (t.doc_title and squash(plain) == squash(t.doc_title)):
                st.card.doc_title = plain
                el.placed = True
            elif (d := val.base_date(plain)) is not None and re.fullmatch(r"\(?[\d.\s]+(現在|현재)\s*\)?", plain):
                st.card.base_date = d
                el.placed = True
            elif (m := _ORG_LINE.match(plain)) is not None and not st.card.org:
                st.card.org = m.group(1)
                el.placed = True
    _page_title(els, st)
    labels = field_labels(t)
    values: dict[str, list[str]] = {}
    order: list[str] = []
    loose: list[str] = []
    current = ""
    for kind, text in tokens([e for e in els if not e.placed], labels):
        if kind == "L":
            current = text
            if text not in values:
                values[text] = []
                order.append(text)
            continue
        (values[current] if current else loose).append(text)
    for key in order:
        if key.startswith("role:"):
            _contacts(st, key[5:], values[key])
        else:
            f = t.field_def(key)
            if f is not None:
                _field(st, f, values[key])
            elif key == "related":
                st.card.related = val.related(" ".join(values[key]))
            elif key == "timing":
                st.card.timing = " ".join(values[key]).strip()
    _unlabelled(st, loose)


def _contacts(st: CardState, role: str, texts: list[str]) -> None:
    for text in (line.strip() for t in texts for line in t.splitlines() if line.strip()):
        c = val.contact(text, role)
        if c is None:
            st.note(f"연락처({role})", text)
            continue
        st.card.contacts.append(c)


def _field(st: CardState, f: FieldDef, texts: list[str]) -> None:
    card = st.card
    text = " ".join(texts).strip()
    if f.kind == "outline":
        items = []
        for x in (line for t in texts for line in t.splitlines()):
            got = parse_items([Line(x.strip())], OutlineStyle())
            if got:
                items += got
            elif x.strip():
                items.append(Item(text=x.strip(), level=1))
                st.unsure(f.key)
        if f.key in ("goals", "tasks"):
            setattr(card, f.key, items)
        else:
            st.extra(f.key, [it.text for it in items])
        return
    if not text:
        return
    if f.kind == "years":
        yrs = val.years(text)
        if yrs is None:
            st.note(f.label, text)
        else:
            card.start_year, card.end_year = yrs
        timing = st.template.field_def("timing")
        for b in val.bracketed(text):
            if timing is not None:
                chosen = val.choice(b, timing.choices)
                card.timing = chosen or b
                if chosen is None:
                    st.unsure("timing")
            else:  # a template without its own 이행시기 field: kept on the card as written
                card.timing = b
        return
    if f.kind == "figure":
        fig = val.figure(text, f.unit)
        if fig is None:
            st.note(f.label, text)
            return
        card.figures[f.key] = fig
        return
    if f.kind == "percent":
        p = val.percent(text)
        if p is None:
            st.note(f.label, text)
            return
        card.progress = p if f.key == "progress" else card.progress
        if f.key != "progress":
            st.extra(f.key, str(p))
        return
    if f.kind == "date":
        d = val.plain_date(text)
        if d is None:
            st.note(f.label, text)
        else:
            card.base_date = d if f.key == "base_date" else card.base_date
            if f.key != "base_date":
                st.extra(f.key, d.isoformat())
        return
    if f.kind in ("checks", "choice", "status") and val.has_boxes(text):
        _boxes(st, f, text)
        return
    if f.kind == "list":
        items_l = val.related(text)
        if f.key == "related":
            card.related = items_l
        else:
            st.extra(f.key, items_l)
        return
    if f.kind in ("choice", "status"):
        options = f.choices if f.kind == "choice" else st.template.statuses
        chosen = val.choice(text, options) if options else text
        if chosen is None:
            st.unsure(f.key)
            chosen = text
        _set(st, f.key, chosen)
        return
    _set(st, f.key, text)


def _boxes(st: CardState, f: FieldDef, text: str) -> None:
    """A field written as check boxes: the ticked choices (several for "checks", one otherwise)."""
    options = st.template.statuses if f.kind == "status" else f.choices
    got, unknown = val.checked(text, options)
    if unknown:
        st.note(f.label, text)
        st.unsure(f.key)
    if f.kind == "checks":
        st.extra(f.key, got)
        return
    if len(got) != 1:
        st.unsure(f.key)
    if got:
        _set(st, f.key, got[0])


def _set(st: CardState, key: str, text: str) -> None:
    if key in ("title", "number", "dept", "timing", "status", "org", "doc_title", "area"):
        setattr(st.card, key, text)
    else:
        st.extra(key, text)


def _page_title(els: list[El], st: CardState) -> None:
    """A page whose title and 관리번호 are no header fields (부서별 주요업무 보고's 사업 pages): its numbered
    title line before the header grid gives the title and the page number (kept in `st.page`), the lines
    after it, up to the grid, the page's paragraph (the template's text block without a heading)."""
    t = st.template
    shown = {k for row in t.header_rows for k in row}
    if t.field_def("title") is None or {"title", "number"} & shown:
        return
    lines: list[Line] = []
    for el in els:
        if isinstance(el, Grid):
            break
        if isinstance(el, Line) and el.text and not el.placed and not mark_of(el.text)[0]:
            lines.append(el)
    if not lines or (m := _PAGE_TITLE.match(lines[0].text)) is None:
        return
    st.card.title = m.group(2).strip()
    st.page = m.group(1)
    lines[0].placed = True
    para = next((b for b in t.blocks if b.kind == "text" and not b.heading), None)
    if para is not None and len(lines) > 1:
        block = st.card.block(para.key)
        if block is not None:
            block.text = "\n".join(ln.text for ln in lines[1:])
            for ln in lines[1:]:
                ln.placed = True


def _unlabelled(st: CardState, loose: list[str]) -> None:
    """Text before any label: the 관리번호 written again, and (구로구) the title on a line of its own."""
    card = st.card
    for text in loose:
        if card.number and squash(text) == squash(card.number):
            continue
        # Only beside a 관리번호 found by its label: a document that merely shares a few labels with
        # a template does not become a card titled by its first line.
        if card.number and not card.title and st.template.field_def("title") is not None and not mark_of(text)[0]:
            card.title = text
            st.unsure("title")
            continue
        st.note("머리", text)
