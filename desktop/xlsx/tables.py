"""Figure tables on a card sheet: written ruled, with merged label cells, the unit above, derived
totals as live SUM formulas and stated totals as values that turn red when they disagree; read back
from the visible cells (a formula in a derived cell means "computed", a value means "stated")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.core.model import CellValue, Column, Row, Table
from desktop.core.numbers import decimal_places, plain
from desktop.core.tables import TableValues
from desktop.core.templates import TemplateError, relation_from_json, relation_to_json
from desktop.xlsx import styles
from desktop.xlsx.layout import ROW, TABLE
from desktop.xlsx.sheet import SheetReader, SheetWriter, addr

UNIT_PREFIX = "(단위 : "
MAX_SUM_ARGS = 200


@dataclass(frozen=True)
class Shape:
    lc: int  # label columns shown (group | label)
    ru: bool  # a 단위 column for row units
    gh: bool  # a header row of column groups
    uh: bool  # a header row of column units

    @property
    def head_rows(self) -> int:
        return int(self.gh) + 1 + int(self.uh)

    def width(self, ncols: int) -> int:
        return self.lc + int(self.ru) + ncols


def shape(table: Table) -> Shape:
    lc = max(table.label_columns, 2 if any(r.group for r in table.rows) else 1)
    return Shape(lc=min(lc, 2), ru=any(r.unit for r in table.rows), gh=any(c.group for c in table.columns),
                 uh=any(c.unit for c in table.columns))


def table_width(table: Table) -> int:
    return shape(table).width(len(table.columns))


def unit_text(unit: str) -> str:
    return f"{UNIT_PREFIX}{unit})" if unit else ""


def parse_unit(text: str) -> str:
    if text.startswith(UNIT_PREFIX) and text.endswith(")"):
        return text[len(UNIT_PREFIX):-1]
    t = text.strip()
    if t.startswith("(") and t.endswith(")") and "단위" in t:
        inner = t[1:-1].split("단위", 1)[1].lstrip(" :：").strip()
        return inner
    return t


def _runs(keys: list[str]) -> list[tuple[int, int]]:
    """(start, end) index runs of equal, non-empty adjacent values."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(keys):
        j = i
        while j + 1 < len(keys) and keys[i] and keys[j + 1] == keys[i]:
            j += 1
        out.append((i, j))
        i = j + 1
    return out


def sum_expr(cells: list[tuple[int, int]]) -> str:
    """SUM(...) over the cells, contiguous runs written as ranges."""
    if not cells:
        return "0"
    parts: list[str] = []
    rows = {r for r, _ in cells}
    cols = {c for _, c in cells}
    if len(rows) == 1 or len(cols) == 1:
        along_row = len(rows) == 1
        seq = sorted(cells, key=lambda rc: rc[1] if along_row else rc[0])
        start = prev = seq[0]
        for rc in [*seq[1:], None]:
            step = rc is not None and ((rc[1] == prev[1] + 1) if along_row else (rc[0] == prev[0] + 1))
            if step and rc is not None:
                prev = rc
                continue
            parts.append(addr(*start) if start == prev else f"{addr(*start)}:{addr(*prev)}")
            if rc is not None:
                start = prev = rc
    else:
        parts = [addr(r, c) for r, c in cells]
    chunks = [parts[i:i + MAX_SUM_ARGS] for i in range(0, len(parts), MAX_SUM_ARGS)]
    return "+".join(f"SUM({','.join(ch)})" for ch in chunks)


def _spans(table: Table, sh: Shape, room: int) -> list[int]:
    """Sheet columns per table column: 1, and the room left over shared among the text columns (a
    사업명 column gets the width of several so that its text reads)."""
    spans = [1] * len(table.columns)
    texts = [j for j, c in enumerate(table.columns) if c.kind == "text"]
    spare = room - sh.width(len(table.columns))
    for k in range(max(spare, 0) if texts else 0):
        spans[texts[k % len(texts)]] += 1
    return spans


def write_table(sw: SheetWriter, table: Table, c0: int, what: str) -> dict[tuple[str, str], tuple[int, int]]:
    """Write `table` with its left edge at column c0; return the sheet cell of every value cell."""
    sh = shape(table)
    vc0 = c0 + sh.lc + int(sh.ru)
    spans = _spans(table, sh, sw.last_col - c0 + 1)
    starts = [vc0 + sum(spans[:j]) for j in range(len(spans))]
    ends = [st + n - 1 for st, n in zip(starts, spans, strict=True)]
    last = ends[-1] if ends else vc0 - 1
    r = sw.take()
    payload: dict[str, Any] = {
        "k": table.key, "c0": c0, "L": sh.lc, "ru": sh.ru, "gh": sh.gh, "uh": sh.uh,
        "lc": table.label_columns, "yc": table.year_columns,
        "cols": [[c.key, "t" if c.kind == "text" else "n", int(c.negative)] for c in table.columns],
        "rel": [relation_to_json(x) for x in table.relations],
    }
    negative = {r.key: (True if r.negative else list(r.negative_cols)) for r in table.rows
                if r.negative or r.negative_cols}
    if negative:
        payload["rn"] = negative  # rows (or cells of them) where △ is allowed
    if any(n > 1 for n in spans):
        payload["cp"] = starts  # where each column starts: text columns span several sheet columns
        payload["ce"] = last
    sw.mark(r, TABLE, payload)
    if table.unit:
        sw.text(r, max(last - 2, c0), unit_text(table.unit), c2=last, border=False, align=styles.RIGHT,
                font=styles.SMALL, what=f"{what} 단위")
    # header
    h0 = sw.take(sh.head_rows)  # the header rows follow the TABLE row; their number is in its marker
    h1 = h0 + sh.head_rows - 1
    head = {"fill": styles.HEAD_FILL, "font": styles.BOLD, "align": styles.CENTER}
    sw.text(h0, c0, table.corner, r2=h1, c2=c0 + sh.lc - 1, what=f"{what} 머리칸", **head)
    if sh.ru:
        sw.label(h0, c0 + sh.lc, "단위", r2=h1, fill=styles.HEAD_FILL)
    cols = table.columns
    if sh.gh:
        for a, b in _runs([c.group for c in cols]):
            if cols[a].group:
                sw.text(h0, starts[a], cols[a].group, c2=ends[b], what=f"{what} 열 묶음", **head)
                for j in range(a, b + 1):
                    sw.text(h0 + 1, starts[j], cols[j].label, c2=ends[j], what=f"{what} 열 이름", **head)
            else:
                for j in range(a, b + 1):
                    sw.text(h0, starts[j], cols[j].label, r2=h0 + 1, c2=ends[j], what=f"{what} 열 이름", **head)
    else:
        for j, col in enumerate(cols):
            sw.text(h0, starts[j], col.label, c2=ends[j], what=f"{what} 열 이름", **head)
    if sh.uh:
        for j, col in enumerate(cols):
            sw.text(h1, starts[j], col.unit, c2=ends[j], what=f"{what} 열 단위", **head)
    # body
    rows = table.rows
    b0 = sw.take(len(rows))
    sw.keeps.append((r, b0 if rows else h1))  # printed: the unit, the header and the first row on one page
    pos_r = {row.key: b0 + i for i, row in enumerate(rows)}
    pos_c = {col.key: starts[j] for j, col in enumerate(cols)}
    end_c = {col.key: ends[j] for j, col in enumerate(cols)}
    label = {"fill": styles.LABEL_FILL, "align": styles.CENTER}
    if sh.lc == 2:
        for a, b in _runs([row.group for row in rows]):
            if rows[a].group:
                sw.text(b0 + a, c0, rows[a].group, r2=b0 + b, what=f"{what} 행 묶음", **label)
                for i in range(a, b + 1):
                    sw.text(b0 + i, c0 + 1, rows[i].label, what=f"{what} 행 이름", **label)
            else:
                for i in range(a, b + 1):
                    sw.text(b0 + i, c0, rows[i].label, c2=c0 + 1, what=f"{what} 행 이름", **label)
    else:
        for i, row in enumerate(rows):
            sw.text(b0 + i, c0, row.label, what=f"{what} 행 이름", **label)
    tv = TableValues(table)
    # "row\tcol" → [stated text, formula]: a stated total written as the formula it agrees with
    stated: dict[str, list[str]] = {}
    for i, row in enumerate(rows):
        rr = b0 + i
        sw.mark(rr, ROW, row.key)
        if sh.ru:
            sw.text(rr, c0 + sh.lc, row.unit, align=styles.CENTER, what=f"{what} 행 단위")
        runs = continued_text(table, row)
        covered = {x for a, b in runs.items() for x in range(a + 1, b + 1)}
        for j, col in enumerate(cols):
            if j in covered:
                continue  # the merged text cell to its left spans it
            k = runs.get(j)
            if k is not None:  # a text cell the source merged across the next columns: one centred cell
                sw.text(rr, starts[j], str(row.cells[col.key]), c2=ends[k], align=styles.CENTER,
                        what=f"{what} {row.label} {col.label}")
                continue
            _write_cell(sw, tv, row, col, pos_r, pos_c, end_c[col.key], f"{what} {row.label} {col.label}", stated)
    if stated:
        payload["sf"] = stated
        sw.mark(r, TABLE, payload)
    return {(rk, ck): (rr, cc) for rk, rr in pos_r.items() for ck, cc in pos_c.items()}


def continued_text(table: Table, row: Row) -> dict[int, int]:
    """Text cells the source merged across columns, as the print shows them (docs/card-format.md): a
    filled text cell continued by the text cells stated empty (null) right of it → {first column
    index: last column index it spans}."""
    cols = table.columns
    out: dict[int, int] = {}
    j = 0
    while j < len(cols):
        k = j
        v = row.cells.get(cols[j].key)
        if cols[j].kind == "text" and isinstance(v, str) and v.strip():
            while (k + 1 < len(cols) and cols[k + 1].kind == "text" and cols[k + 1].key in row.cells
                   and row.cells[cols[k + 1].key] is None):
                k += 1
        if k > j:
            out[j] = k
        j = k + 1
    return out


def _agrees(tv: TableValues, rk: str, ck: str, v: Decimal) -> bool:
    """Whether every sum the table declares for this cell equals the stated `v` (a cell two sums
    target, the 총계 × 계 corner, is a formula only when both agree)."""
    specs = [s for s in tv.specs if s.target == (rk, ck)]
    return bool(specs) and all(tv.computed(rk, ck, s) == v for s in specs)


def _write_cell(sw: SheetWriter, tv: TableValues, row: Row, col: Column, pos_r: dict[str, int],
                pos_c: dict[str, int], end: int, what: str, stated: dict[str, list[str]]) -> None:
    r, c = pos_r[row.key], pos_c[col.key]
    derived = col.kind == "number" and tv.is_derived(row.key, col.key)
    expr = ""
    if derived:
        spec = tv.by_target[(row.key, col.key)]
        expr = sum_expr([(pos_r[a], pos_c[b]) for a, b in spec.operands if a in pos_r and b in pos_c])
    if col.key in row.cells:
        v: CellValue = row.cells[col.key]
        if expr and isinstance(v, Decimal) and _agrees(tv, row.key, col.key, v):
            # A stated total that agrees with its parts is their formula too, so the file stays live;
            # the stated text rides in the table's marker and comes back exactly (read_table).
            sw.formula(r, c, "=" + expr, styles.amount_format(decimal_places(v)), c2=end)
            stated[f"{row.key}\t{col.key}"] = [plain(v), expr]
        elif isinstance(v, Decimal):
            sw.amount(r, c, v, c2=end)
        elif v is None:
            sw.none(r, c, c2=end)
        else:
            sw.text(r, c, v, c2=end, what=what)
        if derived and f"{row.key}\t{col.key}" not in stated:
            a = addr(r, c)
            sw.parts.rules.append((a, f"ROUND(N({a})-({expr}),9)<>0"))
    elif derived:
        computed = tv.computed(row.key, col.key)
        places = decimal_places(computed) if computed is not None else 0
        sw.formula(r, c, "=" + expr, styles.amount_format(places, True))
    else:
        sw.blank(r, c, c2=end)


# ---------------------------------------------------------------- reading

def read_table(sr: SheetReader, rows: list[tuple[int, str, Any]], i: int) -> tuple[Table | None, int]:
    """Read the table whose TABLE row is rows[i]; return it and the index after its last row."""
    r, _, p = rows[i]
    if not isinstance(p, dict):
        sr.problem(r, 1, "표 표시가 손상되었습니다")
        return None, i + 1
    try:
        c0 = int(p["c0"])
        sh = Shape(lc=int(p["L"]), ru=bool(p["ru"]), gh=bool(p["gh"]), uh=bool(p["uh"]))
        cols_spec = [(str(k), "text" if kind == "t" else "number", bool(neg)) for k, kind, neg in p["cols"]]
        relations = [relation_from_json(x, "표") for x in p.get("rel", [])]
        key = str(p.get("k", ""))
        label_columns = int(p.get("lc", 1))
    except (KeyError, TypeError, ValueError, TemplateError):
        sr.problem(r, 1, "표 표시가 손상되었습니다")
        return None, i + 1
    vc0 = c0 + sh.lc + int(sh.ru)
    starts = [int(x) for x in p["cp"]] if isinstance(p.get("cp"), list) else [vc0 + j for j in range(len(cols_spec))]
    if len(starts) != len(cols_spec):
        sr.problem(r, 1, "표 표시가 손상되었습니다")
        return None, i + 1
    last = int(p.get("ce", max(starts[-1] if starts else vc0 - 1, vc0 - 1)))
    unit = ""
    for c in range(c0, last + 1):
        if sr.present(r, c):
            unit = parse_unit(sr.text(r, c))
            break
    table = Table(key=key, unit=unit, relations=relations, year_columns=bool(p.get("yc")),
                  label_columns=label_columns if label_columns in (0, 1, 2) else 1)
    h0 = r + 1
    heads = list(range(h0, h0 + sh.head_rows))
    i += 1
    while i < len(rows) and rows[i][0] <= heads[-1]:
        if rows[i][1]:
            sr.problem(r, c0, "표의 머리글 행을 찾을 수 없습니다 (행을 지웠거나 넣었습니까?)")
            return None, i
        i += 1
    table.corner = sr.text(h0, c0)
    for j, (ck, kind, neg) in enumerate(cols_spec):
        c = starts[j]
        group, label = "", ""
        if sh.gh:
            box = sr.merged.get((h0, c))
            if box is not None and box[0] == h0 and box[1] == c and box[2] > box[0]:
                label = sr.text(h0, c)
            else:
                tr, tc = sr.top_left(h0, c)
                group = sr.text(tr, tc)
                label = sr.text(h0 + 1, c)
        else:
            label = sr.text(h0, c)
        unit_c = sr.text(heads[-1], c) if sh.uh else ""
        table.columns.append(Column(key=ck, label=label, kind=kind, group=group, unit=unit_c, negative=neg))  # type: ignore[arg-type]
    # the body: rows marked with their key, and rows inserted among them in Excel (no marker)
    last_marked = i - 1
    j = i
    while j < len(rows) and rows[j][1] in (ROW, ""):
        if rows[j][1] == ROW:
            last_marked = j
        j += 1
    body: list[int] = []
    keys: list[str] = []
    while i <= last_marked:
        rr, tag, rp = rows[i]
        keys.append(rp if tag == ROW and isinstance(rp, str) else "")
        body.append(rr)
        i += 1
    used = {k for k in keys if k}
    n = 1
    for rr, k in zip(body, keys, strict=True):
        if not k or k in {row.key for row in table.rows}:
            while f"row{n}" in used:
                n += 1
            k = f"row{n}"
            used.add(k)
        table.rows.append(_read_row_labels(sr, sh, rr, c0, k))
    negative = p.get("rn") if isinstance(p.get("rn"), dict) else {}
    for row in table.rows:
        neg = negative.get(row.key)
        if neg is True:
            row.negative = True
        elif isinstance(neg, list):
            row.negative_cols = [str(x) for x in neg]
    tv = TableValues(table)
    stated = p.get("sf") if isinstance(p.get("sf"), dict) else {}
    formulas: list[tuple[Row, str, str]] = []
    for rr, row in zip(body, table.rows, strict=True):
        for j, col in enumerate(table.columns):
            c = starts[j]
            if col.kind == "text":
                if sr.present(rr, c):
                    row.cells[col.key] = sr.opt_text(rr, c)
                elif _continues(sr, rr, c, starts, table.columns):
                    row.cells[col.key] = None  # spanned by the text cell to its left: stated empty
                continue
            if sr.is_formula(rr, c) and tv.is_derived(row.key, col.key):
                was = stated.get(f"{row.key}\t{col.key}")
                if isinstance(was, list) and len(was) == 2 and sr.raw(rr, c) == f"={was[1]}":
                    formulas.append((row, col.key, was[0]))  # ours: a stated total (another formula: computed)
                continue  # computed: the formula of its parts
            present, value = sr.amount(rr, c, row.unit or col.unit or table.unit)
            if present:
                row.cells[col.key] = value
    # A stated total written as its formula comes back as stated — exactly, while its parts still
    # agree; as the sum the sheet now shows when they were edited in Excel.
    tv = TableValues(table)
    sums = [(row, ck, _decimal(text), tv.computed(row.key, ck)) for row, ck, text in formulas]
    for row, ck, was, total in sums:
        row.cells[ck] = was if was is not None and was == total else total
    return table, i


def _continues(sr: SheetReader, r: int, c: int, starts: list[int], cols: list[Column]) -> bool:
    """The cell lies under a merge, in this row only, that starts at an earlier text column's cell."""
    box = sr.merged.get((r, c))
    if box is None or box[0] != r or box[2] != r or box[1] >= c:
        return False
    return any(st == box[1] and col.kind == "text" for st, col in zip(starts, cols, strict=True))


def _decimal(text: object) -> Decimal | None:
    try:
        return Decimal(str(text))
    except ArithmeticError:
        return None


def _read_row_labels(sr: SheetReader, sh: Shape, r: int, c0: int, key: str) -> Row:
    row = Row(key=key, label="")
    if sh.lc == 2:
        box = sr.merged.get((r, c0))
        if box is not None and box[0] == box[2] == r and box[1] == c0 and box[3] > c0:
            row.label = sr.text(r, c0)
        else:
            tr, tc = sr.top_left(r, c0)
            row.group = sr.text(tr, tc)
            row.label = sr.text(r, c0 + 1)
    else:
        row.label = sr.text(r, c0)
    if sh.ru:
        row.unit = sr.text(r, c0 + sh.lc)
    return row
