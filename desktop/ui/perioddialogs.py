"""The 기간 menu's dialogs: 새 기준일 (the date, checked as typed, and what opening it does) and
기준일 다시 열기 (which closed period, and the reason the record keeps)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dates import NotADate, fmt_date, parse_date

if TYPE_CHECKING:
    from db.store import Store


def quarter_end_after(d: date) -> date:
    """The first quarter's end (3. 31., 6. 30., 9. 30., 12. 31.) after `d`: the usual next 기준일."""
    for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
        q = date(d.year, month, day)
        if q > d:
            return q
    return date(d.year + 1, 3, 31)


def read_new_date(text: str, latest: date | None) -> tuple[date | None, str]:
    """(the date, "") or (None, the Korean reason it cannot be the new 기준일)."""
    try:
        d = parse_date(text)
    except NotADate:
        return None, "날짜가 아닙니다. 예: 2025. 12. 31. 또는 2025-12-31"
    except ValueError:
        return None, f"'{text.strip()}'은(는) 없는 날짜입니다"
    if d is None:
        return None, "새 기준일을 적어 주세요 (예: 2025. 12. 31.)"
    if latest is not None and d <= latest:
        return None, f"새 기준일은 가장 최근 기준일 {fmt_date(latest)}보다 뒤여야 합니다"
    return d, ""


def _buttons(ok_text: str) -> QDialogButtonBox:
    b = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    b.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    b.button(QDialogButtonBox.StandardButton.Cancel).setText("취소")
    return b


class NewPeriodDialog(QDialog):
    """새 기준일: the date (ISO or "2025. 12. 31."), checked as typed, and how many cards move."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("새 기준일")
        self.setMinimumWidth(460)
        self.chosen: date | None = None
        periods = store.periods()
        self.latest = periods[-1].base_date if periods else None
        registry = store.registry
        current = store.period_summaries(None)
        self.carried = sum(1 for s in current if s.base_date is not None
                           and (t := registry.templates.get(s.template)) is not None and t.has_base_date)
        open_ = [p.base_date for p in periods if p.state == "open"]

        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("newPeriodDate")
        self.date_edit.setPlaceholderText("예: 2025. 12. 31. 또는 2025-12-31")
        if self.latest is not None:
            self.date_edit.setText(fmt_date(quarter_end_after(self.latest)))
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        what = f"지금 카드 {self.carried}장을 새 기준일의 카드로 옮깁니다 (추진실적 기간 등은 새 기간으로 바뀝니다)."
        if open_:
            what += (" 그러면 " + ", ".join(fmt_date(d) for d in open_)
                     + " 기준일은 닫혀 읽기만 할 수 있게 됩니다 (필요하면 다시 열 수 있습니다).")
        if not self.carried:
            what = "옮길 카드가 없습니다 (기준일이 있는 카드가 없습니다)."
        self.info.setText(what)
        form = QFormLayout()
        form.addRow("새 기준일", self.date_edit)
        if self.latest is not None:
            form.addRow("가장 최근 기준일", QLabel(fmt_date(self.latest)))
        self.buttons = _buttons("열기")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addWidget(self.info)
        lay.addWidget(self.buttons)
        self.date_edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        d, why = read_new_date(self.date_edit.text(), self.latest)
        shown = why if self.date_edit.text().strip() else ""
        self.problem.setText(shown)
        self.problem.setVisible(bool(shown))
        ok = d is not None and self.carried > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _accept(self) -> None:
        d, why = read_new_date(self.date_edit.text(), self.latest)
        if d is None:
            self.problem.setText(why)
            self.problem.show()
            return
        self.chosen = d
        self.accept()


class ReopenDialog(QDialog):
    """기준일 다시 열기: which closed 기준일, and why (required: the record keeps it)."""

    def __init__(self, closed: list[date], selected: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("기준일 다시 열기")
        self.setMinimumWidth(460)
        self.period = QComboBox()
        for d in closed:
            self.period.addItem(fmt_date(d), d.isoformat())
        if selected is not None:
            self.period.setCurrentIndex(max(self.period.findData(selected.isoformat()), 0))
        self.reason = QLineEdit()
        self.reason.setObjectName("reopenReason")
        self.reason.setPlaceholderText("예: 2분기 추진실적 정정 (감사 지적)")
        note = QLabel("다시 열면 그 기준일의 카드를 고칠 수 있습니다. 사유와 여는 사람은 기록에 남습니다.")
        note.setObjectName("mutedLabel")
        note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("기준일", self.period)
        form.addRow("사유 (필수)", self.reason)
        self.buttons = _buttons("다시 열기")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addWidget(note)
        lay.addWidget(self.buttons)

    def result_value(self) -> tuple[date, str]:
        return date.fromisoformat(str(self.period.currentData())), " ".join(self.reason.text().split())

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.problem.setText("다시 여는 사유를 적어 주세요.")
            self.problem.show()
            self.reason.setFocus()
            return
        self.accept()

