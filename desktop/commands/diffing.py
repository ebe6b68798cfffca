"""`pledgecard diff [관리번호… | --all] --from DATE --to DATE [--json] [--pdf FILE] [--xlsx FILE]`: what
changed between two 기준일.

The cards of each 기준일 are paired by pledge (then by 관리번호); for each pair the header fields,
outline lines (matched by content: a moved line is a move), table cells (old → new and the change),
and office-wide how statuses and 진도 moved. Text in Korean, or the document of docs/diff.md; --pdf
also writes the 신·구 대조표 (desktop/pdf/comparison.py), --xlsx the 변경 현황 workbook (desktop/xlsx/changes.py).
Exit 0 whether or not anything changed; 2 for unusable input (an unreadable date, a 관리번호 with no
card at either date), nothing written.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING

from desktop.commands.context import Context, UserError
from desktop.commands.periodarg import parse_day
from desktop.core.dates import fmt_date
from desktop.core.model import Card

if TYPE_CHECKING:
    from db.store import Store


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("numbers", nargs="*", metavar="관리번호", help="비교할 카드의 관리번호 (없으면 --all)")
    p.add_argument("--all", action="store_true", help="두 기준일의 모든 카드")
    p.add_argument("--from", dest="date_from", required=True, metavar="DATE",
                   help="이전 기준일 (2025. 6. 30. 또는 2025-06-30)")
    p.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="이후 기준일")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 (형식: docs/diff.md)")
    p.add_argument("--pdf", metavar="FILE", help="신·구 대조표를 A4 PDF로 써 넣기")
    p.add_argument("--xlsx", metavar="FILE", help="변경 현황을 엑셀 통합문서로 써 넣기")


def cards_at(store: Store, d_from: date, d_to: date) -> tuple[list[Card], list[Card]]:
    """The live cards at each of the two 기준일 (the command and the window's 기관 전체 비교)."""
    wanted = {s.id for s in store.summaries() if s.base_date in (d_from, d_to)}
    cards = store.cards(sorted(wanted)) if wanted else []
    return [c for c in cards if c.base_date == d_from], [c for c in cards if c.base_date == d_to]


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.core.officediff import diff_json, diff_office, diff_text

    if args.all and args.numbers:
        raise UserError("--all과 관리번호는 함께 쓸 수 없습니다")
    if not (args.all or args.numbers):
        raise UserError("비교할 카드를 고르세요: --all 또는 관리번호")
    d_from, d_to = parse_day(args.date_from, "--from"), parse_day(args.date_to, "--to")
    store = ctx.store
    old, new = cards_at(store, d_from, d_to)
    if not old and not new:
        raise UserError(f"기준일 {fmt_date(d_from)}에도 {fmt_date(d_to)}에도 카드가 없습니다")
    if args.numbers:
        old, new = _only(args.numbers, old, new)
    diff = diff_office(old, new, ctx.registry.templates.get)
    f, t = fmt_date(d_from), fmt_date(d_to)
    if args.pdf:
        from desktop.commands.exporting import output_path
        from desktop.pdf.comparison import write_comparison

        out = output_path(args.pdf, "대조표.pdf")
        pages = write_comparison(out, diff, f, t)
        print(f"신·구 대조표 {pages}쪽을 썼습니다: {out}", file=sys.stderr)
    if args.xlsx:
        from desktop.commands.exporting import output_path
        from desktop.xlsx.changes import write_changes

        book = output_path(args.xlsx, "변경현황.xlsx")
        write_changes(book, diff, f, t)
        print(f"변경 현황 통합문서를 썼습니다: {book}", file=sys.stderr)
    if args.json:
        json.dump(diff_json(diff, d_from.isoformat(), d_to.isoformat()), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("".join(line + "\n" for line in diff_text(diff, f, t)))
    sys.stdout.flush()
    return 0


def _only(numbers: list[str], old: list[Card], new: list[Card]) -> tuple[list[Card], list[Card]]:
    wanted = {n.strip() for n in numbers}
    found = {c.number.strip() for c in old + new}
    missing = [n for n in numbers if n.strip() not in found]
    if missing:
        raise UserError("두 기준일 어디에도 없는 관리번호입니다: " + ", ".join(missing))
    pledges = {c.pledge_id for c in old + new if c.number.strip() in wanted}
    keep = [c for c in old if c.pledge_id in pledges or c.number.strip() in wanted]
    return keep, [c for c in new if c.pledge_id in pledges or c.number.strip() in wanted]
