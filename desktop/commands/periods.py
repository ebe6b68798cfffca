"""`pledgecard period new DATE | list | reopen DATE --reason "…" | close DATE`: reporting periods (SPEC §6.2).

new: every current card is carried into the new 기준일 (period-bound parts moved on) and the earlier
periods are closed, in one transaction. list: one period a line, tab-separated: 기준일 (ISO), cards,
열림/닫힘. reopen: a closed period becomes writable again, recorded with the reason; close: closes it.
Exit 0 done; 2 refused (a bad date, a 기준일 not after the latest, no such period, no reason), nothing
changed.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands.context import Context, UserError
from desktop.commands.periodarg import parse_day


class _Period:
    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
        sub.required = True
        new = sub.add_parser("new", help="새 기준일 열기 (지금 카드를 모두 옮기고 앞 기간을 닫음)")
        new.add_argument("date", metavar="DATE", nargs="+", help="새 기준일 (2025. 12. 31. 또는 2025-12-31)")
        sub.add_parser("list", help="기간 목록: 기준일, 카드 수, 열림/닫힘 (탭 구분)")
        reopen = sub.add_parser("reopen", help="닫힌 기간을 다시 열기 (사유를 기록)")
        reopen.add_argument("date", metavar="DATE", nargs="+", help="다시 열 기간의 기준일")
        reopen.add_argument("--reason", required=True, help="다시 여는 사유 (기록에 남음)")
        close = sub.add_parser("close", help="열린 기간을 닫기 (읽기 전용)")
        close.add_argument("date", metavar="DATE", nargs="+", help="닫을 기간의 기준일")
        close.add_argument("--reason", default="", help="닫는 사유 (기록에 남음)")

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        from db.store import StoreError
        from desktop.core.dates import fmt_date

        store = ctx.store
        if args.action == "list":
            sys.stdout.write("".join(f"{p.base_date.isoformat()}\t{p.cards}\t{p.state_name}\n"
                                     for p in store.periods()))
            sys.stdout.flush()
            return 0
        # "2025. 12. 31." typed without quotes arrives as three words
        day = parse_day(" ".join(args.date), "기준일")
        try:
            if args.action == "new":
                before = [p.base_date for p in store.periods() if p.state == "open"]
                carried = store.open_period(day)
                closed = ", ".join(fmt_date(d) for d in before) or "없음"
                print(f"새 기준일 {fmt_date(day)}을(를) 열었습니다: 카드 {len(carried)}장을 옮겼고, "
                      f"닫은 기간: {closed}")
            elif args.action == "reopen":
                store.reopen_period(day, args.reason)
                print(f"기준일 {fmt_date(day)} 기간을 다시 열었습니다 (사유: {args.reason.strip()})")
            else:
                store.close_period(day, args.reason)
                print(f"기준일 {fmt_date(day)} 기간을 닫았습니다")
        except StoreError as exc:
            raise UserError(f"{exc} (아무것도 바뀌지 않았습니다)") from None
        return 0


PERIOD = _Period()
