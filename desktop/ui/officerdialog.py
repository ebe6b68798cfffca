"""The officer's 이름 and 부서 (SPEC §6.2): asked once at the first start (skippable), editable under
설정 › 내 정보…, kept in the settings file by desktop/core/officer.py and handed to Store.actor so every
history entry names who made the change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.officer import DEPT_KEY, NAME_KEY, Officer, OfficerError, read_officer, write_officer

if TYPE_CHECKING:
    from desktop.ui.shell import Shell

    _Base = Shell
else:
    _Base = object


class OfficerDialog(QDialog):
    """내 정보: 이름 and 부서. On the first start it says why and can be skipped (나중에)."""

    def __init__(self, officer: Officer, parent: QWidget | None = None, *, first: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("내 정보")
        self.setMinimumWidth(420)
        self.name = QLineEdit(officer.name)
        self.name.setObjectName("officerName")
        self.name.setPlaceholderText("예: 김민수")
        self.name.setMaxLength(200)
        self.dept = QLineEdit(officer.dept)
        self.dept.setObjectName("officerDept")
        self.dept.setPlaceholderText("예: 기획예산과")
        self.dept.setMaxLength(200)
        why = QLabel(("처음 시작하셨습니다. " if first else "")
                     + "카드를 고치면 누가 고쳤는지 이름과 부서가 카드 기록에 함께 남습니다. "
                     "언제든 파일 › 내 정보에서 바꿀 수 있습니다.")
        why.setWordWrap(True)
        form = QFormLayout()
        form.addRow("이름", self.name)
        form.addRow("부서", self.dept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("저장")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("나중에" if first else "취소")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(why)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def officer(self) -> Officer:
        return Officer(" ".join(self.name.text().split()), " ".join(self.dept.text().split()))


class OfficerActions(_Base):
    def use_officer(self, officer: Officer | None = None) -> None:
        """Store.actor: who the history names from now on (as set in the settings file)."""
        from db.actor import Actor

        o = officer if officer is not None else read_officer()
        self.store.actor = Actor(o.name, o.dept)

    def ask_officer_once(self) -> None:
        """First start: ask 이름 and 부서 once (skippable; not asked again either way)."""
        from desktop.ui.settings import save_settings

        if self.settings.officer_asked or read_officer().known:
            return
        self.settings.officer_asked = True
        save_settings(self.settings)
        self.edit_officer(first=True)

    def edit_officer(self, first: bool = False) -> None:
        from desktop.ui.settings import save_settings

        dlg = OfficerDialog(read_officer(), self, first=first)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            saved = write_officer(dlg.officer())
        except OfficerError as exc:
            QMessageBox.warning(self, "내 정보", str(exc))
            return
        # the window's settings keep unknown keys as read: keep them in step, so its next save agrees
        self.settings.other[NAME_KEY], self.settings.other[DEPT_KEY] = saved.name, saved.dept
        save_settings(self.settings)
        self.use_officer(saved)
        who = " · ".join(x for x in (saved.name, saved.dept) if x) or "(비움)"
        self.statusBar().showMessage(f"내 정보를 저장했습니다: {who}. 이제부터 카드 기록에 남습니다.", 8000)
