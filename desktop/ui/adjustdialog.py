"""공약 조정… (SPEC §6.2): record an official change of the pledge shown — its 공약제목, 공약목표, 사업 내용,
or 폐기 — with 사유, 결정 기관 and 결정 일자. The dialog only asks; desktop/core/adjustments.py changes the
card and the store saves it with the history entry 공약 조정. The 공약 변경 현황 can be saved as PDF or
Excel from the same menu (AdjustmentsExport)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.adjustments import KINDS, Kind
from desktop.core.dates import NotADate, fmt_date, parse_date
from desktop.core.model import Card

ORDER: list[Kind] = ["title", "goals", "tasks", "drop"]


class AdjustDialog(QDialog):
    """Asks what changes and why; `value()` gives (kind, new text, reason, body, decided)."""

    def __init__(self, card: Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setWindowTitle("공약 조정")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        head = QLabel(f"<b>{card.number or '(관리번호 없음)'}</b> {card.title}")
        head.setWordWrap(True)
        lay.addWidget(head)
        note = QLabel("공약 자체가 공식 절차(주민배심원단, 단체장 결재 등)로 바뀐 것을 기록합니다. 카드가 바뀌고 "
                      "공약 변경 현황과 변경 기록에 남습니다.")
        note.setWordWrap(True)
        note.setObjectName("hint")
        lay.addWidget(note)
        form = QFormLayout()
        self.kind = QComboBox()
        for k in ORDER:
            self.kind.addItem(KINDS[k], k)
        self.before = QLabel()
        self.before.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(80)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("예: 주민배심원단 권고 반영")
        self.body = QLineEdit()
        self.body.setPlaceholderText("예: 주민배심원단, 구청장 결재")
        self.decided = QLineEdit(fmt_date(date.today()))
        self.decided.setPlaceholderText("예: 2025. 3. 10.")
        form.addRow("구분", self.kind)
        form.addRow("종전", self.before)
        form.addRow("변경", self.text)
        form.addRow("사유", self.reason)
        form.addRow("결정 기관", self.body)
        form.addRow("결정 일자", self.decided)
        lay.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        lay.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("기록")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("취소")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for w in (self.reason, self.body, self.decided):
            w.textChanged.connect(self._check)
        self.text.textChanged.connect(self._check)
        self._kind_changed()

    def current_kind(self) -> Kind:
        return ORDER[self.kind.currentIndex()]

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        c = self.card
        before = {"title": c.title, "goals": "\n".join(i.text for i in c.goals),
                  "tasks": "\n".join(i.text for i in c.tasks), "drop": c.status}[kind]
        self.before.setText(before or "(없음)")
        if kind == "drop":
            self.text.setPlaceholderText("폐기 내용 (선택): 예: 국비 미확보")
            self.text.setPlainText("")
        else:
            self.text.setPlaceholderText("한 줄에 한 항목" if kind != "title" else "새 공약제목")
            self.text.setPlainText(before)
        self._check()

    def _date(self) -> date | None:
        return parse_date(self.decided.text())

    def problems(self) -> str:
        kind = self.current_kind()
        if kind != "drop" and not self.text.toPlainText().strip():
            return f"새 {KINDS[kind]}을(를) 적어 주세요."
        if not self.reason.text().strip():
            return "사유를 적어 주세요."
        if not self.body.text().strip():
            return "결정 기관을 적어 주세요 (예: 주민배심원단, 구청장 결재)."
        try:
            if self._date() is None:
                return "결정 일자를 적어 주세요 (예: 2025. 3. 10.)."
        except NotADate:
            return f"결정 일자가 날짜가 아닙니다: '{self.decided.text().strip()}' (예: 2025. 3. 10.)"
        except ValueError:
            return f"결정 일자가 없는 날짜입니다: '{self.decided.text().strip()}'"
        return ""

    def _check(self) -> None:
        why = self.problems()
        self.problem.setText(why)
        self.ok.setEnabled(not why)

    def _accept(self) -> None:
        if not self.problems():
            self.accept()

    def value(self) -> tuple[Kind, str, str, str, date | None]:
        return (self.current_kind(), self.text.toPlainText(), self.reason.text(), self.body.text(), self._date())
