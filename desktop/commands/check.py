"""`pledgecard check [FILE… | --all] [--json]`: the checks of SPEC §3 over card files or the database.

With no FILE (or with --all) every live card of the database is checked. FILE is a card file (.json)
or a submission workbook (.xlsx). Text output: one finding a line, "관리번호 [오류] message (place)";
`--json`: the stable document described in docs/checks.md. Exit 2 if any input is unusable (the rest
is still checked and reported), else 1 if any 오류, else 0 — 경고 never changes the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.commands.context import Context, UserError
from desktop.core.findings import ERROR, Finding
from desktop.core.model import Card
from desktop.core.templates import Template, TemplateError

if TYPE_CHECKING:
    from desktop.xlsx import UnreadPhoto

CHECK_FORMAT = "pledgecard-check"
CHECK_VERSION = 1
DATABASE = "database"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="카드 파일(.json)이나 제출 통합문서(.xlsx); 없으면 데이터베이스의 지금 기간 카드")
    p.add_argument("--all", action="store_true", help="데이터베이스의 지금 기간 카드 모두 (파일을 주지 않은 것과 같음)")
    p.add_argument("--json", action="store_true", help="결과를 JSON으로 (형식: docs/checks.md)")
    from desktop.commands.periodarg import add_period_argument

    add_period_argument(p)


@dataclass
class Checked:
    source: str
    card: Card
    template: Template
    findings: list[Finding]


@dataclass
class Report:
    checked: list[Checked] = field(default_factory=list)
    unusable: list[tuple[str, str]] = field(default_factory=list)  # (source, Korean reason)
    unread: list[UnreadPhoto] = field(default_factory=list)  # workbook photos that could not be read

    @property
    def errors(self) -> int:
        return sum(1 for c in self.checked for f in c.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for c in self.checked for f in c.findings if f.severity != ERROR)

    @property
    def exit_code(self) -> int:
        if self.unusable:
            return 2
        return 1 if self.errors else 0


def _inputs(args: argparse.Namespace, ctx: Context, report: Report) -> list[tuple[str, Card]]:
    if args.files and args.all:
        raise UserError("파일과 --all을 함께 쓸 수 없습니다 (--all은 데이터베이스의 모든 카드입니다)")
    if args.files and getattr(args, "period", None):
        raise UserError("--period는 데이터베이스의 카드를 검사할 때만 씁니다 (파일과 함께 쓸 수 없습니다)")
    if not args.files:
        from desktop.commands.periodarg import period_summaries

        return [(DATABASE, c) for c in ctx.store.cards([s.id for s in period_summaries(args, ctx)])]
    from desktop.commands.importing import read_file

    found: list[tuple[str, Card]] = []
    for name in args.files:
        try:
            found.extend((name, c) for c in read_file(Path(name), ctx, report.unread))
        except UserError as exc:
            report.unusable.append((name, str(exc)))
    return found


def check_inputs(args: argparse.Namespace, ctx: Context) -> Report:
    from desktop.core.checks import check_card

    report = Report()
    for source, card in _inputs(args, ctx, report):
        try:
            template = ctx.registry.get(card.template)
        except TemplateError as exc:
            report.unusable.append((source, f"카드 {card_name(card)}: {exc}"))
            continue
        report.checked.append(Checked(source, card, template, check_card(card, template)))
    from desktop.core.checks.duplicates import duplicate_findings

    # Checked together (the database, or all the files given): the same 관리번호 at the same 기준일 twice.
    duplicates = duplicate_findings(c.card for c in report.checked)
    for c in report.checked:
        c.findings.extend(duplicates.get(c.card.id, []))
    # Cards of one document (one 기관, 기준일 and 분야) checked together: a summary against its pages.
    from desktop.core.checks import check_documents

    templates = {c.card.id: c.template for c in report.checked}
    across = check_documents([c.card for c in report.checked], lambda card: templates.get(card.id))
    for c in report.checked:
        c.findings.extend(across.get(c.card.id, []))
    return report


def card_name(card: Card) -> str:
    return " ".join(card.number.split()) or f"({' '.join(card.title.split()) or card.id})"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def text_lines(report: Report) -> list[str]:
    from desktop.core.checks import describe_place

    lines = []
    for c in report.checked:
        for f in c.findings:
            where = describe_place(c.card, c.template, f.place)
            lines.append(f"{card_name(c.card)} [{f.severity}] {_one_line(f.message)}"
                         + (f" ({_one_line(where)})" if where else ""))
    return lines


def finding_json(f: Finding, where: str) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity,
        "level": "error" if f.severity == ERROR else "warning",
        "message": f.message,
        "where": where,
        "place": {"field": f.place.field, "block": f.place.block, "item": list(f.place.item),
                  "row": f.place.row, "col": f.place.col},
        "stated": f.stated,
        "computed": f.computed,
    }


def report_json(report: Report) -> dict[str, Any]:
    from desktop.core.checks import counts, describe_place

    cards = []
    for c in report.checked:
        errors, warnings = counts(c.findings)
        cards.append({
            "source": c.source,
            "id": c.card.id,
            "number": c.card.number,
            "title": c.card.title,
            "template": c.card.template,
            "base_date": c.card.base_date.isoformat() if c.card.base_date else None,
            "errors": errors,
            "warnings": warnings,
            "findings": [finding_json(f, describe_place(c.card, c.template, f.place)) for f in c.findings],
        })
    return {
        "format": CHECK_FORMAT,
        "version": CHECK_VERSION,
        "exit_code": report.exit_code,
        "summary": {"cards": len(report.checked), "errors": report.errors, "warnings": report.warnings,
                    "unusable": len(report.unusable)},
        "cards": cards,
        "unusable": [{"source": s, "message": m} for s, m in report.unusable],
    }


def run(args: argparse.Namespace, ctx: Context) -> int:
    for err in ctx.registry.errors:
        print(f"경고: {err}", file=sys.stderr)
    report = check_inputs(args, ctx)
    if args.json:
        sys.stdout.write(json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write("".join(line + "\n" for line in text_lines(report)))
    sys.stdout.flush()
    if report.unread:
        from desktop.commands.importing import report_unread

        report_unread(report.unread, args)
    for source, message in report.unusable:
        print(f"오류: {message}" if source in message else f"오류: '{source}': {message}", file=sys.stderr)
    print(f"카드 {len(report.checked)}장 검사: 오류 {report.errors}건, 경고 {report.warnings}건"
          + (f", 쓸 수 없는 입력 {len(report.unusable)}개" if report.unusable else ""), file=sys.stderr)
    return report.exit_code
