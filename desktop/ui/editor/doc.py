"""The card being edited, its undo stack, and the one kind of command every edit goes through.

Widgets never write to the card: they build a `Change` (what part of the card, its new value) and
push it. The command applies the value, tells the form which part changed (a scope string such as
"field:title" or "block:invest") so the widgets showing that part refresh, and the card is
re-checked. Undo applies the old value the same way.

An edit of a field the importer was unsure of confirms it (marks.py): the command keeps the marks as
they were before it and after it, so undoing the edit brings the mark back and redoing takes it again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.findings import Finding
from desktop.core.importmap import UNSURE_KEY
from desktop.core.model import Card
from desktop.core.templates import Template
from desktop.ui.editor.marks import confirm_edited

Getter = Callable[[Card], Any]
Setter = Callable[[Card, Any], None]

_MERGE_ID = 0x4E44  # every mergeable Change shares one id; mergeWith compares the merge keys


class Change(QUndoCommand):
    """Set one part of the card to a value; undo sets the old one back.

    get/set reach the part through the card given at apply time (never a captured card), so the
    stack stays valid when the form is handed a fresh copy of the same card.
    """

    def __init__(self, doc: CardDoc, text: str, scope: str, get: Getter, set_: Setter, new: Any,
                 merge_key: object = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.scope = scope
        self._get = get
        self._set = set_
        self.old = copy.deepcopy(get(doc.card))
        self.new = copy.deepcopy(new)
        self.merge_key = merge_key
        self.sealed = False
        self.marks_old = copy.deepcopy(doc.card.extra.get(UNSURE_KEY))  # the importer's marks before
        self.marks_new: Any = None  # … and after (None until first applied)
        self._applied_once = False

    def redo(self) -> None:
        self._set(self.doc.card, copy.deepcopy(self.new))
        if not self._applied_once:
            confirm_edited(self.doc.card, self.scope)  # an edit of a marked place confirms it
            self.marks_new = copy.deepcopy(self.doc.card.extra.get(UNSURE_KEY))
            self._applied_once = True
        else:
            _set_marks(self.doc.card, self.marks_new)
        self.doc.applied(self.scope)

    def undo(self) -> None:
        self._set(self.doc.card, copy.deepcopy(self.old))
        _set_marks(self.doc.card, self.marks_old)
        self.doc.applied(self.scope)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, Change) or self.sealed or other.merge_key is None
                or other.merge_key != self.merge_key):
            return False
        self.new = other.new
        self.marks_new = other.marks_new
        self.setText(other.text())
        return True


def _set_marks(card: Card, marks: Any) -> None:
    if marks:
        card.extra[UNSURE_KEY] = copy.deepcopy(marks)
    else:
        card.extra.pop(UNSURE_KEY, None)


class CardDoc(QObject):
    """One card under edit: the card (owned), its template and undo stack, and its findings."""

    applied_scope = Signal(str)  # a part of the card changed (by an edit, undo or redo)
    findings_updated = Signal(object)  # list[Finding] of the whole card, after every re-check
    typing = Signal()  # text was typed that is not in the card yet (an open cell, 기준일, 소요예산 …)
    notice = Signal(str)  # a message for the status bar (an entry was refused, the old value is back)

    def __init__(self, card: Card, template: Template, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.template = template
        self.stack = stack
        self.read_only = False
        self.findings: list[Finding] = []
        self.draft_key: object = None  # while drafts.py commits an open editor: its edits merge into one step

    def applied(self, scope: str) -> None:
        self.applied_scope.emit(scope)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.findings_updated.emit(findings)

    def push(self, text: str, scope: str, get: Getter, set_: Setter, new: Any, merge_key: object = None) -> bool:
        """Apply an edit through the undo stack. False (nothing done) when the form is read-only."""
        if self.read_only:
            return False
        key = merge_key if merge_key is not None else self.draft_key
        self.stack.push(Change(self, text, scope, get, set_, new, key))
        return True

    def seal(self) -> None:
        """End the current typing run: the next keystroke starts a new undo step."""
        top = self.stack.command(self.stack.index() - 1) if self.stack.index() > 0 else None
        if isinstance(top, Change):
            top.sealed = True
