"""공약 조정 on the command line (SPEC §6.2).

`pledgecard adjust 관리번호 (--title T | --goals T | --tasks T | --drop [NOTE]) --reason R --by 결정기관
--date DATE`: the pledge's card in the current period is changed as decided and the 조정 recorded on it
(종전, 변경, 사유, 결정 기관, 결정 일자) and in the history (through: 공약 조정). Goals and tasks take one item a
line. Exit 0 done; 2 refused (nothing changed): no such card, a closed period, no reason or body.

`pledgecard changes [--period DATE] [--pdf F] [--xlsx F]`: the 공약 변경 현황 — every 조정 of the period's
cards, tab-separated (관리번호, 공약제목, 구분, 종전, 변경, 사유, 결정 기관, 결정 일자), or printed / exported.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands.context import Context, UserError
from desktop.commands.periodarg import add_period_argument, parse_day, period_summaries


class _Adjust:
    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        p.add_argument("number", metavar="관리번호", help="조정할 공약의 관리번호 (지금 기간의 카드)")
        what = p.add_mutually_exclusive_group(required=True)
        what.add_argument("--title", metavar="TEXT", help="새 공약제목")
        what.add_argument("--goals", metavar="TEXT", help="새 공약목표 (한 줄에 한 항목)")
        what.add_argument("--tasks", metavar="TEXT", help="새 추진과제·사업 내용 (한 줄에 한 항목)")
        what.add_argument("--drop", metavar="NOTE", nargs="?", const="", help="공약 폐기 (추진상황을 폐기로)")
        p.add_argument("--reason", required=True, help="조정 사유")
        p.add_argument("--by", required=True, metavar="결정기관", help="결정한 곳 (예: 주민배심원단, 구청장 결재)")
        p.add_argument("--date", required=True, nargs="+", metavar="DATE",
                       help="결정 일자 (2025. 3. 10. 또는 2025-03-10)")

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        from db.store import StoreError
        from desktop.commands.exporting import id_for_number
        from desktop.core.adjustments import AdjustmentError, Kind, adjust

        when = " ".join(args.date)  # "2025. 3. 10." typed without quotes arrives as three words
        decided = parse_day(when, "--date")
        kind: Kind
        if args.title is not None:
            kind, text = "title", args.title
        elif args.goals is not None:
            kind, text = "goals", args.goals
        elif args.tasks is not None:
            kind, text = "tasks", args.tasks
        else:
            kind, text = "drop", args.drop or ""
        store = ctx.store
        card = store.get(id_for_number(store.summaries(), args.number))
        try:
            record = adjust(card, ctx.registry.get(card.template), kind, text.replace("\\n", "\n"),
                            reason=args.reason, body=args.by, decided=decided)
            store.save(card, source="adjust", note=f"공약 조정 ({record.body}, {when})")
        except (AdjustmentError, StoreError) as exc:
            raise UserError(f"{exc} (아무것도 바뀌지 않았습니다)") from None
        print(f"공약 조정을 기록했습니다: {card.number} {record.what} — {record.before or '(없음)'} → {record.after}")
        return 0


class _Changes:
    def add_arguments(self, p: argparse.ArgumentParser) -> None:
        add_period_argument(p)
        p.add_argument("--pdf", metavar="FILE", help="공약 변경 현황을 A4 PDF로")
        p.add_argument("--xlsx", metavar="FILE", help="공약 변경 현황을 엑셀 통합문서로")

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        from desktop.commands.exporting import output_path
        from desktop.core.adjustments import report

        summaries = period_summaries(args, ctx)
        cards = ctx.store.cards([s.id for s in summaries]) if summaries else []
        rep = report(cards)
        found = rep.rows
        if args.pdf:
            from desktop.pdf.adjustments import write_adjustments

            out = output_path(args.pdf, "공약변경현황.pdf")
            pages = write_adjustments(out, found, rep.org, rep.period)
            print(f"공약 변경 현황 {pages}쪽을 썼습니다 ({len(found)}건): {out}", file=sys.stderr)
        if args.xlsx:
            from desktop.xlsx.changes import write_adjustments as write_book

            book = output_path(args.xlsx, "공약변경현황.xlsx")
            write_book(book, found, rep.book_title)
            print(f"공약 변경 현황 통합문서를 썼습니다 ({len(found)}건): {book}", file=sys.stderr)
        if not (args.pdf or args.xlsx):
            for r in found:
                cells = [r.number, r.title, r.what, r.before, r.after, r.reason, r.body,
                         r.decided.isoformat() if r.decided else "-"]
                sys.stdout.write("\t".join(" ".join(c.split()) or "-" for c in cells) + "\n")
            sys.stdout.flush()
        return 0


ADJUST = _Adjust()
CHANGES = _Changes()
