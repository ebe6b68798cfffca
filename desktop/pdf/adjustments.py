"""The 공약 변경 현황 on A4 landscape: one row a 공약 조정 — 관리번호, 공약제목, 구분, 종전, 변경, 사유, 결정 기관,
결정 일자 — as offices publish it. The cards' fonts; "n / N" at the foot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.core.adjustments import Row
from desktop.core.dates import fmt_date
from desktop.pdf import fonts, styles
from desktop.pdf.doc import NumberedCanvas

HEAD = ["관리번호", "공약제목", "구분", "종 전", "변 경", "사 유", "결정 기관", "결정 일자"]
WIDTHS = [0.07, 0.15, 0.07, 0.18, 0.18, 0.17, 0.09, 0.09]


def write_adjustments(out: Path, rows: list[Row], org: str, period: str) -> int:
    """Write the 공약 변경 현황; returns the number of pages."""
    fonts.register()
    page = landscape(styles.PAGE)
    doc = SimpleDocTemplate(
        str(out), pagesize=page, leftMargin=styles.MARGIN_X, rightMargin=styles.MARGIN_X,
        topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM, title="공약 변경 현황",
        author=fonts.printable(org), creator="공약카드", initialFontName=fonts.REGULAR,
    )
    story: list[Any] = []
    if org:
        story.append(Paragraph(fonts.markup(org), styles.org_line))
    story.append(Paragraph("공약 변경 현황", styles.title))
    if period:
        story.append(Paragraph(fonts.markup(period), styles.base_date))
    data: list[list[Any]] = [[Paragraph(h, styles.head_cell) for h in HEAD]]
    for r in rows:
        cells = [r.number, r.title, r.what, r.before, r.after, r.reason, r.body, fmt_date(r.decided)]
        data.append([Paragraph(fonts.markup(c), styles.cell) for c in cells])
    if not rows:
        data.append([Paragraph("공약 조정 기록이 없습니다.", styles.cell)] + [""] * (len(HEAD) - 1))
    t = Table(data, colWidths=[doc.width * w for w in WIDTHS], repeatRows=1)
    style = [
        styles.CELL_FONT,
        ("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE),
        ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), styles.HEAD_SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *styles.SPLIT_RULES,
    ]
    if not rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    t.setStyle(TableStyle(style))
    story += [Spacer(1, 2), t]
    doc.build(story, canvasmaker=NumberedCanvas)
    return int(doc.page)
