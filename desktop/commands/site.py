"""`pledgecard site --out DIR [--period D] [--area A] [--dept D] [--template T] [--term-end YEAR]`:
공개용 내보내기 — a folder of static HTML pages (summary, charts, one page per card), dated "기준일 현재",
with the same numbers as `pledgecard summary` (desktop/publish/site.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.context import Context, UserError


def add_arguments(p: argparse.ArgumentParser) -> None:
    from desktop.commands.summary import add_filter_arguments

    p.add_argument("--out", required=True, metavar="DIR", help="써 넣을 폴더 (새 폴더나 전에 내보낸 폴더)")
    add_filter_arguments(p)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.summary import overview_for
    from desktop.publish.site import write_site

    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserError(f"'{out}': 폴더 '{out.parent}'가 없습니다")
    ov = overview_for(args, ctx)
    cards = ctx.store.cards(list(ov.cards))
    try:
        pages = write_site(out, ov, cards, ctx.registry)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"'{out}'에 쓸 수 없습니다 ({exc.strerror or exc})") from None
    print(f"공개용 페이지 {pages}쪽을 썼습니다: {out / 'index.html'}", file=sys.stderr)
    return 0
