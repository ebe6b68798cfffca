"""The department round (SPEC §6.3): `handout` and `collect`.

`pledgecard handout --out DIR [--period DATE]` writes, per 주관부서, one card file and one workbook of
that department's cards of the period ("일자리경제과 2025. 9. 30. 공약카드.json/.xlsx"), each card
stamped with its revisions so that what comes back merges three ways.

The work itself is desktop/commands/roundwork.py (shared with the window); this module prints.
`pledgecard collect DIR` imports every returned file of the folder with the merge (one transaction per
department) and reports per department: cards changed, conflicts (each place, as `import` does), new
오류/경고, and the departments that returned nothing. A department's file is the newest of its .json and
.xlsx (the other is named as not used). Every file is read before anything is written: an unusable file
refuses the whole collection (exit 2, nothing changed). Exit 1 when a conflict is left.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.backups import Command
from desktop.commands.context import Context
from desktop.commands.periodarg import add_period_argument, chosen_period, period_summaries
from desktop.commands.roundwork import (
    collect,
    expected_departments,
    handout,
    handout_day,
    missing_departments,
    read_returned,
)
from desktop.core.dates import fmt_date


def _handout_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="DIR", help="부서별 파일을 써 넣을 폴더 (없으면 만듦)")
    add_period_argument(p)


def run_handout(args: argparse.Namespace, ctx: Context) -> int:
    out = Path(args.out)
    summaries = period_summaries(args, ctx)
    day = handout_day(summaries, chosen_period(args))
    done = handout(ctx.store, ctx.registry, out, summaries, day)
    for h in done:
        print(f"{h.dept}: 카드 {h.cards}장 → '{h.stem}.json', '{h.stem}.xlsx'")
    print(f"부서 {len(done)}곳에 나눠 보낼 파일을 '{out}'에 썼습니다 (기준일 {fmt_date(day) or '없음'})")
    return 0


def _collect_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="DIR", help="부서에서 돌려받은 카드 파일(.json)과 통합문서(.xlsx)가 있는 폴더")
    p.add_argument("--on-conflict", choices=("keep", "mine", "theirs"), default="keep",
                   help="충돌: 여기 것을 두고 알리기(keep, 기본; 남으면 종료 코드 1), "
                        "모두 여기 것(mine), 모두 들어온 것(theirs)")
    add_period_argument(p)


def run_collect(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.importing import report_unread, shown_value

    returned = read_returned(Path(args.folder), ctx.registry)  # everything read first: a bad file changes nothing
    expected = expected_departments(period_summaries(args, ctx))
    open_total = 0
    for d in collect(ctx.store, returned, args.on_conflict):
        report = d.report
        open_total += report.open
        print(f"{d.dept}: '{d.used.path.name}' 카드 {len(d.used.cards)}장 — 바뀐 카드 {len(report.changed_ids)}장 "
              f"(추가 {len(report.added)}, 갱신 {len(report.taken)}, 병합 {len(report.merged)}), 충돌 {d.conflicts}곳, "
              f"새 오류 {d.new_errors}건, 새 경고 {d.new_warnings}건")
        for other in d.unused:
            print(f"  (쓰지 않음: '{other.name}' — 같은 부서의 더 새 파일 '{d.used.path.name}'을 가져왔습니다)")
        for cc in report.conflicts:
            print(f"  충돌: 카드 {cc.label} — {len(cc.conflicts)}곳")
            for c in cc.conflicts:
                print(f"    {c.where}: 여기 {shown_value(c.here)} | 들어온 것 {shown_value(c.theirs)}")
        for who, why in report.skipped:
            print(f"  건너뜀: {who} — {why}", file=sys.stderr)
        report_unread(d.used.unread, args)
    missing = missing_departments(expected, returned)
    if missing:
        print(f"돌려받지 못한 부서 {len(missing)}곳: {', '.join(missing)}")
    print(f"부서 {len(returned)}곳의 파일을 모았습니다" + (f" — 남은 충돌 {open_total}곳 (여기 것을 그대로 두었습니다; "
                                                  "--on-conflict theirs|mine으로 정하기)" if open_total else ""))
    return 1 if open_total else 0


HANDOUT = Command(_handout_arguments, run_handout)
COLLECT = Command(_collect_arguments, run_collect)
