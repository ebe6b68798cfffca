"""`pledgecard import FILE… [--on-conflict keep|mine|theirs]`: card files (.json) and workbooks (.xlsx).

Every file is read and validated before anything is written; then the store merges all cards in one
transaction (all or nothing, db/mergestore.py): a place changed on one side only is taken, different
changes to one place are conflicts — each reported (card, place, here, coming in), left as here and exit
1 (keep, the default), or all decided here's way (mine) or the file's (theirs). Exit 0 when no conflict
is left, 2 when a file cannot be used (nothing changed). The old skip/replace mean keep/theirs.
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
    from db.mergestore import MergeReport
    from desktop.core.templates import TemplateRegistry
    from desktop.xlsx import UnreadPhoto


ON_CONFLICT = ("keep", "mine", "theirs", "skip", "replace")
OLD_NAMES = {"skip": "keep", "replace": "theirs"}  # before the merge (issue 13): kept working


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="카드 파일(.json), 제출 통합문서(.xlsx), 한글 문서(.hwpx, .hwp)나 텍스트(.txt) "
                        "— 종류는 이름이 아니라 내용으로 가림")
    p.add_argument("--on-conflict", choices=ON_CONFLICT, default="keep",
                   help="양쪽에서 같은 곳을 다르게 고친 충돌: 여기 것을 두고 알리기(keep, 기본; 남으면 종료 코드 1), "
                        "모두 여기 것(mine), 모두 들어온 것(theirs). 예전 이름 skip은 keep, replace는 theirs")
    p.add_argument("--other-office", action="store_true",
                   help="다른 기관의 데이터베이스에서 온 새 카드도 받기 (없으면 알리고 건너뜀)")
    p.add_argument("--template", metavar="NAME", default=None,
                   help="한글 문서·텍스트를 이 템플릿의 카드로 (기본: 문서의 항목 이름으로 고름)")
    p.add_argument("--dry-run", action="store_true",
                   help="아무것도 쓰지 않고 들어올 카드와 카드에 넣지 못한 부분을 보이기")
    p.add_argument("--json", action="store_true", help="--dry-run의 결과를 JSON으로")


def read_file(path: Path, ctx: Context, unread: list[UnreadPhoto] | None = None) -> list[Card]:
    """The cards of one card file (.json) or workbook (.xlsx), validated; UserError (Korean, naming the
    file) when it cannot be used. Shared by `import` and `check`. A workbook's photos that cannot be
    read go to `unread` when given (else they refuse the file)."""
    return read_path(path, ctx.registry, unread)


def read_path(path: Path, registry: TemplateRegistry, unread: list[UnreadPhoto] | None = None) -> list[Card]:
    """read_file with a template registry (the window has no Context)."""
    if not path.is_file():
        raise UserError(f"'{path}': 파일이 없습니다")
    from desktop.commands.docimport import file_kind

    if file_kind(path) == "workbook":
        from desktop.core.autonumber import number_missing
        from desktop.xlsx import WorkbookError, read_workbook

        try:
            found = list(read_workbook(path, registry, unread=unread))
            number_missing(found)
            return found
        except WorkbookError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"'{path}': 읽을 수 없습니다 ({exc.strerror or exc})") from None
    from desktop.core.autonumber import number_missing
    from desktop.core.cardfile import CardFileError, read_cards

    try:
        cards = read_cards(path, registry)
    except CardFileError as exc:
        raise UserError(str(exc)) from None
    number_missing(cards)  # a card is found by its 관리번호: one without gets a stable generated one
    return cards


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
    from desktop.commands import docimport

    if args.json and not args.dry_run:
        raise UserError("--json은 --dry-run과 함께 씁니다")
    if args.dry_run or docimport.has_documents(paths):
        return docimport.run(args, ctx, paths)
    registry = ctx.registry
    for err in registry.errors:
        print(f"경고: {err}", file=sys.stderr)
    on_conflict = OLD_NAMES.get(args.on_conflict, args.on_conflict)
    unread: list[UnreadPhoto] = []
    cards = read_files(paths, ctx, unread)
    if on_conflict != args.on_conflict:
        print(f"알림: --on-conflict {args.on_conflict}는 이제 {on_conflict}입니다 (세 갈래 병합: 한쪽만 고친 곳은 "
              "받아들이고, 양쪽이 다르게 고친 곳만 충돌)", file=sys.stderr)
    source = f"'{paths[0]}'" if len(paths) == 1 else f"파일 {len(paths)}개"
    report = merge_cards(ctx, cards, unread, on_conflict, other_office=args.other_office)
    print_report(report, len(cards), source, on_conflict, args)
    report_unread(unread, args)
    if report.refused:  # another department's cards: exit 2 when nothing could be applied, else 1
        return 2 if not report.changed_ids else 1
    return 1 if report.open else 0


def merge_cards(ctx: Context, cards: list[Card], unread: list[UnreadPhoto], on_conflict: str, *,
                other_office: bool = False, source: str = "merge") -> MergeReport:
    """Import with the three-way merge; UserError (exit 2, nothing changed) when the store refuses."""
    from db.store import StoreError

    try:
        if unread:
            from desktop.xlsx import keep_stored_photos

            keep_stored_photos(cards, unread, ctx.store.find)
        return ctx.store.merge_import(cards, on_conflict, other_office=other_office,  # type: ignore[arg-type]
                                      source=source)
    except StoreError as exc:
        raise UserError(f"가져오지 못했습니다 (아무것도 바뀌지 않았습니다): {exc}") from None


def print_report(report: MergeReport, read: int, source: str, on_conflict: str, args: argparse.Namespace) -> None:
    n_conf = sum(len(c.conflicts) for c in report.conflicts)
    print(f"{source}에서 카드 {read}건을 읽었습니다 — 추가 {len(report.added)}건, 갱신 {len(report.taken)}건, "
          f"병합 {len(report.merged)}건, 변경 없음 {len(report.unchanged)}건, 충돌 {n_conf}곳(카드 "
          f"{len(report.conflicts)}장), 건너뜀 {len(report.skipped)}건"
          + (f", 거부 {len(report.refused)}건" if report.refused else ""))
    for kind, labels in (("추가", report.added), ("갱신", report.taken), ("병합", report.merged)):
        for line in first_few([f"  {kind}: {who}" for who in labels], args):
            print(line)
    decided = {"mine": "여기 것으로 정했습니다", "theirs": "들어온 것으로 정했습니다"}.get(on_conflict,
                                                                             "여기 것을 그대로 두었습니다")
    for cc in report.conflicts:  # every conflict, never cut: each is a decision someone must make
        print(f"충돌: 카드 {cc.label} — {len(cc.conflicts)}곳, {decided}")
        for c in cc.conflicts:
            print(f"  {c.where}: 여기 {shown_value(c.here)} | 들어온 것 {shown_value(c.theirs)}")
    for line in first_few([f"건너뜀: {who} — {why}" for who, why in report.skipped], args, indent=""):
        print(line, file=sys.stderr)
    for who, why in report.refused:  # every one: each is a card the officer expected to go in
        print(f"거부: 카드 {who} — {why}", file=sys.stderr)
    if report.open:
        print(f"충돌 {report.open}곳이 남았습니다: 여기 것을 그대로 두었습니다. 들어온 것으로 하려면 "
              "--on-conflict theirs, 모두 여기 것으로 하려면 --on-conflict mine", file=sys.stderr)


def shown_value(v: str | None) -> str:
    if v is None:
        return "(없음)"
    one = " ".join(v.split())
    return f"'{one[:80]}…'" if len(one) > 80 else f"'{one}'"



def report_unread(unread: list[UnreadPhoto], args: argparse.Namespace) -> None:
    """The photos a workbook held that could not be read, on stderr: sheet, cell, which photo, why."""
    if not unread:
        return
    kept = sum(1 for u in unread if u.kept)
    tail = f" — {kept}장은 이 데이터베이스에 저장된 사진을 그대로 두었습니다" if kept else ""
    print(f"경고: 읽을 수 없는 사진 {len(unread)}장{tail}:", file=sys.stderr)
    for line in first_few([f"  {u}" for u in unread], args):
        print(line, file=sys.stderr)
