"""The card's header laid out from its template: a compact grid that fits beside the card list.

Rows follow Template.header_rows ("grid": label beside value; "columns": labels above values, as
구로구 prints them), then the footer fields (연락처 …). Fields the template defines but places
nowhere (이행시기 in the standard card) join the row of the field before them. 문서 제목, 기관명,
분야 and 기준일 are always on the first line. Outline fields (공약목표, 추진과제) span the width.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.model import area_of_number
from desktop.core.templates import FieldDef, Template
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.fieldbase import FieldWidget
from desktop.ui.editor.fieldlists import ContactsField, ListField, YearsField
from desktop.ui.editor.fields import (
    ChecksField,
    ChoiceField,
    LongTextField,
    PercentField,
    StatusField,
    TextField,
)
from desktop.ui.editor.keys import UndoKeys
from desktop.ui.editor.outline import OutlineEditor, OutlineTools
from desktop.ui.editor.typedfields import DateField, FigureField

KINDS: dict[str, type[FieldWidget]] = {
    "text": TextField, "longtext": LongTextField, "choice": ChoiceField, "status": StatusField,
    "percent": PercentField, "checks": ChecksField, "date": DateField, "figure": FigureField,
    "list": ListField, "contacts": ContactsField, "years": YearsField,
}
STRETCH = {"text": 3, "longtext": 4, "choice": 1, "status": 1, "percent": 0, "checks": 3, "date": 0,
           "figure": 2, "list": 2, "contacts": 5, "years": 0}
ALWAYS = [FieldDef("doc_title", "문서 제목"), FieldDef("org", "기관명"), FieldDef("area", "분야"),
          FieldDef("base_date", "기준일", kind="date")]
WIDE = {"outline", "longtext", "checks"}
TALL = {"contacts", "outline", "longtext"}
MAX_WIDTH = {"choice": 200, "status": 200, "percent": 90, "date": 130, "years": 170}
PER_LINE = 3
COLUMN_STRETCH = {"text": 2, "choice": 1, "status": 1, "list": 4, "figure": 2}  # labels above values


def label_text(f: FieldDef) -> str:
    return " ".join(f.label.split()) if len(f.label.replace(" ", "")) > 1 else f.label


def header_plan(t: Template) -> list[tuple[str, list[FieldDef]]]:
    """Lines of the header: ("grid" | "columns", fields), in template order."""
    placed: set[str] = {k for row in t.header_rows for k in row} | set(t.footer) | {b.field for b in t.blocks}
    first_line = {a.key for a in ALWAYS}  # shown once, on the first line, wherever the print puts them
    rows: list[list[str]] = [[k for k in r if k not in first_line] for r in t.header_rows]
    extra_rows: dict[int, list[str]] = {}  # index of the row they follow (-1: before all)
    prev = ""
    for f in t.fields:
        if f.key not in placed and f.key not in {a.key for a in ALWAYS}:
            at = next((i for i, r in enumerate(rows) if prev in r), None)
            if at is not None and t.header_layout == "grid" and len(rows[at]) < PER_LINE and f.kind not in WIDE:
                rows[at].insert(rows[at].index(prev) + 1, f.key)
            else:
                extra_rows.setdefault(-1 if at is None else at, []).append(f.key)
            placed.add(f.key)
        prev = f.key
    plan: list[tuple[str, list[FieldDef]]] = []

    def defs(keys: list[str]) -> list[FieldDef]:
        return [d for d in (t.field_def(k) for k in keys) if d is not None]

    for k in extra_rows.get(-1, []):
        plan.append(("grid", defs([k])))
    for i, r in enumerate(rows):
        if r:
            plan.append((t.header_layout, defs(r)))
        if i in extra_rows:
            plan.append(("grid", defs(extra_rows[i])))
    for k in t.footer:
        plan.append(("grid", defs([k])))
    return plan


class HeaderForm(QWidget):
    def __init__(self, doc: CardDoc, keys: UndoKeys, tools: OutlineTools | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.keys = keys
        self.tools = tools
        self.fields: dict[str, FieldWidget] = {}
        self.outlines: dict[str, OutlineEditor] = {}
        self.labels: list[QLabel] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(5)
        t = doc.template
        always = [f for f in ALWAYS if not t.field_def(f.key)] + [
            d for d in (t.field_def(a.key) for a in ALWAYS) if d is not None]
        always.sort(key=lambda f: [a.key for a in ALWAYS].index(f.key))
        lay.addLayout(self._grid_line(always, small=True))
        for layout, fdefs in header_plan(t):
            if not fdefs:
                continue
            if layout == "columns" and len(fdefs) > 1:
                lay.addLayout(self._columns_line(fdefs))
                continue
            tall = [f for f in fdefs if f.kind in TALL]  # several lines each: a line of their own, after
            short = [f for f in fdefs if f.kind not in TALL]
            for start in range(0, len(short), PER_LINE):
                lay.addLayout(self._grid_line(short[start:start + PER_LINE]))
            for f in tall:
                lay.addLayout(self._grid_line([f]))
        self._follow_number()
        width = max((lbl.sizeHint().width() for lbl in self.labels if lbl.property("lead")), default=60)
        for lbl in self.labels:
            if lbl.property("lead"):
                lbl.setFixedWidth(width)

    def _follow_number(self) -> None:
        """분야 is the first segment of 관리번호 (SPEC §2): entering a 관리번호 fills an empty 분야, and
        keeps following while 분야 is what the previous 관리번호 gave; one the officer typed stays."""
        number, area = self.fields.get("number"), self.fields.get("area")
        if not isinstance(number, TextField) or not isinstance(area, TextField):
            return
        area.edit.setPlaceholderText(f"예: {area_of_number(self.doc.card.number) or '2'} (관리번호 앞자리)")
        self._area_from = area_of_number(self.doc.card.number)

        def follow() -> None:
            card = self.doc.card
            seg = area_of_number(card.number)
            if seg and card.area in ("", self._area_from) and card.area != seg:
                area.push(seg)
                self.doc.seal()
            self._area_from = seg
            area.edit.setPlaceholderText(f"예: {seg or '2'} (관리번호 앞자리)")

        number.edit.editingFinished.connect(follow)

    def _label(self, f: FieldDef, lead: bool) -> QLabel:
        lbl = QLabel(label_text(f), self)
        lbl.setProperty("role", "fieldlabel")
        lbl.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if lead
                         else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        lbl.setProperty("lead", lead)
        self.labels.append(lbl)
        return lbl

    def widget_for(self, f: FieldDef) -> QWidget:
        if f.kind == "outline" and f.key in ("goals", "tasks"):
            ed = OutlineEditor(self.doc, f"@{f.key}", self.keys, label=label_text(f).replace(" ", ""),
                               compact=True, tools=self.tools, parent=self)
            self.outlines[f.key] = ed
            return ed
        cls = KINDS.get(f.kind, TextField)
        if f.kind == "status" and f.display == "checks":
            cls = ChecksField  # grouped check boxes, the same as the print
        if f.kind == "outline":
            cls = LongTextField
        w = cls(self.doc, f, self.keys, self)
        self.fields[f.key] = w
        return w

    def _grid_line(self, fdefs: list[FieldDef], small: bool = False) -> QHBoxLayout:
        line = QHBoxLayout()
        line.setSpacing(6)
        for i, f in enumerate(fdefs):
            lbl = self._label(f, lead=i == 0)
            w = self.widget_for(f)
            top = f.kind in ("outline", "contacts", "longtext")
            line.addWidget(lbl, 0, Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter)
            if top:
                lbl.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                lbl.setContentsMargins(0, 5, 0, 0)
            boxes = f.kind == "status" and f.display == "checks"  # as wide as its check boxes need
            if f.kind in MAX_WIDTH and not boxes:
                w.setMaximumWidth(MAX_WIDTH[f.kind])
            if small:  # 문서 제목 is the long one of the first line
                stretch = 0 if f.kind == "date" else (2 if i == 0 else 1)
            else:
                stretch = 6 if f.kind == "outline" else STRETCH.get("checks" if boxes else f.kind, 2)
            line.addWidget(w, stretch)
        if all(f.kind in MAX_WIDTH and f.display != "checks" for f in fdefs):
            line.addStretch(1)
        return line

    def _columns_line(self, fdefs: list[FieldDef]) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        for i, f in enumerate(fdefs):
            lbl = self._label(f, lead=False)
            lbl.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(lbl, 0, i)
            grid.addWidget(self.widget_for(f), 1, i, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(i, COLUMN_STRETCH.get(f.kind, 2))
        return grid
