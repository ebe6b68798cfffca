"""The department round in the window (SPEC §6.3): 부서별로 나눠 보내기 and 돌려받은 파일 모으기.

The work is desktop/commands/roundwork.py (the same as `pledgecard handout` / `collect`); this module
chooses folders and shows the per-department report. Conflicts are left as here, as `collect` does, and
the officer may review them right away with the merge review (desktop/ui/mergereview.py).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.ui import palette
from desktop.ui.filedialogs import remember, start_folder
from desktop.ui.mergereview import MergeReview

if TYPE_CHECKING:
    from desktop.commands.roundwork import DeptReport
    from desktop.ui.shell import Shell as MainWindow

HANDOUT = "부서별로 나눠 보내기"
COLLECT = "돌려받은 파일 모으기"
COLS = ["부서", "파일", "바뀐 카드", "추가", "갱신", "병합", "충돌", "새 오류", "새 경고"]


def _folder(win: MainWindow, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(win, title, str(start_folder(win.settings, "round")))
    if not chosen:
        return None
    with contextlib.suppress(Exception):
        remember(win.settings, "round", Path(chosen))
    return Path(chosen)


# ------------------------------------------------------------------ handout

def handout_to_folder(win: MainWindow) -> None:
    folder = _folder(win, f"{HANDOUT}: 파일을 써 넣을 폴더")
    if folder is not None:
        handout_path(win, folder)


def handout_path(win: MainWindow, folder: Path) -> None:
    """One card file and one workbook per 주관부서 of the period the list shows, into `folder`."""
    from desktop.commands.context import UserError
    from desktop.commands.roundwork import handout, handout_day
    from desktop.core.dates import fmt_date

    if not win.commit_pending():
        return
    summaries = win.store.period_summaries(win.period)
    try:
        day = handout_day(summaries, win.period)
        done = handout(win.store, win.registry, folder, summaries, day)
    except UserError as exc:
        QMessageBox.critical(win, HANDOUT, f"나눠 보내지 못했습니다: {exc}")
        return
    lines = [f"· {h.dept}: 카드 {h.cards}장 → {h.stem}.json, .xlsx" for h in done]
    QMessageBox.information(win, HANDOUT, f"부서 {len(done)}곳에 나눠 보낼 파일을 썼습니다 (기준일 "
                            f"{fmt_date(day) or '없음'}):\n{folder}\n\n" + "\n".join(lines))
    win.statusBar().showMessage(f"부서 {len(done)}곳의 파일을 썼습니다: {folder}", 8000)


# ------------------------------------------------------------------ collect

def collect_from_folder(win: MainWindow) -> None:
    folder = _folder(win, f"{COLLECT}: 부서에서 돌려받은 파일이 있는 폴더")
    if folder is not None:
        collect_path(win, folder)


def collect_path(win: MainWindow, folder: Path) -> CollectReport | None:
    """Read every returned file (an unusable one changes nothing), merge each department's newest,
    then show the report (open, not modal: returned for tests)."""
    from desktop.commands.context import UserError
    from desktop.commands.roundwork import collect, expected_departments, missing_departments, read_returned

    if not win.commit_pending():
        return None
    expected = expected_departments(win.store.period_summaries(win.period))
    try:
        returned = read_returned(folder, win.registry)
        reports = collect(win.store, returned, "keep")
    except UserError as exc:
        QMessageBox.critical(win, COLLECT, f"모으지 못했습니다: {exc}")
        win.reload_list(select=win.current_id)  # departments before the refusal may have been merged
        return None
    current = win.current_id
    if current and any(current in d.report.changed_ids for d in reports):
        win.current_id = ""  # reopen: the collection changed it
    win.reload_list(select=current)
    dlg = CollectReport(win, folder, reports, missing_departments(expected, returned))
    dlg.show()
    win.statusBar().showMessage(f"부서 {len(reports)}곳의 파일을 모았습니다", 8000)
    return dlg


class CollectReport(QDialog):
    """Per department: the file used, cards changed, conflicts, new 오류/경고; the departments that
    returned nothing; each conflict; and 충돌 검토… for the ones left as here."""

    def __init__(self, win: MainWindow, folder: Path, reports: list[DeptReport], missing: list[str]) -> None:
        super().__init__(win)
        self.win = win
        self.reports = reports
        self.setWindowTitle(f"{COLLECT} — 결과")
        self.resize(980, 560)
        self.open_total = sum(d.report.open for d in reports)
        head = QLabel(f"<b>{folder}</b>에서 부서 {len(reports)}곳의 파일을 모았습니다"
                      + (f" — 남은 충돌 {self.open_total}곳 (여기 것을 그대로 두었습니다)" if self.open_total else ""))
        head.setWordWrap(True)
        self.table = QTableWidget(len(reports), len(COLS))
        self.table.setHorizontalHeaderLabels(COLS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        hh = self.table.horizontalHeader()
        for col in range(len(COLS)):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        warn = palette.color(palette.WARNING)
        for i, d in enumerate(reports):
            r = d.report
            values = [d.dept, d.used.path.name, len(r.changed_ids), len(r.added), len(r.taken), len(r.merged),
                      d.conflicts, d.new_errors, d.new_warnings]
            for j, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                if (j == 6 and d.conflicts) or (j == 7 and d.new_errors):
                    item.setForeground(warn)
                self.table.setItem(i, j, item)
        self.missing = QLabel(f"돌려받지 못한 부서 {len(missing)}곳: {', '.join(missing)}" if missing
                              else "모든 부서가 파일을 돌려보냈습니다.")
        self.missing.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(_detail_lines(reports)) or "충돌도 건너뛴 카드도 없습니다.")
        self.review = QPushButton("충돌 검토…")
        self.review.setEnabled(self.open_total > 0)
        self.review.setToolTip("남은 충돌을 곳마다 여기 것과 들어온 것 가운데서 고릅니다")
        self.review.clicked.connect(self.review_conflicts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("닫기")
        buttons.addButton(self.review, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.table)
        lay.addWidget(self.missing)
        lay.addWidget(QLabel("충돌과 건너뛴 카드:"))
        lay.addWidget(self.details, 1)
        lay.addWidget(buttons)

    def review_conflicts(self) -> None:
        """The merge review for the cards whose conflicts were left as here, one department at a time."""
        for d in self.reports:
            if d.report.open:
                self._review(d)
        self.open_total = sum(d.report.open for d in self.reports)
        self.review.setEnabled(self.open_total > 0)

    def _review(self, d: DeptReport) -> None:
        from desktop.commands.context import UserError
        from desktop.commands.roundwork import Returned, merge_returned

        ids = {cc.card_id for cc in d.report.conflicts if any(c.chosen is None for c in cc.conflicts)}
        part = Returned(d.used.path, [c for c in d.used.cards if c.id in ids], d.used.unread)
        try:
            planned = merge_returned(self.win.store, part, dry_run=True)
            dlg = MergeReview(f"{d.dept} — {d.used.path.name}", part.cards, planned, self,
                              title=f"충돌 검토 — {d.dept}", accept_text="정하기")
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            done = merge_returned(self.win.store, part, choices=dlg.choices())
        except UserError as exc:
            QMessageBox.critical(self, COLLECT, str(exc))
            return
        d.report.conflicts = [cc for cc in d.report.conflicts if cc.card_id not in ids] + done.conflicts
        self.details.setPlainText("\n".join(_detail_lines(self.reports)) or "충돌도 건너뛴 카드도 없습니다.")
        current = self.win.current_id
        if current in done.changed_ids:
            self.win.current_id = ""
        self.win.reload_list(select=current)


def _detail_lines(reports: list[DeptReport]) -> list[str]:
    lines: list[str] = []
    for d in reports:
        for cc in d.report.conflicts:
            state = "정함" if all(c.chosen for c in cc.conflicts) else "여기 것을 그대로 둠"
            lines.append(f"{d.dept} · 충돌: 카드 {cc.label} — {len(cc.conflicts)}곳 ({state})")
            for c in cc.conflicts:
                chosen = {"here": " → 여기 것", "theirs": " → 들어온 것"}.get(c.chosen or "", "")
                lines.append(f"    {c.where}: 여기 {_one(c.here)} | 들어온 것 {_one(c.theirs)}{chosen}")
        for who, why in d.report.skipped:
            lines.append(f"{d.dept} · 건너뜀: {who} — {why}")
        for other in d.unused:
            lines.append(f"{d.dept} · 쓰지 않음: '{other.name}' (같은 부서의 더 새 파일 '{d.used.path.name}'을 가져옴)")
        if d.used.unread:
            lines.append(f"{d.dept} · 읽을 수 없는 사진 {len(d.used.unread)}장 (저장된 사진은 그대로 둠)")
    return lines


def _one(v: str | None) -> str:
    if v is None:
        return "(없음)"
    one = " ".join(v.split())
    return f"'{one[:60]}…'" if len(one) > 60 else f"'{one}'"

