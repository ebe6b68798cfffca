"""Header-field widgets for the simple kinds: text, longtext, choice, status, percent, checks (date and figure:
typedfields.py)."""

from __future__ import annotations

from dataclasses import replace

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
    QWidget,
)

from desktop.core.templates import FieldDef
from desktop.ui.editor.access import as_boxes
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.fieldbase import FieldWidget, hint
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
        if fdef.kind == "status":  # the status vocabulary as grouped check boxes (성동구 이행상황)
            fdef = replace(fdef, choices=list(doc.template.statuses), groups=dict(doc.template.status_groups))
        super().__init__(doc, fdef, keys, parent)
        self.single = as_boxes(fdef)  # one text of the card: checking a box unchecks the others
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

    def _toggled(self, on: bool = False) -> None:
        if self._quiet:
            return
        if self.single:
            box = self.sender()
            chosen = next((c for c, b in self.boxes.items() if b is box), None)
            self.push([chosen] if on and chosen is not None else [])
            self.refresh()
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
