"""`pledgecard xlsx --out FILE [--all | 관리번호… | --id UUID…]`: the submission workbook (SPEC §5).

A 관리번호 means its card with the latest 기준일. Cards with 오류 are exported as they are (their
stated slips show red in Excel) and listed on stderr, since the command line cannot ask. The file is
written atomically; an unknown 관리번호 or id writes nothing (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.commands.context import Context, UserError

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.core.templates import TemplateRegistry


def add_arguments(p: argparse.ArgumentParser) -> None:
    from desktop.commands.exporting import add_selection_arguments

    add_selection_arguments(p, "써 넣을 통합문서(.xlsx)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.exporting import output_path, select

    if Path(args.out).suffix.lower() != ".xlsx":
        raise UserError(f"'{args.out}': 엑셀 통합문서 파일 이름은 .xlsx로 끝나야 합니다")
    out = output_path(args.out, "제출.xlsx")
    cards = ctx.store.stamp(select(args, ctx))  # each card's revisions: the base of a later merge
    registry = ctx.registry
    _report_errors(cards, registry, args)
    from desktop.xlsx import WorkbookError, export_workbook

    try:
        export_workbook(cards, registry, out)
    except WorkbookError as exc:
        raise UserError(str(exc)) from None
    print(f"카드 {len(cards)}건을 '{out}'에 엑셀 통합문서로 내보냈습니다")
    return 0


def _report_errors(cards: list[Card], registry: TemplateRegistry, args: argparse.Namespace) -> None:
    from desktop.commands.output import joined
    from desktop.core.checks import check_card, counts

    flagged = []
    for card in cards:
        template = registry.templates.get(card.template)
        if template is None:
            continue
        errors, _ = counts(check_card(card, template))
        if errors:
            flagged.append(f"{card.number or card.id} (오류 {errors}건)")
    if flagged:
        print(f"주의: 오류가 있는 카드 {len(flagged)}건을 그대로 내보냅니다 — 엑셀에서 빨간 칸으로 보입니다: "
              + joined(flagged, args), file=sys.stderr)
