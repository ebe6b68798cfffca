"""The 총괄표: one row per card in 관리번호 order — 연번, 관리번호 (a link to the card's sheet), 분야,
공약제목, 주관부서, 추진상황, 진도, 단위, 소요예산 and 투입예산 by source, 집행률, 기준일.

Amounts are formulas that point at the card sheets' cells and 집행률 is 투입/소요, so an edit in Excel
carries through. Cards of templates with different sources get the union of the source labels; the
합계 rows are kept apart per unit (백만원 and 천원 are never added). The sheet is a summary: an
import reads the card sheets only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.budget import Budget, find_budget
from desktop.core.checks.labels import clean
from desktop.core.dates import fmt_date
from desktop.core.listcols import main_template, summary_title
from desktop.core.model import Card
from desktop.core.numbers import decimal_places
from desktop.core.templates import Template, TemplateRegistry
from desktop.xlsx import styles
from desktop.xlsx.card_writer import CardSheet, page_setup
from desktop.xlsx.safety import formula_string, quote_sheet
from desktop.xlsx.sheet import FastSheet, addr, display_width

HEAD_ROW = 3  # two header rows: 3 and 4
FIRST_DATA = 5
FIXED = ["연번", "관리번호", "분야", "공약제목", "주관부서", "추진상황", "진도", "단위"]
WIDTHS = [5, 11, 9, 36, 14, 11, 6, 7]
UNIT_COL = 8
NONE = "-"


@dataclass
class Columns:
    sources: list[str]
    total_rows: dict[str, int] = field(default_factory=dict)  # unit → its 합계 row
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # number formats of the 합계 cells

    @property
    def plan0(self) -> int:  # 소요예산 계
        return len(FIXED) + 1

    @property
    def spent0(self) -> int:  # 투입예산 계
        return self.plan0 + 1 + len(self.sources)

    @property
    def ratio(self) -> int:
        return self.spent0 + 1 + len(self.sources)

    @property
    def base_date(self) -> int:
        return self.ratio + 1

    @property
    def last(self) -> int:
        return self.base_date


def fixed_labels(template: Template | None) -> list[str]:
    """The fixed columns headed in the document's own words: 공약제목 is the template's 사업명, …"""
    if template is None or (template.card_word == "공약" and not template.list_columns):
        return list(FIXED)
    own = {"공약제목": "title", "주관부서": "dept", "추진상황": "status", "진도": "progress"}
    return [clean(template.field_label(own[h], h)) if h in own else h for h in FIXED]


def union_sources(cards: list[Card], registry: TemplateRegistry) -> list[str]:
    out: list[str] = []
    for name in dict.fromkeys(c.template for c in cards):
        t = registry.templates.get(name)
        for s in t.sources if t else []:
            if s.label not in out:
                out.append(s.label)
    return out


def unit_of(budget: Budget | None) -> str:
    return budget.unit if budget is not None and budget.unit else NONE


def head_text(text: str) -> str:
    """A header label broken before its parenthesis ("구비 (기금포함)" → "구비" over "(기금포함)"),
    never after "구비 (" where a narrow column would cut it."""
    i = text.find("(")
    return f"{text[:i].rstrip()}\n{text[i:]}" if i > 0 else text


def head(fs: FastSheet, r: int, c: int, text: str, r2: int | None = None, c2: int | None = None) -> None:
    fs.label(r, c, text, r2=r2, c2=c2, fill=styles.HEAD_FILL)


# Landscape A4 inside the margins (0.4 in each side): about 784 points. A sheet wider than this at
# FIT_MIN of its size prints two pages wide instead of smaller type.
PRINT_WIDTH = 784.0
FIT_MIN = 0.75


def pages_wide(widths: list[float]) -> int:
    """1 or 2: the pages a landscape sheet of these column widths (characters) is fitted across."""
    points = sum(7 * w + 5 for w in widths) * 0.75  # Excel: a character is 7 pixels, plus padding
    return 1 if PRINT_WIDTH / points >= FIT_MIN else 2


def write_summary(ws: Worksheet, fs: FastSheet, cards: list[Card], sheets: list[CardSheet],
                  registry: TemplateRegistry) -> Columns:
    cols = Columns(union_sources(cards, registry))
    main = main_template(cards, registry.templates)
    word = main.card_word if main is not None else "공약"
    # on the first page's left, not centred across a sheet printed two pages wide
    fs.label(1, 1, summary_title(word), c2=len(FIXED), font=styles.TITLE, fill=None, border=False, align=styles.LEFT)
    fs.set_height(1, 30)
    fs.label(2, 1, f"{'카드' if word == '공약' else word} {len(cards):,}건 · 금액은 카드별 단위", c2=len(FIXED),
             font=styles.SMALL, align=styles.LEFT, fill=None, border=False)
    for j, name in enumerate(fixed_labels(main), start=1):
        head(fs, HEAD_ROW, j, name, r2=HEAD_ROW + 1)
    for start, group in ((cols.plan0, "소요예산"), (cols.spent0, "투입예산")):
        head(fs, HEAD_ROW, start, group, c2=start + len(cols.sources))
        head(fs, HEAD_ROW + 1, start, "계")
        for k, label in enumerate(cols.sources, start=1):
            head(fs, HEAD_ROW + 1, start + k, head_text(label))
    head(fs, HEAD_ROW, cols.ratio, "집행률", r2=HEAD_ROW + 1)
    head(fs, HEAD_ROW, cols.base_date, "기준일", r2=HEAD_ROW + 1)
    fs.set_height(HEAD_ROW + 1, 30)
    units: list[str] = []
    budgets = []
    for card in cards:
        template = registry.templates.get(card.template)
        budgets.append(find_budget(card, template) if template else None)
    refs = [_refs(card, sheet, budget) for card, sheet, budget in zip(cards, sheets, budgets, strict=True)]
    places = _places(refs, cols)  # one number format per column: 9.6 beside 750 shows 750.0
    for i, (card, sheet) in enumerate(zip(cards, sheets, strict=True)):
        unit = unit_of(budgets[i])
        if unit not in units:
            units.append(unit)
        _card_row(fs, FIRST_DATA + i, i + 1, card, sheet, budgets[i], cols, places, refs[i])
    last_data = FIRST_DATA + len(cards) - 1
    if cards:
        for k, unit in enumerate(units):
            cols.total_rows[unit] = last_data + 1 + k
            _total_row(fs, last_data + 1 + k, unit, last_data, cols, places)
    widths = [*WIDTHS, *[9] * (cols.last - len(WIDTHS))]
    for k, label in enumerate(cols.sources, start=1):  # a source's longest header line fits its column
        width = max(9, *(display_width(line) + 1 for line in head_text(label).split("\n")))
        widths[cols.plan0 + k - 1] = widths[cols.spent0 + k - 1] = width
    widths[cols.ratio - 1] = 8
    widths[cols.base_date - 1] = 12
    fs.parts.widths.update(enumerate(widths, start=1))
    fs.parts.freeze = "C5"
    fs.parts.fit_width = pages_wide(widths)
    if fs.parts.fit_width > 1:
        ws.print_title_cols = "A:B"  # every page names its rows: 연번, 관리번호
    page_setup(ws, fs.parts, landscape=True, title_rows=f"{HEAD_ROW}:{HEAD_ROW + 1}",
               area=f"A1:{addr(max(last_data + len(cols.total_rows), HEAD_ROW + 1), cols.last)}")
    return cols


def _places(refs: list[dict[str, tuple[str, Decimal | None]]], cols: Columns) -> dict[int, int]:
    """Decimals of each amount column: the most any of its cards states."""
    places: dict[int, int] = {}
    for r in refs:
        for start, total, split in ((cols.plan0, "plan", "plan_sources"), (cols.spent0, "spent", "spent_sources")):
            names = [(start, total)] + [(start + k, f"{split}:{label}") for k, label in enumerate(cols.sources, 1)]
            for c, name in names:
                v = r.get(name)
                if v is not None and v[1] is not None:
                    places[c] = max(places.get(c, 0), decimal_places(v[1]))
    return places


def _card_row(fs: FastSheet, r: int, n: int, card: Card, sheet: CardSheet, budget: Budget | None, cols: Columns,
              places: dict[int, int], refs: dict[str, tuple[str, Decimal | None]]) -> None:
    fs.number(r, 1, n, "General", align=styles.CENTER)
    where = f"카드 '{card.number or card.id}'"
    fs.text(r, 2, card.number, align=styles.CENTER, what=where)
    fs.parts.links.append((addr(r, 2), f"{quote_sheet(sheet.title)}!B1"))
    for c, text, align in ((3, card.area_or_default, styles.CENTER), (4, card.title, styles.LEFT),
                           (5, card.dept, styles.CENTER), (6, card.status, styles.CENTER)):
        if text or c == 4:
            fs.text(r, c, text, align=align, what=where)
        else:
            fs.label(r, c, NONE, font=styles.BODY, fill=None)  # an empty field shows "-", one group in the 집계
    if card.progress is None:
        fs.label(r, 7, NONE, font=styles.BODY, fill=None)
    else:
        fs.number(r, 7, card.progress, styles.PERCENT, align=styles.CENTER)
    fs.label(r, UNIT_COL, unit_of(budget), font=styles.BODY, fill=None)
    for start, total, split in ((cols.plan0, "plan", "plan_sources"), (cols.spent0, "spent", "spent_sources")):
        _amount_ref(fs, r, start, refs.get(total), places)
        for k, label in enumerate(cols.sources, start=1):
            _amount_ref(fs, r, start + k, refs.get(f"{split}:{label}"), places)
    if "spent" in refs:
        p, s = addr(r, cols.plan0), addr(r, cols.spent0)
        fs.formula(r, cols.ratio, f'=IF(N({p})=0,"-",N({s})/N({p}))', styles.RATIO)
    else:
        fs.none(r, cols.ratio)
    bd = card.base_date
    if bd is None:
        fs.label(r, cols.base_date, NONE, font=styles.BODY, fill=None)
    elif bd >= date(1900, 3, 1):
        fs.number(r, cols.base_date, bd, styles.DATE, align=styles.CENTER)
    else:
        fs.label(r, cols.base_date, fmt_date(bd), font=styles.BODY, fill=None)


def _refs(card: Card, sheet: CardSheet, budget: Budget | None) -> dict[str, tuple[str, Decimal | None]]:
    """Formula and the core's value of each budget cell: name → (='sheet'!$E$15, value). 소요 and 투입(확보)
    are read where the budget's places say (성동구's 확보액 in its own column), as the overview reads them."""
    out: dict[str, tuple[str, Decimal | None]] = {}
    if budget is None:
        return out
    for name, kind in (("plan", "needed"), ("spent", "secured")):
        pl = budget.place(kind)
        tv = budget.values(card, pl.block)
        if tv is None:
            continue
        for key, row in ((name, pl.total), *((f"{name}_sources:{label}", rk) for label, rk in pl.sources.items())):
            pos = sheet.cells.get((pl.block, row, pl.col))
            if row and pos is not None:
                ref = f"={quote_sheet(sheet.title)}!${get_column_letter(pos[1])}${pos[0]}"
                out[key] = (ref, tv.value(row, pl.col))
    return out


def _amount_ref(fs: FastSheet, r: int, c: int, ref: tuple[str, Decimal | None] | None,
                places: dict[int, int]) -> None:
    if ref is None:
        fs.none(r, c)
        return
    fs.formula(r, c, ref[0], styles.amount_format(places.get(c, 0), True))


def _total_row(fs: FastSheet, r: int, unit: str, last_data: int, cols: Columns, places: dict[int, int]) -> None:
    head(fs, r, 1, f"합계 ({unit})" if unit != NONE else "합계 (단위 없음)", c2=len(FIXED))
    units = f"$H${FIRST_DATA}:$H${last_data}"
    for c in range(cols.plan0, cols.ratio):
        col = get_column_letter(c)
        fmt = cols.formats[(r, c)] = styles.amount_format(places.get(c, 0), True)
        fs.formula(r, c, f"=SUMPRODUCT(--({units}={formula_string(unit)}),{col}{FIRST_DATA}:{col}{last_data})",
                   fmt, font=styles.BOLD, fill=styles.HEAD_FILL)
    p, s = addr(r, cols.plan0), addr(r, cols.spent0)
    fs.formula(r, cols.ratio, f'=IF(N({p})=0,"-",N({s})/N({p}))', styles.RATIO, font=styles.BOLD,
               fill=styles.HEAD_FILL)
    fs.blank(r, cols.base_date, fill=styles.HEAD_FILL)
