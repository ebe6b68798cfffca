"""가져오면서 넣지 못한 글 (SPEC §9): the text of the document the importer could not place on the card
(`extra._import_note`), shown in a folded panel over the form whether or not a field is still marked.

보기 unfolds the text (read-only, selectable), 복사 puts it on the clipboard, and 지우기 clears the note —
an edit of the card like any other, one undoable step (Ctrl+Z brings the note back). The panel is gone
when the card holds no note.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.importmap import NOTE_KEY
from desktop.core.model import Card
from desktop.ui.editor.doc import CardDoc

TITLE = "가져오면서 넣지 못한 글"
SCOPE = "note"
SHOWN_LINES = 8
KEEP_ENABLED = "readonly_ok"  # a widget the read-only form leaves usable (it changes nothing)


def note_text(card: Card) -> str:
    note = card.extra.get(NOTE_KEY, "")
    if isinstance(note, list):
        return "\n".join(str(x) for x in note)
    return note if isinstance(note, str) else ""


def _get_note(card: Card) -> Any:
    return card.extra.get(NOTE_KEY)


def _set_note(card: Card, value: Any) -> None:
    if value:
        card.extra[NOTE_KEY] = value
    else:
        card.extra.pop(NOTE_KEY, None)


class NotePanel(QFrame):
    def __init__(self, doc: CardDoc, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setProperty("role", "importnote")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip("문서에 있었지만 카드의 어느 칸에도 넣지 못한 글을 펼쳐 봅니다")
        self.toggle.setProperty(KEEP_ENABLED, True)
        self.toggle.toggled.connect(self._unfold)
        top.addWidget(self.toggle)
        self.hint = QLabel("— 필요한 글은 알맞은 칸에 옮겨 적고 지우세요", self)
        self.hint.setProperty("role", "muted")
        top.addWidget(self.hint, 1)
        self.copy_button = QPushButton("복사", self)
        self.copy_button.setToolTip("이 글을 클립보드에 복사합니다")
        self.copy_button.setProperty(KEEP_ENABLED, True)
        self.copy_button.clicked.connect(self.copy)
        top.addWidget(self.copy_button)
        self.dismiss_button = QPushButton("지우기", self)
        self.dismiss_button.setToolTip("이 글을 카드에서 지웁니다 (Ctrl+Z로 되돌릴 수 있음)")
        self.dismiss_button.clicked.connect(self.dismiss)
        top.addWidget(self.dismiss_button)
        lay.addLayout(top)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.hide()
        lay.addWidget(self.text)
        self.refresh()

    def refresh(self) -> None:
        text = note_text(self.doc.card)
        lines = [x for x in text.splitlines() if x.strip()]
        self.setVisible(bool(lines))
        self.toggle.setText(f"{TITLE} {len(lines)}줄")
        if self.text.toPlainText() != text:
            self.text.setPlainText(text)
            shown = min(max(len(text.splitlines()), 1), SHOWN_LINES)  # the few lines it has; more scroll
            margins = 2 * (self.text.document().documentMargin() + self.text.frameWidth())
            self.text.setFixedHeight(int(self.text.fontMetrics().lineSpacing() * shown + margins + 8))

    def _unfold(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.text.setVisible(on)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(note_text(self.doc.card))
        self.doc.notice.emit(f"{TITLE}을 클립보드에 복사했습니다")

    def dismiss(self) -> None:
        if self.doc.push(f"{TITLE} 지우기", SCOPE, _get_note, _set_note, None):
            self.doc.notice.emit(f"{TITLE}을 지웠습니다 (Ctrl+Z로 되돌릴 수 있음)")
