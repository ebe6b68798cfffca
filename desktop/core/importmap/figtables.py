"""A figure table of the document → the template's figure table (SPEC §3): the header row found by its
shape (year columns "2024년", the template's column labels 계 / 기투자 / 임기후), rows matched to the
template's rows by group and label (sources by their names and aliases), line-item rows added where the
template lets the user add them, amounts parsed by the entry conventions. A row shorter than the header
leaves its trailing cells unstated; "-" is a stated none."""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.core.importmap.elements import El, Grid, Line, squash
from desktop.core.importmap.outline import is_unit_line
from desktop.core.importmap.state import CardState
from desktop.core.layout import instantiate_table, year_key
from desktop.core.model import CellValue, Row, Table
from desktop.core.numbers import NumberError, parse_amount
from desktop.core.templates import TableDef

_YEAR = re.compile(r"^(\d{4})\s*년?$")
_NONE = {"-", "–", "—", "－"}


def is_amount(text: str) -> bool:
    t = text.strip()
    if t in _NONE:
        return True
    try:
        return parse_amount(t, unit="%" if t.endswith("%") else "") is not None
    except NumberError:
        return False


def _column_key(label: str, tdef: TableDef, group: str | None = None) -> str | None:
    """The template's column a header cell names: its own labels first ("2022.6월", "2018년" of a
    table with fixed year columns), then any year ("2024년" → y2024). With `group` (a second header
    row), the label is looked up under that group ("계획액" under "2020년")."""
    for spec in tdef.columns:
        if not spec.get("key") or not squash(label) or squash(str(spec.get("label", ""))) != squash(label):
            continue
        if group is None or squash(str(spec.get("group", ""))) == squash(group):
            return str(spec["key"])
    if group is not None:
        return None
    m = _YEAR.match(label.strip())
    if m:
        return year_key(int(m.group(1)))
    return None


def _grouped(top: list[str], sub: list[str], tdef: TableDef) -> list[str | None]:
    """Keys of a two-row header: group cells over label cells, a group running on over blank cells."""
    keys: list[str | None] = []
    group = ""
    for j in range(max(len(top), len(sub))):
        t = top[j] if j < len(top) else ""
        s = sub[j] if j < len(sub) else ""
        group = t or group
        keys.append(_column_key(s, tdef, group) if s else (_column_key(t, tdef) if t else None))
    return keys


def _header(rows: list[list[str]], tdef: TableDef) -> tuple[int, list[str | None]] | None:
    best: tuple[int, int, list[str | None]] | None = None
    grouped = any(spec.get("group") for spec in tdef.columns)
    for i, row in enumerate(rows[:4]):
        keys = [_column_key(c, tdef) if c else None for c in row]
        if grouped and i + 1 < len(rows) and not (rows[i + 1][:1] or [""])[0]:
            two = _grouped(row, rows[i + 1], tdef)
            if sum(1 for k in two if k) > sum(1 for k in keys if k):
                keys, i = two, i + 1
        n = sum(1 for k in keys if k)
        if n >= 2 and (best is None or n > best[0]):
            best = (n, i, keys)
    if best is None:
        return None
    return best[1], [k for k in best[2] if k]


def paragraph_rows(lines: list[Line], tdef: TableDef) -> list[list[str]]:
    """A table copied out as text without tabs (cells on separate lines, a row's values after its
    label): [group, label, values…] rows, the header as [corner, labels…]."""
    rows: list[list[str]] = []
    group: list[str] = []
    for ln in lines:
        if not ln.text or is_unit_line(ln.text):
            continue
        words = ln.text.split()
        keys = [_column_key(w, tdef) for w in words]
        if sum(1 for k in keys if k) >= 2:
            first = next(i for i, k in enumerate(keys) if k)
            rows.append([" ".join(words[:first]), *words[first:]])
            ln.placed = True
            continue
        n = 0
        while n < len(words) - 1 and is_amount(words[len(words) - 1 - n]):
            n += 1
        if n and not is_amount(words[0]):
            label = " ".join(words[: len(words) - n])
            rows.append(["".join(group), label, *words[len(words) - n:]])
            group = []
            ln.placed = True
        else:
            group.append(ln.text)
            ln.placed = True
    return rows


def figure_table(els: list[El], key: str, st: CardState) -> Table | None:
    """The block's figure table from its first grid, or from its lines when it has none."""
    bd = st.template.block_def(key)
    if bd is None or bd.table is None:
        return None
    tdef = bd.table
    grid = next((e for e in els if isinstance(e, Grid)), None)
    if grid is not None:
        rows = grid.rows
        grid.placed = True
        source = "grid"
    else:
        rows = paragraph_rows([e for e in els if isinstance(e, Line)], tdef)
        source = "lines"
    head = _header(rows, tdef)
    if head is None:
        if grid is not None:
            grid.placed = False
        return None
    h, col_keys = head
    years = sorted({int(k[1:]) for k in col_keys if k and re.fullmatch(r"y\d{4}", k)})
    table = instantiate_table(key, tdef, st.template, years)
    # a year over a table of fixed columns ("2019년" without its 계획액/확보액 row) names no column
    col_keys = [k if k and table.column(k) is not None else None for k in col_keys]
    for el in els:
        if isinstance(el, Line) and is_unit_line(el.text):
            el.placed = True
    proto = list(table.rows)
    used: set[str] = set()
    out: list[Row] = []
    carried = ""
    added = 0
    for r, raw in enumerate(rows[h + 1:], start=h + 1):
        cells = list(raw)
        if not any(cells):
            continue
        labels: list[str] = []
        while cells and len(labels) < max(tdef.label_columns, 1) and not (cells[0] and is_amount(cells[0])):
            if labels and not cells[0]:
                break
            labels.append(cells.pop(0))
        if len(labels) == 2 or source == "lines":
            carried = labels[0] or carried
            group, label = carried, labels[-1] if labels else ""
        else:
            carried = ""
            group, label = "", labels[0] if labels else ""
        row = _match(proto, used, group, label, st)
        if row is None:
            if not tdef.addable_rows or not label:
                st.note(f"{bd.heading} 표 {r + 1}행", "\t".join(raw))
                st.unsure(f"blocks.{key}.table")
                continue
            added += 1
            row = Row(key=f"r{added}", label=label)
        used.add(row.key)
        row.cells = _cells(cells, col_keys, row, table, st, f"blocks.{key}.table.{row.key}")
        out.append(row)
    table.rows = out + [r for r in proto if r.key not in used]
    return table


def _match(proto: list[Row], used: set[str], group: str, label: str, st: CardState) -> Row | None:
    g, lb = squash(group), squash(label)
    source = st.template.source_for(label)
    for row in proto:
        if row.key in used:
            continue
        same_label = squash(row.label) == lb or (source is not None and row.label == source.label)
        if same_label and (squash(row.group) == g or (not row.group and not g)):
            return row
    for row in proto:  # a group written differently ("소요 예산" for "소요예산(계획)"): the label decides
        if row.key not in used and lb and squash(row.label) == lb and (g and squash(row.group).startswith(g[:2])):
            st.unsure(f"blocks.{row.key}")
            return row
    return None


def _cells(values: list[str], col_keys: list[str | None], row: Row, table: Table, st: CardState,
           path: str) -> dict[str, CellValue]:
    cells: dict[str, CellValue] = {}
    for text, ck in zip(values, col_keys, strict=False):
        if ck is None or not text.strip():
            continue
        col = table.column(ck)
        if col is not None and col.kind == "text":
            cells[ck] = text.strip()
            continue
        unit = row.unit or (col.unit if col else "") or ("%" if text.strip().endswith("%") else "")
        try:
            v: Decimal | None = parse_amount(text, unit=unit)
        except NumberError as exc:
            st.note(f"{path}.{ck}", f"{text} ({exc})")
            st.unsure(f"{path}.{ck}")
            continue
        cells[ck] = v
    return cells
