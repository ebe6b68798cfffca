"""기관 전체 비교 (SPEC §6.2): what changed across the office between two 기준일 — how many cards
changed, were added or are gone, how 추진상황 and 진도 moved ("정상추진 → 완료 12건"), each changed
card's changes side by side (종전 | 변경) — and the 신·구 대조표 saved as an A4 PDF
(desktop/pdf/comparison.write_comparison). Reading two periods' cards and comparing them runs off the
GUI thread (desktop/ui/workers.py): 1,000 cards take about a second or two."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dates import fmt_date
from desktop.ui.timeline import change_rows, changes_table, fill_changes
from desktop.ui.workers import Task

if TYPE_CHECKING:
    from db.store import Store
    from desktop.core.officediff import OfficeDiff
    from desktop.core.templates import TemplateRegistry

TITLE = "기관 전체 비교"


def load_diff(store: Store, registry: TemplateRegistry, old: date, new: date) -> OfficeDiff:
    """The office diff between the cards at `old` and at `new` (plain Python: any thread)."""
    from desktop.commands.diffing import cards_at
    from desktop.core.officediff import diff_office

    return diff_office(*cards_at(store, old, new), registry.templates.get)


def summary_text(diff: OfficeDiff) -> str:
    from desktop.core.officediff import CARD_KIND_NAMES

    n = diff.counts()
    return " · ".join(f"{CARD_KIND_NAMES[k]} {n[k]}장" for k in ("changed", "added", "removed", "unchanged"))


def transition_lines(diff: OfficeDiff) -> list[tuple[str, str]]:
    """(무엇, "정상추진 → 완료 12건") for each status and 진도 transition."""
    out = [("추진상황", f"{a} → {b} {n}건") for a, b, n in diff.status_transitions()]
    out += [("진도", f"{a} → {b} {n}건") for a, b, n in diff.progress_transitions()]
    return out


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return t


class OfficeCompareDialog(QDialog):
    def __init__(self, store: Store, registry: TemplateRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.registry = registry
        self.diff: OfficeDiff | None = None
        self.dates: tuple[date, date] | None = None
        self.tasks: list[Task] = []
        self.setWindowTitle(TITLE)
        self.resize(1100, 720)
        periods = [p.base_date for p in store.periods()]
        self.from_box, self.to_box = QComboBox(), QComboBox()
        self.from_box.setObjectName("compareFrom")
        self.to_box.setObjectName("compareTo")
        for box in (self.from_box, self.to_box):
            for d in reversed(periods):
                box.addItem(fmt_date(d), d.isoformat())
        if len(periods) >= 2:
            self.from_box.setCurrentIndex(1)  # the period before the latest …
        self.to_box.setCurrentIndex(0)  # … against the latest
        self.run_button = QPushButton("비교")
        self.run_button.clicked.connect(self.run)
        self.pdf_button = QPushButton("신·구 대조표 PDF로 저장…")
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self.save_pdf)
        top = QHBoxLayout()
        top.addWidget(QLabel("종전 기준일"))
        top.addWidget(self.from_box)
        top.addWidget(QLabel("→ 변경 기준일"))
        top.addWidget(self.to_box)
        top.addWidget(self.run_button)
        top.addStretch(1)
        top.addWidget(self.pdf_button)

        self.summary = QLabel("두 기준일을 고르고 비교를 누르세요.")
        self.summary.setObjectName("panelTitle")
        self.summary.setWordWrap(True)
        self.transitions = _table(["무엇", "바뀜"])
        self.transitions.setObjectName("transitions")
        self.cards = _table(["관리번호", "공약제목", "구분", "바뀐 곳"])
        self.cards.setObjectName("changedCards")
        ch = self.cards.horizontalHeader()
        ch.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ch.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        ch.resizeSection(2, 70)
        ch.resizeSection(3, 56)
        self.cards.currentCellChanged.connect(lambda row, *_: self._show_card(row))
        self.changes = changes_table()
        self.changes.setObjectName("officeCardChanges")
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.transitions)
        left.addWidget(self.cards)
        left.setSizes([180, 420])
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.changes)
        split.setSizes([420, 680])
        close = QPushButton("닫기")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)
        if len(periods) < 2:
            self.run_button.setEnabled(False)
            self.summary.setText("비교할 기준일이 둘 이상 있어야 합니다. 새 기준일을 열면 기준일마다 카드가 생깁니다.")

    def done(self, result: int) -> None:
        for task in list(self.tasks):  # a worker still reading or writing: let it finish first
            task.wait()
        super().done(result)

    def chosen(self) -> tuple[date, date]:
        return (date.fromisoformat(str(self.from_box.currentData())),
                date.fromisoformat(str(self.to_box.currentData())))

    def run(self) -> None:
        old, new = self.chosen()
        if old == new:
            self.summary.setText("서로 다른 두 기준일을 고르세요.")
            return
        store, registry = self.store, self.registry
        self.run_button.setEnabled(False)
        self.summary.setText(f"{fmt_date(old)} → {fmt_date(new)} 비교하는 중…")

        def done(diff: OfficeDiff) -> None:
            self.show_diff(diff, old, new)

        def failed(exc: BaseException) -> None:
            self.run_button.setEnabled(True)
            from db.errors import StoreError

            self.summary.setText(str(exc) if isinstance(exc, StoreError) else
                                 f"비교하지 못했습니다 ({type(exc).__name__}). 카드는 그대로입니다.")

        self._start(f"{fmt_date(old)} → {fmt_date(new)} 비교하는 중…",
                    lambda _p: load_diff(store, registry, old, new), done, failed)

    def _start(self, label: str, job: Any, done: Any, failed: Any) -> None:
        task = Task(self, label, job, done, failed, lambda: self.run_button.setEnabled(True))
        self.tasks.append(task)
        task.done.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)

    def show_diff(self, diff: OfficeDiff, old: date, new: date) -> None:
        from desktop.core.officediff import CARD_KIND_NAMES

        self.diff, self.dates = diff, (old, new)
        self.run_button.setEnabled(True)
        self.summary.setText(f"{fmt_date(old)} → {fmt_date(new)}: {summary_text(diff)}")
        lines = transition_lines(diff) or [("", "추진상황과 진도는 그대로입니다")]
        self.transitions.setRowCount(len(lines))
        for r, (what, text) in enumerate(lines):
            self.transitions.setItem(r, 0, QTableWidgetItem(what))
            self.transitions.setItem(r, 1, QTableWidgetItem(text))
        self.transitions.resizeColumnToContents(0)
        changed = diff.changed()
        self.cards.setRowCount(len(changed))
        for r, c in enumerate(changed):
            card = c.card
            for col, text in enumerate((card.number or "-", card.title, CARD_KIND_NAMES[c.kind],
                                        f"{len(c.changes)}곳" if c.kind == "changed" else "")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.cards.setItem(r, col, item)
        self.cards.resizeColumnToContents(0)
        self.changes.setHorizontalHeaderLabels(["구분", "위치", f"종전 ({fmt_date(old)})", f"변경 ({fmt_date(new)})"])
        self.pdf_button.setEnabled(bool(changed))
        if changed:
            self.cards.selectRow(0)
            self._show_card(0)
        else:
            self.changes.setRowCount(0)

    def _show_card(self, row: int) -> None:
        if self.diff is None or not 0 <= row < len(self.diff.changed()):
            return
        c = self.diff.changed()[row]
        if c.kind == "added":
            fill_changes(self.changes, [("added", "새 카드", "카드 전체", "", "이번 기준일에 새로 작성된 카드입니다")])
        elif c.kind == "removed":
            fill_changes(self.changes, [("removed", "없어짐", "카드 전체", "종전 기준일에만 있던 카드입니다", "")])
        else:
            fill_changes(self.changes, change_rows(c.changes))

    def save_pdf(self) -> None:
        from desktop.ui.filedialogs import dated, save_file

        if self.diff is None or self.dates is None:
            return
        parent: Any = self.parent()
        settings = getattr(parent, "settings", None)
        new = self.dates[1]
        name = dated(f"신구대조표_{new.isoformat()}", ".pdf")
        if settings is not None:
            path = save_file(self, settings, "pdf", "신·구 대조표 PDF로 저장", name, "PDF 파일 (*.pdf)")
        else:
            path = None
        if path is not None:
            self.write_pdf(path)

    def write_pdf(self, path: Path) -> None:
        """Write the 신·구 대조표 of the comparison shown to `path` (in a worker, atomically)."""
        from desktop.pdf.comparison import write_comparison

        diff, (old, new) = self.diff, self.dates or (date.min, date.min)
        assert diff is not None
        tmp = path.with_name(path.name + ".part")

        def job(_p: Any) -> int:
            return write_comparison(tmp, diff, fmt_date(old), fmt_date(new))

        def done(pages: int) -> None:
            try:
                tmp.replace(path)
            except OSError as exc:
                QMessageBox.critical(self, TITLE, f"'{path}'에 저장하지 못했습니다: {exc.strerror}")
                return
            self.summary.setText(f"{fmt_date(old)} → {fmt_date(new)}: {summary_text(diff)}  ·  "
                                 f"신·구 대조표 {pages}쪽을 저장했습니다: {path}")

        def failed(exc: BaseException) -> None:
            tmp.unlink(missing_ok=True)
            text = f"{exc.strerror or exc}" if isinstance(exc, OSError) else f"{type(exc).__name__}"
            QMessageBox.critical(self, TITLE, f"신·구 대조표를 저장하지 못했습니다: {text}\n파일: {path}")

        self._start("신·구 대조표를 만드는 중…", job, done, failed)
