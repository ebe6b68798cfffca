"""`--period DATE` of list, export, check, pdf and xlsx, and the dates the period commands take.

Without --period a command works on the current period: each pledge's card at its latest 기준일
(cards of a format without 기준일 included). With it, on the cards at that 기준일.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from desktop.commands.context import Context, UserError

if TYPE_CHECKING:
    from db.store import CardSummary


def parse_day(text: str, what: str) -> date:
    """ "2025. 12. 31." or "2025-12-31"; UserError (exit 2) in Korean naming `what` otherwise."""
    from desktop.core.dates import NotADate, parse_date

    try:
        d = parse_date(text)
    except NotADate:
        raise UserError(f"{what} '{text}': 날짜가 아닙니다 (예: 2025. 12. 31. 또는 2025-12-31)") from None
    except ValueError:
        raise UserError(f"{what} '{text}': 없는 날짜입니다") from None
    if d is None:
        raise UserError(f"{what}: 기준일을 주세요 (예: 2025. 12. 31.)")
    return d


def add_period_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", metavar="DATE",
                   help="이 기준일 기간의 카드 (2025. 9. 30. 또는 2025-09-30; "
                        "기본: 지금 기간 — 공약마다 가장 최근 기준일 카드)")


def chosen_period(args: argparse.Namespace) -> date | None:
    text = getattr(args, "period", None)
    return parse_day(text, "--period") if text else None


def period_summaries(args: argparse.Namespace, ctx: Context) -> list[CardSummary]:
    """The live cards of the chosen period (natural 관리번호 order); UserError for a 기준일 with no period."""
    period = chosen_period(args)
    store = ctx.store
    if period is not None and period not in {p.base_date for p in store.periods()}:
        from desktop.core.dates import fmt_date

        known = ", ".join(fmt_date(p.base_date) for p in store.periods()) or "없음"
        raise UserError(f"--period {fmt_date(period)}: 그 기준일의 기간이 없습니다 (있는 기간: {known})")
    return store.period_summaries(period)
