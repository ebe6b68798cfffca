"""The body of the card: each block with its heading (kept as written), period, and content editor."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.core.checks.labels import heading_name
from desktop.core.model import Block
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.fieldbase import FieldWidget
from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.outline import OutlineEditor, OutlineTools
from desktop.ui.editor.photos import PhotosEditor
from desktop.ui.editor.tableview import TableEditor


class BlockAttrEdit(QLineEdit):
    """A line edit over one attribute of a block (heading, period), each keystroke one merged undo step."""

    def __init__(self, doc: CardDoc, key: str, attr: str, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = key
        self.attr = attr
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(doc.seal)
        doc.applied_scope.connect(self._on_applied)
        keys.watch(self)
        self.refresh()

    @property
    def scope(self) -> str:
        return f"block:{self.key}:{self.attr}"

    def _get(self, card: object) -> str:
        b = card.block(self.key)  # type: ignore[attr-defined]
        return str(getattr(b, self.attr)) if b is not None else ""

    def _set(self, card: object, v: str) -> None:
        b = card.block(self.key)  # type: ignore[attr-defined]
        if b is not None:
            setattr(b, self.attr, v)

    def _typed(self, text: str) -> None:
        what = "제목" if self.attr == "heading" else "기간"
        self.doc.push(f"{what} 입력", self.scope, self._get, self._set, text, merge_key=("block", self.key, self.attr))

    def _on_applied(self, scope: str) -> None:
        if scope in (self.scope, "card"):
            self.refresh()

    def refresh(self) -> None:
        v = self._get(self.doc.card)
        if self.text() != v:
            self.setText(v)


class TextBlockEdit(QPlainTextEdit):
    def __init__(self, doc: CardDoc, key: str, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = key
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self._quiet = False
        self.textChanged.connect(self._typed)
        doc.applied_scope.connect(self._on_applied)
        keys.watch(self)
        self.refresh()

    def _typed(self) -> None:
        if self._quiet:
            return
        key = self.key

        def set_(c: object, v: str) -> None:
            b = c.block(key)  # type: ignore[attr-defined]
            if b is not None:
                b.text = v

        self.doc.push("글 입력", f"block:{key}:text",
                      lambda c: c.block(key).text if c.block(key) else "", set_, self.toPlainText(),
                      merge_key=("block", key, "text"))

    def _on_applied(self, scope: str) -> None:
        if scope in (f"block:{self.key}:text", "card"):
            self.refresh()

    def refresh(self) -> None:
        b = self.doc.card.block(self.key)
        v = b.text if b is not None else ""
        if self.toPlainText() != v:
            self._quiet = True
            self.setPlainText(v)
            self._quiet = False


class BlockSection(QWidget):
    """One body block: heading line (and period), then its editor by kind."""

    def __init__(self, doc: CardDoc, block: Block, keys: UndoKeys, field_widget: FieldWidget | None = None,
                 tools: OutlineTools | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = block.key
        bd = doc.template.block_def(block.key)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 2)
        lay.setSpacing(3)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.heading = BlockAttrEdit(doc, block.key, "heading", keys, self)
        self.heading.setPlaceholderText(bd.heading if bd is not None else "제목")
        self.heading.setProperty("role", "heading")
        self.heading.setToolTip("제목은 적힌 그대로 인쇄됩니다")
        top.addWidget(self.heading, 3)
        self.period: BlockAttrEdit | None = None
        if (bd is not None and bd.period) or block.period:
            self.period = BlockAttrEdit(doc, block.key, "period", keys, self)
            self.period.setPlaceholderText("[2025. 1. 1.~2025. 9. 30.]")
            self.period.setToolTip("이 항목의 기간 (적힌 그대로)")
            top.addWidget(self.period, 2)
        lay.addLayout(top)
        name = heading_name(block.heading or (bd.heading if bd else block.key))
        self.table: TableEditor | None = None
        self.outline: OutlineEditor | None = None
        self.photos: PhotosEditor | None = None
        self.field = field_widget
        kind = block.kind
        if kind == "figure" or (block.table is not None and kind != "outline"):
            self.table = TableEditor(doc, block.key, (), keys, label=name, parent=self)
            if block.table is not None and block.table.unit:
                unit = QLabel(f"(단위 : {block.table.unit})", self)
                unit.setProperty("role", "muted")
                top.addWidget(unit)
            lay.addWidget(self.table)
        if kind == "outline" or block.items:
            dates = bool(bd is not None and bd.dates)
            self.outline = OutlineEditor(doc, block.key, keys, dates=dates, label=name, tools=tools, parent=self)
            lay.addWidget(self.outline)
        if kind == "photos":
            self.photos = PhotosEditor(doc, block.key, keys, per_row=bd.per_row if bd else 3, parent=self)
            lay.addWidget(self.photos)
        if kind == "text" or block.text:
            lay.addWidget(TextBlockEdit(doc, block.key, keys, self))
        if field_widget is not None:
            field_widget.setParent(self)
            lay.addWidget(field_widget)
