"""The department round (SPEC §6.3): `handout` and `collect`.

`pledgecard handout --out DIR [--period DATE]` writes, per 주관부서, one card file and one workbook of
that department's cards of the period ("일자리경제과 2025. 9. 30. 공약카드.json/.xlsx"), each card
stamped with its revisions so that what comes back merges three ways.

`pledgecard collect DIR` imports every returned file of the folder with the merge (one transaction per
department) and reports per department: cards changed, conflicts (each place, as `import` does), new
오류/경고, and the departments that returned nothing. A department's file is the newest of its .json and
.xlsx (the other is named as not used). Every file is read before anything is written: an unusable file
refuses the whole collection (exit 2, nothing changed). Exit 1 when a conflict is left.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.commands.backups import Command
from desktop.commands.context import Context, UserError
from desktop.commands.periodarg import add_period_argument, chosen_period, period_summaries
from desktop.core.dates import fmt_date

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.xlsx import UnreadPhoto

NO_DEPT = "주관부서 없음"
SUFFIX = "공약카드"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_NAME = re.compile(r"^(?P<dept>.+?)\s+(?:\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.\s+)?" + SUFFIX + r"\b.*$")


def file_stem(dept: str, day: date | None) -> str:
    safe = _UNSAFE.sub("_", dept).strip(" .") or "_"
    return " ".join(p for p in (safe, fmt_date(day), SUFFIX) if p)


def _handout_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="DIR", help="부서별 파일을 써 넣을 폴더 (없으면 만듦)")
    add_period_argument(p)


def run_handout(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.core.cardfile import write_cards
    from desktop.xlsx import WorkbookError, export_workbook

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"'{out}': 폴더가 아니라 파일입니다")
    summaries = period_summaries(args, ctx)
    if not summaries:
        raise UserError("나눠 보낼 카드가 없습니다")
    day = chosen_period(args) or max((s.base_date for s in summaries if s.base_date), default=None)
    by_dept: dict[str, list[str]] = {}
    for s in summaries:
        by_dept.setdefault(s.dept.strip() or NO_DEPT, []).append(s.id)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"'{out}': 폴더를 만들 수 없습니다 ({exc.strerror or exc})") from None
    store = ctx.store
    for dept, ids in by_dept.items():
        cards = store.stamp(store.cards(ids))
        stem = file_stem(dept, day)
        try:
            write_cards(out / f"{stem}.json", cards)
            export_workbook(cards, ctx.registry, out / f"{stem}.xlsx")
        except WorkbookError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"'{out / stem}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
        print(f"{dept}: 카드 {len(cards)}장 → '{stem}.json', '{stem}.xlsx'")
    print(f"부서 {len(by_dept)}곳에 나눠 보낼 파일을 '{out}'에 썼습니다 (기준일 {fmt_date(day) or '없음'})")
    return 0


def _collect_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="DIR", help="부서에서 돌려받은 카드 파일(.json)과 통합문서(.xlsx)가 있는 폴더")
    p.add_argument("--on-conflict", choices=("keep", "mine", "theirs"), default="keep",
                   help="충돌: 여기 것을 두고 알리기(keep, 기본; 남으면 종료 코드 1), "
                        "모두 여기 것(mine), 모두 들어온 것(theirs)")
    add_period_argument(p)


def department_of(path: Path, depts: list[str]) -> str:
    """The department a returned file belongs to: by its name as handout wrote it, else by the 주관부서
    most of its cards name (`depts`)."""
    m = _NAME.match(path.stem)
    if m:
        return m.group("dept").strip()
    common = Counter(d.strip() or NO_DEPT for d in depts).most_common(1)
    return common[0][0] if common else path.stem


def run_collect(args: argparse.Namespace, ctx: Context) -> int:
    from desktop.commands.importing import merge_cards, read_file, report_unread, shown_value

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UserError(f"'{folder}': 폴더가 없습니다")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".json", ".xlsx")
                   and not p.name.startswith((".", "~$")))
    if not files:
        raise UserError(f"'{folder}': 돌려받은 카드 파일(.json)이나 통합문서(.xlsx)가 없습니다")
    # read everything first: an unusable file changes nothing
    returned: dict[str, list[tuple[Path, list[Card], list[UnreadPhoto]]]] = {}
    for path in files:
        unread: list[UnreadPhoto] = []
        cards = read_file(path, ctx, unread)
        returned.setdefault(department_of(path, [c.dept for c in cards]), []).append((path, cards, unread))
    store = ctx.store
    expected = {s.dept.strip() or NO_DEPT for s in period_summaries(args, ctx)}
    before = {s.id: s for s in store.summaries()}
    open_total = 0
    for dept in sorted(returned):
        newest = max(returned[dept], key=lambda x: (x[0].stat().st_mtime, x[0].suffix == ".json"))
        path, cards, unread = newest
        report = merge_cards(ctx, cards, unread, args.on_conflict)
        after = {s.id: s for s in store.summaries()} if report.changed_ids else before
        new_err = sum(max(0, after[i].errors - (before[i].errors if i in before else 0)) for i in report.changed_ids
                      if i in after)
        new_warn = sum(max(0, after[i].warnings - (before[i].warnings if i in before else 0))
                       for i in report.changed_ids if i in after)
        n_conf = sum(len(c.conflicts) for c in report.conflicts)
        open_total += report.open
        print(f"{dept}: '{path.name}' 카드 {len(cards)}장 — 바뀐 카드 {len(report.changed_ids)}장 (추가 "
              f"{len(report.added)}, 갱신 {len(report.taken)}, 병합 {len(report.merged)}), 충돌 {n_conf}곳, "
              f"새 오류 {new_err}건, 새 경고 {new_warn}건")
        for other, _c, _u in returned[dept]:
            if other != path:
                print(f"  (쓰지 않음: '{other.name}' — 같은 부서의 더 새 파일 '{path.name}'을 가져왔습니다)")
        for cc in report.conflicts:
            print(f"  충돌: 카드 {cc.label} — {len(cc.conflicts)}곳")
            for c in cc.conflicts:
                print(f"    {c.where}: 여기 {shown_value(c.here)} | 들어온 것 {shown_value(c.theirs)}")
        for who, why in report.skipped:
            print(f"  건너뜀: {who} — {why}", file=sys.stderr)
        report_unread(unread, args)
        before = after
    missing = sorted(expected - set(returned))
    if missing:
        print(f"돌려받지 못한 부서 {len(missing)}곳: {', '.join(missing)}")
    print(f"부서 {len(returned)}곳의 파일을 모았습니다" + (f" — 남은 충돌 {open_total}곳 (여기 것을 그대로 두었습니다; "
                                                  "--on-conflict theirs|mine으로 정하기)" if open_total else ""))
    return 1 if open_total else 0


HANDOUT = Command(_handout_arguments, run_handout)
COLLECT = Command(_collect_arguments, run_collect)
