"""계산값으로 바꾸기 as the user asks for it: when the computed value would leave the totals built on
the cell disagreeing, the whole chain (subtotals → 총계 → the header 소요예산) is offered, with
each change listed (old → new) before anything is done, and applied as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.chainfix import ChainFix, chain_fix
from desktop.core.findings import Finding
from desktop.core.model import Figure
from desktop.core.templates import FieldDef
from desktop.ui.editor import tableops
from desktop.ui.editor.access import get_value, set_value
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.tablebase import replace_table

ALL, ONE, CANCEL = "all", "one", "cancel"
DIALOG_NAME = "replace-chain"


def replace_with_computed(doc: CardDoc, finding: Finding, parent: QWidget | None = None) -> bool:
    """Replace the finding's cell by its computed value, and, if the user agrees, its whole chain."""
    if doc.read_only or not tableops.can_replace(finding):
        return False
    fix = chain_fix(doc.card, doc.template, finding)
    if fix is None:
        return False
    if len(fix.changes) <= 1:  # the cell alone: the menu already said "(390 → 420)"
        return tableops.replace_with_computed(doc, finding)
    answer = ask(fix, parent)
    if answer == ONE:
        return tableops.replace_with_computed(doc, finding)
    if answer == ALL:
        apply(doc, fix)
        return True
    return False


def ask(fix: ChainFix, parent: QWidget | None) -> str:
    box = QMessageBox(parent)
    box.setObjectName(DIALOG_NAME)
    box.setWindowTitle("계산값으로 바꾸기")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"이 칸만 바꾸면 이어진 합계가 맞지 않게 됩니다. 다음 {len(fix.changes)}곳을 함께 바꿀까요?\n"
                "(Ctrl+Z 한 번으로 모두 되돌릴 수 있습니다)")
    box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 480px; }")
    box.setInformativeText("\n".join(f"· {c.where}: {c.old} → {c.new}" for c in fix.changes))
    all_btn = box.addButton(f"모두 바꾸기 ({len(fix.changes)}곳)", QMessageBox.ButtonRole.AcceptRole)
    one_btn = box.addButton("이 칸만 바꾸기", QMessageBox.ButtonRole.ActionRole)
    cancel_btn = box.addButton("취소", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(all_btn)
    box.setEscapeButton(cancel_btn)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is all_btn:
        return ALL
    if clicked is one_btn:
        return ONE
    return CANCEL


def apply(doc: CardDoc, fix: ChainFix) -> None:
    """The table and the header figures, as one undo step."""
    doc.stack.beginMacro(f"계산값으로 바꾸기 ({len(fix.changes)}곳)")
    try:
        replace_table(doc, fix.block, fix.item, fix.table, "계산값으로 바꾸기")
        for key, fig in fix.figures.items():
            fdef = doc.template.field_def(key)
            if fdef is None:
                continue
            _push_field(doc, fdef, fig)
    finally:
        doc.stack.endMacro()


def _push_field(doc: CardDoc, fdef: FieldDef, fig: Figure | None) -> None:
    doc.push(f"{fdef.label.replace(' ', '')} 계산값으로 바꾸기", f"field:{fdef.key}",
             lambda c: get_value(c, fdef), lambda c, v: set_value(c, fdef, v), fig)
