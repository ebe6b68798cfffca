"""`pledgecard export --out FILE [--all | 관리번호… | --id UUID…] [--period DATE]`: cards to a card file.

--all and 관리번호 choose in the current period (each pledge's card at its latest 기준일) or, with
--period, among the cards at that 기준일. A 관리번호 means its card with the latest 기준일; when several
cards share that 기준일 none is picked: they are listed (exit 2). An unknown 관리번호 or id refuses the
whole export (exit 2) and writes nothing; the file is written atomically.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.commands.context import Context, UserError
from desktop.commands.periodarg import add_period_argument, period_summaries
from desktop.core.model import Card

if TYPE_CHECKING:
    from db.store import CardSummary


def add_selection_arguments(p: argparse.ArgumentParser, out_help: str,
                            all_help: str = "휴지통에 없는 모든 카드 (관리번호 순)") -> None:
    """--out FILE [--all | 관리번호… | --id UUID…]: shared by export, pdf and xlsx."""
    p.add_argument("--out", required=True, metavar="FILE", help=out_help)
    p.add_argument("--all", action="store_true", help=all_help)
    p.add_argument("numbers", nargs="*", metavar="관리번호", help="관리번호 (그 번호의 가장 최근 기준일 카드)")
    p.add_argument("--id", dest="ids", action="append", default=[], metavar="UUID", help="카드 id (여러 번 쓸 수 있음)")
    add_period_argument(p)


def output_path(text: str, example: str) -> Path:
    """The --out file, refused in Korean when it is a folder or its folder does not exist."""
    out = Path(text)
    if out.is_dir():
        raise UserError(f"'{out}': 폴더입니다. 파일 이름을 주세요 (예: {out / example})")
    if not out.parent.is_dir():
        raise UserError(f"'{out}': 폴더 '{out.parent}'가 없습니다")
    return out


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_selection_arguments(p, "써 넣을 카드 파일(.json)")


def select(args: argparse.Namespace, ctx: Context) -> list[Card]:
    from db.store import StoreError

    if args.all and (args.numbers or args.ids):
        raise UserError("--all과 관리번호/--id는 함께 쓸 수 없습니다")
    if not (args.all or args.numbers or args.ids):
        raise UserError("내보낼 카드를 고르세요: --all, 관리번호, 또는 --id UUID")
    store = ctx.store
    if args.all:
        return list(store.cards([s.id for s in period_summaries(args, ctx)]))
    chosen: list[Card] = []
    seen: set[str] = set()
    summaries = period_summaries(args, ctx) if args.numbers else []
    for number in args.numbers:
        card = store.get(id_for_number(summaries, number))
        if card.id not in seen:
            seen.add(card.id)
            chosen.append(card)
    for card_id in args.ids:
        try:
            card = store.get(card_id)
        except StoreError:
            raise UserError(f"id '{card_id}'인 카드가 없습니다") from None
        if card.id not in seen:
            seen.add(card.id)
            chosen.append(card)
    return chosen


def id_for_number(summaries: Sequence[CardSummary], number: str) -> str:
    """The id of the live card of this 관리번호 with the latest 기준일 (a card without 기준일 counts as
    oldest). UserError (exit 2) when there is none, or when several share that latest 기준일: they are
    listed (id, title, 기준일) and none is picked."""
    from desktop.core.checks.duplicates import describe, number_key

    key = number_key(number)
    found = [s for s in summaries if number_key(s.number) == key and key]
    if not found:
        raise UserError(f"관리번호 '{number}'인 카드가 없습니다")
    latest = max((s.base_date or date.min) for s in found)
    tied = [s for s in found if (s.base_date or date.min) == latest]
    if len(tied) > 1:
        listed = "\n".join(f"  {describe(s)}" for s in tied)
        raise UserError(f"관리번호 '{number}'인 카드가 {len(tied)}장입니다 (기준일이 같음) — 어느 카드인지 "
                        f"정할 수 없어 아무것도 하지 않았습니다. --id로 고르십시오:\n{listed}")
    return tied[0].id


def run(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.core.cardfile import write_cards

    out = output_path(args.out, "cards.json")
    cards = ctx.store.stamp(select(args, ctx))  # each card's revisions: the base of a later merge
    try:
        write_cards(out, cards)
    except OSError as exc:
        raise UserError(f"'{out}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
    print(f"카드 {len(cards)}건을 '{out}'에 내보냈습니다")
    return 0
