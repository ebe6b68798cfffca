"""What every header-field widget shares: reading its value, pushing edits, showing findings."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.core.findings import ERROR, Finding
from desktop.core.templates import FieldDef
from desktop.ui.editor import colors
from desktop.ui.editor.access import get_value, set_value
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.tips import show_tip, wrap_tip


def hint(placeholder: str) -> str:
    """A template's placeholder as a hint that cannot be taken for a value ("2-2-1" → "예: 2-2-1")."""
    p = placeholder.strip()
    return p if not p or p.startswith(("예:", "예 ", "예)", "비우면", "＋")) else f"예: {p}"


class FieldWidget(QWidget):
    """One header field. Subclasses build their widgets and implement refresh() and main()."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.fdef = fdef
        self.keys = keys
        self.refused = ""  # what is wrong with the text being typed (red only while that text is shown)
        self.findings: list[Finding] = []
        self.severity = ""  # what the field shows: "오류", "경고" or ""
        doc.applied_scope.connect(self._on_applied)

    @property
    def scope(self) -> str:
        return f"field:{self.fdef.key}"

    def _on_applied(self, scope: str) -> None:
        if scope in (self.scope, "card") or (scope == "period" and self.fdef.key == "period"):
            self.refresh()

    def value(self) -> Any:
        return get_value(self.doc.card, self.fdef)

    def push(self, value: Any, merge: bool = False) -> bool:
        fdef = self.fdef
        if value == self.value():
            return False
        return self.doc.push(f"{fdef.label.replace(' ', '')} 입력", self.scope,
                             lambda c: get_value(c, fdef), lambda c, v: set_value(c, fdef, v), value,
                             merge_key=("field", fdef.key) if merge else None)

    def refresh(self) -> None:
        raise NotImplementedError

    def draft(self) -> str:
        """Put text typed but not yet committed into the card (the autosave does this every second).

        Returns "" when nothing is left outside the card, else what is being typed where
        ("기준일 입력 중"): text that is not a value yet stays in the field, and the card keeps the
        last good value.
        """
        return ""

    def typing_label(self) -> str:
        return f"{self.fdef.label.replace(' ', '')} 입력 중"

    def refuse(self, message: str) -> None:
        """The typed text cannot be taken: the old value is back in the field, so no red mark stays;
        the message shows at the field and in the status bar."""
        self.refused = ""
        self.refresh()
        self.show_problems()
        w = self.main()
        if w.isVisible():
            show_tip(w, message)
        self.doc.notice.emit(message)
        self.doc.typing.emit()  # the typed text is gone: the status bar stops saying it is unsaved

    def main(self) -> QWidget:
        """The widget that takes focus and shows the field's problems."""
        return self

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.show_problems()

    def show_problems(self) -> None:
        w = self.main()
        sev = ERROR if self.refused else ""
        msgs = [self.refused] if self.refused else []
        for f in self.findings:
            msgs.append(f"{f.severity}: {f.message}")
            if f.severity == ERROR or not sev:
                sev = f.severity
        colors.set_severity(w, sev)
        tip = wrap_tip("\n".join(msgs) if msgs else self.fdef.placeholder)
        if w.toolTip() != tip:
            w.setToolTip(tip)
        self.severity = sev

    def set_read_only(self, ro: bool) -> None:
        self.setEnabled(True)
