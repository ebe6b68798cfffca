"""Fields the importer was unsure of (SPEC §9), marked in the form until the officer confirms them.

The card names them in `extra._import_unsure` (desktop/core/importmap/state.py). Each is shown with a
yellow outline and the tooltip "가져오면서 확실하지 않았던 값 — 확인하세요"; a bar over the form counts
them and its 확인 button confirms them all (one undoable step). Editing a marked field or block is
confirming it: the mark goes with the edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.importmap import NOTE_KEY, UNSURE_KEY, confirm, unsure_paths
from desktop.core.model import Card

if TYPE_CHECKING:
    from desktop.ui.editor.doc import CardDoc
    from desktop.ui.editor.form import CardPage

TIP = "가져오면서 확실하지 않았던 값 — 확인하세요"
BORDER = "#d4a000"
BACKGROUND = "#fff6cc"
NAMES = {"title": "공약제목", "org": "기관명", "period": "사업기간", "timing": "이행시기", "status": "추진상황",
         "photos": "사진 설명", "invest": "투자계획 표"}


def style() -> str:
    """Rules for the CardEditor's style sheet (before the severity rules, so an 오류 still shows red)."""
    return (f'*[unsure="yes"] {{ border: 2px solid {BORDER}; background: {BACKGROUND}; }}\n'
            f'QFrame[role="unsurebar"] {{ background: {BACKGROUND}; border: 1px solid {BORDER}; }}\n')


def _set_unsure(card: Card, paths: list[str]) -> None:
    if paths:
        card.extra[UNSURE_KEY] = list(paths)
    else:
        card.extra.pop(UNSURE_KEY, None)


def _key(path: str) -> tuple[str, str]:
    """("field", key) or ("block", key) for a path: "title", "blocks.invest.table.r1.y2024"."""
    parts = path.split(".")
    if parts[0] == "blocks" and len(parts) > 1:
        return "block", parts[1]
    return "field", parts[0]


class UnsureBar(QFrame):
    def __init__(self, doc: CardDoc, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setProperty("role", "unsurebar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        self.button = QPushButton("확인", self)
        self.button.setToolTip("노란 테두리의 값을 모두 확인했습니다 (되돌릴 수 있음)")
        self.button.clicked.connect(self.confirm_all)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)

    def show_paths(self, paths: list[str]) -> None:
        self.setVisible(bool(paths))
        names = []
        for p in paths:
            name = NAMES.get(_key(p)[1], _key(p)[1])
            if name not in names:
                names.append(name)
        note = self.doc.card.extra.get(NOTE_KEY, "")
        lines = [x for x in (note if isinstance(note, str) else "\n".join(note)).splitlines() if x.strip()]
        tail = f" · 카드에 넣지 못한 글 {len(lines)}줄은 카드 메모에 남겼습니다" if lines else ""
        self.label.setText(f"{TIP}: {', '.join(names)} ({len(paths)}곳){tail}")
        self.label.setToolTip("\n".join(lines[:40]) if lines else "")

    def confirm_all(self) -> None:
        self.doc.push("가져온 값 확인", "card", lambda c: unsure_paths(c), _set_unsure, [])


def confirm_edited(card: Card, scope: str) -> bool:
    """An edit of a marked field or block confirms it; True when a mark went."""
    kind, _, rest = scope.partition(":")
    key = rest.split(":")[0]
    if kind == "outline" and key.startswith("@"):  # 공약목표 / 추진과제 in the header
        kind, key = "field", key[1:]
    if kind == "field":
        return confirm(card, key) if key in unsure_paths(card) else False
    if kind in ("block", "photos", "table", "outline", "cell"):  # scopes of desktop/ui/editor (refs.py …)
        return any([confirm(card, p) for p in unsure_paths(card) if _key(p) == ("block", key)])
    return False


def mark(page: CardPage, bar: UnsureBar) -> None:
    """Outline every unsure field and block of the page, and clear the outline of the others."""
    paths = unsure_paths(page.doc.card)
    bar.show_paths(paths)
    wanted = {_key(p) for p in paths}
    for key, fw in page.fields().items():
        w = fw.main()
        on = ("field", key) in wanted
        for part in [w, *(fw.findChildren(QAbstractSpinBox) if fw.fdef.kind == "years" else [])]:
            _outline(part, on)  # 사업기간: both years
        if on:
            w.setToolTip(TIP)
        elif w.toolTip() == TIP:
            fw.findings = [*fw.findings]
            fw.show_problems()
            if w.toolTip() == TIP:
                w.setToolTip("")
    for key, sec in page.sections.items():
        on = ("block", key) in wanted
        sec.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, on)
        _outline(sec, on)
        sec.setToolTip(TIP if on else "")


def _outline(w: QWidget, on: bool) -> None:
    value = "yes" if on else ""
    if (w.property("unsure") or "") == value:
        return
    w.setProperty("unsure", value)
    w.style().unpolish(w)
    w.style().polish(w)
    w.update()
