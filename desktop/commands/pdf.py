"""`pledgecard pdf --out FILE [--all | 관리번호… | --id UUID…]`: cards to an A4 PDF.

One card prints as the card; several print as a book (cover, 목차, 총괄표, cards in 관리번호 order).
A card with 오류 prints anyway — the command line does not ask — but each one is named on stderr.
A card that cannot be laid out at all (a cell taller than a page that cannot be split) is named on
stderr and the exit code is 1: a book is still written, with a notice page in that card's place;
a single card is not written.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands.context import Context, UserError


def add_arguments(p: argparse.ArgumentParser) -> None:
    from desktop.commands.exporting import add_selection_arguments

    add_selection_arguments(p, "써 넣을 PDF 파일", "휴지통에 없는 모든 카드 (책자로, 관리번호 순)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.exporting import output_path, select
    from desktop.core.templates import TemplateError

    out = output_path(args.out, "cards.pdf")
    cards = select(args, ctx)
    if not cards:
        raise UserError("인쇄할 카드가 없습니다")
    from desktop.commands.output import first_few

    errors = {s.id: s.errors for s in ctx.store.summaries()}
    flagged = [f"경고: {card.number} '{card.title}' 카드에 오류 {errors[card.id]}건이 있습니다 (그대로 인쇄합니다)"
               for card in cards if errors.get(card.id, 0)]
    for line in first_few(flagged, args, indent=""):
        print(line, file=sys.stderr)
    from desktop.commands.periodarg import chosen_period
    from desktop.pdf import PrintStats, Unprintable, render_cards

    stats = PrintStats()
    try:
        pages = render_cards(cards, ctx.registry, out, stats=stats, period=chosen_period(args))
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    except Unprintable as exc:  # the one card asked for: nothing is written
        raise UserError(str(exc), code=1) from None
    except OSError as exc:
        raise UserError(f"'{out}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
    kind = "책자" if len(cards) > 1 else "카드"
    shared = (f"; 그중 {stats.worker_cards}건은 작업 프로세스 {stats.workers}개가 나눠 만들었습니다"
              if stats.worker_cards else "")
    print(f"{kind} PDF를 '{out}'에 저장했습니다 (카드 {len(cards)}건, {pages}쪽{shared})")
    if stats.unprintable:
        from desktop.pdf.compose import UNPRINTABLE, UNPRINTABLE_HINT

        print(f"오류: 카드 {len(stats.unprintable)}건은 {UNPRINTABLE}. 책자에는 그 자리에 안내 쪽만 넣었습니다 "
              f"({UNPRINTABLE_HINT}):", file=sys.stderr)
        for name in stats.unprintable:
            print(f"  {name}", file=sys.stderr)
        return 1
    return 0
