"""The workbook's 집계 sheet (SPEC §5, §8): the tables of the 이행 현황 보고서 from the same overview core
(desktop/core/overview.py) — 추진상황 with the template's grouping and definitions, 분야별·부서별
추진상황, 진도, 재정 현황 by source meaning (구로구's "구비 (기금포함)" is 구비) with the evaluators'
rates, each with its definition and the counts behind it — and native Excel charts over those cells
(추진상황 bars in the statuses' colours, 소요 vs 확보 by source, the 진도 histogram).

The numbers are values computed when the workbook was written (what `pledgecard summary --json` says
for the same cards), not formulas over the 총괄표: sources by meaning, status spellings and the in-term
columns are the core's business, which a spreadsheet formula cannot repeat. Printed on A4 landscape,
fit to the page width. An import reads the card sheets only; this sheet is never read back.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.model import Card
from desktop.core.numbers import decimal_places
from desktop.core.overview import SCOPE_NAMES, Cross, Overview, compute_overview
from desktop.core.overview_text import SHOWN_SCOPES, as_of
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import styles
from desktop.xlsx.card_writer import page_setup
from desktop.xlsx.sheet import FastSheet, addr, display_width
from desktop.xlsx.values import excel_number

TITLE = "공약 이행 현황 집계"
FIRST_WIDTH = 22.0  # column A: statuses, 분야, 부서, 재원 (기타(미분류): …) — wraps beyond
WIDTH = 11.0  # every other column
PERCENT_1 = '0.0"%"'  # a rate as the core rounds it: 80.6 → "80.6%"
NEEDED, SECURED, BAR = "9FB0C4", "2F4F7F", "5B7FAE"  # desktop/pdf/charts.py's colours
CHART_ROWS = 15  # rows a chart takes (7 cm at the default row height, 0.53 cm) with a gap
CHART_ROW_POINTS = 15.0  # the chart rows' height: 15 rows of 15 pt, 7.9 cm; two rows fit the 18 cm printed
GAP = 36000  # EMU (1 mm) between a chart and the cell edges it is stretched over
DEFINITION = 7  # the rates' definitions: column G to the last
MIN_COLS = 11  # A (22) and ten columns of 11: about 26 cm, the width a landscape A4 page prints
MAX_ROW = 409.0  # points: the tallest row Excel keeps


def write_overview_sheet(ws: Worksheet, fs: FastSheet, cards: list[Card], registry: TemplateRegistry) -> Overview:
    """Fill the 집계 sheet with the overview of `cards`; returns that overview (tests compare it)."""
    ov = compute_overview(cards, registry, issues={})  # 오류/경고 are not in this sheet: no checks run
    w = _Writer(ws, fs, ov)
    w.write()
    return ov


class _Writer:
    def __init__(self, ws: Worksheet, fs: FastSheet, ov: Overview) -> None:
        self.ws, self.fs, self.ov = ws, fs, ov
        n_statuses = len(ov.statuses)
        # the sheet is as wide as the page prints (wider only for many statuses, then fit to the width)
        self.last_col = max(2 + n_statuses, 1 + len(SHOWN_SCOPES), MIN_COLS)
        self.r = 1
        self.heights: dict[int, float] = {}  # ours: FastSheet.text's guess assumes other column widths
        self.where: dict[str, tuple[int, int]] = {}  # table → (first data row, last data row)

    # ------------------------------------------------------------ cells
    def head(self, r: int, c: int, text: str, c2: int | None = None) -> None:
        self.fs.label(r, c, text, c2=c2, fill=styles.HEAD_FILL)
        self.fit(r, c, c2 or c, text)

    def data_text(self, r: int, c: int, text: str, *, bold: bool = False, c2: int | None = None) -> None:
        """Card text (a status, 분야, 부서): kept exact, never run as a formula."""
        fill = styles.HEAD_FILL if bold else None
        self.fs.text(r, c, text, c2=c2, font=styles.BOLD if bold else styles.BODY, fill=fill,
                     align=styles.LEFT, what="집계")
        self.fit(r, c, c2 or c, text)

    def word(self, r: int, c: int, text: str, *, bold: bool = False, c2: int | None = None) -> None:
        fill = styles.HEAD_FILL if bold else None
        self.fs.label(r, c, text, c2=c2, font=styles.BOLD if bold else styles.BODY, align=styles.LEFT, fill=fill)
        self.fit(r, c, c2 or c, text)

    def count(self, r: int, c: int, n: int, bold: bool = False) -> None:
        self.fs.number(r, c, n, styles.COUNT, font=styles.BOLD if bold else styles.BODY,
                       fill=styles.HEAD_FILL if bold else None)

    def share(self, r: int, c: int, n: int, total: int, bold: bool = False) -> None:
        self.fs.number(r, c, n / total if total else 0, styles.RATIO, font=styles.BOLD if bold else styles.BODY,
                       fill=styles.HEAD_FILL if bold else None)

    def money(self, r: int, c: int, value: Decimal, bold: bool = False) -> None:
        num = excel_number(value)
        fmt = styles.amount_format(min(decimal_places(value), 6), True)
        self.fs.number(r, c, num if num is not None else float(value), fmt, font=styles.BOLD if bold else styles.BODY,
                       fill=styles.HEAD_FILL if bold else None)

    def fit(self, r: int, c1: int, c2: int, text: str) -> None:
        """Rows high enough for wrapped text in these widths (Excel does not fit merged cells)."""
        chars = sum(FIRST_WIDTH if c == 1 else WIDTH for c in range(c1, max(c1, c2) + 1))
        lines = sum(max(1, -(-display_width(part) // max(int(chars * 0.95), 1))) for part in text.split("\n"))
        if lines > 1:
            self.set_height(r, round(lines * 13.5 + 3, 1))

    def set_height(self, r: int, points: float) -> None:
        self.heights[r] = min(MAX_ROW, max(points, self.heights.get(r, 0)))

    def section(self, text: str) -> None:
        self.r += 1
        self.fs.label(self.r, 1, text, c2=self.last_col, font=styles.HEADING, fill=None, border=False,
                      align=styles.LEFT)
        self.set_height(self.r, 20)
        self.r += 1

    def note(self, text: str) -> None:
        self.fs.label(self.r, 1, text, c2=self.last_col, font=styles.SMALL, fill=None, border=False,
                      align=styles.LEFT)
        self.fit(self.r, 1, self.last_col, text)
        self.r += 1

    # ------------------------------------------------------------ the sheet
    def write(self) -> None:
        ov, fs = self.ov, self.fs
        fs.label(1, 1, TITLE, c2=self.last_col, font=styles.TITLE, fill=None, border=False, align=styles.LEFT)
        self.set_height(1, 30)
        orgs = ", ".join(ov.orgs) or "기관명 없음"
        fs.label(2, 1, f"{orgs} · {as_of(ov)} · 공약 {len(ov.cards):,}건 · 금액 단위: {ov.finance.unit}",
                 c2=self.last_col, font=styles.SMALL, fill=None, border=False, align=styles.LEFT)
        self.r = 3
        self.note("숫자는 이 통합문서를 만들 때의 카드로 계산한 값입니다 (pledgecard summary와 같은 계산). "
                  "카드 시트를 고쳐도 이 시트는 바뀌지 않습니다.")
        self.statuses()
        self.groups()
        self.cross("2. 분야별 추진상황", ov.by_area, "area")
        self.cross("3. 부서별 추진상황", ov.by_dept, "dept")
        self.progress()
        self.finance()
        self.rates()
        charts_at = self.r + 1
        fs.parts.breaks.append(self.r)  # the charts on a page of their own
        self.charts(charts_at)
        last_row = charts_at + 2 * CHART_ROWS
        for r in range(charts_at, last_row + 1):
            self.heights[r] = CHART_ROW_POINTS
        fs.parts.heights.clear()
        fs.parts.heights.update(self.heights)
        fs.parts.widths.update({1: FIRST_WIDTH, **{c: WIDTH for c in range(2, self.last_col + 1)}})
        fs.parts.grid = False
        page_setup(self.ws, fs.parts, landscape=True, area=f"A1:{addr(last_row, self.last_col)}")

    def statuses(self) -> None:
        ov, r0 = self.ov, None
        self.section("1. 추진상황별 공약 수")
        r = self.r
        for c, h in enumerate(("추진상황", "묶음", "건수", "비율"), start=1):
            self.head(r, c, h)
        self.head(r, 5, "정의", c2=self.last_col)
        r += 1
        n = len(ov.cards)
        r0 = r
        for s in ov.statuses:
            self.data_text(r, 1, s.name)
            self.data_text(r, 2, s.group)
            self.count(r, 3, len(s.cards))
            self.share(r, 4, len(s.cards), n)
            self.word(r, 5, s.definition or "-", c2=self.last_col)
            r += 1
        self.where["statuses"] = (r0, r - 1)
        self.word(r, 1, "계", bold=True)
        self.word(r, 2, "", bold=True)
        self.count(r, 3, n, bold=True)
        self.share(r, 4, n, n, bold=True)
        self.word(r, 5, "", bold=True, c2=self.last_col)
        self.r = r + 1

    def groups(self) -> None:
        ov = self.ov
        self.r += 1
        r = self.r
        self.head(r, 1, "묶음")
        self.head(r, 2, "들어가는 추진상황", c2=4)
        self.head(r, 5, "건수")
        self.head(r, 6, "비율")
        r += 1
        n = len(ov.cards)
        for g in ov.groups:
            self.data_text(r, 1, g.name)
            self.data_text(r, 2, " + ".join(g.statuses), c2=4)
            self.count(r, 5, len(g.cards))
            self.share(r, 6, len(g.cards), n)
            r += 1
        self.r = r

    def cross(self, title: str, cross: Cross, key: str) -> None:
        self.section(title)
        r = self.r
        self.head(r, 1, cross.what)
        self.head(r, 2, "계")
        for k, s in enumerate(cross.statuses):
            self.fs.text(r, 3 + k, s, font=styles.BOLD, fill=styles.HEAD_FILL, align=styles.CENTER, what="집계")
            self.fit(r, 3 + k, 3 + k, s)
        r += 1
        r0 = r
        for k_ in cross.keys:
            self.data_text(r, 1, k_)
            self.count(r, 2, len(cross.rows[k_]))
            for k, s in enumerate(cross.statuses):
                self.count(r, 3 + k, len(cross.cells.get((k_, s), [])))
            r += 1
        self.where[key] = (r0, r - 1)
        total = sum(len(v) for v in cross.rows.values())
        self.word(r, 1, "합계", bold=True)
        self.count(r, 2, total, bold=True)
        for k, s in enumerate(cross.statuses):
            self.count(r, 3 + k, len(cross.columns[s]), bold=True)
        r += 1
        self.word(r, 1, "비율", bold=True)
        self.share(r, 2, total, total, bold=True)
        for k, s in enumerate(cross.statuses):
            self.share(r, 3 + k, len(cross.columns[s]), total, bold=True)
        self.r = r + 1

    def progress(self) -> None:
        ov = self.ov
        self.section("4. 진도 분포")
        r = self.r
        for c, h in enumerate(("진도", "건수", "비율"), start=1):
            self.head(r, c, h)
        r += 1
        r0 = r
        n = len(ov.cards)
        for band, ids in ov.progress:
            self.word(r, 1, band)
            self.count(r, 2, len(ids))
            self.share(r, 3, len(ids), n)
            r += 1
        self.where["progress"] = (r0, r - 1)
        self.r = r

    def finance(self) -> None:
        fin = self.ov.finance
        self.section(f"5. 재정 현황 (재원의 뜻별, 단위: {fin.unit})")
        r = self.r
        self.head(r, 1, "재원")
        for k, s in enumerate(SHOWN_SCOPES):
            self.head(r, 2 + k, SCOPE_NAMES[s])
        r += 1
        r0 = r
        for src in fin.sources:
            self.data_text(r, 1, src.meaning)
            for k, s in enumerate(SHOWN_SCOPES):
                self.money(r, 2 + k, src.amounts[s].value)
            r += 1
        self.where["finance"] = (r0, r - 1)
        self.word(r, 1, "계", bold=True)
        for k, s in enumerate(SHOWN_SCOPES):
            self.money(r, 2 + k, fin.total[s].value, bold=True)
        self.r = r + 1
        notes = [f"소요는 {len(fin.records['needed'])}장, 확보(투입)는 {len(fin.records['secured'])}장, "
                 f"집행은 {len(fin.records['spent'])}장의 양식이 적는 금액입니다. "
                 "재원은 양식이 정한 뜻으로 묶었습니다 (예: 구비 (기금포함) → 구비, 시비·도비 → 시도비); "
                 "뜻을 정하지 않은 재원은 '기타(미분류)'로 따로 둡니다."]
        if fin.no_budget:
            notes.append(f"투자계획 표가 없는 양식의 카드 {len(fin.no_budget)}장은 금액이 없습니다.")
        for card, unit in fin.unknown_unit:
            f = self.ov.facts[card]
            notes.append(f"'{f.number or f.title}'의 표는 단위가 '{unit}'(금액 아님)이라 더하지 않았습니다.")
        self.note(" ".join(notes))

    def rates(self) -> None:
        """The rates, each with its definition in a merged cell as wide as the rest of the sheet (five
        columns at least: MIN_COLS); a definition in one narrow column made rows a page tall."""
        ov = self.ov
        self.section("6. 이행률과 재정 비율 (평가 기준의 정의)")
        r = self.r
        for c, h in enumerate(("지표", "비율", "분자", "분모", "카드 수", "빠진 카드"), start=1):
            self.head(r, c, h)
        self.head(r, DEFINITION, "정의 (분자 ÷ 분모)", c2=self.last_col)
        r += 1
        for rate in ov.rates:
            self.word(r, 1, rate.name)
            if rate.percent is None:
                self.fs.none(r, 2)
            else:
                self.fs.number(r, 2, float(rate.percent), PERCENT_1)
            if rate.key == "completion":
                self.count(r, 3, int(rate.numerator))
                self.count(r, 4, int(rate.denominator))
            else:
                self.money(r, 3, rate.numerator)
                self.money(r, 4, rate.denominator)
            self.count(r, 5, len(rate.cards))
            self.count(r, 6, len(rate.excluded))
            self.word(r, DEFINITION, rate.definition + (f" — {rate.note}" if rate.note else ""), c2=self.last_col)
            r += 1
        self.r = r

    # ------------------------------------------------------------ charts
    def charts(self, at: int) -> None:
        ws, ov = self.ws, self.ov
        s0, s1 = self.where["statuses"]
        status = BarChart()
        status.type = "bar"
        status.style = 10
        status.title = "추진상황별 공약 수"
        status.y_axis.title = "공약 수"
        status.y_axis.majorGridlines = None
        status.x_axis.scaling.orientation = "maxMin"  # the first status on top, as in the table
        status.add_data(Reference(ws, min_col=3, min_row=s0, max_row=s1), titles_from_data=False)
        status.set_categories(Reference(ws, min_col=1, min_row=s0, max_row=s1))
        series = status.series[0]
        series.graphicalProperties.line.noFill = True
        for i, s in enumerate(ov.statuses):
            pt = DataPoint(idx=i)
            pt.graphicalProperties.solidFill = s.color.lstrip("#").upper()
            pt.graphicalProperties.line.noFill = True
            series.dPt.append(pt)
        status.legend = None
        status.dataLabels = _values()
        half = _split_col(self.last_col)
        _place(ws, status, (1, at), (half, at + CHART_ROWS - 1))

        f0, f1 = self.where["finance"]
        money = BarChart()
        money.type = "bar"
        money.grouping = "clustered"
        money.style = 10
        money.title = f"재원별 소요·확보 예산 (단위: {ov.finance.unit})"
        money.x_axis.scaling.orientation = "maxMin"
        # 소요(전체) is column B, 확보(전체) column C (SHOWN_SCOPES), titles from the header row
        money.add_data(Reference(ws, min_col=2, max_col=3, min_row=f0 - 1, max_row=f1), titles_from_data=True)
        money.set_categories(Reference(ws, min_col=1, min_row=f0, max_row=f1))
        for series, colour in zip(money.series, (NEEDED, SECURED), strict=True):
            series.graphicalProperties.solidFill = colour
            series.graphicalProperties.line.noFill = True
        money.legend.position = "b"
        _place(ws, money, (1, at + CHART_ROWS), (self.last_col + 1, at + 2 * CHART_ROWS - 1))

        p0, p1 = self.where["progress"]
        hist = BarChart()
        hist.type = "col"
        hist.style = 10
        hist.title = "진도 분포 (공약 수)"
        hist.gapWidth = 40
        hist.add_data(Reference(ws, min_col=2, min_row=p0, max_row=p1), titles_from_data=False)
        hist.set_categories(Reference(ws, min_col=1, min_row=p0, max_row=p1))
        hist.series[0].graphicalProperties.solidFill = BAR
        hist.series[0].graphicalProperties.line.noFill = True
        hist.legend = None
        hist.dataLabels = _values()
        _place(ws, hist, (half, at), (self.last_col + 1, at + CHART_ROWS - 1))


def _split_col(last_col: int) -> int:
    """The column a chart beside another starts at: the first past the middle of the sheet."""
    widths = [FIRST_WIDTH] + [WIDTH] * (last_col - 1)
    middle, left = sum(widths) / 2, 0.0
    for c, w in enumerate(widths, start=1):
        if left >= middle:
            return c
        left += w
    return last_col


def _place(ws: Worksheet, chart: BarChart, start: tuple[int, int], end: tuple[int, int]) -> None:
    """A chart stretched over cells (column, row) from `start` up to the left/top edge of `end`: it
    spans the sheet's printed columns whatever the font makes them measure (LibreOffice's stand-in for
    맑은 고딕 is wider than Excel's), so the page fits its width and nothing is cut at the right."""
    anchor = TwoCellAnchor()
    anchor._from = AnchorMarker(col=start[0] - 1, row=start[1] - 1, colOff=GAP, rowOff=GAP)
    anchor.to = AnchorMarker(col=end[0] - 1, row=end[1] - 1, colOff=0, rowOff=0)
    chart.anchor = anchor
    ws.add_chart(chart)


def _values() -> DataLabelList:
    """The number on each bar, and nothing else (LibreOffice adds the category and series otherwise)."""
    return DataLabelList(showVal=True, showCatName=False, showSerName=False, showLegendKey=False,
                         showPercent=False)
