"""The problems list: every finding of the card; activating one jumps to its cell or field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.findings import ERROR, Finding
from desktop.ui.editor import colors, tableops

FINDING_ROLE = Qt.ItemDataRole.UserRole + 21


def _dot(color: str) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, 10, 10)
    p.end()
    return QIcon(pm)


class ProblemsWidget(QWidget):
    activated = Signal(object)  # Finding: jump to it
    replace_requested = Signal(object)  # Finding: 계산값으로 바꾸기

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        top = QHBoxLayout()
        self.summary = QLabel("문제 없음", self)
        top.addWidget(self.summary)
        top.addStretch(1)
        self.replace_btn = QPushButton("계산값으로 바꾸기", self)
        self.replace_btn.setEnabled(False)
        self.replace_btn.setToolTip("적힌 합계를 칸들의 합(계산값)으로 바꿉니다")
        self.replace_btn.clicked.connect(self._replace)
        top.addWidget(self.replace_btn)
        lay.addLayout(top)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        self.list.itemActivated.connect(self._activate)
        self.list.itemDoubleClicked.connect(self._activate)
        self.list.currentItemChanged.connect(self._current)
        lay.addWidget(self.list)
        self._icons = {ERROR: _dot(colors.ERROR), "경고": _dot(colors.WARNING)}
        self.findings: list[Finding] = []
        self.describe = lambda f: ""  # set by the editor: the place of a finding in words

    def set_findings(self, findings: list[Finding]) -> None:
        if findings == self.findings:
            return
        current = self.current()
        self.findings = list(findings)
        self.list.clear()
        errors = sum(1 for f in findings if f.severity == ERROR)
        warnings = len(findings) - errors
        self.summary.setText(f"오류 {errors} · 경고 {warnings}" if findings else "문제 없음")
        for f in findings:
            where = self.describe(f)
            text = f"{f.message}" + (f"\n{where}" if where and where not in f.message else "")
            it = QListWidgetItem(self._icons.get(f.severity, QIcon()), text)
            it.setData(FINDING_ROLE, f)
            it.setForeground(QColor(colors.ERROR if f.severity == ERROR else colors.WARNING))
            it.setToolTip(f"{f.severity}: {f.message}")
            self.list.addItem(it)
            if f == current:
                self.list.setCurrentItem(it)
        self._current()

    def current(self) -> Finding | None:
        it = self.list.currentItem()
        f = it.data(FINDING_ROLE) if it is not None else None
        return f if isinstance(f, Finding) else None

    def _current(self, *_: object) -> None:
        f = self.current()
        self.replace_btn.setEnabled(f is not None and tableops.can_replace(f))

    def _activate(self, item: QListWidgetItem) -> None:
        f = item.data(FINDING_ROLE)
        if isinstance(f, Finding):
            self.activated.emit(f)

    def _replace(self) -> None:
        f = self.current()
        if f is not None and tableops.can_replace(f):
            self.replace_requested.emit(f)
