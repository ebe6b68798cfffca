"""`pledgecard summary [--json] [--period D] [--area A] [--dept D] [--template T] [--term-end YEAR]`:
the office's overview (SPEC §8) — 추진상황 counts (with the template's grouping), by 분야 and 부서, 진도,
재정 by source meaning with the rates and their definitions, changes since the previous period, cards
with 오류/경고. The same numbers as the dashboard, the 이행 현황 보고서 and the public site
(desktop/core/overview.py); `--json` is the document of docs/summary.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from desktop.commands.context import Context, UserError

if TYPE_CHECKING:
    from desktop.core.overview import Overview


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """--period, the filters and --term-end: shared by summary, report and site."""
    from desktop.commands.periodarg import add_period_argument

    add_period_argument(p)
    p.add_argument("--area", action="append", metavar="분야", help="이 분야의 카드만 (여러 번 쓸 수 있음)")
    p.add_argument("--dept", action="append", metavar="부서", help="이 주관부서의 카드만 (여러 번 쓸 수 있음)")
    p.add_argument("--template", action="append", metavar="NAME", help="이 양식(템플릿)의 카드만 (여러 번)")
    p.add_argument("--kind", action="append", metavar="공약|사업",
                   help="이런 카드만 (양식이 부르는 이름: 공약, 사업 …; 여러 번). 기본: 공약 카드가 있으면 공약만, "
                        "--template을 주면 그 양식의 카드 모두")
    p.add_argument("--term-end", type=int, metavar="YEAR",
                   help="임기가 끝나는 해 (임기 내 재정확보율·집행률의 기준; 기본: 기준일이 속한 민선 임기, 예 2026)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_filter_arguments(p)
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 (형식: docs/summary.md)")


def overview_for(args: argparse.Namespace, ctx: Context) -> Overview:
    """The overview of the chosen period (default: the current one), filtered as asked; the period
    before it (when there is one) gives the changes."""
    from db.overviewread import previous_period
    from desktop.commands.periodarg import chosen_period, period_summaries
    from desktop.core.overview import Filter, prepare

    term_end = getattr(args, "term_end", None)
    if term_end is not None and not 2000 <= term_end <= 2100:
        raise UserError(f"--term-end {term_end}: 임기가 끝나는 해가 아닙니다 (예: 2026)")
    store = ctx.store
    summaries = period_summaries(args, ctx)
    cards = store.cards([s.id for s in summaries])
    issues = {s.id: (s.errors, s.warnings) for s in summaries}
    chosen = chosen_period(args)
    if chosen is None:
        dates = [c.base_date for c in cards if c.base_date is not None]
        chosen = max(dates) if dates else None
    previous, previous_date = previous_period(store, chosen)  # what the list shows: no card body read
    prepared = prepare(cards, ctx.registry, issues=issues, previous=previous, previous_date=previous_date,
                       term_end=term_end)

    def chosen_set(values: list[str] | None, known: list[str], what: str) -> frozenset[str] | None:
        if not values:
            return None
        missing = [v for v in values if v not in known]
        if missing:
            have = ", ".join(known) or "없음"
            raise UserError(f"{what} '{', '.join(missing)}'의 카드가 없습니다 (있는 {what}: {have})")
        return frozenset(values)

    templates = chosen_set(getattr(args, "template", None), prepared.templates(), "양식")
    kinds = chosen_set(getattr(args, "kind", None), prepared.kinds(), "카드 종류")
    if kinds is None and templates is None:  # the office's pledges; other kinds when chosen
        kinds = prepared.default_filter().kinds
    flt = Filter(
        areas=chosen_set(getattr(args, "area", None), prepared.areas(), "분야"),
        depts=chosen_set(getattr(args, "dept", None), prepared.depts(), "부서"),
        templates=templates, kinds=kinds,
    )
    return prepared.overview(flt)


def run(args: argparse.Namespace, ctx: Context) -> int:
    ov = overview_for(args, ctx)
    if args.json:
        json.dump(ov.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from desktop.core.overview_text import overview_text

        sys.stdout.write("".join(line + "\n" for line in overview_text(ov)))
    sys.stdout.flush()
    return 0
