"""What changed between two states of one pledge's card: header fields, outline items, table cells.

A structural diff, not a text one. Outline items are matched by their content (so a line moved to
another position is a move, not a removal and an addition, and an edited line is a change of that
line); table cells are matched by their row and column keys and a changed number carries the
difference. Used by `pledgecard diff`, the 비교 view, the 신·구 대조표 and the history (SPEC §6.2).

Each change has a Place (as findings have, so the editor and `--json` name places one way), a Korean
name of the place, the old and the new value as the card prints them, and for numbers the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from functools import partial
from typing import Literal

from desktop.core.checks.labels import cell_label, clean, field_name, heading_name, item_name
from desktop.core.dates import fmt_date
from desktop.core.figures import figure_text
from desktop.core.findings import Place
from desktop.core.model import Block, Card, CellValue, Contact, Item, Photo, Row, Table
from desktop.core.numbers import format_amount
from desktop.core.templates import Template

ChangeKind = Literal["added", "removed", "changed", "moved"]
KIND_NAMES: dict[str, str] = {"added": "추가", "removed": "삭제", "changed": "변경", "moved": "이동"}

SIMILAR = 0.5
"""Two outline lines at least this alike (difflib ratio) in the same stretch are one edited line."""


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    place: Place  # in the new card; in the old one for a removal
    where: str  # Korean: "추진과제 › 3번째 줄", "투자계획 › 소요예산 국비 › 2025"
    old: str | None = None  # as printed; None when there was nothing (an addition)
    new: str | None = None  # None for a removal
    delta: Decimal | None = None  # new − old for a changed number cell

    def describe(self) -> str:
        """One Korean line: "변경 투자계획 › 국비 › 2025: 220 → 250 (+30)"."""
        head = f"{KIND_NAMES[self.kind]} {self.where}"
        if self.kind == "added":
            return f"{head}: {self.new}"
        if self.kind == "removed":
            return f"{head}: {self.old}"
        if self.kind == "moved":
            return f"{head}: {self.old} → {self.new}"
        text = f"{head}: {self.old or '(없음)'} → {self.new or '(없음)'}"
        if self.delta is not None:
            text += f" ({'+' if self.delta > 0 else ''}{format_amount(self.delta, negative_mark='-')})"
        return text


def _years(card: Card) -> str:
    if card.start_year is None and card.end_year is None:
        return ""
    if card.start_year == card.end_year or card.end_year is None:
        return str(card.start_year)
    return f"{card.start_year or ''} ~ {card.end_year}".strip()


def _contact(c: Contact) -> str:
    return " ".join(p for p in (clean(c.role), c.rank, c.name, c.phone, c.dept) if p)


_HEADER: list[tuple[str, Callable[[Card], str]]] = [
    ("org", lambda c: c.org),
    ("doc_title", lambda c: c.doc_title),
    ("number", lambda c: c.number),
    ("title", lambda c: c.title),
    ("area", lambda c: c.area),
    ("base_date", lambda c: fmt_date(c.base_date)),
    ("dept", lambda c: c.dept),
    ("related", lambda c: ", ".join(c.related)),
    ("contacts", lambda c: " / ".join(_contact(x) for x in c.contacts)),
    ("period", _years),
    ("timing", lambda c: c.timing),
    ("status", lambda c: c.status),
    ("progress", lambda c: "" if c.progress is None else f"{c.progress}%"),
]


def _header(old: Card, new: Card, template: Template | None) -> Iterator[Change]:
    for key, value in _HEADER:
        a, b = value(old), value(new)
        if a != b:
            yield _field_change(key, field_name(template, key), a, b)
    for key in _union(old.figures, new.figures):
        a = figure_text(old.figures.get(key))
        b = figure_text(new.figures.get(key))
        if a != b:
            yield _field_change(key, field_name(template, key), a, b)
    for key in _union(old.extra, new.extra):
        a, b = _extra(old.extra.get(key)), _extra(new.extra.get(key))
        if a != b:
            yield _field_change(key, field_name(template, key), a, b)


def _extra(v: str | list[str] | None) -> str:
    if v is None:
        return ""
    return ", ".join(v) if isinstance(v, list) else v


def _union(a: Iterable[str], b: Iterable[str]) -> list[str]:
    first = list(a)
    return first + [k for k in b if k not in first]


def _field_change(key: str, name: str, a: str, b: str) -> Change:
    kind: ChangeKind = "added" if not a else "removed" if not b else "changed"
    return Change(kind, Place(field=key), name, a or None, b or None)


# --- outline items -------------------------------------------------------------------------------------


def _item_text(it: Item) -> str:
    text = clean(it.text)
    if it.date:
        text += f" : {it.date}"
    return ("※ " if it.note else "") + text


def _item_key(it: Item) -> tuple[int, bool, str]:
    return (it.level, it.note, _item_text(it))


def match_items(old: list[Item], new: list[Item]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (old index, new index) of the same line (same, edited or moved), and the old lines that
    were removed and the new ones that were added. Equal stretches pair first; within a replaced
    stretch lines pair by likeness; what is left pairs by equal text across the whole list (a move),
    then by likeness across the whole list (a move with an edit)."""
    a = [_item_key(it) for it in old]
    b = [_item_key(it) for it in new]
    pairs: list[tuple[int, int]] = []
    gone: list[int] = []
    came: list[int] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        left, right = list(range(i1, i2)), list(range(j1, j2))
        for i in list(left):
            best, score = -1, SIMILAR
            for j in right:
                r = SequenceMatcher(None, a[i][2], b[j][2], autojunk=False).ratio()
                if r >= score and a[i][2] != "" and b[j][2] != "":
                    best, score = j, r
            if best >= 0 and a[i][2] not in _texts(b, right, exclude=best):
                pairs.append((i, best))
                left.remove(i)
                right.remove(best)
        gone.extend(left)
        came.extend(right)
    # A line removed here and added there, word for word, moved.
    for i in list(gone):
        twin = next((j for j in came if a[i] == b[j]), None)
        if twin is not None:
            pairs.append((i, twin))
            gone.remove(i)
            came.remove(twin)
    # A line moved and edited: the most alike pairs left, anywhere in the list.
    scored = sorted(((SequenceMatcher(None, a[i][2], b[j][2], autojunk=False).ratio(), i, j)
                     for i in gone for j in came if a[i][2] and b[j][2]), reverse=True)
    for score, i, j in scored:
        if score >= SIMILAR and i in gone and j in came:
            pairs.append((i, j))
            gone.remove(i)
            came.remove(j)
    pairs.sort(key=lambda p: p[1])
    return pairs, sorted(gone), sorted(came)


def _texts(keys: list[tuple[int, bool, str]], idx: list[int], exclude: int) -> set[str]:
    return {keys[j][2] for j in idx if j != exclude}


def _items(old: list[Item], new: list[Item], name: str, place: Callable[[int], Place]) -> Iterator[Change]:
    pairs, gone, came = match_items(old, new)
    moved = _moved(pairs)
    for i, j in pairs:
        a, b = old[i], new[j]
        where = f"{name} › {j + 1}번째 줄"
        if (i, j) in moved:
            yield Change("moved", place(j), where, f"{i + 1}번째 줄", f"{j + 1}번째 줄")
        if _item_key(a) != _item_key(b):
            yield Change("changed", place(j), where, _item_text(a), _item_text(b))
        if a.unit != b.unit:
            yield Change("changed", place(j), f"{where} › 단위", a.unit or None, b.unit or None)
        tname = f"{name} › {item_name(b.text or a.text)}"
        yield from _table(a.table, b.table, tname, partial(_in_item, place(j)))
    for i in gone:
        yield Change("removed", place(i), f"{name} › {i + 1}번째 줄", _item_text(old[i]), None)
    for j in came:
        yield Change("added", place(j), f"{name} › {j + 1}번째 줄", None, _item_text(new[j]))


def _field_item(key: str, i: int) -> Place:
    return Place(field=key, item=(i,))


def _block_item(key: str, i: int) -> Place:
    return Place(block=key, item=(i,))


def _block_cell(key: str, row: str, col: str) -> Place:
    return Place(block=key, row=row, col=col)


def _in_item(p: Place, row: str, col: str) -> Place:
    return Place(field=p.field, block=p.block, item=p.item, row=row, col=col)


def _moved(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs out of order: those not on the longest run that keeps the old order."""
    olds = [i for i, _ in pairs]  # pairs are sorted by the new index
    keep = _longest_increasing(olds)
    return {p for k, p in enumerate(pairs) if k not in keep}


def _longest_increasing(seq: list[int]) -> set[int]:
    """Indexes (into seq) of one longest strictly increasing subsequence."""
    best: list[int] = [1] * len(seq)
    prev: list[int] = [-1] * len(seq)
    for k in range(len(seq)):
        for m in range(k):
            if seq[m] < seq[k] and best[m] + 1 > best[k]:
                best[k], prev[k] = best[m] + 1, m
    if not seq:
        return set()
    k = max(range(len(seq)), key=lambda x: best[x])
    out: set[int] = set()
    while k >= 0:
        out.add(k)
        k = prev[k]
    return out


# --- tables --------------------------------------------------------------------------------------------


def _cell_text(v: CellValue) -> str | None:
    if v is None:
        return "-"
    if isinstance(v, Decimal):
        return format_amount(v)
    return v


def _table(old: Table | None, new: Table | None, name: str,
           place: Callable[[str, str], Place]) -> Iterator[Change]:
    if old is None and new is None:
        return
    if old is None or new is None:
        kind: ChangeKind = "added" if old is None else "removed"
        yield Change(kind, place("", ""), f"{name} › 표", None if old is None else "표",
                     None if new is None else "표")
        return
    if old.unit != new.unit:
        yield Change("changed", place("", ""), f"{name} › 단위", old.unit or None, new.unit or None)
    old_rows = {r.key: r for r in old.rows}
    new_rows = {r.key: r for r in new.rows}
    for r in old.rows:
        if r.key not in new_rows:
            yield Change("removed", place(r.key, ""), f"{name} › {clean(r.label) or r.key}", "행", None)
    for r in new.rows:
        if r.key not in old_rows:
            yield Change("added", place(r.key, ""), f"{name} › {clean(r.label) or r.key}", None, "행")
            continue
        yield from _cells(old_rows[r.key], r, new, name, place)


def _cells(o: Row, r: Row, table: Table, name: str, place: Callable[[str, str], Place]) -> Iterator[Change]:
    """A cell absent from a row states nothing (a derived cell then shows its computed value); a cell
    present with None states "-". Both differ from each other and from a number."""
    for ck in list(o.cells) + [k for k in r.cells if k not in o.cells]:
        had, has = ck in o.cells, ck in r.cells
        a, b = o.cells.get(ck), r.cells.get(ck)
        old_text = _cell_text(a) if had else None
        new_text = _cell_text(b) if has else None
        if old_text == new_text:
            continue
        delta = b - a if isinstance(a, Decimal) and isinstance(b, Decimal) else None
        kind: ChangeKind = "added" if not had else "removed" if not has else "changed"
        yield Change(kind, place(r.key, ck), f"{name} › {cell_label(table, r.key, ck)}", old_text, new_text, delta)


# --- blocks and photos ---------------------------------------------------------------------------------


def _photo_text(p: Photo) -> str:
    return clean(p.caption) or "(사진)"


def _photos(old: list[Photo], new: list[Photo], name: str, block: str) -> Iterator[Change]:
    def key(p: Photo) -> tuple[str, bytes | None]:
        return (p.caption, p.image)

    a, b = [key(p) for p in old], [key(p) for p in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            if i < i2 and j < j2:
                what = "사진" if old[i].image != new[j].image else "설명"
                yield Change("changed", Place(block=block, item=(j,)), f"{name} › {j + 1}번째 사진 › {what}",
                             _photo_text(old[i]), _photo_text(new[j]))
            elif i < i2:
                yield Change("removed", Place(block=block, item=(i,)), f"{name} › {i + 1}번째 사진",
                             _photo_text(old[i]), None)
            else:
                yield Change("added", Place(block=block, item=(j,)), f"{name} › {j + 1}번째 사진",
                             None, _photo_text(new[j]))


def _block_name(b: Block, template: Template | None) -> str:
    heading = b.heading
    if not heading and template is not None:
        bd = template.block_def(b.key)
        heading = bd.heading if bd else ""
    return heading_name(heading) or b.key


def _blocks(old: Card, new: Card, template: Template | None) -> Iterator[Change]:
    for b in new.blocks:
        o = old.block(b.key)
        name = _block_name(b, template)
        if o is None:
            yield Change("added", Place(block=b.key), name, None, clean(b.heading) or name)
            o = Block(key=b.key)
        for attr, label in (("heading", "제목"), ("period", "기간"), ("text", "내용")):
            x, y = getattr(o, attr), getattr(b, attr)
            if x != y and not (attr == "heading" and not x and old.block(b.key) is None):
                yield Change("changed" if x and y else "added" if y else "removed", Place(block=b.key),
                             f"{name} › {label}", x or None, y or None)
        yield from _items(o.items, b.items, name, partial(_block_item, b.key))
        yield from _table(o.table, b.table, name, partial(_block_cell, b.key))
        yield from _photos(o.photos, b.photos, name, b.key)
    for o in old.blocks:
        if new.block(o.key) is None:
            name = _block_name(o, template)
            yield Change("removed", Place(block=o.key), name, clean(o.heading) or name, None)


def diff_cards(old: Card, new: Card, template: Template | None = None) -> list[Change]:
    """Every change from `old` to `new` (two states of one pledge's card), in the card's order:
    header fields, 공약목표, 추진과제, then each block. Identity (id, version, 수정 시각) is not content."""
    changes = list(_header(old, new, template))
    for key, default in (("goals", "공약목표"), ("tasks", "추진과제")):
        name = field_name(template, key) if template is not None and template.field_label(key) else default
        changes.extend(_items(getattr(old, key), getattr(new, key), name,
                              partial(_field_item, key)))
    changes.extend(_blocks(old, new, template))
    changes.extend(_adjustments(old, new))
    return changes


def _adjustments(old: Card, new: Card) -> Iterator[Change]:
    """공약 조정 records added (or, outside the program's ways, removed), by content."""
    for i, a in enumerate(new.adjustments):
        if a not in old.adjustments:
            yield Change("added", Place(field="adjustments", item=(i,)), f"공약 조정 › {a.what}", None,
                         f"{a.before} → {a.after} ({a.reason}; {a.body} {fmt_date(a.decided)})".strip())
    for i, a in enumerate(old.adjustments):
        if a not in new.adjustments:
            yield Change("removed", Place(field="adjustments", item=(i,)), f"공약 조정 › {a.what}",
                         f"{a.before} → {a.after}", None)
