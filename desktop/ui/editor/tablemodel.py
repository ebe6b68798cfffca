"""A Table as a Qt model: header rows and label columns are model cells, so merged spans work.

Layout: `hrows` header rows (2 when columns carry groups), then one model row per table row;
`lcols` label columns (the table's label_columns), then one model column per table column.
Values come from desktop.core.tables.TableValues (stated where stated, computed for derived cells);
findings of the card check colour the cells, and while a cell editor is open `preview` re-checks
the table with the typed text and overlays the result (live findings, live derived values).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core import checks
from desktop.core.findings import ERROR, Finding
from desktop.core.model import CellValue, Column, Row, Table
from desktop.core.numbers import NumberError, format_amount, plain
from desktop.core.tables import TableValues
from desktop.ui.editor import colors
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.refs import table_of, table_scope
from desktop.ui.editor.tablebase import relabelled, replace_table, template_row_keys
from desktop.ui.editor.tablelayout import Span, header_label, table_spans

SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1  # "오류" / "경고" / ""
REFUSED_ROLE = Qt.ItemDataRole.UserRole + 2  # the refusal message of the last entry, or ""
DERIVED_ROLE = Qt.ItemDataRole.UserRole + 3  # True for a computed (not stated) cell
KIND_ROLE = Qt.ItemDataRole.UserRole + 4  # "corner" | "colhead" | "rowhead" | "cell"

Index = QModelIndex | QPersistentModelIndex
MONEY = {"원", "천원", "백만원", "억원", "만원"}
CellState = tuple[bool, CellValue]  # (stated?, value)


class TableModel(QAbstractTableModel):
    def __init__(self, doc: CardDoc, block_key: str, item: tuple[int, ...] = (), *, label: str = "",
                 editable_labels: bool = False) -> None:
        super().__init__()
        self.doc = doc
        self.block_key = block_key
        self.item = item
        self.label = label  # the table's name in messages ("투자계획")
        self.editable_labels = editable_labels
        self.findings: dict[tuple[str, str], list[Finding]] = {}
        self.live: dict[tuple[str, str], list[Finding]] | None = None  # while a cell editor is open
        self.live_values: dict[tuple[str, str], Decimal | None] = {}
        self.refused: dict[tuple[str, str], str] = {}
        self.hrows = 1
        self.lcols = 1
        self._values: TableValues | None = None
        self.relayout()
        self.set_findings(doc.findings)
        doc.findings_updated.connect(self.set_findings)
        doc.applied_scope.connect(self._on_applied)

    def _on_applied(self, scope: str) -> None:
        if scope == self.cell_scope:
            self.refresh_values()  # one cell: repaint, never reset (a cell editor may be closing)
        elif scope in (self.scope, "card", "period"):
            self.reload()

    # ---------------------------------------------------------------- structure
    @property
    def scope(self) -> str:
        return table_scope(self.block_key, self.item)

    @property
    def cell_scope(self) -> str:
        return "cell" + self.scope[len("table"):]

    def table(self) -> Table:
        t = table_of(self.doc.card, self.block_key, self.item)
        return t if t is not None else Table()

    def relayout(self) -> None:
        t = self.table()
        self.hrows = 2 if any(c.group for c in t.columns) else 1
        self.lcols = t.label_columns if t.label_columns in (0, 2) else 1  # 0: a table without row labels
        self._values = None

    def values(self) -> TableValues:
        if self._values is None:
            self._values = TableValues(self.table())
        return self._values

    def reload(self) -> None:
        self.beginResetModel()
        self.relayout()
        self.endResetModel()

    def refresh_values(self) -> None:
        self._values = None
        self._emit_all()

    def _emit_all(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.hrows + len(self.table().rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.lcols + len(self.table().columns)

    def spans(self) -> list[Span]:
        return table_spans(self.table(), self.hrows, self.lcols)

    def cell_at(self, index: Index) -> tuple[Row, Column] | None:
        t = self.table()
        r, c = index.row() - self.hrows, index.column() - self.lcols
        if 0 <= r < len(t.rows) and 0 <= c < len(t.columns):
            return t.rows[r], t.columns[c]
        return None

    def index_of(self, row_key: str, col_key: str) -> QModelIndex:
        t = self.table()
        r = next((i for i, x in enumerate(t.rows) if x.key == row_key), None)
        c = next((i for i, x in enumerate(t.columns) if x.key == col_key), None)
        if r is None:
            return QModelIndex()
        if c is None:  # a finding on a whole row: its label
            return self.index(self.hrows + r, max(self.lcols - 1, 0))
        return self.index(self.hrows + r, self.lcols + c)

    def kind(self, index: Index) -> str:
        r, c = index.row(), index.column()
        if r < self.hrows:
            return "corner" if c < self.lcols else "colhead"
        return "rowhead" if c < self.lcols else "cell"

    # ---------------------------------------------------------------- findings
    def set_findings(self, findings: list[Finding]) -> None:
        by: dict[tuple[str, str], list[Finding]] = {}
        for f in findings:
            p = f.place
            if p.block == self.block_key and tuple(p.item) == self.item and (p.row or p.col):
                by.setdefault((p.row, p.col), []).append(f)
        self.findings = by
        self.live = None
        self.live_values = {}
        self._emit_all()

    def cell_findings(self, row: str, col: str) -> list[Finding]:
        src = self.live if self.live is not None else self.findings
        out = list(src.get((row, col), []))
        if not out:  # a finding on a whole row or column shows on each of its cells
            out = list(src.get((row, ""), [])) + list(src.get(("", col), []))
        return out

    def severity(self, row: str, col: str) -> str:
        if (row, col) in self.refused:
            return ERROR
        fs = self.cell_findings(row, col)
        if not fs:
            return ""
        return ERROR if any(f.severity == ERROR for f in fs) else fs[0].severity

    def message(self, row: str, col: str) -> str:
        parts = []
        if (row, col) in self.refused:
            parts.append(self.refused[(row, col)])
        parts.extend(f"{f.severity}: {f.message}" for f in self.cell_findings(row, col))
        return "\n".join(parts)

    # ---------------------------------------------------------------- display
    def _value(self, row: Row, col: Column) -> CellValue:
        if (row.key, col.key) in self.live_values:
            return self.live_values[(row.key, col.key)]
        if col.kind == "text":
            v = row.cells.get(col.key)
            return v if isinstance(v, str) else ("" if v is None else plain(v))
        return self.values().value(row.key, col.key)

    def is_derived(self, row: Row, col: Column) -> bool:
        return col.kind == "number" and self.values().is_derived(row.key, col.key) and col.key not in row.cells

    def display(self, row: Row, col: Column) -> str:
        v = self._value(row, col)
        if isinstance(v, str):
            return v
        if col.kind == "text":
            return ""
        if v is None:
            return "-"
        unit = row.unit or col.unit
        shown = unit and unit != self.table().unit and unit not in MONEY  # money units sit in "(단위 : 원)"
        return format_amount(v) + (unit if shown else "")

    def edit_text(self, row: Row, col: Column) -> str:
        v = row.cells.get(col.key)
        if isinstance(v, Decimal):
            return format_amount(v, negative_mark="△")
        return v if isinstance(v, str) else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self.table()
        kind = self.kind(index)
        if role == KIND_ROLE:
            return kind
        if kind != "cell":
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return header_label(t, self.hrows, self.lcols, index.row(), index.column())
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(colors.HEADER_BG))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                if kind == "rowhead" and not (self.lcols == 2 and index.column() == 0
                                              and t.rows[index.row() - self.hrows].group):
                    return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.FontRole and kind != "rowhead":
                f = QFont()
                f.setBold(True)
                return f
            if role == Qt.ItemDataRole.ToolTipRole and kind == "rowhead":
                r = t.rows[index.row() - self.hrows]
                msg = self.message(r.key, "")
                return msg or None
            if role == SEVERITY_ROLE and kind == "rowhead":
                return self.severity(t.rows[index.row() - self.hrows].key, "") if (
                    (t.rows[index.row() - self.hrows].key, "") in self.findings) else ""
            return None
        rc = self.cell_at(index)
        if rc is None:
            return None
        row, col = rc
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind == "number":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == SEVERITY_ROLE:
            return self.severity(row.key, col.key)
        if role == REFUSED_ROLE:
            return self.refused.get((row.key, col.key), "")
        if role == DERIVED_ROLE:
            return self.is_derived(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            sev = self.severity(row.key, col.key)
            if sev == ERROR:
                return QBrush(QColor(colors.ERROR_BG))
            if sev:
                return QBrush(QColor(colors.WARNING_BG))
            if self.is_derived(row, col):
                return QBrush(QColor(colors.DERIVED_BG))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            sev = self.severity(row.key, col.key)
            if sev == ERROR:
                return QBrush(QColor(colors.ERROR))
            if sev:
                return QBrush(QColor(colors.WARNING))
            if self.is_derived(row, col):
                return QBrush(QColor(colors.MUTED))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            msg = self.message(row.key, col.key)
            if self.is_derived(row, col):
                msg = (msg + "\n" if msg else "") + "계산값 (직접 입력하지 않는 칸)"
            return msg or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.doc.read_only or not index.isValid():
            return base
        kind = self.kind(index)
        if kind == "cell":
            rc = self.cell_at(index)
            if rc is not None and not self.is_derived(*rc):
                return base | Qt.ItemFlag.ItemIsEditable
            return base
        if self.label_editable(index):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def label_editable(self, index: Index) -> bool:
        if self.editable_labels:
            return True
        if self.kind(index) != "rowhead":
            return False
        row = self.table().rows[index.row() - self.hrows]
        return row.key in self.user_rows()

    def user_rows(self) -> set[str]:
        """Rows the user added (line items), as opposed to the template's own rows."""
        return {r.key for r in self.table().rows} - template_row_keys(self.doc, self.block_key, self.item)

    # ---------------------------------------------------------------- editing
    def parse(self, row: Row, col: Column, text: str) -> CellState:
        """The cell state the text means; raises NumberError (Korean, with the cell's name) when refused."""
        t = self.table()
        s = text.strip()
        if col.kind == "text":
            return (True, text) if text else (False, None)
        value = checks.check_cell_text(t, row.key, col.key, text, where=self.label)
        if value is None and s == "":
            return (False, None)
        return (True, value)

    def cell_name(self, row: Row, col: Column) -> str:
        parts = [self.label] if self.label else []
        parts += [x for x in (row.group, row.label, col.group, col.label) if x]
        return " ".join(p.replace("\n", " ") for p in parts)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.doc.read_only:
            return False
        if self.kind(index) != "cell":
            return self._set_label(index, str(value))
        rc = self.cell_at(index)
        if rc is None:
            return False
        row, col = rc
        self.live = None
        self.live_values = {}
        try:
            state = self.parse(row, col, str(value))
        except NumberError as exc:
            self.refused[(row.key, col.key)] = str(exc)
            self._emit_all()
            return False
        self.refused.pop((row.key, col.key), None)
        old = self.cell_state(row, col)
        if old == state:
            self._emit_all()
            return True
        rk, ck = row.key, col.key
        self.doc.push(f"{self.cell_name(row, col)} 입력", self.cell_scope,
                      lambda c: self._get_cell(c, rk, ck), lambda c, v: self._set_cell(c, rk, ck, v), state)
        return True

    @staticmethod
    def cell_state(row: Row, col: Column) -> CellState:
        return (col.key in row.cells, row.cells.get(col.key))

    def _get_cell(self, card: Any, rk: str, ck: str) -> CellState:
        t = table_of(card, self.block_key, self.item)
        r = t.row(rk) if t is not None else None
        return (ck in r.cells, r.cells.get(ck)) if r is not None else (False, None)

    def _set_cell(self, card: Any, rk: str, ck: str, state: CellState) -> None:
        t = table_of(card, self.block_key, self.item)
        r = t.row(rk) if t is not None else None
        if r is None:
            return
        if state[0]:
            r.cells[ck] = state[1]
        else:
            r.cells.pop(ck, None)

    def _set_label(self, index: Index, text: str) -> bool:
        t = relabelled(self.table(), self.hrows, self.lcols, index.row(), index.column(), text)
        return t is not None and replace_table(self.doc, self.block_key, self.item, t, "표 제목 칸 수정")

    # ---------------------------------------------------------------- live re-check
    def preview(self, index: Index, text: str) -> None:
        """Re-check the table as if `text` were in the cell (the cell editor is still open)."""
        rc = self.cell_at(index)
        if rc is None:
            return
        row, col = rc
        key = (row.key, col.key)
        try:
            state = self.parse(row, col, text)
        except NumberError as exc:
            self.refused[key] = str(exc)
            self._emit_all()
            return
        self.refused.pop(key, None)
        old = self.cell_state(row, col)
        t = self.table()
        try:
            self._set_cell(self.doc.card, row.key, col.key, state)
            found = checks.check_table(self.doc.card, self.doc.template, self.block_key, self.item)
            values = TableValues(t)
            live_values = {s.target: values.value(*s.target) for s in values.specs}
        finally:
            self._set_cell(self.doc.card, row.key, col.key, old)
        self._values = None
        live: dict[tuple[str, str], list[Finding]] = {}
        for f in found:
            if f.place.block == self.block_key and tuple(f.place.item) == self.item:
                live.setdefault((f.place.row, f.place.col), []).append(f)
        self.live = live
        self.live_values = live_values
        self._emit_all()

    def clear_refusal(self, index: Index) -> str:
        """Forget the refusal mark of a cell (its old value is back); returns the message it had."""
        rc = self.cell_at(index)
        msg = self.refused.pop((rc[0].key, rc[1].key), "") if rc is not None else ""
        if msg:
            self._emit_all()
        return msg

    def end_preview(self) -> None:
        if self.live is not None or self.live_values:
            self.live = None
            self.live_values = {}
            self._emit_all()
