"""CardEditor: the form of one card, built from its template, with one undo stack per card.

The shell (main window, list, autosave) talks to this widget only through the interface in
desktop/ui/editor/__init__.py. Every edit goes through the card's QUndoStack (doc.py); after each
one the card is re-checked and `changed` / `findings_changed` are emitted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from db.errors import StoreError
from desktop.core import checks
from desktop.core.findings import Finding
from desktop.core.model import Card
from desktop.core.templates import TemplateError, TemplateRegistry
from desktop.ui.editor import colors, replacechain, tableops, unsure
from desktop.ui.editor.blocks import BlockSection
from desktop.ui.editor.clone import clone_card
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.drafts import commit_drafts
from desktop.ui.editor.fieldbase import FieldWidget
from desktop.ui.editor.header import HeaderForm
from desktop.ui.editor.importnote import KEEP_ENABLED, NotePanel
from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.outline import OutlineTools
from desktop.ui.editor.problems import ProblemsWidget
from desktop.ui.editor.tableview import TableEditor


def _same_content(a: Card, b: Card) -> bool:
    """Equal apart from the save bookkeeping (version, updated_at)."""
    return dataclasses.replace(a, version=0, updated_at=b.updated_at) == dataclasses.replace(b, version=0)


class CardPage(QWidget):
    """The built form of one card: header, then the body blocks.

    The header and the first block are built at once; the other blocks (below the fold at any
    window size) on the next turn of the event loop, so that opening a card shows it at once.
    Anything that needs a block (a jump to a finding) calls ensure_built() first.
    """

    EAGER_BLOCKS = 1

    def __init__(self, doc: CardDoc, keys: UndoKeys, tools: OutlineTools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.keys = keys
        self.tools = tools
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(10, 8, 10, 16)
        self.lay.setSpacing(4)
        self.unsure_bar = unsure.UnsureBar(doc, self)  # imported fields to confirm (SPEC §9)
        self.lay.addWidget(self.unsure_bar)
        self.note_panel = NotePanel(doc, self)  # what the importer could not place
        self.lay.addWidget(self.note_panel)
        self.header = HeaderForm(doc, keys, tools, self)
        self.lay.addWidget(self.header)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        self.lay.addWidget(line)
        self.lay.addStretch(1)
        self.sections: dict[str, BlockSection] = {}
        self._pending = list(doc.card.blocks)
        self.on_built: Callable[[], None] | None = None
        self._build_blocks(self.EAGER_BLOCKS)

    @property
    def built(self) -> bool:
        return not self._pending

    def _build_blocks(self, n: int) -> None:
        field_blocks = {b.key: b.field for b in self.doc.template.blocks if b.kind == "field"}
        while self._pending and n > 0:
            block = self._pending.pop(0)
            n -= 1
            fw: FieldWidget | None = None
            fkey = field_blocks.get(block.key, "")
            if block.kind == "field" and fkey:
                fdef = self.doc.template.field_def(fkey)
                if fdef is not None:
                    fw = self.header.widget_for(fdef)
                    self.header.fields[fkey] = fw
            sec = BlockSection(self.doc, block, self.keys, fw, self.tools, self)
            self.sections[block.key] = sec
            self.lay.insertWidget(self.lay.count() - 1, sec)

    def ensure_built(self) -> None:
        if self._pending:
            self._build_blocks(len(self._pending))
            if self.on_built is not None:
                self.on_built()

    def fields(self) -> dict[str, FieldWidget]:
        return self.header.fields

    def table_editor(self, block: str, item: tuple[int, ...]) -> TableEditor | None:
        self.ensure_built()
        if not item:
            sec = self.sections.get(block)
            return sec.table if sec is not None else None
        outline = self.header.outlines.get(block[1:]) if block.startswith("@") else (
            self.sections[block].outline if block in self.sections else None)
        if outline is None:
            return None
        outline.select_item(item[0])
        return outline.tables.get(item[0])


class CardEditor(QWidget):
    changed = Signal()  # after any edit was applied to the card (undo and redo included)
    findings_changed = Signal(int, int)  # (오류, 경고) of the current card
    typing = Signal()  # text typed that is not in the card yet: the autosave calls commit_drafts() soon
    notice = Signal(str)  # a message for the status bar (an entry refused, its old value kept)

    def __init__(self, registry: TemplateRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        # The other cards of the shown card's document (the window sets it from its store): relations
        # across the cards of one document are checked with them. Read once when a card is opened.
        self.document_cards: Callable[[Card], list[Card]] | None = None
        self._others: list[Card] = []
        self._docs: dict[str, CardDoc] = {}
        self.doc: CardDoc | None = None
        self.page: CardPage | None = None
        self._empty_stack = QUndoStack(self)
        self._keys = UndoKeys(lambda: self.doc.stack if self.doc is not None else None, self)
        self._read_only = False
        self._connected: CardDoc | None = None
        self.setStyleSheet(unsure.style() + colors.form_style())
        self.form = QWidget(self)  # the tool bar over the scrolled page
        form_lay = QVBoxLayout(self.form)
        form_lay.setContentsMargins(0, 0, 0, 0)
        form_lay.setSpacing(0)
        self.tools = OutlineTools(self.form)
        self.tools.setContentsMargins(8, 2, 8, 2)
        form_lay.addWidget(self.tools)
        self.scroll = QScrollArea(self.form)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_lay.addWidget(self.scroll)
        # Pages are built inside a container that never leaves the scroll area: a widget made in
        # place is styled once (reparenting a finished page would polish all of it again).
        self.container = QWidget()
        self.container_lay = QVBoxLayout(self.container)
        self.container_lay.setContentsMargins(0, 0, 0, 0)
        self.scroll.setWidget(self.container)
        self.message = QLabel("왼쪽 목록에서 카드를 고르세요.", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setProperty("role", "muted")
        self.stack_layout = QStackedLayout(self)
        self.stack_layout.addWidget(self.message)
        self.stack_layout.addWidget(self.form)
        self._problems = ProblemsWidget(self)
        self._problems.hide()  # until the shell places it
        self._problems.describe = self._describe
        self._problems.activated.connect(self.jump_to)
        self._problems.replace_requested.connect(self.replace_with_computed)

    # ---------------------------------------------------------------- the interface
    def set_card(self, card: Card) -> None:
        """Show a card (a copy the editor owns). The same card again after a save keeps the form as is."""
        doc = self._docs.get(card.id)
        if doc is not None and self.doc is doc and self.page is not None and _same_content(doc.card, card):
            doc.card.version, doc.card.updated_at = card.version, card.updated_at
            return
        self.commit_pending()
        try:
            template = self.registry.get(card.template)
        except TemplateError as exc:
            self._show_message(str(exc))
            return
        if doc is None:
            doc = CardDoc(clone_card(card), template, QUndoStack(self), self)
            self._docs[card.id] = doc
        else:
            doc.card = clone_card(card)
            doc.template = template
        if self.doc is not None:
            self._disconnect(self.doc)
        self.doc = doc
        doc.read_only = self._read_only
        self._others = self._document_others(doc.card)
        doc.set_findings(self._check(doc))
        self._build()
        if self._connected is not doc:
            doc.applied_scope.connect(self._applied)
            doc.typing.connect(self.typing)
            doc.notice.connect(self.notice)
            self._connected = doc
        self._problems.set_findings(doc.findings)
        self.findings_changed.emit(*checks.counts(doc.findings))

    def commit_pending(self) -> None:
        """Finish an edit in progress (a cell or outline item being typed) into the current card."""
        fw = QApplication.focusWidget()
        if self.page is not None and fw is not None and self.page.isAncestorOf(fw):
            fw.clearFocus()  # the delegate commits and closes its editor on focus out

    def commit_drafts(self) -> list[str]:
        """Text typed into open editors and fields goes into the card without closing them; returns
        what is still being typed that is not a value yet ("기준일 입력 중"), empty when nothing is."""
        if self.page is None or self.doc is None or self.doc.read_only:
            return []
        return commit_drafts(self.page, self.page.fields())

    def card(self) -> Card:
        if self.doc is None:
            raise RuntimeError("CardEditor.card() before set_card()")
        return self.doc.card

    def undo_stack(self) -> QUndoStack:
        """The current card's stack (a different object after set_card of another card)."""
        return self.doc.stack if self.doc is not None else self._empty_stack

    def problems_widget(self) -> QWidget:
        return self._problems

    def set_read_only(self, ro: bool) -> None:
        self._read_only = ro
        if self.doc is not None:
            self.doc.read_only = ro
        self.tools.attach(None)
        if self.page is not None:
            if ro:
                self._apply_read_only(self.page)
            else:
                self._build()  # widgets come back editable as built

    def focus_first_field(self) -> None:
        if self.page is None:
            return
        fields = self.page.fields()
        w = fields.get("title") or next(iter(fields.values()), None)
        if w is not None:
            self.scroll.ensureWidgetVisible(w)
            w.main().setFocus(Qt.FocusReason.OtherFocusReason)

    # ---------------------------------------------------------------- building
    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack_layout.setCurrentWidget(self.message)

    def _disconnect(self, doc: CardDoc) -> None:
        """Stop following the previous card. Its widgets go with the old page (their slots are
        methods of QObjects, disconnected when those are deleted)."""
        if self._connected is doc:
            doc.applied_scope.disconnect(self._applied)
            doc.typing.disconnect(self.typing)
            doc.notice.disconnect(self.notice)
            self._connected = None

    def _build(self) -> None:
        assert self.doc is not None
        old = self.page
        if old is not None:
            old.hide()
            self.container_lay.removeWidget(old)
            old.deleteLater()
        self.tools.attach(None)
        page = self.page = CardPage(self.doc, self._keys, self.tools, self.container)
        self.container_lay.addWidget(page)
        self.stack_layout.setCurrentWidget(self.form)
        page.on_built = lambda: self._page_ready(page)
        self._page_ready(page)
        if not page.built:
            QTimer.singleShot(0, lambda: self._finish(page))

    def _finish(self, page: CardPage) -> None:
        if self.page is page:  # not replaced by another card in the meantime
            page.ensure_built()

    def _page_ready(self, page: CardPage) -> None:
        if self.doc is not None:
            self._findings_to_fields(self.doc.findings)
            unsure.mark(page, page.unsure_bar)
            page.note_panel.refresh()
        if self._read_only:
            self._apply_read_only(page)

    @staticmethod
    def _apply_read_only(page: QWidget) -> None:
        for w in page.findChildren(QWidget):
            if isinstance(w, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
                w.setReadOnly(True)
            elif isinstance(w, (QComboBox, QCheckBox, QAbstractButton)) and not w.property(KEEP_ENABLED):
                w.setEnabled(False)
            elif isinstance(w, QAbstractItemView):
                w.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def _document_others(self, card: Card) -> list[Card]:
        if self.document_cards is None or not self.registry.templates:
            return []
        template = self.registry.templates.get(card.template)
        if template is None or not template.document.relations:
            return []  # only a card whose template relates it to its document's other cards needs them
        try:
            return [c for c in self.document_cards(card) if c.id != card.id]
        except StoreError:  # the other cards are a help; the card itself still shows and is checked
            return []

    def _check(self, doc: CardDoc) -> list[Finding]:
        """The card's findings, and those of its document's relations when it has other cards."""
        found = checks.check_card(doc.card, doc.template)
        if self._others:
            templates = self.registry.templates
            across = checks.check_documents([doc.card, *self._others], lambda c: templates.get(c.template))
            found += across.get(doc.card.id, [])
        return found

    # ---------------------------------------------------------------- after every edit
    def _applied(self, scope: str) -> None:
        doc = self.doc
        if doc is None:
            return
        findings = self._check(doc)
        doc.set_findings(findings)
        self._findings_to_fields(findings)
        if self.page is not None:
            unsure.mark(self.page, self.page.unsure_bar)
            self.page.note_panel.refresh()
        self._problems.set_findings(findings)
        self.findings_changed.emit(*checks.counts(findings))
        self.changed.emit()

    def _findings_to_fields(self, findings: list[Finding]) -> None:
        if self.page is None:
            return
        by: dict[str, list[Finding]] = {}
        for f in findings:
            if f.place.field:
                by.setdefault(f.place.field, []).append(f)
        for key, w in self.page.fields().items():
            fs = by.get(key, [])
            if fs != w.findings or w.refused:
                w.set_findings(fs)

    def _describe(self, f: Finding) -> str:
        if self.doc is None:
            return ""
        try:
            return str(checks.describe_place(self.doc.card, self.doc.template, f.place))
        except Exception:  # a label must never break the list
            return ""

    # ---------------------------------------------------------------- problems
    def jump_to(self, f: Finding) -> None:
        """Show the cell or field of a finding and put the focus there."""
        page = self.page
        if page is None:
            return
        page.ensure_built()
        p = f.place
        if p.block and (p.row or p.col):
            ed = page.table_editor(p.block, tuple(p.item))
            if ed is not None:
                QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(ed.grid, 50, 50))
                self.scroll.ensureWidgetVisible(ed.grid, 50, 50)
                ed.grid.select_cell(p.row, p.col)
                return
        if p.field:
            w = page.fields().get(p.field)
            if w is None and p.field in page.header.outlines:
                w = page.header.outlines[p.field]  # type: ignore[assignment]
            if w is not None:
                self.scroll.ensureWidgetVisible(w)
                (w.main() if isinstance(w, FieldWidget) else w).setFocus(Qt.FocusReason.OtherFocusReason)
                return
        if p.block in page.sections:
            sec = page.sections[p.block]
            self.scroll.ensureWidgetVisible(sec)
            (sec.period or sec.heading).setFocus(Qt.FocusReason.OtherFocusReason)

    def replace_with_computed(self, f: Finding) -> None:
        if self.doc is not None and tableops.can_replace(f):
            replacechain.replace_with_computed(self.doc, f, self)

    def table_editor(self, block: str, item: tuple[int, ...] = ()) -> TableEditor | None:
        return self.page.table_editor(block, item) if self.page is not None else None
