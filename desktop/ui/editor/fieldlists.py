"""Header-field widgets holding several values: 관련부서 (chips), 연락처 (lines), 사업기간 (years)."""

from __future__ import annotations

import copy
from typing import ClassVar

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QToolButton,
    QWidget,
)

from desktop.core.layout import period_years, sync_year_columns
from desktop.core.model import Contact
from desktop.core.templates import FieldDef
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.fieldbase import FieldWidget
from desktop.ui.editor.keys import UndoKeys


class FlowLayout(QLayout):
    """Chips left to right, wrapping to the next line (Qt's flow-layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do(QRect(0, 0, width, 0), True)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do(rect, False)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for it in self._items:
            size = size.expandedTo(it.minimumSize())
        return size

    def _do(self, rect: QRect, test: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        sp = self.spacing()
        for it in self._items:
            hint = it.sizeHint()
            nx = x + hint.width() + sp
            if nx - sp > rect.right() and line > 0:
                x, y = rect.x(), y + line + sp
                nx, line = x + hint.width() + sp, 0
            if not test:
                it.setGeometry(QRect(QPoint(x, y), hint))
            x, line = nx, max(line, hint.height())
        return y + line - rect.y()


class ListField(FieldWidget):
    """Several names (관련부서): chips with ✕, and a box where Enter adds one (comma-separated works too)."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.flow = FlowLayout(self)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText("＋ 추가 (Enter)")
        self.entry.setMinimumWidth(90)
        self.entry.setMaximumWidth(150)
        self.entry.returnPressed.connect(self.add_from_entry)
        self.entry.editingFinished.connect(self.add_from_entry)  # leaving the box keeps what is in it
        self.entry.textEdited.connect(lambda _t: doc.typing.emit())
        keys.watch(self.entry)
        self.chips: list[QToolButton] = []
        self.refresh()

    def add_from_entry(self) -> None:
        names = [n.strip() for n in self.entry.text().replace("，", ",").split(",") if n.strip()]
        if names:
            self.push([*self.value(), *names])
        self.entry.clear()

    def draft(self) -> str:
        """A name half typed into the box is not added while it is typed (Enter or leaving adds it)."""
        return self.typing_label() if self.entry.text().strip() else ""

    def remove(self, i: int) -> None:
        v = list(self.value())
        if 0 <= i < len(v):
            del v[i]
            self.push(v)

    def edit_chip(self, i: int) -> None:
        """Take a chip back into the box to correct it."""
        v = list(self.value())
        if 0 <= i < len(v):
            self.entry.setText(v[i])
            del v[i]
            self.push(v)
            self.entry.setFocus()

    def refresh(self) -> None:
        for c in self.chips:
            self.flow.removeWidget(c)
            c.deleteLater()
        self.flow.removeWidget(self.entry)
        self.chips = []
        for i, name in enumerate(self.value()):
            chip = QToolButton(self)
            chip.setText(f"{name}  ✕")
            chip.setToolTip(f"'{name}' 빼기 (오른쪽 단추: 고치기)")
            chip.setProperty("role", "chip")
            chip.clicked.connect(lambda _=False, i=i: self.remove(i))
            chip.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            chip.customContextMenuRequested.connect(lambda _p, i=i: self.edit_chip(i))
            self.flow.addWidget(chip)
            self.chips.append(chip)
        self.flow.addWidget(self.entry)
        self.updateGeometry()

    def main(self) -> QWidget:
        return self.entry

    def set_read_only(self, ro: bool) -> None:
        self.entry.setReadOnly(ro)
        for c in self.chips:
            c.setEnabled(not ro)


class ContactsField(FieldWidget):
    """Lines of role · 직급 · 성명 · 전화 (and 부서 where the template prints it), added and removed."""

    ATTRS = ("rank", "name", "phone")
    HINTS: ClassVar[dict[str, str]] = {
        "rank": "직급 (행정6급)", "name": "성명", "phone": "전화 (☎4803)", "dept": "부서"}

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        self.with_dept = fdef.key in doc.template.footer or any(c.dept for c in doc.card.contacts)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(3)
        self.grid.setVerticalSpacing(2)
        self.lines: list[dict[str, QWidget]] = []
        self.add_btn = QToolButton(self)
        self.add_btn.setText("＋ 연락처")
        self.add_btn.setAutoRaise(True)
        self.add_btn.clicked.connect(self.add)
        self.completer = QCompleter(fdef.roles, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.refresh()

    def attrs(self) -> tuple[str, ...]:
        return (("dept",) if self.with_dept else ()) + self.ATTRS

    def contacts(self) -> list[Contact]:
        return copy.deepcopy(list(self.value()))

    def add(self) -> None:
        v = self.contacts()
        roles = self.fdef.roles
        v.append(Contact(role=roles[-1] if roles else ""))
        self.push(v)
        if self.lines:
            self.lines[-1]["rank"].setFocus()

    def remove(self, i: int) -> None:
        v = self.contacts()
        if 0 <= i < len(v):
            del v[i]
            self.push(v)

    def typed(self, i: int, attr: str, text: str) -> None:
        v = self.contacts()
        if 0 <= i < len(v):
            setattr(v[i], attr, text)
            fdef = self.fdef
            self.doc.push("연락처 입력", self.scope, lambda c: c.contacts,
                          lambda c, x: setattr(c, "contacts", x), v, merge_key=("contact", fdef.key, i, attr))

    def _build(self, n: int) -> None:
        while len(self.lines) > n:
            for w in self.lines.pop().values():
                self.grid.removeWidget(w)
                w.deleteLater()
        while len(self.lines) < n:
            i = len(self.lines)
            line: dict[str, QWidget] = {}
            role = QLineEdit(self)  # a line with the template's roles offered (lighter than a combo box)
            role.setPlaceholderText("역할")
            role.setCompleter(self.completer)
            role.setMaximumWidth(72)
            role.textEdited.connect(lambda t, i=i: self.typed(i, "role", t))
            role.editingFinished.connect(self.doc.seal)
            self.keys.watch(role)
            line["role"] = role
            self.grid.addWidget(role, i, 0)
            for col, attr in enumerate(self.attrs(), start=1):
                e = QLineEdit(self)
                e.setPlaceholderText(self.HINTS[attr])
                e.textEdited.connect(lambda t, i=i, a=attr: self.typed(i, a, t))
                e.editingFinished.connect(self.doc.seal)
                self.keys.watch(e)
                line[attr] = e
                self.grid.addWidget(e, i, col)
            rm = QToolButton(self)
            rm.setText("✕")
            rm.setAutoRaise(True)
            rm.setToolTip("이 연락처 빼기")
            rm.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            rm.clicked.connect(lambda _=False, i=i: self.remove(i))
            line["remove"] = rm
            self.grid.addWidget(rm, i, len(self.attrs()) + 1)
            self.lines.append(line)
        self.grid.removeWidget(self.add_btn)
        self.grid.addWidget(self.add_btn, n, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)

    def refresh(self) -> None:
        contacts = list(self.value())
        self._build(len(contacts))
        for line, c in zip(self.lines, contacts, strict=True):
            for attr in ("role", *self.attrs()):
                e = line[attr]
                assert isinstance(e, QLineEdit)
                if e.text() != getattr(c, attr):
                    e.setText(getattr(c, attr))

    def main(self) -> QWidget:
        return self.lines[0]["role"] if self.lines else self.add_btn

    def set_read_only(self, ro: bool) -> None:
        self.add_btn.setEnabled(not ro)
        for line in self.lines:
            for w in line.values():
                if isinstance(w, QLineEdit):
                    w.setReadOnly(ro)  # role, 직급, 성명, 전화
                else:
                    w.setEnabled(not ro)


NO_YEAR = 1899


class YearsField(FieldWidget):
    """사업기간 start ~ end. Year columns of the tables follow; dropping typed values asks first."""

    def __init__(self, doc: CardDoc, fdef: FieldDef, keys: UndoKeys, parent: QWidget | None = None) -> None:
        super().__init__(doc, fdef, keys, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.start = self._spin()
        self.end = self._spin()
        lay.addWidget(self.start)
        lay.addWidget(QLabel("~", self))
        lay.addWidget(self.end)
        lay.addStretch(1)
        self._quiet = False
        self.refresh()

    def _spin(self) -> QSpinBox:
        s = QSpinBox(self)
        s.setRange(NO_YEAR, 2200)
        s.setSpecialValueText("-")
        s.setKeyboardTracking(False)
        s.setMinimumWidth(72)
        s.valueChanged.connect(self._changed)
        le = s.lineEdit()
        assert le is not None
        le.textEdited.connect(lambda _t: self.doc.typing.emit())
        self.keys.watch(s)
        return s

    def draft(self) -> str:
        """A year being typed is taken on Enter or on leaving the box (it may ask before dropping
        values); until then it is reported, never claimed saved."""
        for s in (self.start, self.end):
            le = s.lineEdit()
            shown = s.specialValueText() if s.value() == s.minimum() else s.textFromValue(s.value())
            if le is not None and le.text() != shown:
                return self.typing_label()
        return ""

    def _changed(self) -> None:
        if self._quiet:
            return
        s, e = self.start.value(), self.end.value()
        start = None if s == NO_YEAR else s
        end = None if e == NO_YEAR else e
        if (start, end) == self.value():
            return
        if not change_period(self.doc, start, end, self):
            self.refresh()  # "no": the old period stays

    def refresh(self) -> None:
        start, end = self.value()
        self._quiet = True
        self.start.setValue(start or NO_YEAR)
        self.end.setValue(end or NO_YEAR)
        self._quiet = False

    def main(self) -> QWidget:
        return self.start

    def set_read_only(self, ro: bool) -> None:
        self.start.setReadOnly(ro)
        self.end.setReadOnly(ro)


def change_period(doc: CardDoc, start: int | None, end: int | None, parent: QWidget | None) -> bool:
    """Set 사업기간 and make the year columns follow, asking before a year with values is dropped.

    One undo step covers the period and every table's columns. Returns False when the user said no.
    """
    card = doc.card
    probe = copy.deepcopy(card)
    probe.start_year, probe.end_year = start, end
    years = period_years(probe)
    lost: list[str] = []
    if years:  # an unfinished or reversed period leaves the columns alone
        for block, _item, table in probe.tables():
            for label in sync_year_columns(table, years):
                lost.append(f"{block.heading or block.key} {label}")
    if lost:
        answer = QMessageBox.question(
            parent, "사업기간 변경",
            "사업기간을 바꾸면 다음 연도 열의 값이 지워집니다:\n" + "\n".join(f"  · {x}" for x in lost)
            + "\n\n계속할까요? (아니요: 사업기간을 그대로 둡니다)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
    new_blocks = probe.blocks

    def get(c: object) -> object:
        return (c.start_year, c.end_year, c.blocks)

    def set_(c: object, v: object) -> None:
        s, e, blocks = v  # type: ignore[misc]
        c.start_year = s
        c.end_year = e
        c.blocks = blocks

    return doc.push("사업기간 변경", "period", get, set_, (start, end, new_blocks))
