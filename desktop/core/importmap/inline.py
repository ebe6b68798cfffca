"""Tables inside an outline item (SPEC §2: "an item may hold an inline table"): a document's table →
a card table. The header's shape decides: a second header row under blank-continued group cells
("합계 | | '16년 |" over "업체수 | 금액 | …") gives column groups; a first column headed 구분 / 분야 /
추진내용 holds row labels; a column whose every value is an amount is a number column (its unit from
the values "19개사" or the table's "(단위: 원)"), a serial 1, 2, 3 … column stays text; 합계 / 계
columns and rows become declared sums, so the checks see a slip (SPEC §3). Tables copied out as text
without tabs are read from their lines where their shape is plain: labels over circled items, or a
before ➜ after comparison."""

from __future__ import annotations

import re

from desktop.core.importmap.elements import Grid, Line, squash
from desktop.core.importmap.figtables import is_amount
from desktop.core.importmap.outline import CIRCLED
from desktop.core.model import CellValue, Column, ColumnKind, Relation, Row, Table
from desktop.core.numbers import NumberError, parse_amount

CORNER_WORDS = {"구분", "분야", "추진내용", "항목", "내용구분"}
SUM_WORDS = {"합계", "계", "총계", "소계"}
ARROWS = {"➜", "→", "⇒", "▶", "➡", "⇨"}
_UNIT_SUFFIX = re.compile(r"^[△-]?[\d,]+(?:\.\d+)?\s*(?P<unit>[가-힣%]*)$")
_TABLE_UNIT = re.compile(r"단\s*위\s*[:：]?\s*(?P<unit>[^)]+)\)")


def table_unit(unit_line: str) -> str:
    m = _TABLE_UNIT.search(unit_line)
    unit = m.group("unit").strip() if m else ""
    return "" if "/" in unit else unit


def _restore_lines(text: str) -> str:
    """A cell's lines joined by a flattening, split again where a line began with a mark."""
    if text.startswith("- "):
        text = text.replace(" - ", "\n- ")
    return text.replace(" ※ ", "\n※ ")


def grid_table(grid: Grid, unit_line: str = "", key: str = "") -> Table | None:
    rows = [list(r) for r in grid.rows if any(c.strip() for c in r)]
    if len(rows) < 2:
        return None
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    while ncols > 1 and not any(r[ncols - 1] for r in rows):
        ncols -= 1
        rows = [r[:ncols] for r in rows]
    two = (len(rows) >= 3 and not rows[1][0] and any(not c for c in rows[0][1:])
           and not any(is_amount(c) for c in rows[1] if c))
    head, body = (rows[:2], rows[2:]) if two else (rows[:1], rows[1:])
    labels, groups = [], []
    group = ""
    for j in range(ncols):
        top = head[0][j]
        if two:
            group = top or (group if head[1][j] else "")
            if head[1][j]:
                labels.append(head[1][j])
                groups.append(group)
            else:
                labels.append(top)
                groups.append("")
                group = ""
        else:
            labels.append(top)
            groups.append("")
    corner = squash(labels[0]) in CORNER_WORDS
    first = 1 if corner else 0
    unit = table_unit(unit_line)
    columns: list[Column] = []
    for j in range(first, ncols):
        values = [r[j] for r in body if r[j]]
        kind, cunit = _kind(values)
        columns.append(Column(key=f"c{j}", label=labels[j], kind=kind, group=groups[j],
                              unit=cunit or (unit if kind == "number" else "")))
    table = Table(key=key, corner=labels[0] if corner else "", columns=columns)
    for i, r in enumerate(body, start=1):
        cells: dict[str, CellValue] = {}
        for col, text in zip(columns, r[first:], strict=False):
            if col.kind == "text":
                cells[col.key] = _restore_lines(text) if text else None
            elif text:
                try:
                    cells[col.key] = parse_amount(text, unit=col.unit)
                except NumberError:
                    cells[col.key] = None
        table.rows.append(Row(key=f"r{i}", label=r[0] if corner else "", cells=cells))
    table.relations = _sums(table)
    return table


def _kind(values: list[str]) -> tuple[ColumnKind, str]:
    if not values:
        return "text", ""
    if len(values) >= 2 and values == [str(i) for i in range(1, len(values) + 1)]:
        return "text", ""  # a serial 연번
    units = set()
    for v in values:
        m = _UNIT_SUFFIX.match(v.strip())
        if m is None and v.strip() not in ("-", "–"):
            return "text", ""
        units.add(m.group("unit") if m else "")
    if len(units) != 1:
        return "text", ""
    unit = units.pop()
    if unit in ("억", "만원", "천원") or not all(is_amount(v) or unit for v in values):
        return "text", ""
    return "number", unit


def _sums(table: Table) -> list[Relation]:
    rels: list[Relation] = []
    for col in table.columns:
        if col.kind != "number":
            continue
        if squash(col.group) in SUM_WORDS and col.label:
            rels.append(Relation(kind="sum", axis="row", target=col.key, of="same_label"))
        elif squash(col.label) in SUM_WORDS:
            rels.append(Relation(kind="sum", axis="row", target=col.key))
    for row in table.rows:
        if squash(row.label) in SUM_WORDS and any(c.kind == "number" for c in table.columns):
            rels.append(Relation(kind="sum", axis="col", target=row.key))
    return rels


# ---------------------------------------------------------------- tables copied out as lines

def _split_words(text: str, n: int, prefer_paren: bool = False) -> list[str]:
    """`text` cut into `n` labels at spaces: where a label ends with ")" when asked, else where the
    parts are written alike (even spacing inside each) and most even in length."""
    seps = [(m.start(), m.end()) for m in re.finditer(r"\s+", text.strip())]
    t = text.strip()
    if n != 2 or not seps:
        return [t]
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for s, e in seps:
        left, right = t[:s], t[e:]
        even = sum(len({len(w) for w in re.findall(r"\s+", part)}) <= 1 for part in (left, right))
        paren = 1 if prefer_paren and left.endswith(")") else 0
        score = (paren, even, -abs(len(squash(left)) - len(squash(right))))
        if best is None or score > best[0]:
            best = (score, [left, right])
    return best[1] if best else [t]


def loose_table(lines: list[Line], key: str = "") -> Table | None:
    texts = [ln.text for ln in lines if ln.text]
    if len(texts) < 2:
        return None
    head, body = texts[0], texts[1:]
    if any(t in ARROWS for t in body):
        at = next(i for i, t in enumerate(body) if t in ARROWS)
        left, right = _split_words(head, 2, prefer_paren=True)
        cols = [Column(key="c1", label=left, kind="text"), Column(key="c2", label="", kind="text"),
                Column(key="c3", label=right, kind="text")]
        cells: dict[str, CellValue] = {"c1": "\n".join(body[:at]), "c2": body[at], "c3": "\n".join(body[at + 1:])}
        return Table(key=key, columns=cols, rows=[Row(key="r1", label="", cells=cells)])
    if any(t[:1] in CIRCLED for t in body) and body[0][:1] not in CIRCLED:
        corner, label = _split_words(head, 2) + [""] * (2 - len(_split_words(head, 2)))
        rows: list[Row] = []
        lab: list[str] = []
        items: list[str] = []
        for t in body:
            if t[:1] in CIRCLED:
                items.append(t)
                continue
            if items:
                rows.append(Row(key=f"r{len(rows) + 1}", label="\n".join(lab), cells={"c1": "\n".join(items)}))
                lab, items = [], []
            lab.append(t)
        if lab or items:
            rows.append(Row(key=f"r{len(rows) + 1}", label="\n".join(lab), cells={"c1": "\n".join(items) or None}))
        return Table(key=key, corner=corner, columns=[Column(key="c1", label=label, kind="text")], rows=rows)
    return None
