"""The overview as Korean text lines (`pledgecard summary` without --json), and the small formatting
helpers the report and the site share: counts "3건", amounts "26,670", rates "58.6%"."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.dates import fmt_date
from desktop.core.numbers import format_amount
from desktop.core.overview import SCOPE_NAMES, Overview

SHOWN_SCOPES = ("needed", "secured", "needed_in_term", "secured_in_term", "spent")


def money(value: Decimal) -> str:
    """26670 → "26,670"; 9.6 → "9.6"; 0 → "-" (as the cards print an empty amount)."""
    if not value:
        return "-"
    v = value.normalize()
    return format_amount(v.quantize(Decimal(1)) if v == v.to_integral() else v)


def rate_text(percent: Decimal | None) -> str:
    return "-" if percent is None else f"{percent}%"


def as_of(ov: Overview) -> str:
    """ "2025. 9. 30. 기준일 현재", or "기준일 없음" for cards of formats without 기준일 only."""
    return f"{fmt_date(ov.base_date)} 기준일 현재" if ov.base_date else "기준일 없음"


def overview_title(ov: Overview) -> str:
    """ "공약 이행 현황" for pledge cards; the documents' own word otherwise ("사업 추진 현황",
    "공약·사업 추진 현황")."""
    return "공약 이행 현황" if ov.word == "공약" else f"{ov.word} 추진 현황"


def title_word(ov: Overview) -> str:
    """The list's title column: 공약제목 for pledges, 사업명 for 사업 (the word and 명), 제목 for a mix."""
    if ov.word == "공약":
        return "공약제목"
    return "제목" if len(ov.words) > 1 else f"{ov.word}명"


def counts_text(ov: Overview) -> str:
    """ "공약 4건", or "공약 4건 · 사업 5건" for kept cards of several kinds; "공약 0건" when none."""
    return " · ".join(f"{w} {len(ids)}건" for w, ids in ov.words) or f"{ov.word} 0건"


def left_out_text(ov: Overview) -> str:
    """What the overview leaves out by default: "사업 5건은 따로 셈 (--kind 사업)"; "" when nothing."""
    if not ov.left_out:
        return ""
    parts = " · ".join(f"{w} {len(ids)}건" for w, ids in ov.left_out)
    return f"이 현황에 넣지 않은 카드: {parts} (공약이 아닌 카드는 골라서 따로 봄)"


def overview_text(ov: Overview) -> list[str]:
    orgs = ", ".join(ov.orgs) or "기관명 없음"
    lines = [f"{orgs} {overview_title(ov)} ({as_of(ov)}): {counts_text(ov)}"]
    if ov.left_out:
        lines.append(left_out_text(ov).replace("골라서 따로 봄", "--kind로 골라 봄"))
    lines.append("추진상황: " + (", ".join(f"{s.name} {len(s.cards)}건" for s in ov.statuses) or "없음"))
    groups = ", ".join(f"{g.name}({'+'.join(g.statuses)}) {len(g.cards)}건" for g in ov.groups)
    lines.append("묶음: " + (groups or "없음"))
    for cross in (ov.by_area, ov.by_dept):
        lines.append(f"{cross.what}별:")
        for k in cross.keys:
            parts = ", ".join(f"{s} {len(cross.cells.get((k, s), []))}" for s in cross.statuses
                              if cross.cells.get((k, s)))
            lines.append(f"  {k}: {len(cross.rows[k])}건 ({parts})")
    lines.append("진도: " + ", ".join(f"{b} {len(ids)}건" for b, ids in ov.progress))
    fin = ov.finance
    lines.append(f"재정 (단위: {fin.unit}): " + ", ".join(
        f"{SCOPE_NAMES[s]} {money(fin.total[s].value)}" for s in SHOWN_SCOPES))
    for row in fin.sources:
        lines.append(f"  {row.meaning}: " + ", ".join(
            f"{SCOPE_NAMES[s]} {money(row.amounts[s].value)}" for s in SHOWN_SCOPES))
    if fin.no_budget:
        lines.append(f"  투자계획 표가 없는 양식의 카드 {len(fin.no_budget)}건")
    for card, pages in fin.covered.items():
        f = ov.facts[card]
        lines.append(f"  {f.number or f.title}: 그 표의 {len(pages)}개 행은 각 {f.word}의 쪽에서 한 번만 셈")
    for card, unit in fin.unknown_unit:
        f = ov.facts[card]
        lines.append(f"  더하지 않음: {f.number or f.title} (단위 '{unit}'는 금액 단위가 아님)")
    for r in ov.rates:
        lines.append(f"{r.name} {rate_text(r.percent)} = {money(r.numerator) if r.key != 'completion' else r.numerator}"
                     f" ÷ {money(r.denominator) if r.key != 'completion' else r.denominator}"
                     f" ({r.numerator_label} ÷ {r.denominator_label}; 카드 {len(r.cards)}건)")
        lines.append(f"  정의: {r.definition}")
        if r.note:
            lines.append(f"  {r.note}")
    if ov.changes is not None:
        c = ov.changes
        lines.append(f"지난 기준일({fmt_date(c.previous)}) 이후: 새 카드 {len(c.added)}건, "
                     f"없어진 카드 {len(c.removed)}건")
        if c.statuses:
            lines.append("  추진상황: " + ", ".join(f"{t.before} → {t.after} {len(t.cards)}건" for t in c.statuses))
        if c.progress:
            lines.append("  진도: " + ", ".join(f"{t.before} → {t.after} {len(t.cards)}건" for t in c.progress))
    lines.append(f"오류가 있는 카드 {len(ov.errors)}건, 경고가 있는 카드 {len(ov.warnings)}건")
    return lines
