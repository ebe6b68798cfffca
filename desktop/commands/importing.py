"""`pledgecard import FILE… [--on-conflict skip|replace]`: card files (.json) and workbooks (.xlsx).

Every file is read and validated before anything is written; then the store imports all cards in one
transaction (all or nothing). A card whose stored copy changed since it was exported is skipped and
reported (default) or replaced. Skipped cards are reported on stderr and do not change the exit code.
A workbook's photo that cannot be read (a damaged picture part) is reported on stderr by sheet, cell and
why, and the picture this database stores for it is kept. Lists of cards show the first few; --verbose
shows all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.commands.context import Context, UserError
from desktop.commands.output import first_few
from desktop.core.model import Card

if TYPE_CHECKING:
    from desktop.xlsx import UnreadPhoto


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="카드 파일(.json) 또는 제출 통합문서(.xlsx)")
    p.add_argument("--on-conflict", choices=("skip", "replace"), default="skip",
                   help="이 데이터베이스에서 그 뒤에 바뀐 카드를 건너뛸지(skip, 기본) 바꿀지(replace)")


def read_file(path: Path, ctx: Context, unread: list[UnreadPhoto] | None = None) -> list[Card]:
    """The cards of one card file (.json) or workbook (.xlsx), validated; UserError (Korean, naming the
    file) when it cannot be used. Shared by `import` and `check`. A workbook's photos that cannot be
    read go to `unread` when given (else they refuse the file)."""
    if not path.is_file():
        raise UserError(f"'{path}': 파일이 없습니다")
    if path.suffix.lower() == ".xlsx":
        from desktop.xlsx import WorkbookError, read_workbook

        try:
            return list(read_workbook(path, ctx.registry, unread=unread))
        except WorkbookError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"'{path}': 읽을 수 없습니다 ({exc.strerror or exc})") from None
    from desktop.core.cardfile import CardFileError, read_cards

    try:
        return read_cards(path, ctx.registry)
    except CardFileError as exc:
        raise UserError(str(exc)) from None


def read_files(paths: list[Path], ctx: Context, unread: list[UnreadPhoto] | None = None) -> list[Card]:
    """Every card of every file, validated; raises UserError at the first unusable file."""
    cards: list[Card] = []
    origin: dict[str, Path] = {}
    for path in paths:
        got = read_file(path, ctx, unread)
        for c in got:
            if c.id in origin:
                where = "같은 파일" if origin[c.id] == path else f"'{origin[c.id]}'"
                raise UserError(f"'{path}': 카드 {c.number or c.id} (id {c.id})가 {where}에도 들어 있습니다")
            origin[c.id] = path
        cards.extend(got)
    return cards


def run(args: argparse.Namespace, ctx: Context) -> int:
    paths = [Path(f) for f in args.files]
    registry = ctx.registry
    for err in registry.errors:
        print(f"경고: {err}", file=sys.stderr)
    unread: list[UnreadPhoto] = []
    cards = read_files(paths, ctx, unread)
    from db.store import StoreError

    try:
        if unread:
            from desktop.xlsx import keep_stored_photos

            keep_stored_photos(cards, unread, lambda card_id: _stored(ctx, card_id))
        report = ctx.store.import_cards(cards, on_conflict=args.on_conflict)
    except StoreError as exc:
        raise UserError(f"가져오지 못했습니다 (아무것도 바뀌지 않았습니다): {exc}") from None
    same = len(cards) - len(report.added) - len(report.updated) - len(report.skipped)
    source = f"'{paths[0]}'" if len(paths) == 1 else f"파일 {len(paths)}개"
    print(f"{source}에서 카드 {len(cards)}건을 읽었습니다 — 추가 {len(report.added)}건, "
          f"갱신 {len(report.updated)}건, 변경 없음 {same}건, 건너뜀 {len(report.skipped)}건")
    for line in first_few([f"  추가: {who}" for who in report.added], args):
        print(line)
    for line in first_few([f"  갱신: {who}" for who in report.updated], args):
        print(line)
    for line in first_few([f"건너뜀: {who} — {why}" for who, why in report.skipped], args, indent=""):
        print(line, file=sys.stderr)
    report_unread(unread, args)
    if report.skipped and args.on_conflict == "skip":
        print("  (이 데이터베이스의 카드로 바꾸려면 --on-conflict replace)", file=sys.stderr)
    return 0


def _stored(ctx: Context, card_id: str) -> Card | None:
    from db.store import StoreError

    try:
        return ctx.store.get(card_id)
    except StoreError:  # not in this database: nothing stored to keep
        return None


def report_unread(unread: list[UnreadPhoto], args: argparse.Namespace) -> None:
    """The photos a workbook held that could not be read, on stderr: sheet, cell, which photo, why."""
    if not unread:
        return
    kept = sum(1 for u in unread if u.kept)
    tail = f" — {kept}장은 이 데이터베이스에 저장된 사진을 그대로 두었습니다" if kept else ""
    print(f"경고: 읽을 수 없는 사진 {len(unread)}장{tail}:", file=sys.stderr)
    for line in first_few([f"  {u}" for u in unread], args):
        print(line, file=sys.stderr)
