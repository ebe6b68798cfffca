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
    p.add_argument("--out", required=True, metavar="FILE", help="써 넣을 통합문서(.xlsx)")
    p.add_argument("--all", action="store_true", help="휴지통에 없는 모든 카드 (관리번호 순)")
    p.add_argument("numbers", nargs="*", metavar="관리번호", help="관리번호 (그 번호의 가장 최근 기준일 카드)")
    p.add_argument("--id", dest="ids", action="append", default=[], metavar="UUID", help="카드 id (여러 번 쓸 수 있음)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.exporting import select

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"'{out}': 엑셀 통합문서 파일 이름은 .xlsx로 끝나야 합니다")
    if out.is_dir():
        raise UserError(f"'{out}': 폴더입니다. 파일 이름을 주세요 (예: {out / '제출.xlsx'})")
    if not out.parent.is_dir():
        raise UserError(f"'{out}': 폴더 '{out.parent}'가 없습니다")
    cards = select(args, ctx)
    registry = ctx.registry
    _report_errors(cards, registry)
    from desktop.xlsx import WorkbookError, export_workbook

    try:
        export_workbook(cards, registry, out)
    except WorkbookError as exc:
        raise UserError(str(exc)) from None
    print(f"카드 {len(cards)}건을 '{out}'에 엑셀 통합문서로 내보냈습니다")
    return 0


def _report_errors(cards: list[Card], registry: TemplateRegistry) -> None:
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
              + ", ".join(flagged), file=sys.stderr)
