"""Header-field widgets for the simple kinds: text, longtext, choice, status, percent, checks, date, figure."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from desktop.core import dates
from desktop.core.figures import derived_figure
from desktop.core.model import Figure
from desktop.core.numbers import NumberError
from desktop.core.templates import FieldDef
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.fieldbase import FieldWidget, hint
from desktop.ui.editor.figuretext import format_figure, parse_figure
from desktop.ui.editor.keys import UndoKeys


def _row(parent: QWidget) -> QHBoxLayout:
    lay = QHBoxLayout(parent)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(4)
    return lay


class TextField(FieldWidget):
    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(hint(fdef.placeholder))
        _row(self).addWidget(self.edit)
        self.edit.textEdited.connect(lambda t: self.push(t, merge=True))
        self.edit.editingFinished.connect(doc.seal)
        keys.watch(self.edit)
        self.refresh()

    def refresh(self) -> None:
        v = self.value() or ""
        if self.edit.text() != v:
            self.edit.setText(str(v))
            if not self.edit.hasFocus():
                self.edit.setCursorPosition(0)

    def main(self) -> QWidget:
        return self.edit

    def set_read_only(self, ro: bool) -> None:
        self.edit.setReadOnly(ro)


class LongTextField(FieldWidget):
    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 10)
        self.edit.setPlaceholderText(hint(fdef.placeholder))
        _row(self).addWidget(self.edit)
        self._quiet = False
        self.edit.textChanged.connect(self._typed)
        keys.watch(self.edit)
        self.refresh()

    def _typed(self) -> None:
        if not self._quiet:
            self.push(self.edit.toPlainText(), merge=True)

    def refresh(self) -> None:
        v = str(self.value() or "")
        if self.edit.toPlainText() != v:
            self._quiet = True
            self.edit.setPlainText(v)
            self._quiet = False

    def main(self) -> QWidget:
        return self.edit

    def set_read_only(self, ro: bool) -> None:
        self.edit.setReadOnly(ro)


class ChoiceField(FieldWidget):
    """An editable list of the template's choices (a card may state something else, kept as written)."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None,
                 choices: list[str] | None = None, editable: bool = True) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.choices = list(choices if choices is not None else fdef.choices)
        self.combo = QComboBox(self)
        self.combo.setEditable(editable)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(6)
        _row(self).addWidget(self.combo)
        self._fill()
        if editable:
            le = self.combo.lineEdit()
            assert le is not None
            le.textEdited.connect(lambda t: self.push(t, merge=True))
            le.editingFinished.connect(doc.seal)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.activated.connect(lambda i: self.push(self.combo.itemText(i)))
        keys.watch(self.combo)
        self.refresh()

    def _fill(self) -> None:
        self.combo.clear()
        self.combo.addItem("")
        self.combo.addItems(self.choices)

    def refresh(self) -> None:
        v = str(self.value() or "")
        if v and self.combo.findText(v) < 0:
            self.combo.addItem(v)
        if self.combo.isEditable():
            if self.combo.currentText() != v:
                self.combo.setCurrentIndex(max(0, self.combo.findText(v)))
                self.combo.setEditText(v)
        else:
            self.combo.setCurrentIndex(max(0, self.combo.findText(v)))

    def main(self) -> QWidget:
        return self.combo

    def set_read_only(self, ro: bool) -> None:
        self.combo.setEnabled(not ro)


class StatusField(ChoiceField):
    """The template's status vocabulary, under its group headings when it has groups (완료 / 추진중)."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent, choices=doc.template.statuses, editable=False)

    def _fill(self) -> None:
        groups = self.doc.template.status_groups
        grouped = [s for g in groups.values() for s in g]
        trivial = all(v == [k] for k, v in groups.items())  # 완료: [완료], 추진중: [추진중]
        if trivial or sorted(grouped) != sorted(self.choices) or len(groups) < 2:
            super()._fill()
            return
        self.combo.clear()
        self.combo.addItem("")
        model = self.combo.model()
        assert isinstance(model, QStandardItemModel)
        for name, values in groups.items():
            self.combo.addItem(f"— {name} —")
            heading = model.item(self.combo.count() - 1)
            heading.setEnabled(False)  # a heading, not a choice
            heading.setData(None, Qt.ItemDataRole.UserRole)
            for v in values:
                self.combo.addItem(v)


class PercentField(FieldWidget):
    """0–100 %, and an empty state ("-") for a card that states no 진도."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.spin = QSpinBox(self)
        self.spin.setRange(-1, 100)
        self.spin.setSpecialValueText("-")
        self.spin.setSuffix(fdef.unit or "%")
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.spin.setMinimumWidth(70)
        _row(self).addWidget(self.spin)
        self._quiet = False
        self.spin.valueChanged.connect(self._changed)
        self.spin.editingFinished.connect(doc.seal)
        keys.watch(self.spin)
        self.refresh()

    def _changed(self, v: int) -> None:
        if not self._quiet:
            self.push(None if v < 0 else v, merge=True)

    def refresh(self) -> None:
        v = self.value()
        want = -1 if not isinstance(v, int) else max(-1, min(100, v))
        if self.spin.value() != want:
            self._quiet = True
            self.spin.setValue(want)
            self._quiet = False

    def main(self) -> QWidget:
        return self.spin

    def set_read_only(self, ro: bool) -> None:
        self.spin.setReadOnly(ro)


class ChecksField(FieldWidget):
    """Check boxes, grouped as the template groups them (이행상황: 완료 [완료, 이행후계속추진] …)."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        lay = _row(self)
        self.boxes: dict[str, QCheckBox] = {}
        groups = fdef.groups or {"": fdef.choices}
        grouped = {c for cs in groups.values() for c in cs}
        if fdef.groups and any(c not in grouped for c in fdef.choices):
            groups = {**groups, "": [c for c in fdef.choices if c not in grouped]}
        for name, choices in groups.items():
            if name:
                lbl = QLabel(f"{name}:", self)
                lbl.setProperty("role", "muted")
                lay.addWidget(lbl)
            for c in choices:
                box = QCheckBox(c, self)
                box.toggled.connect(self._toggled)
                self.boxes[c] = box
                lay.addWidget(box)
            lay.addSpacing(8)
        lay.addStretch(1)
        self._quiet = False
        self.refresh()

    def _toggled(self) -> None:
        if self._quiet:
            return
        order = list(self.boxes)
        chosen = [c for c in order if self.boxes[c].isChecked()]
        extra = [v for v in self.value() if v not in self.boxes]  # stated values outside the choices stay
        self.push(chosen + extra)

    def refresh(self) -> None:
        v = set(self.value())
        self._quiet = True
        for c, box in self.boxes.items():
            box.setChecked(c in v)
        self._quiet = False

    def main(self) -> QWidget:
        return next(iter(self.boxes.values()), self)

    def set_read_only(self, ro: bool) -> None:
        for b in self.boxes.values():
            b.setEnabled(not ro)


def parse_date(text: str, label: str) -> date | None:
    try:
        return dates.parse_date(text)
    except dates.NotADate:
        raise ValueError(f"{label}: 날짜로 읽을 수 없습니다 '{text.strip()}' (예: 2025. 9. 30.)") from None
    except ValueError:
        raise ValueError(f"{label}: 없는 날짜입니다 '{text.strip()}'") from None


class DateField(FieldWidget):
    """기준일 as written on the card ("2025. 9. 30."); a refused entry keeps the old date.

    While it is typed, a text that reads as a date goes into the card at the next autosave (draft);
    one that does not yet stays in the field, red, and the card keeps the last good date.
    """

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("예: 2025. 9. 30.")
        self.edit.setMaximumWidth(130)
        _row(self).addWidget(self.edit)
        self._drafting = False
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(self._live)
        keys.watch(self.edit)
        self.refresh()

    def _parse(self) -> date | None:
        return parse_date(self.edit.text(), self.fdef.label.replace(" ", ""))

    def _shown(self) -> str:
        v = self.value()
        return dates.fmt_date(v if isinstance(v, date) else None)

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
            d = self._parse()
        except ValueError:
            return self.typing_label()
        self._drafting = True  # the text stays as typed
        try:
            self.push(d, merge=True)
        finally:
            self._drafting = False
        return ""

    def commit(self) -> None:
        try:
            d = self._parse()
        except ValueError as exc:
            self.refuse(str(exc))
            return
        self.refused = ""
        self.push(d, merge=True)
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


def summary_from_table(doc: CardDoc, fdef: FieldDef) -> Figure | None:
    """The figure the card's table implies ("750백만원(국700 구50)"), for the placeholder and "＝ 표에서"."""
    fig = derived_figure(doc.card, doc.template, fdef)
    return fig if fig is not None and fig.total is not None else None


class FigureField(FieldWidget):
    """A stated figure ("750백만원(국700 구50)"): shown as written, parsed on leaving the field."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        lay = _row(self)
        self.edit = QLineEdit(self)
        lay.addWidget(self.edit)
        self.fill = QToolButton(self)
        self.fill.setText("＝표")
        self.fill.setToolTip("표의 계로 채우기")
        self.fill.setAutoRaise(True)
        self.fill.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fill.clicked.connect(self.from_table)
        lay.addWidget(self.fill)
        self._drafting = False
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(self._live)
        keys.watch(self.edit)
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

    def _live(self) -> None:
        try:
            self._parse()
            live = ""
        except NumberError as exc:
            live = str(exc)
        if live != self.refused:
            self.refused = live
            self.show_problems()
        self.doc.typing.emit()

    def _shown(self) -> str:
        v = self.value()
        return format_figure(v if isinstance(v, Figure) else None)

    def draft(self) -> str:
        if self.edit.text() == self._shown():
            return ""
        try:
            fig = self._parse()
        except NumberError:
            return self.typing_label()
        if format_figure(fig) != self._shown():
            self._drafting = True  # the text stays as typed
            try:
                self.push(fig, merge=True)
            finally:
                self._drafting = False
        return ""

    def commit(self) -> None:
        try:
            fig = self._parse()
        except NumberError as exc:
            self.refuse(str(exc))  # the old value is back; the message shows at the field
            return
        self.refused = ""
        if format_figure(fig) != format_figure(self.value()):
            self.push(fig, merge=True)
        self.doc.seal()
        self.refresh()
        self.show_problems()

    def from_table(self) -> None:
        fig = summary_from_table(self.doc, self.fdef)
        if fig is not None:
            self.refused = ""
            self.push(fig)

    def refresh(self) -> None:
        if not self._drafting:
            text = self._shown()
            if self.edit.text() != text:
                self.edit.setText(text)
                if self.refused:  # the typed text is gone, and its mark with it
                    self.refused = ""
                    self.show_problems()
        self._placeholder()

    def main(self) -> QWidget:
        return self.edit

    def set_read_only(self, ro: bool) -> None:
        self.edit.setReadOnly(ro)
        self.fill.setEnabled(not ro)
