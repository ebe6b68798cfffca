"""An outline (a list of Items with levels) as a Qt model, and its edits as undo steps.

Column 0 is the item text (shown with the template's mark for its level), column 1 its
right-aligned date when the block carries dates. Text and date edits are pushed on every
keystroke and merged into one undo step per item and typing run; structural edits (new item,
level, ※, move, delete, inline table) snapshot the list.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.model import Column, Item, Row, Table
from desktop.core.templates import CIRCLED, numbered_mark
from desktop.ui.editor.doc import CardDoc
from desktop.ui.editor.refs import items_of, outline_scope, set_items

Index = QModelIndex | QPersistentModelIndex
MAX_LEVEL = 4
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 11
MARK_ROLE = Qt.ItemDataRole.UserRole + 12
TABLE_ROLE = Qt.ItemDataRole.UserRole + 13


class OutlineModel(QAbstractTableModel):
    def __init__(self, doc: CardDoc, key: str, *, dates: bool = False, label: str = "") -> None:
        super().__init__()
        self.doc = doc
        self.key = key
        self.label = label
        self.dates = dates or any(it.date for it in self.items())
        self._count = len(self.items())
        doc.applied_scope.connect(self._on_applied)

    @property
    def scope(self) -> str:
        return outline_scope(self.key)

    def items(self) -> list[Item]:
        return items_of(self.doc.card, self.key)

    def _on_applied(self, scope: str) -> None:
        if scope != self.scope and scope != "card":
            return
        n = len(self.items())
        if n != self._count or scope == "card":
            self.beginResetModel()
            self._count = n
            self.endResetModel()
        elif n:
            self.dataChanged.emit(self.index(0, 0), self.index(n - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (2 if self.dates else 1)

    def mark(self, item: Item, row: int = -1) -> str:
        if item.table_alone:
            return ""  # a table standing alone in the outline: no stray mark
        mark = self.doc.template.mark(item.level, item.note)
        if mark in CIRCLED and not item.note and row >= 0:  # numbered sub-items: ① ② ③ in order
            n = sum(1 for it in self.items()[:row] if it.level == item.level and not it.note and not it.table_alone)
            mark = numbered_mark(mark, n)
        return mark

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        items = self.items()
        if not index.isValid() or index.row() >= len(items):
            return None
        it = items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return it.text if col == 0 else it.date
        if role == LEVEL_ROLE:
            return it.level
        if role == MARK_ROLE:
            return self.mark(it, index.row())
        if role == TABLE_ROLE:
            return it.table is not None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == 1:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            tip = f"{self.mark(it, index.row())} {it.text}".strip()
            return tip + ("\n(표가 들어 있습니다)" if it.table is not None else "")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.doc.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if index.column() == 0:
            return self.set_text(index.row(), str(value))
        return self.set_date(index.row(), str(value))

    # ---------------------------------------------------------------- edits
    def _attr(self, row: int, attr: str, value: str, what: str, merge: bool) -> bool:
        items = self.items()
        if not 0 <= row < len(items) or getattr(items[row], attr) == value:
            return False
        key = self.key

        def get(c: Any) -> Any:
            its = items_of(c, key)
            return getattr(its[row], attr) if row < len(its) else ""

        def set_(c: Any, v: Any) -> None:
            its = items_of(c, key)
            if row < len(its):
                setattr(its[row], attr, v)

        return self.doc.push(f"{self.label} {what}".strip(), self.scope, get, set_, value,
                             merge_key=("outline", key, row, attr) if merge else None)

    def set_text(self, row: int, text: str, merge: bool = True) -> bool:
        return self._attr(row, "text", text, "항목 입력", merge)

    def set_date(self, row: int, text: str, merge: bool = True) -> bool:
        return self._attr(row, "date", text, "날짜 입력", merge)

    def _replace(self, items: list[Item], what: str) -> bool:
        key = self.key
        return self.doc.push(f"{self.label} {what}".strip(), self.scope,
                             lambda c: items_of(c, key), lambda c, v: set_items(c, key, v), items)

    def insert(self, row: int, level: int | None = None, text: str = "") -> int:
        """A new item at `row` (same level as the item before it); returns its row."""
        items = copy.deepcopy(self.items())
        row = max(0, min(row, len(items)))
        if level is None:
            level = items[row - 1].level if row > 0 else (items[0].level if items else 1)
        items.insert(row, Item(text=text, level=level))
        self._replace(items, "항목 추가")
        return row

    def remove(self, row: int) -> bool:
        items = copy.deepcopy(self.items())
        if not 0 <= row < len(items):
            return False
        del items[row]
        return self._replace(items, "항목 삭제")

    def set_level(self, row: int, level: int) -> bool:
        items = copy.deepcopy(self.items())
        level = max(0, min(MAX_LEVEL, level))
        if not 0 <= row < len(items) or items[row].level == level:
            return False
        items[row].level = level
        return self._replace(items, "수준 변경")

    def toggle_note(self, row: int) -> bool:
        items = copy.deepcopy(self.items())
        if not 0 <= row < len(items):
            return False
        items[row].note = not items[row].note
        return self._replace(items, "※ 표시")

    def move(self, row: int, delta: int) -> int:
        items = copy.deepcopy(self.items())
        dest = row + delta
        if not (0 <= row < len(items) and 0 <= dest < len(items)):
            return row
        items.insert(dest, items.pop(row))
        self._replace(items, "항목 이동")
        return dest

    def add_table(self, row: int) -> bool:
        items = copy.deepcopy(self.items())
        if not 0 <= row < len(items) or items[row].table is not None:
            return False
        items[row].table = Table(
            key="", corner="구분",
            columns=[Column(key="c1", label="내용", kind="text"), Column(key="c2", label="수량", kind="number")],
            rows=[Row(key="r1", label=""), Row(key="r2", label="")],
        )
        return self._replace(items, "표 넣기")

    def remove_table(self, row: int) -> bool:
        items = copy.deepcopy(self.items())
        if not 0 <= row < len(items) or items[row].table is None:
            return False
        items[row].table = None
        items[row].unit = ""
        return self._replace(items, "표 빼기")
