"""The overview's charts, drawn with ReportLab's own graphics (reportlab.graphics.charts): vector in
the PDF, the same drawings rendered to SVG for the public site, offline, and no library beyond the one
the cards already print with. Government-report look: muted colours (the statuses' own, from the
template or the evaluators' defaults), thin rules, a label with its number on every bar, the cards'
Korean font.

Each function takes an Overview (desktop/core/overview.py) and a width in points and returns a Drawing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desktop.core.overview import Overview
from desktop.core.overview_text import money
from desktop.pdf import fonts

INK = colors.HexColor("#333333")
GRID = colors.HexColor("#c8c8c8")
NEEDED = colors.HexColor("#9fb0c4")  # 소요: light slate
SECURED = colors.HexColor("#2f4f7f")  # 확보: the report's dark blue
SPENT = colors.HexColor("#c9a04a")  # 집행: muted ochre
BAR = colors.HexColor("#5b7fae")
SIZE = 8
TITLE = 10


def _title(d: Drawing, text: str) -> None:
    d.add(String(0, d.height - TITLE, text, fontName=fonts.BOLD, fontSize=TITLE, fillColor=INK))


def _axes(chart: Any, labels: list[str]) -> None:
    chart.categoryAxis.categoryNames = labels
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.REGULAR
        axis.labels.fontSize = SIZE
        axis.labels.fillColor = INK
        axis.strokeColor = INK
        axis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.valueMin = 0
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = SIZE
    chart.barLabels.fillColor = INK
    chart.strokeColor = None


def _count_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            return step
    return 2000


def _nice_max(top: float) -> tuple[float, float]:
    """An axis top a little above `top` and its step: 1, 2, 2.5 or 5 × 10ⁿ, at most six steps."""
    if top <= 0:
        return 1.0, 1.0
    want = top * 1.12
    mag = 10.0 ** (len(str(int(want))) - 2) if want >= 10 else 1.0
    while True:
        for m in (1, 2, 2.5, 5):
            step = m * mag
            if want / step <= 6:
                return -(-want // step) * step, step
        mag *= 10


def _legend(d: Drawing, x: float, y: float, pairs: list[tuple[Any, str]], columns: int = 4) -> None:
    """A legend read across like a table row: `columns` entries a line, lines downwards from `y`."""
    for r in range(-(-len(pairs) // columns)):
        lg = Legend()
        lg.x, lg.y = x, y - 13 * r
        lg.fontName = fonts.REGULAR
        lg.fontSize = SIZE
        lg.fillColor = INK
        lg.alignment = "right"
        lg.boxAnchor = "nw"
        lg.columnMaximum = 1
        lg.deltax = 80
        lg.dx = lg.dy = 7
        lg.strokeColor = None
        lg.colorNamePairs = pairs[r * columns:(r + 1) * columns]
        d.add(lg)


def status_bars(ov: Overview, width: float) -> Drawing:
    """Cards per 추진상황, in the statuses' colours, with count and share on each bar."""
    rows = list(reversed(ov.statuses))  # the first status on top
    n = max(1, len(ov.cards))
    h = 30 + 18 * max(1, len(rows))
    d = Drawing(width, h)
    _title(d, f"추진상황별 {ov.word} 수")
    c = HorizontalBarChart()
    c.x, c.y, c.width, c.height = 78, 6, width - 130, h - 30
    c.data = [[len(s.cards) for s in rows] or [0]]
    _axes(c, [fonts.printable(s.name) for s in rows] or ["-"])
    top = max([len(s.cards) for s in rows] or [1])
    c.valueAxis.valueMax = max(1, top) * 1.15
    c.valueAxis.valueStep = _count_step(top)
    c.valueAxis.labelTextFormat = "%d"
    c.barWidth = 10
    c.groupSpacing = 6
    for i, s in enumerate(rows):
        c.bars[(0, i)].fillColor = colors.HexColor(s.color)
        c.bars[(0, i)].strokeColor = None
    _texts(c, [[f"{len(s.cards)}건 ({len(s.cards) * 100 / n:.1f}%)" if s.cards else "" for s in rows]])
    c.barLabels.boxAnchor = "w"
    c.barLabels.dx = 3
    d.add(c)
    return d


def group_donut(ov: Overview, width: float) -> Drawing:
    """The statuses in the template's groups (완료 = 완료 + 이행후 계속추진 …) as a doughnut, legend beside."""
    groups = [g for g in ov.groups if g.cards]
    h = 150.0
    d = Drawing(width, h)
    _title(d, "추진상황 묶음")
    colour = {s.name: s.color for s in ov.statuses}
    if not groups:
        d.add(String(0, h / 2, "카드가 없습니다", fontName=fonts.REGULAR, fontSize=SIZE, fillColor=INK))
        return d
    dn = Doughnut()
    dn.x, dn.y, dn.width, dn.height = 10, 6, h - 26, h - 26
    dn.data = [len(g.cards) for g in groups]
    dn.labels = None
    dn.innerRadiusFraction = 0.55
    dn.strokeColor = colors.white
    dn.strokeWidth = 1
    for i, g in enumerate(groups):
        dn.slices[i].fillColor = colors.HexColor(colour.get(g.statuses[0], "#a6a6a6"))
        dn.slices[i].strokeColor = colors.white
    d.add(dn)
    n = len(ov.cards)
    pairs = [(colors.HexColor(colour.get(g.statuses[0], "#a6a6a6")),
              fonts.printable(f"{g.name} {len(g.cards)}건 ({len(g.cards) * 100 / n:.1f}%)"
                              + (f" = {' + '.join(g.statuses)}" if len(g.statuses) > 1 else "")))
             for g in groups]
    lg = Legend()
    lg.x, lg.y = h + 4, h - 34
    lg.fontName, lg.fontSize, lg.fillColor = fonts.REGULAR, SIZE + 0.5, INK
    lg.alignment = "right"
    lg.boxAnchor = "nw"
    lg.columnMaximum = 10
    lg.dy = lg.dx = 8
    lg.deltay = 14
    lg.strokeColor = None
    lg.colorNamePairs = pairs
    d.add(lg)
    return d


def finance_bars(ov: Overview, width: float) -> Drawing:
    """소요 and 확보(투입) by source meaning (백만원), side by side, and 집행 where the formats state it.
    A source with none of them (집행 only of another kind) is left out of the chart, not of the table."""
    kinds = [("needed", NEEDED, "소요(전체)"), ("secured", SECURED, "확보(투입, 전체)")]
    if ov.finance.total["spent"].value:
        kinds.append(("spent", SPENT, "집행"))
    rows = [r for r in reversed(ov.finance.sources) if any(r.amounts[k].value for k, _, _ in kinds)]
    h = 52 + (15 + 10 * len(kinds)) * max(1, len(rows))
    d = Drawing(width, h)
    _title(d, f"재원별 {'·'.join(n.split('(')[0] for _, _, n in kinds)} 예산 (단위: {ov.finance.unit})")
    c = HorizontalBarChart()
    c.x, c.y, c.width, c.height = 96, 16, width - 170, h - 52
    series = list(reversed(kinds))  # the first series is drawn lowest: 소요 on top, then 확보, then 집행
    values = [[r.amounts[k].value for r in rows] for k, _, _ in series]
    c.data = [[float(v) for v in row] or [0.0] for row in values]
    _axes(c, [fonts.printable(r.meaning.replace(": ", ":\n")) for r in rows] or ["-"])
    top, step = _nice_max(max([float(v) for row in values for v in row] + [0.0]))
    c.valueAxis.valueMax, c.valueAxis.valueStep = top, step
    c.valueAxis.labelTextFormat = lambda v: money(Decimal(str(v)).quantize(Decimal(1))) if v else "0"
    c.barWidth = 9
    c.groupSpacing = 8
    for i, (_, colour, _) in enumerate(series):
        c.bars[i].fillColor = colour
        c.bars[i].strokeColor = None
    _texts(c, [[money(v) if v else "" for v in row] for row in values])
    c.barLabels.boxAnchor = "w"
    c.barLabels.dx = 3
    d.add(c)
    _legend(d, width - 75 * len(kinds), h - 4, [(colour, name) for _, colour, name in kinds], columns=len(kinds))
    return d


def progress_bars(ov: Overview, width: float) -> Drawing:
    """The 진도 histogram (bands of 20 %, 100 % and 없음)."""
    h = 150.0
    d = Drawing(width, h)
    _title(d, f"진도 분포 ({ov.word} 수)")
    c = VerticalBarChart()
    c.x, c.y, c.width, c.height = 30, 20, width - 40, h - 46
    counts = [len(ids) for _, ids in ov.progress]
    c.data = [counts]
    _axes(c, [b for b, _ in ov.progress])
    top = max([*counts, 1])
    c.valueAxis.valueMax = top * 1.2
    c.valueAxis.valueStep = _count_step(top)
    c.valueAxis.labelTextFormat = "%d"
    c.bars[0].fillColor = BAR
    c.bars[0].strokeColor = None
    _texts(c, [[str(v) if v else "" for v in counts]])
    c.barLabels.boxAnchor = "s"
    c.barLabels.dy = 2
    d.add(c)
    return d


def area_stacked(ov: Overview, width: float) -> Drawing:
    """분야 × 추진상황: one stacked bar a 분야, in the statuses' colours."""
    cross = ov.by_area
    keys = list(reversed(cross.keys))
    statuses = [s for s in ov.statuses if s.cards]
    columns = max(1, min(len(statuses), int((width - 60) // 80)))
    legend_h = 13 * -(-max(1, len(statuses)) // columns)
    h = 44 + legend_h + 18 * max(1, len(keys))
    d = Drawing(width, h)
    _title(d, f"분야별 추진상황 ({ov.word} 수)")
    c = HorizontalBarChart()
    c.x, c.y, c.width, c.height = 60, 20 + legend_h, width - 80, h - 44 - legend_h
    c.categoryAxis.style = "stacked"
    data = [[len(cross.cells.get((k, s.name), [])) for k in keys] for s in statuses]
    c.data = data or [[0] * max(1, len(keys))]
    _axes(c, [fonts.printable(k) for k in keys] or ["-"])
    top = max([len(cross.rows[k]) for k in keys] or [1])
    c.valueAxis.valueMax = top * 1.1
    c.valueAxis.valueStep = _count_step(top)
    c.valueAxis.labelTextFormat = "%d"
    c.barWidth = 11
    c.groupSpacing = 6
    for i, s in enumerate(statuses):
        c.bars[i].fillColor = colors.HexColor(s.color)
        c.bars[i].strokeColor = colors.white
        c.bars[i].strokeWidth = 0.5
    _texts(c, [[str(v) if v else "" for v in row] for row in data])
    c.barLabels.fillColor = colors.white
    c.barLabels.boxAnchor = "c"
    c.barLabels.boxTarget = "mid"  # inside its own segment, not at the end the next one covers
    for i, s in enumerate(statuses):
        if _light(s.color):
            for j in range(len(keys)):
                c.barLabels[(i, j)].fillColor = INK
    d.add(c)
    _legend(d, c.x, legend_h + 2, [(colors.HexColor(s.color), fonts.printable(s.name)) for s in statuses],
            columns=columns)
    return d


def _light(hex_color: str) -> bool:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b > 170


def _texts(chart: Any, texts: list[list[str]]) -> None:
    """The label of each bar as given (exact Decimals, counts with 건), not formatted from the float drawn."""
    chart.barLabelFormat = "values"
    rows = [texts[i] if i < len(texts) else [] for i in range(len(chart.data))]
    chart.barLabelArray = [row + [""] * (len(data) - len(row)) for row, data in zip(rows, chart.data, strict=True)]


ALL: list[Callable[[Overview, float], Drawing]] = [status_bars, group_donut, area_stacked, progress_bars,
                                                   finance_bars]


def to_svg(drawing: Drawing) -> str:
    """The drawing as an inline <svg> element (the site): text stays text, in the system's Korean font
    when the page is read without the bundled one."""
    from reportlab.graphics import renderSVG

    svg = renderSVG.drawToString(drawing)
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    # The page holds several drawings: no repeated id="clip" (the drawing is its own viewBox anyway),
    # and no "..." title that a screen reader would read out.
    svg = re.sub(r"<clipPath.*?</clipPath>\s*", "", svg, count=1, flags=re.S)
    svg = svg.replace(' style="clip-path: url(#clip)"', "")
    svg = svg.replace("<title>...</title>", "").replace("<desc>...</desc>", "")
    family = "NanumGothic, 'Nanum Gothic', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
    svg = svg.replace(f"font-family: {fonts.BOLD};", f"font-family: {family}; font-weight: bold;")
    return svg.replace(f"font-family: {fonts.REGULAR};", f"font-family: {family};")
