"""Fields the importer was unsure of (SPEC §9), marked in the form until the officer confirms them.

The card names them in `extra._import_unsure` (desktop/core/importmap/state.py). Each place (a header
field, or a body block) is shown with a yellow outline and the tooltip "가져오면서 확실하지 않았던 값 —
확인하세요". The bar over the form says how many are left ("확인할 값 3개"); 다음 moves to the next one,
이 값 확인 (or Ctrl+Enter in the field) confirms the one holding the focus, 모두 확인 the rest. Editing a
marked field or block is confirming it too. Every confirmation is one undoable step, and undoing it —
or undoing the edit that confirmed it — brings the mark back (doc.Change keeps the marks it found).

What the importer could not place is shown under the bar by importnote.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from desktop.core.importmap import unsure_paths
from desktop.ui.editor.marks import Place, place_of, places, set_unsure, without

if TYPE_CHECKING:
    from desktop.ui.editor.doc import CardDoc
    from desktop.ui.editor.form import CardPage

TIP = "가져오면서 확실하지 않았던 값 — 확인하세요"
BORDER = "#d4a000"
BACKGROUND = "#fff6cc"
NAMES = {"title": "공약제목", "org": "기관명", "period": "사업기간", "timing": "이행시기", "status": "추진상황",
         "photos": "사진 설명", "invest": "투자계획 표"}
SCOPE = "unsure"  # the scope of a confirmation: no field's value changed, only the marks

def style() -> str:
    """Rules for the CardEditor's style sheet (before the severity rules, so an 오류 still shows red)."""
    return (f'*[unsure="yes"] {{ border: 2px solid {BORDER}; background: {BACKGROUND}; }}\n'
            f'QFrame[role="unsurebar"] {{ background: {BACKGROUND}; border: 1px solid {BORDER}; }}\n'
            'QFrame[role="importnote"] { background: #f3f5f7; border: 1px solid #c5ccd6; }\n')


def place_name(page: CardPage | None, place: Place) -> str:
    kind, key = place
    if place[1] in NAMES:
        return NAMES[key]
    if page is not None:
        if kind == "field" and key in page.fields():
            return page.fields()[key].fdef.label.replace(" ", "")
        block = page.doc.card.block(key) if kind == "block" else None
        if block is not None and block.heading:
            return str(block.heading)
    return key


class UnsureBar(QFrame):
    """The bar over the form: how many marks are left, 다음, 이 값 확인, 모두 확인."""

    def __init__(self, doc: CardDoc, page: CardPage) -> None:
        super().__init__(page)
        self.doc = doc
        self.page = page
        self.current: Place | None = None  # the marked place being looked at (holding the focus)
        self.setProperty("role", "unsurebar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setToolTip(f"{TIP}: 노란 테두리의 값이 맞으면 그 칸에서 이 값 확인(Ctrl+Enter), "
                              "틀리면 고쳐 적으세요 — 고치면 확인한 것입니다")
        lay.addWidget(self.label, 1)
        # The buttons take no focus: the field being looked at keeps it, so 이 값 확인 knows which it is.
        self.next_button = self._button("다음", "노란 테두리의 다음 값으로 갑니다", self.go_next)
        self.one_button = self._button("이 값 확인", "", self.confirm_focused)
        self.button = self._button("모두 확인", "노란 테두리의 값을 모두 확인했습니다 (되돌릴 수 있음)",
                                   self.confirm_all)
        for b in (self.next_button, self.one_button, self.button):
            lay.addWidget(b, 0, Qt.AlignmentFlag.AlignRight)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), page)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.confirm_focused)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)  # disconnected when the bar is deleted

    def _button(self, text: str, tip: str, slot: object) -> QPushButton:
        b = QPushButton(text, self)
        b.setToolTip(tip)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(slot)
        return b

    # ---------------------------------------------------------------- what is shown
    def show_paths(self, paths: list[str]) -> None:
        shown = places(paths)
        self.setVisible(bool(shown))
        if self.current not in shown:
            self.current = None
        names = [place_name(self.page, p) for p in shown]
        self.label.setText(f"확인할 값 {len(shown)}개: {', '.join(names)}")  # the tooltip says how
        self.next_button.setEnabled(len(shown) > 1 or (bool(shown) and self.focused_place() is None))
        self._focus_changed()

    def focused_place(self) -> Place | None:
        """The marked place that holds the focus (a field, or anything inside a marked block)."""
        fw = QApplication.focusWidget()
        if fw is None or not self.page.isAncestorOf(fw):
            return None
        shown = places(unsure_paths(self.doc.card))
        for place in shown:
            w = self._holder(place)
            if w is not None and (w is fw or w.isAncestorOf(fw)):
                return place
        return None

    def _focus_changed(self, *_: object) -> None:
        """Follow the marked place being looked at. A click on the bar's buttons (which take no focus)
        gives the focus to the scroll area around the form: that keeps the place looked at."""
        fw = QApplication.focusWidget()
        if fw is None or not fw.isAncestorOf(self):
            self.current = self.focused_place()
        place = self.current
        self.one_button.setEnabled(place is not None and not self.doc.read_only)
        self.one_button.setText(f"이 값 확인: {place_name(self.page, place)}" if place else "이 값 확인")
        self.one_button.setToolTip(
            "커서가 있는 노란 테두리의 값이 맞다고 확인합니다 (Ctrl+Enter, 되돌릴 수 있음)" if place
            else "노란 테두리의 칸에 커서를 두면 그 값을 확인할 수 있습니다 (다음: 다음 값으로)")

    # ---------------------------------------------------------------- widgets of a place
    def _holder(self, place: Place) -> QWidget | None:
        """The widget holding a place: the field's widget, or the block's section."""
        kind, key = place
        if kind == "field":
            return self.page.fields().get(key)
        return self.page.sections.get(key)

    def _focus_target(self, place: Place) -> QWidget | None:
        kind, key = place
        if kind == "field":
            fw = self.page.fields().get(key)
            return fw.main() if fw is not None else None
        sec = self.page.sections.get(key)
        if sec is None:
            return None
        return sec.period or sec.heading

    # ---------------------------------------------------------------- actions
    def go_next(self) -> None:
        """Move to the next marked place after the one holding the focus (or last moved to), round."""
        self.page.ensure_built()
        shown = [p for p in places(unsure_paths(self.doc.card)) if self._focus_target(p) is not None]
        if not shown:
            return
        at = self.current
        i = (shown.index(at) + 1) % len(shown) if at in shown else 0
        self.current = shown[i]
        target = self._focus_target(shown[i])
        holder = self._holder(shown[i])
        assert target is not None and holder is not None
        scroll = self._scroll_area()
        if scroll is not None:
            scroll.ensureWidgetVisible(holder, 50, 50)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus_changed()

    def _scroll_area(self) -> QScrollArea | None:
        w = self.page.parentWidget()
        while w is not None and not isinstance(w, QScrollArea):
            w = w.parentWidget()
        return w

    def confirm_focused(self) -> bool:
        """이 값 확인 / Ctrl+Enter: the marked place being looked at is confirmed (one undoable step); the
        focus goes back to it, so the officer goes on from there (다음, or typing)."""
        place = self.current
        if place is None or not self.confirm_place(place):
            return False
        target = self._focus_target(place)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def confirm_place(self, place: Place) -> bool:
        paths = unsure_paths(self.doc.card)
        left = without(paths, place)
        if left == paths:
            return False
        return self.doc.push(f"가져온 값 확인: {place_name(self.page, place)}", SCOPE,
                             lambda c: unsure_paths(c), set_unsure, left)

    def confirm_all(self) -> None:
        if unsure_paths(self.doc.card):
            self.doc.push("가져온 값 모두 확인", SCOPE, lambda c: unsure_paths(c), set_unsure, [])


def mark(page: CardPage, bar: UnsureBar) -> None:
    """Outline every unsure field and block of the page, and clear the outline of the others."""
    paths = unsure_paths(page.doc.card)
    bar.show_paths(paths)
    wanted = {place_of(p) for p in paths}
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
