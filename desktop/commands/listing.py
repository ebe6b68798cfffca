"""`pledgecard list`: one card a line, tab-separated, natural 관리번호 order, no header.

Columns: 관리번호, 공약제목, 주관부서, 추진상황, 진도 ("75%"), 기준일 ("2025-09-30"); "-" for an empty field.
Reads the summaries only (no card bodies are parsed), so it stays fast over 10,000 cards. The current
period (each pledge's card at its latest 기준일), or with --period DATE the cards at that 기준일.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.commands.context import Context

if TYPE_CHECKING:
    from db.store import CardSummary

EMPTY = "-"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from desktop.commands.periodarg import add_period_argument

    add_period_argument(p)


_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _cell(text: str) -> str:
    # A tab or a line break inside a title would split the line (or the reader's splitlines()); a user
    # sees them as spaces. Most titles hold none, so skip the rebuild for them.
    if not _BREAKS.isdisjoint(text) or text[:1].isspace() or text[-1:].isspace():
        text = " ".join(text.split())
    return text or EMPTY


def format_line(s: CardSummary) -> str:
    return "\t".join((
        _cell(s.number),
        _cell(s.title),
        _cell(s.dept),
        _cell(s.status),
        f"{s.progress}%" if s.progress is not None else EMPTY,
        s.base_date.isoformat() if s.base_date is not None else EMPTY,
    ))


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.periodarg import period_summaries

    out = sys.stdout
    out.write("".join(format_line(s) + "\n" for s in period_summaries(args, ctx)))
    out.flush()
    return 0
