"""The 이행 현황 보고서 (SPEC §8) on A4: a cover with 기관명 and "기준일 현재", the summary tables (추진상황,
분야별·부서별, 진도, 재정 현황 with the rates and their definitions), the charts (desktop/pdf/charts.py),
changes since the previous period, cards with 오류/경고, and the pledges by status with 진도 and
주관부서. Every number is the overview's (desktop/core/overview.py); the cards' fonts; "n / N" at the foot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.dates import fmt_date
from desktop.core.overview import SCOPE_NAMES, Cross, Overview
from desktop.core.overview_text import (
    SHOWN_SCOPES,
    as_of,
    counts_text,
    left_out_text,
    money,
    overview_title,
    rate_text,
    title_word,
)
from desktop.core.vocab import NONE
from desktop.pdf import charts, fonts, styles
from desktop.pdf.doc import NumberedCanvas

TITLE = "공약 이행 현황 보고서"  # for pledge cards; report_title() speaks the cards' own word


def report_title(ov: Overview) -> str:
    return f"{overview_title(ov)} 보고서"


def _p(text: str, style: Any = None) -> Paragraph:
    return Paragraph(fonts.markup(text), style or styles.cell)


def _count(ids: list[str]) -> str:
    return str(len(ids)) if ids else "-"


def _share(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole and part else "-"


def _table(data: list[list[Any]], widths: list[float], *, head_rows: int = 1, total_row: bool = False,
           extra: list[Any] | None = None) -> Table:
    t = Table(data, colWidths=widths, repeatRows=head_rows)
    style: list[Any] = [
        styles.CELL_FONT,
        ("FONTSIZE", (0, 0), (-1, -1), styles.CELL),
        ("GRID", (0, 0), (-1, -1), styles.THIN, styles.RULE),
        ("BOX", (0, 0), (-1, -1), styles.THICK, styles.RULE),
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), styles.HEAD_SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.PAD),
        *styles.SPLIT_RULES,
    ]
    if total_row:
        style.append(("BACKGROUND", (0, -1), (-1, -1), styles.SHADE))
    t.setStyle(TableStyle(style + (extra or [])))
    return t


def _num(text: str) -> Paragraph:
    return _p(text, styles.cell_right)


def _head(text: str) -> Paragraph:
    return _p(text, styles.head_cell)


def _status_table(ov: Overview, width: float) -> Table:
    n = len(ov.cards)
    names = [s.name for s in ov.statuses]
    head = [_head("구 분"), _head("계"), *(_head(s) for s in names)]
    counts = [_p(f"{ov.word} 수", styles.cell_center), _num(str(n)), *(_num(_count(s.cards)) for s in ov.statuses)]
    shares = [_p("비 율", styles.cell_center), _num("100%" if n else "-"),
              *(_num(_share(len(s.cards), n)) for s in ov.statuses)]
    first = 22 * mm
    rest = (width - first) / (len(names) + 1)
    return _table([head, counts, shares], [first] + [rest] * (len(names) + 1))


def _definitions(ov: Overview, width: float) -> Table:
    data: list[list[Any]] = [[_head("추진상황"), _head("묶음"), _head("정 의")]]
    swatches: list[Any] = []
    for i, s in enumerate(ov.statuses, start=1):
        data.append([_p(s.name, styles.cell_center), _p(s.group, styles.cell_center), _p(s.definition or "-")])
        swatches.append(("LINEBEFORE", (0, i), (0, i), 4, colors.HexColor(s.color)))
    return _table(data, [28 * mm, 20 * mm, width - 48 * mm], extra=swatches)


def _cross_table(cross: Cross, width: float) -> Table:
    n = sum(len(v) for v in cross.rows.values())
    head = [_head(cross.what), _head("계"), *(_head(s) for s in cross.statuses)]
    data: list[list[Any]] = [head]
    for k in cross.keys:
        data.append([_p(k, styles.cell_center), _num(_count(cross.rows[k])),
                     *(_num(_count(cross.cells.get((k, s), []))) for s in cross.statuses)])
    data.append([_p("합 계", styles.label), _num(str(n) if n else "-"),
                 *(_num(_count(cross.columns[s])) for s in cross.statuses)])
    first = 30 * mm
    rest = (width - first) / (len(cross.statuses) + 1)
    return _table(data, [first] + [rest] * (len(cross.statuses) + 1), total_row=True)


def _progress_table(ov: Overview, width: float) -> Table:
    n = len(ov.cards)
    head = [_head("진 도"), *(_head(b) for b, _ in ov.progress)]
    counts = [_p(f"{ov.word} 수", styles.cell_center), *(_num(_count(ids)) for _, ids in ov.progress)]
    shares = [_p("비 율", styles.cell_center), *(_num(_share(len(ids), n)) for _, ids in ov.progress)]
    first = 22 * mm
    rest = (width - first) / len(ov.progress)
    return _table([head, counts, shares], [first] + [rest] * len(ov.progress))


def _finance_table(ov: Overview, width: float) -> Table:
    fin = ov.finance
    head = [_head("재 원"), *(_head(SCOPE_NAMES[s]) for s in SHOWN_SCOPES)]
    data: list[list[Any]] = [head]
    for r in fin.sources:
        data.append([_p(r.meaning, styles.cell_center), *(_num(money(r.amounts[s].value)) for s in SHOWN_SCOPES)])
    data.append([_p("계", styles.label), *(_num(money(fin.total[s].value)) for s in SHOWN_SCOPES)])
    first = 40 * mm
    rest = (width - first) / len(SHOWN_SCOPES)
    return _table(data, [first] + [rest] * len(SHOWN_SCOPES), total_row=True)


def _rates_table(ov: Overview, width: float) -> Table:
    data: list[list[Any]] = [[_head("지 표"), _head("비 율"), _head("계 산"), _head("정의 및 대상")]]
    for r in ov.rates:
        if r.key == "completion":
            calc = f"{r.numerator}건 ÷ {r.denominator}건"
        else:
            calc = f"{money(r.numerator)} ÷ {money(r.denominator)}"
        what = r.definition + (f" — 대상 {len(r.cards)}건" if r.key != "completion" else "")
        if r.note:
            what += f" ({r.note})"
        data.append([_p(r.name, styles.cell_center), _num(rate_text(r.percent)), _num(calc), _p(what)])
    return _table(data, [30 * mm, 16 * mm, 36 * mm, width - 82 * mm])


def _card_lists(ov: Overview, width: float) -> list[Any]:
    """One table a status. Only the title wraps (a Paragraph); the short cells are plain strings, which
    ReportLab draws several times faster — a thousand-card office lists five thousand cells."""
    out: list[Any] = []
    dept_w = 32 * mm
    widths = [11 * mm, 20 * mm, width - 11 * mm - 20 * mm - dept_w - 14 * mm, dept_w, 14 * mm]
    for s in ov.statuses:
        if not s.cards:
            continue
        data: list[list[Any]] = [[_head(h) for h in ("연번", "관리번호", title_word(ov), "주관부서", "진도")]]
        for i, cid in enumerate(s.cards, start=1):
            f = ov.facts[cid]
            dept: Any = fonts.printable(f.dept)
            if fonts.width(dept, styles.CELL) > dept_w - 2 * styles.PAD:
                dept = _p(f.dept, styles.cell_center)
            data.append([str(i), fonts.printable(f.number or "-"), _p(f.title or "-"), dept,
                         f"{f.progress}%" if f.progress is not None else "-"])
        name = "추진상황 없음" if s.name == NONE else s.name
        heading = _p(f"{name} ({len(s.cards)}건)", styles.heading)
        t = _table(data, widths, extra=[
            ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(s.color)),
            ("ALIGN", (0, 1), (1, -1), "CENTER"), ("ALIGN", (3, 1), (3, -1), "CENTER"),
            ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ])
        out += [CondPageBreak(40 * mm), heading, t]
    return out


def report_story(ov: Overview, width: float) -> list[Any]:
    org = ", ".join(ov.orgs)
    story: list[Any] = [Spacer(1, 70 * mm)]
    if org:
        story.append(_p(org, styles.cover_org))
    story += [_p(report_title(ov), styles.cover_title), _p(as_of(ov), styles.cover_date)]
    flt = ov.filter
    chosen = [f"{name}: {', '.join(sorted(v))}" for name, v in (("분야", flt.areas), ("부서", flt.depts),
                                                                 ("양식", flt.templates)) if v is not None]
    if chosen:
        story.append(_p("(" + "; ".join(chosen) + ")", styles.cover_date))
    story += [Spacer(1, 10 * mm), _p(counts_text(ov), styles.cover_date)]
    if ov.left_out:
        story.append(_p(left_out_text(ov), styles.cover_date))
    story.append(PageBreak())

    def section(title: str) -> None:
        story.append(CondPageBreak(50 * mm))
        story.append(_p(title, styles.heading))

    section("1. 추진상황 총괄")
    story += [_status_table(ov, width), Spacer(1, 3 * mm)]
    groups = ", ".join(f"{g.name} {len(g.cards)}건" + (f" ({' + '.join(g.statuses)})" if len(g.statuses) > 1 else "")
                       for g in ov.groups)
    story.append(_p(f"묶음: {groups}", styles.body))
    story += [Spacer(1, 3 * mm), KeepTogether([charts.status_bars(ov, width), Spacer(1, 3 * mm),
                                               charts.group_donut(ov, width)])]
    story += [Spacer(1, 3 * mm), _p("추진상황의 정의", styles.body), _definitions(ov, width)]
    section("2. 분야별 추진상황")
    story += [_cross_table(ov.by_area, width), Spacer(1, 4 * mm), charts.area_stacked(ov, width)]
    section("3. 부서별 추진상황")
    story.append(_cross_table(ov.by_dept, width))
    section("4. 진도 분포")
    story += [_progress_table(ov, width), Spacer(1, 4 * mm), charts.progress_bars(ov, width)]
    section(f"5. 재정 현황 (단위: {ov.finance.unit})")
    story += [_finance_table(ov, width), Spacer(1, 2 * mm)]
    fin = ov.finance
    notes = [f"임기 내: 기투자와 {ov.term_end}년까지의 연도 (임기후 제외). 원·천원 등은 백만원으로 환산해 더함."]
    if fin.no_budget:
        notes.append(f"투자계획 표가 없는 양식의 카드 {len(fin.no_budget)}건은 재정 현황에 들지 않음.")
    for cid, unit in fin.unknown_unit:
        f = ov.facts[cid]
        notes.append(f"{f.number or f.title}: 단위 '{unit}'는 금액 단위가 아니어서 더하지 않음.")
    for cid, pages in fin.covered.items():
        f = ov.facts[cid]
        notes.append(f"{f.number or f.title}: 그 표의 {len(pages)}개 행은 각 {f.word}의 쪽에서 한 번만 셈.")
    story += [_p("※ " + n, styles.body) for n in notes]
    story += [Spacer(1, 3 * mm), _rates_table(ov, width), Spacer(1, 4 * mm), charts.finance_bars(ov, width)]
    if ov.changes is not None:
        c = ov.changes
        section(f"6. 지난 기준일({fmt_date(c.previous)}) 이후 변화")
        lines = [f"새 카드 {len(c.added)}건, 없어진 카드 {len(c.removed)}건"]
        if c.statuses:
            lines.append("추진상황: " + ", ".join(f"{t.before} → {t.after} {len(t.cards)}건" for t in c.statuses))
        if c.progress:
            lines.append("진도: " + ", ".join(f"{t.before} → {t.after} {len(t.cards)}건" for t in c.progress))
        story += [_p("❍ " + line, styles.body) for line in lines]
    n = 7 if ov.changes is not None else 6
    section(f"{n}. 오류·경고가 있는 카드")
    story.append(_p(f"오류가 있는 카드 {len(ov.errors)}건, 경고가 있는 카드 {len(ov.warnings)}건", styles.body))
    flagged = [cid for cid in ov.cards if cid in set(ov.errors) | set(ov.warnings)]
    if flagged:
        data = [[_head(h) for h in ("관리번호", title_word(ov), "주관부서", "오류", "경고")]]
        for cid in flagged:
            f = ov.facts[cid]
            data.append([_p(f.number or "-", styles.cell_center), _p(f.title or "-"), _p(f.dept, styles.cell_center),
                         _num(str(f.errors) if f.errors else "-"), _num(str(f.warnings) if f.warnings else "-")])
        story.append(_table(data, [22 * mm, width - 22 * mm - 32 * mm - 28 * mm, 32 * mm, 14 * mm, 14 * mm]))
    section(f"{n + 1}. 추진상황별 {ov.word} 목록")
    story += _card_lists(ov, width)
    return story


def write_report(out: Path, ov: Overview) -> int:
    """Write the report; returns the number of pages."""
    fonts.register()
    doc = SimpleDocTemplate(
        str(out), pagesize=styles.PAGE, leftMargin=styles.MARGIN_X, rightMargin=styles.MARGIN_X,
        topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM, title=report_title(ov),
        author=fonts.printable(", ".join(ov.orgs)), creator="공약카드", initialFontName=fonts.REGULAR,
    )
    doc.build(report_story(ov, doc.width), canvasmaker=NumberedCanvas)
    return int(doc.page)
