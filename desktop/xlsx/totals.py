"""The 집계 sheet: cards per 추진상황 (건수, 비율; "-" for zero) overall, by 분야 and by 부서, and the
budget by source per unit — every number a formula over the 총괄표."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.model import Card
from desktop.core.natural import natural_key
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import styles
from desktop.xlsx.card_writer import page_setup
from desktop.xlsx.safety import quote_sheet
from desktop.xlsx.sheet import FastSheet, addr, display_width
from desktop.xlsx.summary import FIRST_DATA, NONE, Columns, head_text

AREA_COL, DEPT_COL, STATUS_COL = "C", "E", "F"


def statuses(cards: list[Card], registry: TemplateRegistry) -> list[str]:
    out: list[str] = []
    for name in dict.fromkeys(c.template for c in cards):
        t = registry.templates.get(name)
        for s in t.statuses if t else []:
            if s not in out:
                out.append(s)
    for c in cards:
        s = c.status or NONE
        if s not in out:
            out.append(s)
    return out


def _label(fs: FastSheet, r: int, c: int, text: str, *, head: bool = True, data: bool = False,
           r2: int | None = None, c2: int | None = None) -> None:
    """A heading or a row label; `data` marks card text (a status, 분야, 부서), kept exactly."""
    fill = styles.HEAD_FILL if head else None
    font = styles.BOLD if head else styles.BODY
    if data and text != NONE:
        fs.text(r, c, text, r2=r2, c2=c2, fill=fill, font=font, align=styles.CENTER, what="집계")
    else:
        fs.label(r, c, text, r2=r2, c2=c2, fill=fill, font=font)


def _count(fs: FastSheet, r: int, c: int, formula: str, head: bool = False) -> None:
    fs.formula(r, c, formula, styles.COUNT, font=styles.BOLD if head else styles.BODY,
               fill=styles.HEAD_FILL if head else None)


def _ratio(fs: FastSheet, r: int, c: int, formula: str, head: bool = False) -> None:
    fs.formula(r, c, formula, styles.RATIO, font=styles.BOLD if head else styles.BODY,
               fill=styles.HEAD_FILL if head else None)


def _section(fs: FastSheet, r: int, title: str) -> None:
    fs.label(r, 1, title, c2=4, font=styles.HEADING, fill=None, border=False, align=styles.LEFT)


def write_totals(ws: Worksheet, fs: FastSheet, cards: list[Card], registry: TemplateRegistry, summary: str,
                 cols: Columns) -> None:
    n = len(cards)
    last = FIRST_DATA + max(n, 1) - 1
    sref = quote_sheet(summary)

    def rng(col: str) -> str:
        return f"{sref}!${col}${FIRST_DATA}:${col}${last}"

    sts = statuses(cards, registry)
    fs.label(1, 1, "공약 추진 집계", c2=6, font=styles.TITLE, fill=None, border=False, align=styles.LEFT)
    fs.set_height(1, 30)
    r = 3
    # 1. by status
    _section(fs, r, "1. 추진상황별")
    r += 1
    for j, h in enumerate(("추진상황", "건수", "비율"), start=1):
        _label(fs, r, j, h)
    r += 1
    first = r
    for s in sts:
        _label(fs, r, 1, s, head=False, data=True)
        _count(fs, r, 2, f"=SUMPRODUCT(--({rng(STATUS_COL)}={addr(r, 1)}))" if n else "=0")
        r += 1
    total_row = r
    _label(fs, r, 1, "계")
    _count(fs, r, 2, f"=SUM({addr(first, 2)}:{addr(r - 1, 2)})" if sts else "=0", head=True)
    for rr in range(first, total_row + 1):
        _ratio(fs, rr, 3, f"=IF(N({addr(total_row, 2)})=0,0,{addr(rr, 2)}/{addr(total_row, 2)})", head=rr == total_row)
    r += 2
    # 2, 3. cross tables
    areas = sorted({c.area_or_default or NONE for c in cards}, key=natural_key)
    depts = sorted({c.dept or NONE for c in cards})
    r = _cross(fs, r, "2. 분야별 추진상황", "분야", areas, rng(AREA_COL), rng(STATUS_COL), sts, n) + 2
    r = _cross(fs, r, "3. 부서별 추진상황", "부서", depts, rng(DEPT_COL), rng(STATUS_COL), sts, n) + 2
    # 4. budget by source, per unit
    _section(fs, r, "4. 재원별 예산 (총괄표의 합계)")
    r += 1
    heads = ["단위", "구분", "계", *(head_text(s) for s in cols.sources), "집행률"]
    for j, h in enumerate(heads, start=1):
        _label(fs, r, j, h)
    if any("\n" in h for h in heads):
        fs.set_height(r, 30)
    r += 1
    for unit, trow in cols.total_rows.items():
        for k, (name, start) in enumerate((("소요예산", cols.plan0), ("투입예산", cols.spent0))):
            if k == 0:
                _label(fs, r, 1, unit, head=False, data=True, r2=r + 1)
            _label(fs, r, 2, name, head=False)
            for j in range(len(cols.sources) + 1):
                src = get_column_letter(start + j)
                fmt = summary_format(cols, trow, start + j)
                fs.formula(r, 3 + j, f"={sref}!{src}{trow}", fmt)
            if k == 1:
                p, s = addr(r - 1, 3), addr(r, 3)
                _ratio(fs, r, len(heads), f'=IF(N({p})=0,"-",N({s})/N({p}))')
            else:
                fs.blank(r, len(heads))
            r += 1
    widths = {1: 16, 2: 10}
    for j, h in enumerate(heads[3:-1], start=4):  # a source's longest header line fits its column
        widths[j] = max(9, *(display_width(line) + 1 for line in h.split("\n")))
    for j in range(1, 3 + 2 * max(len(sts), len(cols.sources) + 2)):
        fs.parts.widths[j] = max(widths.get(j, 9), fs.parts.widths.get(j, 0))
    page_setup(ws, fs.parts, landscape=True, area=f"A1:{addr(max(r, 2), max(3 + 2 * len(sts), len(heads)))}")


def summary_format(cols: Columns, row: int, col: int) -> str:
    return cols.formats.get((row, col), styles.amount_format(0, True))


def _cross(fs: FastSheet, r: int, title: str, what: str, keys: list[str], key_rng: str, st_rng: str,
           sts: list[str], n: int) -> int:
    _section(fs, r, title)
    r += 1
    h = r
    _label(fs, h, 1, what, r2=h + 1)
    _label(fs, h, 2, "계", r2=h + 1)
    for k, s in enumerate(sts):
        c = 3 + 2 * k
        _label(fs, h, c, s, data=True, c2=c + 1)
        _label(fs, h + 1, c, "건수")
        _label(fs, h + 1, c + 1, "비율")
    r = h + 2
    first = r
    for key in keys:
        _label(fs, r, 1, key, head=False, data=True)
        _count(fs, r, 2, f"=SUMPRODUCT(--({key_rng}={addr(r, 1)}))" if n else "=0")
        for k in range(len(sts)):
            c = 3 + 2 * k
            _count(fs, r, c, f"=SUMPRODUCT(({key_rng}={addr(r, 1)})*({st_rng}={addr(h, c)}))" if n else "=0")
            _ratio(fs, r, c + 1, f"=IF(N({addr(r, 2)})=0,0,{addr(r, c)}/{addr(r, 2)})")
        r += 1
    _label(fs, r, 1, "합계")
    for c in range(2, 3 + 2 * len(sts)):
        if c == 2 or (c - 3) % 2 == 0:
            _count(fs, r, c, f"=SUM({addr(first, c)}:{addr(r - 1, c)})" if keys else "=0", head=True)
        else:
            _ratio(fs, r, c, f"=IF(N({addr(r, 2)})=0,0,{addr(r, c - 1)}/{addr(r, 2)})", head=True)
    return r
