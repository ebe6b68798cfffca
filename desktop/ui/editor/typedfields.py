"""One-line header fields whose text is read into a value: 기준일 (a date) and stated figures ("750백만원(국700
구50)").

While such a field is typed, a text that reads as a value goes into the card at the next autosave (a
draft: the text stays as typed); one that does not yet stays in the field, red, and the card keeps the
last good value. Leaving the field commits it; a refused entry brings the old value back and says why.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from desktop.core import dates
from desktop.core.figures import derived_figure
from desktop.core.model import Figure
from desktop.core.templates import FieldDef
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.fieldbase import FieldWidget
from desktop.ui.editor.figuretext import format_figure, parse_figure
from desktop.ui.editor.keys import UndoKeys


def parse_date(text: str, label: str) -> date | None:
    try:
        return dates.parse_date(text)
    except dates.NotADate:
        raise ValueError(f"{label}: 날짜로 읽을 수 없습니다 '{text.strip()}' (예: 2025. 9. 30.)") from None
    except ValueError:
        raise ValueError(f"{label}: 없는 날짜입니다 '{text.strip()}'") from None


class TypedField(FieldWidget):
    """A line edit read into a value by `_parse` (ValueError, Korean, when it does not read) and shown
    by `_format`. Subclasses lay the edit out and give the two."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.edit = QLineEdit(self)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)
        self.row.addWidget(self.edit)
        self._drafting = False
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(self._live)
        keys.watch(self.edit)

    def _parse(self) -> object:
        raise NotImplementedError

    def _format(self, value: object) -> str:
        raise NotImplementedError

    def _shown(self) -> str:
        return self._format(self.value())

    def _live(self) -> None:
        try:
            self._parse()
            live = ""
        except ValueError as exc:
            live = str(exc)
        if live != self.refused:
            self.refused = live
            self.show_problems()
        self.doc.typing.emit()

    def draft(self) -> str:
        if self.edit.text() == self._shown():
            return ""
        try:
            value = self._parse()
        except ValueError:
            return self.typing_label()
        if self._format(value) != self._shown():
            self._drafting = True  # the text stays as typed
            try:
                self.push(value, merge=True)
            finally:
                self._drafting = False
        return ""

    def commit(self) -> None:
        try:
            value = self._parse()
        except ValueError as exc:
            self.refuse(str(exc))  # the old value is back; the message shows at the field
            return
        self.refused = ""
        if self._format(value) != self._shown():
            self.push(value, merge=True)
        self.doc.seal()
        self.refresh()
        self.show_problems()

    def refresh(self) -> None:
        if self._drafting:
            return
        text = self._shown()
        if self.edit.text() != text:
            self.edit.setText(text)
            if self.refused:  # the typed text is gone, and its mark with it
                self.refused = ""
                self.show_problems()

    def main(self) -> QWidget:
        return self.edit

    def set_read_only(self, ro: bool) -> None:
        self.edit.setReadOnly(ro)


class DateField(TypedField):
    """기준일 as written on the card ("2025. 9. 30."); a refused entry keeps the old date."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.edit.setPlaceholderText("예: 2025. 9. 30.")
        self.edit.setMaximumWidth(130)
        self.refresh()

    def _parse(self) -> date | None:
        return parse_date(self.edit.text(), self.fdef.label.replace(" ", ""))

    def _format(self, value: object) -> str:
        return dates.fmt_date(value if isinstance(value, date) else None)


def summary_from_table(doc: CardDoc, fdef: FieldDef) -> Figure | None:
    """The figure the card's table implies ("750백만원(국700 구50)"), for the placeholder and "＝ 표에서"."""
    fig = derived_figure(doc.card, doc.template, fdef)
    return fig if fig is not None and fig.total is not None else None


class FigureField(TypedField):
    """A stated figure ("750백만원(국700 구50)"): shown as written, parsed on leaving the field."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.fill = QToolButton(self)
        self.fill.setText("＝표")
        self.fill.setToolTip("표의 계로 채우기")
        self.fill.setAutoRaise(True)
        self.fill.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fill.clicked.connect(self.from_table)
        self.row.addWidget(self.fill)
        doc.applied_scope.connect(self._maybe_placeholder)
        self.refresh()

    def _maybe_placeholder(self, scope: str) -> None:
        block = self.fdef.equals.get("block", "")
        if scope.startswith((f"table:{block}:", f"cell:{block}:")) or scope in ("card", "period"):
            self._placeholder()

    def _placeholder(self) -> None:
        fig = summary_from_table(self.doc, self.fdef)
        self.edit.setPlaceholderText(f"표: {format_figure(fig)}" if fig else "예: 750백만원(국700 구50)")

    def _parse(self) -> Figure | None:
        return parse_figure(self.edit.text(), self.fdef.unit, self.fdef.label.replace(" ", ""))

    def _format(self, value: object) -> str:
        return format_figure(value if isinstance(value, Figure) else None)

    def from_table(self) -> None:
        fig = summary_from_table(self.doc, self.fdef)
        if fig is not None:
            self.refused = ""
            self.push(fig)

    def refresh(self) -> None:
        super().refresh()
        self._placeholder()

    def set_read_only(self, ro: bool) -> None:
        super().set_read_only(ro)
        self.fill.setEnabled(not ro)
