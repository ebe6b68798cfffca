"""The 신·구 대조표: what changed between two 기준일, on A4, as offices hand it out at a meeting.

A title page part with the summary (cards changed, new, gone; how 추진상황 moved), then for each card
that changed: its header (관리번호, 공약제목, 주관부서) and a table 구분 | 종전 | 변경, the changed words
underlined on both sides. The card's fonts; page numbers "n / N" at the foot.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.core.carddiff import KIND_NAMES, Change
from desktop.core.officediff import OfficeDiff
from desktop.pdf import fonts, styles
from desktop.pdf.doc import NumberedCanvas

_NEW_MARK = colors.HexColor("#1f4e9a")
_WORDS = re.compile(r"\s+|[^\s]+")


def _underlined(a: str, b: str) -> tuple[str, str]:
    """Both texts as paragraph markup, each with the words the other lacks underlined (whole words:
    "700 → 730" underlines the number, not one digit)."""
    left: list[str] = []
    right: list[str] = []
    ta, tb = _WORDS.findall(a), _WORDS.findall(b)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        x, y = fonts.markup("".join(ta[i1:i2])), fonts.markup("".join(tb[j1:j2]))
        if tag == "equal":
            left.append(x)
            right.append(y)
            continue
        if x:
            left.append(f"<u>{x}</u>")
        if y:
            right.append(f'<u><font color="{_NEW_MARK.hexval()}">{y}</font></u>')
    return "".join(left), "".join(right)


def _cells(ch: Change) -> tuple[str, str]:
    old, new = ch.old or "", ch.new or ""
    if ch.kind == "added":
        return "(신설)", f'<u><font color="{_NEW_MARK.hexval()}">{fonts.markup(new)}</font></u>'
    if ch.kind == "removed":
        return f"<u>{fonts.markup(old)}</u>", "(삭제)"
    if ch.kind == "moved":
        return fonts.markup(old), fonts.markup(f"{new}로 이동")
    left, right = _underlined(old, new)
    if ch.delta is not None:
        sign = "+" if ch.delta > 0 else ""
        right += f" ({sign}{fonts.markup(format(ch.delta, ','))})"
    return left or "(없음)", right or "(없음)"


def _table(changes: list[Change], width: float) -> Table:
    head = [Paragraph("구 분", styles.head_cell), Paragraph("종 전", styles.head_cell),
            Paragraph("변 경", styles.head_cell)]
    rows: list[list[Any]] = [head]
    for ch in changes:
        left, right = _cells(ch)
        where = f"{fonts.markup(ch.where)}<br/><font size='7'>({KIND_NAMES[ch.kind]})</font>"
        rows.append([Paragraph(where, styles.cell), Paragraph(left, styles.cell), Paragraph(right, styles.cell)])
    w0 = width * 0.26
    t = Table(rows, colWidths=[w0, (width - w0) / 2, (width - w0) / 2], repeatRows=1)
    t.setStyle(TableStyle([
        styles.CELL_FONT,
        ("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE),
        ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), styles.HEAD_SHADE),
        ("BACKGROUND", (0, 1), (0, -1), styles.SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.PAD),
        *styles.SPLIT_RULES,
    ]))
    return t


def _summary(diff: OfficeDiff, date_from: str, date_to: str, org: str, width: float) -> list[Any]:
    n = diff.counts()
    story: list[Any] = [
        Paragraph(fonts.markup(org), styles.org_line) if org else Spacer(1, 1),
        Paragraph("공약사항 신·구 대조표", styles.title),
        Paragraph(fonts.markup(f"종전 {date_from} → 변경 {date_to}"), styles.base_date),
    ]
    rows = [[Paragraph(h, styles.head_cell) for h in ("구 분", "카드 수")]]
    for key, label in (("changed", "변경된 카드"), ("added", "새 카드"), ("removed", "없어진 카드"),
                       ("unchanged", "변경 없는 카드")):
        rows.append([Paragraph(label, styles.cell), Paragraph(f"{n[key]}건", styles.cell_right)])
    for title, moves in (("추진상황", diff.status_transitions()), ("진도", diff.progress_transitions())):
        for a, b, k in moves:
            rows.append([Paragraph(fonts.markup(f"{title} {a} → {b}"), styles.cell),
                         Paragraph(f"{k}건", styles.cell_right)])
    t = Table(rows, colWidths=[width * 0.7, width * 0.3])
    t.setStyle(TableStyle([styles.CELL_FONT, ("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE),
                           ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
                           ("BACKGROUND", (0, 0), (-1, 0), styles.HEAD_SHADE)]))
    story += [t, Spacer(1, 6 * mm)]
    return story


def write_comparison(out: Path, diff: OfficeDiff, date_from: str, date_to: str) -> int:
    """Write the 신·구 대조표 of `diff` to `out`; returns the number of pages."""
    fonts.register()
    org = next((c.card.org for c in diff.cards if c.card.org), "")
    doc = SimpleDocTemplate(
        str(out), pagesize=styles.PAGE, leftMargin=styles.MARGIN_X, rightMargin=styles.MARGIN_X,
        topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM, title="공약사항 신·구 대조표",
        author=fonts.printable(org), creator="공약카드", initialFontName=fonts.REGULAR,
    )
    width = doc.width
    story = _summary(diff, date_from, date_to, org, width)
    for c in diff.changed():
        card = c.card
        head = f"{card.number or '(관리번호 없음)'}  {card.title}".strip()
        sub = f"주관부서 {card.dept}" if card.dept else ""
        parts: list[Any] = [Paragraph(fonts.markup(head), styles.heading)]
        if sub:
            parts.append(Paragraph(fonts.markup(sub), styles.body))
        if c.kind == "added":
            parts.append(Paragraph("이번 기준일에 새로 작성된 카드입니다.", styles.body))
            story += [KeepTogether(parts), Spacer(1, 3 * mm)]
            continue
        if c.kind == "removed":
            parts.append(Paragraph("이번 기준일에는 카드가 없습니다.", styles.body))
            story += [KeepTogether(parts), Spacer(1, 3 * mm)]
            continue
        story += [KeepTogether([*parts, Spacer(1, 2 * mm)]), _table(c.changes, width), Spacer(1, 4 * mm)]
    doc.build(story, canvasmaker=NumberedCanvas)
    return int(doc.page)
