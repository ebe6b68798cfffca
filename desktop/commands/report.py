"""`pledgecard report --out F.pdf [--period D] [--area A] [--dept D] [--template T] [--term-end YEAR]`:
the 이행 현황 보고서 (SPEC §8) on A4 — the same numbers as `pledgecard summary` (desktop/pdf/report.py)."""

from __future__ import annotations

import argparse
import sys

from desktop.commands.context import Context, UserError


def add_arguments(p: argparse.ArgumentParser) -> None:
    from desktop.commands.summary import add_filter_arguments

    p.add_argument("--out", required=True, metavar="FILE", help="써 넣을 PDF 파일 (예: 이행현황.pdf)")
    add_filter_arguments(p)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.exporting import output_path
    from desktop.commands.summary import overview_for
    from desktop.pdf.report import write_report

    ov = overview_for(args, ctx)
    out = output_path(args.out, "이행현황.pdf")
    tmp = out.with_name(out.name + ".part")
    try:  # written beside, then moved over: a failure never leaves half a report under the name
        pages = write_report(tmp, ov)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"'{out}'에 쓸 수 없습니다 ({exc.strerror or exc})") from None
    print(f"이행 현황 보고서 {pages}쪽을 썼습니다: {out}", file=sys.stderr)
    return 0
