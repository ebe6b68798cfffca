"""The print speed-ups take over pieces of ReportLab: each must give exactly what ReportLab gives.

Guards a ReportLab upgrade: if its text operators, widths or line breaking change, these fail
instead of the print drifting silently.
"""

from __future__ import annotations

import io
import random

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desktop.pdf import fonts, styles
from desktop.pdf.fastcanvas import FastCanvas
from desktop.pdf.rltable import table
from desktop.pdf.text import KPara, para

TEXTS = ["공약사항 관리카드", "중소기업·소상공인 육성 지원", "750백만원(국700 구50)", "팀  장", "-", "",
         "(단위 : 백만원)", "2024. 6. 30. 現在", "❍ 소상공인 무담보 보증특례사업 (5,000만원 이내)", "a<b>&c",
         "ABC xyz 0123", "  앞뒤 공백  "]


def _page(canvas_class: type[Canvas]) -> bytes:
    buf = io.BytesIO()
    c = canvas_class(buf, invariant=1, pageCompression=0)
    fonts.register()
    for i, text in enumerate(TEXTS * 2):
        c.setFont(fonts.BOLD if i % 3 == 0 else fonts.REGULAR, 8.5 + i % 4, 12 + i % 3)
        c.setFillColor(HexColor("#333333") if i % 2 else styles.RULE)
        c.drawString(10 + i, 800 - 20 * i, text)
        c.drawRightString(500.25, 790 - 20 * i, text)
        c.drawCentredString(300.125, 795 - 20 * i, text)
        c.line(10, 700 - i, 400.3333, 700 - i)
        c.saveState()
        c.translate(3.5, i * 1.25)
        t = c.beginText(20, 400 - 12 * i)
        t.setFont(fonts.REGULAR, 9)
        t.textLine(text)
        t.textOut(text)
        c.drawText(t)
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def test_the_fast_canvas_writes_what_reportlab_writes() -> None:
    assert _page(FastCanvas) == _page(Canvas)


def test_font_widths_are_reportlabs() -> None:
    from reportlab.lib.rl_accel import _py_funcs

    py_width = _py_funcs.get("instanceStringWidthTTF")
    font = pdfmetrics.getFont(fonts.REGULAR)
    for text in TEXTS:
        for size in (6.0, 8.5, 9.5, 17.0):
            expected = pdfmetrics.stringWidth(text, fonts.REGULAR, size)
            assert font.stringWidth(text, size) == expected
            if py_width is not None:  # ReportLab's own pure-Python measure, when it is the one in use
                assert py_width(font, text, size) == expected


def test_one_line_shortcut_breaks_like_reportlab() -> None:
    rnd = random.Random(7)
    alphabet = "가나다라마바사아자차카타파하 공약사항관리카드 ABCxyz 0123456789 ,.()-~%  ·○□■"
    shortcuts = 0
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40)))
        style = rnd.choice([styles.body, styles.cell, styles.cell_center, styles.cell_right, styles.label,
                            styles.value, styles.heading])
        width = rnd.uniform(10, 300)
        p = para(text, style)
        assert isinstance(p, KPara)
        widths = [width - style.leftIndent - style.firstLineIndent - style.rightIndent,
                  width - style.leftIndent - style.rightIndent]
        ours = p.breakLines(list(widths))
        ours_state = (p._width_max, p.height)
        p._plain = False
        theirs = p.breakLines(list(widths))
        assert (ours_state, ours.kind, ours.ascent, ours.descent, ours.fontSize) == \
            ((p._width_max, p.height), theirs.kind, theirs.ascent, theirs.descent, theirs.fontSize)
        assert [(x, list(w)) for x, w in ours.lines] == [(x, list(w)) for x, w in theirs.lines], text
        shortcuts += len(ours.lines) == 1
    assert shortcuts > 1000  # the shortcut is really taken


def test_table_defaults_style_every_cell_like_commands() -> None:
    from reportlab.platypus import Table, TableStyle

    data = [["구분", "2024년", "2025년"], ["국비", "1,000", "2,000"], ["시비", "", "3"]]
    cmds = [styles.CELL_FONT, ("FONTSIZE", (0, 0), (-1, -1), 8), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("ALIGN", (0, 0), (-1, -1), "CENTRE"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD)]
    ours = table(data, style=cmds)
    theirs = Table(data, style=TableStyle(cmds))
    attrs = ["fontname", "fontsize", "leading", "alignment", "valign", "leftPadding", "rightPadding",
             "topPadding", "bottomPadding"]
    for row_ours, row_theirs in zip(ours._cellStyles, theirs._cellStyles, strict=True):
        for a, b in zip(row_ours, row_theirs, strict=True):
            assert [getattr(a, k) for k in attrs] == [getattr(b, k) for k in attrs]
