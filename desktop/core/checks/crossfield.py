"""Checks across fields: 진도 0–100, 완료 ⇔ 진도 100, 사업기간, year columns, 기준일 inside a period."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from desktop.core.checks import codes
from desktop.core.checks.labels import clean, field_name, josa, table_name
from desktop.core.dates import fmt_date
from desktop.core.findings import Finding, Place
from desktop.core.layout import period_years, year_of
from desktop.core.model import Block, Card, Table
from desktop.core.templates import Template


def _finding(code: str, message: str, place: Place) -> Finding:
    return Finding(code, codes.severity(code), message, place)


def _label(template: Template, key: str, default: str) -> str:
    return field_name(template, key) or default


def header_findings(card: Card, template: Template) -> list[Finding]:
    out: list[Finding] = []
    period = _label(template, "period", "사업기간")
    if card.start_year is not None and card.end_year is not None and card.start_year > card.end_year:
        out.append(_finding(
            codes.PERIOD_ORDER,
            f"{period} {card.start_year} ~ {card.end_year}: 시작 연도가 끝 연도보다 늦습니다",
            Place(field="period")))
    progress = _label(template, "progress", "진도")
    status = _label(template, "status", "추진상황")
    p = card.progress
    if p is not None and not 0 <= p <= 100:
        out.append(_finding(codes.PROGRESS_RANGE, f"{progress} {p}%: 0~100 사이여야 합니다", Place(field="progress")))
    done = template.done_statuses
    if done:
        if card.status in done and p != 100 and (p is not None or template.field_def("progress") is not None):
            shown = f"{p}%입니다" if p is not None else "비어 있습니다"
            out.append(_finding(
                codes.STATUS_DONE,
                f"{status} '{card.status}'인데 {progress}{josa(progress, '이', '가')} {shown} (완료면 100%)",
                Place(field="progress")))
        elif p == 100 and card.status not in done:
            shown = f"'{card.status}'입니다" if card.status else "비어 있습니다"
            out.append(_finding(
                codes.STATUS_NOT_DONE,
                f"{progress} 100%인데 {status}{josa(status, '이', '가')} {shown} (완료 상태: {', '.join(done)})",
                Place(field="status")))
    return out


def _years_text(years: list[int]) -> str:
    if not years:
        return "없음"
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}~{years[-1]}년"
    return ", ".join(f"{y}년" for y in years)


def year_findings(card: Card, template: Template, block: Block, item: tuple[int, ...], table: Table) -> list[Finding]:
    """The year columns of a table that follows 사업기간 (Table.year_columns) are exactly its years."""
    if not table.year_columns or card.start_year is None or card.end_year is None:
        return []
    expected = period_years(card)
    if not expected:
        return []  # 사업기간 itself is wrong (reported on the field) or absurdly long
    actual = [y for y in (year_of(c.key) for c in table.columns) if y is not None]
    if actual == expected:
        return []
    missing = [y for y in expected if y not in actual]
    extra = [y for y in actual if y not in expected]
    why = []
    if missing:
        why.append(f"{_years_text(missing)} 열이 없음")
    if extra:
        why.append(f"{_years_text(extra)} 열이 더 있음")
    if not why:
        why.append("연도 순서가 다름")
    period = _label(template, "period", "사업기간")
    return [_finding(
        codes.YEARS_MISMATCH,
        f"{table_name(block, item, template)} 표의 연도 열({_years_text(actual)})이 {period}"
        f"({card.start_year} ~ {card.end_year})에 맞지 않습니다: {', '.join(why)}",
        Place(block=block.key, item=item))]


# ---------------------------------------------------------------- periods

_RANGE = re.compile(r"[~∼～〜]")
_DATE_TEXT = re.compile(r"[\d\s.\-/'‘’년월일]*")


def _year(n: str) -> int:
    y = int(n)
    return 2000 + y if len(n) <= 2 else y


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):  # "2025. 13. 1.", or digits beyond any calendar
        return None


def parse_period(text: str) -> tuple[date, date] | None:
    """ "[2025. 1. 1.~2025. 9. 30.]" or "[2018.8.9. ~ 8.30]" (the end takes the start's year, and its
    month when only a day is written) → (start, end). None when it is not two dates."""
    s = text.strip().strip("[]【】()（）〔〕 ")
    sides = _RANGE.split(s)
    if len(sides) != 2 or not all(_DATE_TEXT.fullmatch(x) for x in sides):
        return None
    a = re.findall(r"\d+", sides[0])
    b = re.findall(r"\d+", sides[1])
    if any(len(x) > 4 for x in a + b):  # no date part has more digits; int() of 5,000 digits raises
        return None
    if len(a) == 3:
        start = _date(_year(a[0]), int(a[1]), int(a[2]))
    elif len(a) == 2 and len(a[0]) == 4:  # 2025. 2. → from the first of the month
        start = _date(int(a[0]), int(a[1]), 1)
    else:
        return None
    if start is None:
        return None
    end: date | None
    if len(b) == 3:
        end = _date(_year(b[0]), int(b[1]), int(b[2]))
    elif len(b) == 2 and len(b[0]) == 4:  # 2025. 9. → to the end of that month
        end = _month_end(int(b[0]), int(b[1]))
    elif len(b) == 2:  # 8.30 → in the start's year (the next one when it would end before it starts)
        end = _after(start, lambda y: _date(y, int(b[0]), int(b[1])))
    elif len(b) == 1 and len(a) == 2:  # 2025. 2. ~ 12. → a month
        end = _after(start, lambda y: _month_end(y, int(b[0])))
    elif len(b) == 1:  # 2025. 1. 1. ~ 30. → a day of the start's month
        end = _date(start.year, start.month, int(b[0]))
    else:
        return None
    return (start, end) if end is not None else None


def _month_end(y: int, m: int) -> date | None:
    return _date(y, m, calendar.monthrange(y, m)[1]) if 1 <= m <= 12 and 1 <= y <= 9999 else None


def _after(start: date, make: Callable[[int], date | None]) -> date | None:
    """The end written without its year: in the start's year, or the next when it would come before."""
    end = make(start.year)
    if end is not None and end < start:
        end = make(start.year + 1)
    return end


def base_date_findings(card: Card, template: Template, block: Block) -> list[Finding]:
    """기준일 inside a block's own period (추진실적 [2025. 1. 1.~2025. 9. 30.]). A period that is not
    two dates ("2025. 상반기") is not checked: nothing can be said about it."""
    if not block.period or card.base_date is None or not template.has_base_date:
        return []
    span = parse_period(block.period)
    if span is None:
        return []
    start, end = span
    if start <= card.base_date <= end:
        return []
    base = _label(template, "base_date", "기준일")
    when = "기간이 시작되기 전" if card.base_date < start else "기간이 끝난 뒤"
    shown = fmt_date(card.base_date)
    return [_finding(
        codes.BASE_DATE_PERIOD,
        f"{base} {shown}{josa(shown, '이', '가')} {table_name(block, (), template)} 기간 {clean(block.period)} "
        f"밖입니다 ({when})",
        Place(field="base_date", block=block.key))]
