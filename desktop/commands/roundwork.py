"""The department round's work (SPEC §6.3), shared by `handout`/`collect` and the window: no printing,
no Qt. Problems are UserError (Korean, naming the file or folder); nothing is written before every
returned file has been read.

    files = handout(store, registry, out, store.period_summaries(None), day)
    returned = read_returned(folder, registry)          # per department, every usable file
    reports = collect(store, returned, "keep")           # one merge per department, its newest file
    missing_departments(expected, returned)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.commands.context import UserError
from desktop.core.dates import fmt_date

if TYPE_CHECKING:
    from db.mergestore import MergeReport
    from db.store import CardSummary, Store
    from desktop.core.merge import Choice
    from desktop.core.model import Card
    from desktop.core.templates import TemplateRegistry
    from desktop.xlsx import UnreadPhoto

NO_DEPT = "주관부서 없음"
SUFFIX = "공약카드"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_NAME = re.compile(r"^(?P<dept>.+?)\s+(?:\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.\s+)?" + SUFFIX + r"\b.*$")


def file_stem(dept: str, day: date | None) -> str:
    safe = _UNSAFE.sub("_", dept).strip(" .") or "_"
    return " ".join(p for p in (safe, fmt_date(day), SUFFIX) if p)


# ------------------------------------------------------------------ handout


@dataclass
class HandedOut:
    dept: str
    cards: int
    stem: str  # "<stem>.json" and "<stem>.xlsx" in the folder


def handout(store: Store, registry: TemplateRegistry, out: Path, summaries: list[CardSummary],
            day: date | None = None) -> list[HandedOut]:
    """One card file and one workbook per 주관부서 of `summaries`, each card stamped with its revisions.
    `day` names the files (default: the newest 기준일 among the cards)."""
    from desktop.core.cardfile import write_cards
    from desktop.xlsx import WorkbookError, export_workbook

    if out.exists() and not out.is_dir():
        raise UserError(f"'{out}': 폴더가 아니라 파일입니다")
    if not summaries:
        raise UserError("나눠 보낼 카드가 없습니다")
    day = handout_day(summaries, day)
    by_dept: dict[str, list[str]] = {}
    for s in summaries:
        by_dept.setdefault(s.dept.strip() or NO_DEPT, []).append(s.id)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"'{out}': 폴더를 만들 수 없습니다 ({exc.strerror or exc})") from None
    done: list[HandedOut] = []
    for dept, ids in by_dept.items():
        cards = store.stamp(store.cards(ids))
        stem = file_stem(dept, day)
        try:
            write_cards(out / f"{stem}.json", cards)
            export_workbook(cards, registry, out / f"{stem}.xlsx")
        except WorkbookError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"'{out / stem}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
        done.append(HandedOut(dept, len(cards), stem))
    return done


def handout_day(summaries: list[CardSummary], day: date | None = None) -> date | None:
    return day or max((s.base_date for s in summaries if s.base_date), default=None)


# ------------------------------------------------------------------ collect


@dataclass
class Returned:
    path: Path
    cards: list[Card]
    unread: list[UnreadPhoto] = field(default_factory=list)


@dataclass
class DeptReport:
    dept: str
    used: Returned  # the department's newest file
    report: MergeReport
    new_errors: int = 0
    new_warnings: int = 0
    unused: list[Path] = field(default_factory=list)  # older files of the same department

    @property
    def conflicts(self) -> int:
        return sum(len(c.conflicts) for c in self.report.conflicts)


def department_of(path: Path, depts: list[str]) -> str:
    """The department a returned file belongs to: by its name as handout wrote it, else by the 주관부서
    most of its cards name (`depts`)."""
    m = _NAME.match(path.stem)
    if m:
        return m.group("dept").strip()
    common = Counter(d.strip() or NO_DEPT for d in depts).most_common(1)
    return common[0][0] if common else path.stem


def read_returned(folder: Path, registry: TemplateRegistry) -> dict[str, list[Returned]]:
    """Every returned card file and workbook of `folder`, read and validated, per department."""
    from desktop.commands.importing import read_path

    if not folder.is_dir():
        raise UserError(f"'{folder}': 폴더가 없습니다")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".json", ".xlsx")
                   and not p.name.startswith((".", "~$")))
    if not files:
        raise UserError(f"'{folder}': 돌려받은 카드 파일(.json)이나 통합문서(.xlsx)가 없습니다")
    returned: dict[str, list[Returned]] = {}
    for path in files:
        unread: list[UnreadPhoto] = []
        cards = read_path(path, registry, unread)
        returned.setdefault(department_of(path, [c.dept for c in cards]), []).append(Returned(path, cards, unread))
    return returned


def newest(files: list[Returned]) -> Returned:
    return max(files, key=lambda r: (r.path.stat().st_mtime, r.path.suffix == ".json"))


def merge_returned(store: Store, r: Returned, on_conflict: str = "keep",
                   choices: dict[str, dict[str, Choice]] | None = None, *, dry_run: bool = False) -> MergeReport:
    """Store.merge_import of one returned file (a workbook's unreadable photos keep the stored ones);
    UserError when the store refuses (nothing changed)."""
    from db.store import StoreError

    try:
        if r.unread:
            from desktop.xlsx import keep_stored_photos

            keep_stored_photos(r.cards, r.unread, store.find)
        return store.merge_import(r.cards, on_conflict, choices=choices,  # type: ignore[arg-type]
                                  dry_run=dry_run)
    except StoreError as exc:
        raise UserError(f"'{r.path.name}': 가져오지 못했습니다 (아무것도 바뀌지 않았습니다): {exc}") from None


def collect(store: Store, returned: dict[str, list[Returned]], on_conflict: str = "keep") -> list[DeptReport]:
    """Merge each department's newest file, department by department (one transaction each), with the
    new 오류/경고 of the cards it changed."""
    before = {s.id: s for s in store.summaries()}
    out: list[DeptReport] = []
    for dept in sorted(returned):
        used = newest(returned[dept])
        report = merge_returned(store, used, on_conflict)
        after = {s.id: s for s in store.summaries()} if report.changed_ids else before
        changed = [i for i in report.changed_ids if i in after]
        new_err = sum(max(0, after[i].errors - (before[i].errors if i in before else 0)) for i in changed)
        new_warn = sum(max(0, after[i].warnings - (before[i].warnings if i in before else 0)) for i in changed)
        out.append(DeptReport(dept, used, report, new_err, new_warn,
                              [r.path for r in returned[dept] if r.path != used.path]))
        before = after
    return out


def expected_departments(summaries: list[CardSummary]) -> set[str]:
    return {s.dept.strip() or NO_DEPT for s in summaries}


def missing_departments(expected: set[str], returned: dict[str, list[Returned]]) -> list[str]:
    return sorted(expected - set(returned))

