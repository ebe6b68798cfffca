"""`pledgecard pdf --out FILE [--all | 관리번호… | --id UUID…]`: cards to an A4 PDF.

One card prints as the card; several print as a book (cover, 목차, 총괄표, cards in 관리번호 order).
A card with 오류 prints anyway — the command line does not ask — but each one is named on stderr.
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
    from desktop.pdf import PrintStats, render_cards

    stats = PrintStats()
    try:
        pages = render_cards(cards, ctx.registry, out, stats=stats)
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"'{out}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
    kind = "책자" if len(cards) > 1 else "카드"
    shared = (f"; 그중 {stats.worker_cards}건은 작업 프로세스 {stats.workers}개가 나눠 만들었습니다"
              if stats.worker_cards else "")
    print(f"{kind} PDF를 '{out}'에 저장했습니다 (카드 {len(cards)}건, {pages}쪽{shared})")
    return 0
