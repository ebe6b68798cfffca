"""Tables as the card prints them: ruled, merged label cells, header rows repeated across pages.

Any Table of the model prints here — figure tables and inline text tables alike — from its data
only: column groups span their columns, row groups (label_columns 2) span their rows, derived
cells show TableValues' effective value, empty number cells print "-".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as RLTable

from desktop.core.model import Table
from desktop.core.numbers import format_amount
from desktop.core.tables import TableValues
from desktop.pdf import fonts, styles
from desktop.pdf.rltable import table as rl_table
from desktop.pdf.text import para

MIN_FONT = 6.0
_ALIGN = {"left": "LEFT", "center": "CENTRE", "right": "RIGHT"}
SPLIT_IN_ROW = 60  # a row that may be taller than a page splits inside, in parts of at least this height
HUGE_CELL = 1200  # characters: a cell this long may outgrow a page
_PADW = 2 * styles.PAD + 1.0


def unit_line(unit: str) -> str:
    """"백만원" → "(단위 : 백만원)"; a unit written with its parentheses stays as written."""
    u = unit.strip()
    if not u:
        return ""
    if u.startswith("(") or u.startswith("["):
        return u
    return f"(단위 : {u})"


_measured: dict[tuple[str, float, bool], tuple[float, float]] = {}


def measure(text: str, size: float, bold: bool = False) -> tuple[float, float]:
    """(natural width of the longest line, width of the longest word) of a cell's text."""
    key = (text, size, bold)
    m = _measured.get(key)
    if m is None:
        if len(_measured) > 50_000:
            _measured.clear()
        m = _measured[key] = _measure(text, size, bold)
    return m


def _measure(text: str, size: float, bold: bool) -> tuple[float, float]:
    nat = 0.0
    word = 0.0
    for line in text.split("\n"):
        nat = max(nat, fonts.width(line, size, bold))
        for w in line.split():
            word = max(word, fonts.width(w, size, bold))
    return nat, word


def allocate(natural: Sequence[float], minimum: Sequence[float], avail: float,
             equal: Sequence[bool] = ()) -> list[float]:
    """Column widths filling `avail`, like a browser's auto table layout.

    Every column gets at least its longest word when that is possible (so words are not cut), the
    rest goes to the columns whose text would otherwise wrap most. Columns flagged in `equal`
    (number columns) are evened out when space allows, which is how budget tables look.
    """
    n = len(natural)
    if n == 0:
        return []
    nat = [max(a, b, 8.0) for a, b in zip(natural, minimum, strict=True)]
    mins = [max(b, 8.0) for b in minimum]
    if sum(nat) <= avail:
        widths = list(nat)
        eq = [i for i in range(n) if i < len(equal) and equal[i]]
        if eq:
            target = max(widths[i] for i in eq)
            need = sum(target - widths[i] for i in eq)
            if need <= avail - sum(widths):
                for i in eq:
                    widths[i] = target
        spare = avail - sum(widths)
        # Spare space goes to text columns first (they read better wide), else to everyone.
        grow = [i for i in range(n) if not (i < len(equal) and equal[i])] if spare > 0 else []
        if eq and len(grow) < n:
            # keep number columns even: spread the spare over all equally, text a bit more
            share = spare / n
            widths = [w + share for w in widths]
        else:
            tot = sum(widths[i] for i in grow) or 1.0
            for i in grow:
                widths[i] += spare * widths[i] / tot
        return widths
    if sum(mins) <= avail:
        spare = avail - sum(mins)
        want = [nat[i] - mins[i] for i in range(n)]
        tot = sum(want) or 1.0
        return [mins[i] + spare * want[i] / tot for i in range(n)]
    scale = avail / sum(mins)
    return [m * scale for m in mins]


class _Cell:
    __slots__ = ("align", "bold", "text")

    def __init__(self, text: str, align: str = "left", bold: bool = False) -> None:
        self.text = text
        self.align = align
        self.bold = bold


def _names_unit(line: str, unit: str) -> bool:
    """Whether the unit line already names `unit` as a word ("(단위: 원)" names 원, "백만원" does not)."""
    return bool(unit) and re.search(rf"(?<![가-힣]){re.escape(unit)}(?![가-힣])", line) is not None


def _number_text(v: Decimal | None, unit: str) -> str:
    if v is None:
        return "-"
    return format_amount(v) + unit


def _styles_for(size: float) -> dict[tuple[str, bool], ParagraphStyle]:
    base = {"left": styles.cell, "center": styles.cell_center, "right": styles.cell_right}
    out = {}
    for align, st in base.items():
        for bold in (False, True):
            if size == styles.CELL and not bold:
                out[(align, bold)] = st
            else:
                out[(align, bold)] = ParagraphStyle(f"{st.name}_{size}_{bold}", parent=st, fontSize=size,
                                                    leading=round(size * 1.3, 1))
    return out


_STYLE_CACHE: dict[float, dict[tuple[str, bool], ParagraphStyle]] = {}


def build_table(table: Table, avail: float, unit_text: str = "") -> RLTable | None:
    """The ReportLab table for `table` at width `avail` (None when it has no columns).

    `unit_text` is the unit line printed above: a cell unit it already names is not repeated.
    """
    cols = table.columns
    if not cols:
        return None
    # A table without row labels (a list whose first column is data, "연 번") has no label column.
    unlabeled = not table.corner.strip() and all(not r.label.strip() and not r.group.strip() for r in table.rows)
    nl = 0 if unlabeled or table.label_columns == 0 else (2 if table.label_columns == 2 else 1)
    grouped = any(c.group for c in cols)
    hn = 2 if grouped else 1
    ncols = nl + len(cols)
    tv = TableValues(table)
    grid: list[list[_Cell | None]] = []
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    group_labels: dict[tuple[int, int], str] = {}  # merged row-group labels, repeated when a page cuts them

    # header rows
    head: list[list[_Cell | None]] = [[None] * ncols for _ in range(hn)]
    if nl:
        corner = table.corner.split("\n", 1)
        if hn > 1 and len(corner) == 2 and corner[0].strip() and corner[1].strip():
            # "구 분" over "추진내용": a corner of two lines fills the two header rows, as written
            head[0][0] = _Cell(corner[0], "center", True)
            head[1][0] = _Cell(corner[1], "center", True)
            if nl > 1:
                spans += [((0, 0), (nl - 1, 0)), ((0, 1), (nl - 1, 1))]
        else:
            head[0][0] = _Cell(table.corner, "center", True)
            if nl > 1 or hn > 1:
                spans.append(((0, 0), (nl - 1, hn - 1)))
    j = 0
    while j < len(cols):
        c = cols[j]
        x = nl + j
        if grouped and c.group:
            k = j
            while k + 1 < len(cols) and cols[k + 1].group == c.group:
                k += 1
            head[0][x] = _Cell(c.group, "center", True)
            if k > j:
                spans.append(((x, 0), (nl + k, 0)))
            for m in range(j, k + 1):
                head[1][nl + m] = _Cell(cols[m].label, "center", True)
            j = k + 1
            continue
        head[0][x] = _Cell(c.label, "center", True)
        if hn > 1:
            spans.append(((x, 0), (x, 1)))
        j += 1
    grid.extend(head)

    # body rows
    label_texts = [r.label for r in table.rows]
    label_align = "left" if any(len(t) > 10 for t in label_texts) else "center"
    col_align: list[str] = []
    for c in cols:
        if c.kind == "number":
            col_align.append("right")
        else:
            texts = [str(r.cells.get(c.key) or "") for r in table.rows]
            short = all(len(t) <= 12 and "\n" not in t for t in texts)
            col_align.append("center" if short else "left")
    rows = table.rows
    i = 0
    while i < len(rows):
        r = rows[i]
        y = hn + i
        line: list[_Cell | None] = [None] * ncols
        if nl == 2:
            if r.group:
                k = i
                while k + 1 < len(rows) and rows[k + 1].group == r.group:
                    k += 1
                line[0] = _Cell(r.group, "center")
                if k > i:
                    spans.append(((0, y), (0, hn + k)))
                    group_labels[(0, y)] = r.group
                line[1] = _Cell(r.label, label_align)
                grid.append(line)
                for m in range(i + 1, k + 1):
                    sub: list[_Cell | None] = [None] * ncols
                    sub[1] = _Cell(rows[m].label, label_align)
                    grid.append(sub)
                for m in range(i, k + 1):
                    _fill(grid[hn + m], rows[m], cols, nl, tv, table, col_align, unit_text)
                i = k + 1
                continue
            line[0] = _Cell(r.label, label_align)
            spans.append(((0, y), (1, y)))
        elif nl == 1:
            line[0] = _Cell(r.label, label_align)
        grid.append(line)
        _fill(line, r, cols, nl, tv, table, col_align, unit_text)
        i += 1

    spans += _merged_text(table, grid, hn, nl)
    totals = _grand_rows(table, grid, hn)
    size = styles.CELL
    widths = _widths(grid, spans, ncols, nl, cols, avail, size)
    while widths is None and size > MIN_FONT:
        size = max(MIN_FONT, size - 0.5)
        widths = _widths(grid, spans, ncols, nl, cols, avail, size)
    if widths is None:
        widths = _widths(grid, spans, ncols, nl, cols, avail, size, force=True)
    assert widths is not None
    pst = _STYLE_CACHE.get(size)
    if pst is None:
        pst = _STYLE_CACHE[size] = _styles_for(size)
    # A cell whose text fits on one line is drawn as a plain string (ReportLab draws those far faster
    # than paragraphs); only text that must wrap becomes a paragraph.
    span_w: dict[tuple[int, int], float] = {(x0, y0): sum(widths[x0:x1 + 1]) for (x0, y0), (x1, _y1) in spans}
    col_default = ["center" if x < nl else ("right" if cols[x - nl].kind == "number" else col_align[x - nl])
                   for x in range(ncols)]
    if nl:
        col_default[nl - 1] = label_align
    cell_cmds: list[tuple[Any, ...]] = []
    data: list[list[Any]] = []
    for y, row in enumerate(grid):
        out: list[Any] = []
        for x, c in enumerate(row):
            if c is None or not c.text:
                out.append("")
                continue
            text = fonts.printable(c.text)
            room = span_w.get((x, y), widths[x]) - 2 * styles.PAD - 0.5
            if "\n" not in text and fonts.width(text, size, c.bold) <= room:
                out.append(text.strip())
                if y >= hn and c.align != col_default[x]:
                    cell_cmds.append(("ALIGN", (x, y), (x, y), _ALIGN[c.align]))
                if c.bold and y >= hn:
                    cell_cmds.append(("FONTNAME", (x, y), (x, y), fonts.BOLD))
            else:
                out.append(para(c.text, pst[(c.align, c.bold)]))
        data.append(out)
    # Splitting inside rows is only for rows that may not fit a page: ReportLab lays split rows out
    # loosely, so ordinary rows move to the next page whole.
    huge = any(c is not None and len(c.text) > HUGE_CELL for row in grid for c in row)
    st: list[tuple[Any, ...]] = [
        styles.CELL_FONT,
        *styles.SPLIT_RULES,
        ("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE),
        ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
        ("LINEBELOW", (0, hn - 1), (-1, hn - 1), styles.THICK * 0.8, styles.RULE),
        ("BACKGROUND", (0, 0), (-1, hn - 1), styles.HEAD_SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP" if huge else "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("TOPPADDING", (0, 0), (-1, -1), styles.VPAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.VPAD + 0.5),
    ]
    if nl:
        st.append(("BACKGROUND", (0, hn), (nl - 1, -1), styles.SHADE))
    st += [("BACKGROUND", (0, y), (-1, y), styles.SHADE) for y in totals]
    st += [("FONTSIZE", (0, 0), (-1, -1), size), ("LEADING", (0, 0), (-1, -1), round(size * 1.3, 1)),
           ("FONTNAME", (0, 0), (-1, hn - 1), fonts.BOLD), ("ALIGN", (0, 0), (-1, hn - 1), "CENTRE")]
    st += [("ALIGN", (x, hn), (x, -1), _ALIGN[a]) for x, a in enumerate(col_default)]
    st += cell_cmds
    st.extend(("SPAN", a, b) for a, b in spans)
    t = rl_table(data, colWidths=widths, repeatRows=hn, style=TableStyle(st), hAlign="LEFT", splitByRow=1,
                splitInRow=SPLIT_IN_ROW if huge else 0)
    if group_labels:
        t.group_labels = group_labels
        t.keep_groups = KEEP_GROUPS
        t.continued = _continued_label(pst[("center", False)], size)
    return t


CONTINUED = "(계속)"
# A page break cuts a row group only when keeping whole groups together would leave more of the page
# empty than this (a quarter of the body frame); a group taller than that is always cut.
KEEP_GROUPS = (styles.PAGE[1] - styles.MARGIN_TOP - styles.MARGIN_BOTTOM) / 4


def _continued_label(style: ParagraphStyle, size: float) -> Callable[[str, float], Any]:
    """The label of a row group cut by a page break, on the next page: "소요예산(계획) (계속)", on one
    line when it fits the cell, else the label and "(계속)" on lines of their own, else wrapped."""

    def make(label: str, width: float) -> Any:
        room = width - 2 * styles.PAD - 0.5
        text = fonts.printable(label).strip()
        one = f"{text} {CONTINUED}"
        if "\n" not in text and fonts.width(one, size) <= room:
            return one
        lines = [*text.split("\n"), CONTINUED]
        if all(fonts.width(line, size) <= room for line in lines):
            return "\n".join(lines)
        return para(one, style)

    return make


def _grand_rows(table: Table, grid: list[list[_Cell | None]], hn: int) -> list[int]:
    """The grid rows of a table's grand totals — a row that sums other rows and stands in no row
    group ("총 계" above 예산구분) — set in bold, as the documents emphasise them."""
    targets = {rel.target for rel in table.relations if rel.kind == "sum" and rel.axis == "col"}
    out = []
    for i, r in enumerate(table.rows):
        if r.key in targets and not r.group.strip():
            for c in grid[hn + i]:
                if c is not None:
                    c.bold = True
            out.append(hn + i)
    return out


def _merged_text(table: Table, grid: list[list[_Cell | None]], hn: int, nl: int
                 ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Text cells merged in the source: a text cell stated empty (null) right of a filled text cell
    continues it ("1년 거치 4년 분할상환(연2회)" across two columns), printed as one centred cell."""
    cols = table.columns
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for i, r in enumerate(table.rows):
        j = 0
        while j < len(cols):
            k = j
            if cols[j].kind == "text" and str(r.cells.get(cols[j].key) or "").strip():
                while (k + 1 < len(cols) and cols[k + 1].kind == "text" and cols[k + 1].key in r.cells
                       and r.cells[cols[k + 1].key] is None):
                    k += 1
            if k > j:
                out.append(((nl + j, hn + i), (nl + k, hn + i)))
                cell = grid[hn + i][nl + j]
                if cell is not None:
                    cell.align = "center"
            j = k + 1
    return out


def _fill(line: list[_Cell | None], r: Any, cols: list[Any], nl: int, tv: TableValues, table: Table,
          col_align: list[str], unit_text: str) -> None:
    for j, c in enumerate(cols):
        if c.kind == "number":
            unit = r.unit or c.unit
            if unit == table.unit or _names_unit(unit_text, unit):
                unit = ""
            v = tv.value(r.key, c.key)
            raw = r.cells.get(c.key)
            text = raw if isinstance(raw, str) and raw.strip() else _number_text(v, unit)
            line[nl + j] = _Cell(text, "right")
        else:
            raw = r.cells.get(c.key)
            text = "" if raw is None else (format_amount(raw) if isinstance(raw, Decimal) else str(raw))
            line[nl + j] = _Cell(text, col_align[j])


def _widths(grid: list[list[_Cell | None]], spans: list[tuple[tuple[int, int], tuple[int, int]]], ncols: int,
            nl: int, cols: list[Any], avail: float, size: float, force: bool = False) -> list[float] | None:
    spanned: set[tuple[int, int]] = set()
    for (x0, y0), (x1, _y1) in spans:
        if x1 > x0:  # cells spanning columns do not size a single column
            spanned.add((x0, y0))
    nat = [0.0] * ncols
    mins = [0.0] * ncols
    for y, row in enumerate(grid):
        for x, c in enumerate(row):
            if c is None or not c.text or (x, y) in spanned:
                continue
            n, w = measure(c.text, size, c.bold)
            if cols and x >= nl and cols[x - nl].kind == "number" and c.align == "right":
                w = n  # numbers never break
            nat[x] = max(nat[x], n + _PADW)
            mins[x] = max(mins[x], w + _PADW)
    equal = [x >= nl and cols[x - nl].kind == "number" for x in range(ncols)]
    if not force and sum(mins) > avail:
        return None
    return allocate(nat, mins, avail, equal)


def table_flowables(table: Table, avail: float, unit: str = "") -> list[Flowable]:
    """The unit line (right-aligned, kept with the table) and the table."""
    out: list[Flowable] = []
    line = unit_line(unit or table.unit)
    t = build_table(table, avail, line)
    if line:
        p = Paragraph(fonts.markup(line), styles.unit)
        p.keepWithNext = 1
        out.append(p)
    if t is not None:
        out.append(t)
    return out
