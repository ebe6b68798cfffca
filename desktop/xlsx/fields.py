"""Header fields on a card sheet: label cells and value cells in the template's grid (or in columns,
labels above values), as many sheet rows as the longest field needs (one row per 관련부서, per
연락처 line, per part of a 소요예산 split). Read back by the field's place, recorded in the group's
marker, from the visible cells."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop.core.dates import fmt_date
from desktop.core.dates import parse_date as parse_date_text
from desktop.core.model import Card, Contact, Figure
from desktop.core.numbers import plain
from desktop.core.templates import COMMON_FIELDS, Template
from desktop.xlsx import styles
from desktop.xlsx.derived import DerivedFigure, derive
from desktop.xlsx.layout import FIELDS, FIRST_COL
from desktop.xlsx.outline import read_items, write_items
from desktop.xlsx.sheet import SheetReader, SheetWriter

STR_ATTRS = ("title", "number", "dept", "timing", "status", "org", "doc_title", "area")
DEFAULT_LABELS = {
    "title": "공약제목", "number": "관리번호", "dept": "주관부서", "related": "관련부서", "contacts": "연락처",
    "period": "사업기간", "timing": "이행시기", "status": "추진상황", "progress": "진도", "goals": "공약목표",
    "tasks": "추진과제", "area": "분야", "org": "기관명", "doc_title": "문서 제목", "base_date": "기준일",
}
CONTACT_ATTRS = ("role", "dept", "rank", "name", "phone")
LIST_KINDS = ("list", "checks")


@dataclass
class Slot:
    ref: str  # "a:title" (Card attribute), "x:type" (Card.extra), "g:budget" (Card.figures)
    label: str
    kind: str  # s str · l list · c contacts · y years · p percent · d date · o outline · f figure · - absent
    value: Any
    field_kind: str = ""  # the template's kind, to read an absent field the user filled in
    contact_cols: list[str] = field(default_factory=list)
    # An absent figure the card derives from its table (소요예산 = 투자계획 총계): shown as formulas
    # on the table's cells, so every figure the print shows the workbook shows, and stays live.
    derived: DerivedFigure | None = None
    # contact attribute → the words shown before it, as the print's footer has them ("전화번호 : ")
    shown: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        if self.kind in ("l", "c"):
            return max(1, len(self.value))
        if self.kind == "f":
            return 1 + len(self.value.parts)
        if self.derived is not None:
            return 1 + len(self.derived.parts)
        return 1

    @property
    def need(self) -> int:
        if self.kind == "c":
            return len(self.contact_cols)
        if self.kind == "f" or (self.kind == "-" and self.field_kind == "figure"):
            return 2
        if self.kind == "o":
            return 7
        return 1


def slot_for(key: str, template: Template, card: Card, *, extra_only: bool = False, figure_only: bool = False) -> Slot:
    fd = template.field_def(key)
    label = fd.label if fd else DEFAULT_LABELS.get(key, key)
    fkind = fd.kind if fd else ""
    if key in COMMON_FIELDS and not (extra_only or figure_only):
        if key in STR_ATTRS:
            return Slot("a:" + key, label, "s", getattr(card, key))
        if key == "related":
            return Slot("a:related", label, "l", list(card.related))
        if key == "contacts":
            cols = [a for a in CONTACT_ATTRS if a != "dept" or any(c.dept for c in card.contacts)]
            return Slot("a:contacts", label, "c", list(card.contacts), contact_cols=cols)
        if key == "period":
            return Slot("a:period", label, "y", (card.start_year, card.end_year))
        if key == "progress":
            return Slot("a:progress", label, "p", card.progress)
        if key == "base_date":
            return Slot("a:base_date", label, "d", card.base_date)
        return Slot("a:" + key, label, "o", list(getattr(card, key)))
    if figure_only or (fkind == "figure" and not extra_only):
        fig = card.figures.get(key)
        derived = derive(card, template, fd) if fig is None and fd is not None else None
        return Slot("g:" + key, label, "f" if fig is not None else "-", fig, field_kind="figure", derived=derived)
    v = card.extra.get(key)
    kind = "-" if v is None else ("l" if isinstance(v, list) else "s")
    return Slot("x:" + key, label, kind, v, field_kind=fkind if fkind != "figure" else "text")


# ---------------------------------------------------------------- writing

def _pack(slots: list[Slot], width: int, columns: bool) -> list[list[tuple[Slot, int]]]:
    """Split slots into groups that fit the width; give each its column span (label included)."""
    groups: list[list[Slot]] = []
    cur: list[Slot] = []
    used = 0
    for s in slots:
        need = s.need + (0 if columns else 1)
        if cur and used + need > width:
            groups.append(cur)
            cur, used = [], 0
        cur.append(s)
        used += need
    if cur:
        groups.append(cur)
    out: list[list[tuple[Slot, int]]] = []
    for g in groups:
        needs = [s.need + (0 if columns else 1) for s in g]
        spare = max(width - sum(needs), 0)
        spans = [n + spare // len(g) for n in needs]
        spans[-1] += spare - spare // len(g) * len(g)
        out.append(list(zip(g, spans, strict=True)))
    return out


def write_fields(sw: SheetWriter, slots: list[Slot], template: Template, columns: bool = False) -> None:
    """Write slots as field groups: outlines alone on their rows, the rest packed into the width."""
    pending: list[Slot] = []
    for s in [*slots, None]:
        if s is not None and s.kind != "o":
            pending.append(s)
            continue
        for group in _pack(pending, sw.width, columns):
            _write_group(sw, group, columns)
        pending = []
        if s is not None:
            _write_outline(sw, s, template)


def _write_outline(sw: SheetWriter, s: Slot, template: Template) -> None:
    r0 = sw.take()
    c = FIRST_COL + 1
    sw.mark(r0, FIELDS, {"L": "g", "fs": [{"k": s.ref, "t": "o", "c": c, "w": sw.width - 1}]})
    if s.value:
        write_items(sw, s.value, c, template, s.label, first_row=r0, owner=s.ref[2:])
    sw.label(r0, FIRST_COL, s.label, r2=max(sw.row - 1, r0))


def _write_group(sw: SheetWriter, group: list[tuple[Slot, int]], columns: bool) -> None:
    height = max(s.rows for s, _ in group)
    r0 = sw.take(height + (1 if columns else 0))
    v0 = r0 + (1 if columns else 0)
    placed = []
    c = FIRST_COL
    for s, span in group:
        if columns:
            vc, w = c, span
            sw.label(r0, c, s.label, c2=c + span - 1)
        else:
            vc, w = c + 1, span - 1
            sw.label(r0, c, s.label, r2=v0 + height - 1)
        place: dict[str, Any] = {"k": s.ref, "t": s.kind, "c": vc, "w": w}
        sw.fields[s.ref] = (v0, vc)
        if s.field_kind:
            place["fk"] = s.field_kind
        if s.kind == "c":
            place["cc"] = s.contact_cols
        if s.kind == "f" and s.value.text:  # the figure as written: kept while its amounts stay as written
            place["ft"] = s.value.text
            place["fv"] = figure_key(s.value)
        placed.append(place)
        _write_value(sw, s, v0, vc, w, height)
        c += span
    sw.mark(r0, FIELDS, {"L": "c" if columns else "g", "fs": placed})  # the group's further rows need none


def period_text(years: tuple[int | None, int | None]) -> str:
    start, end = years
    if start is None and end is None:
        return ""
    return f"{start if start is not None else ''} ~ {end if end is not None else ''}".strip()


def _write_value(sw: SheetWriter, s: Slot, r0: int, c: int, w: int, height: int) -> None:
    c2 = c + w - 1
    rl = r0 + height - 1
    what = s.label
    if s.kind == "s":
        sw.text(r0, c, s.value, r2=rl, c2=c2, what=what)
    elif s.kind == "y":
        sw.text(r0, c, period_text(s.value), r2=rl, c2=c2, what=what)
    elif s.kind == "d":
        sw.text(r0, c, fmt_date(s.value), r2=rl, c2=c2, what=what)
    elif s.kind == "p":
        if s.value is None:
            sw.blank(r0, c, r2=rl, c2=c2, align=styles.CENTER)
        else:
            sw.number(r0, c, int(s.value), styles.PERCENT, align=styles.CENTER, r2=rl, c2=c2)
    elif s.kind == "l":
        for i in range(height):
            if i < len(s.value):
                sw.text(r0 + i, c, s.value[i], c2=c2, what=what)
            else:
                sw.blank(r0 + i, c, c2=c2)
    elif s.kind == "c":
        cols = s.contact_cols
        for i in range(height):
            for j, attr in enumerate(cols):
                cc2 = c2 if j == len(cols) - 1 else c + j
                if i < len(s.value):
                    before = s.shown.get(attr, "").replace('"', "")
                    sw.text(r0 + i, c + j, getattr(s.value[i], attr), c2=cc2, what=f"{what} {attr}",
                            align=styles.CENTER, number_format=f'"{before}"@' if before else "")
                else:
                    sw.blank(r0 + i, c + j, c2=cc2)
    elif s.kind == "f":
        fig: Figure = s.value
        _amount_or_none(sw, r0, c, fig.total)
        statement = fig.total is None and not fig.parts and fig.text  # "비예산" stands where the unit does
        sw.text(r0, c + 1, fig.text if statement else fig.unit, c2=c2, what=f"{what} 단위")
        for i, (lbl, amt) in enumerate(fig.parts, start=1):
            sw.text(r0 + i, c, lbl, what=f"{what} 재원", align=styles.CENTER)
            _amount_or_none(sw, r0 + i, c + 1, amt, c2=c2)
        for i in range(len(fig.parts) + 1, height):
            sw.blank(r0 + i, c)
            sw.blank(r0 + i, c + 1, c2=c2)
    elif s.derived is not None:  # "-" with a figure derived from the table: formulas, placed later
        d = s.derived
        sw.derived.append((d, r0, c, c2))
        sw.text(r0, c + 1, d.unit, c2=c2, what=f"{what} 단위")
        for i, (lbl, _row, _v) in enumerate(d.parts, start=1):
            sw.label(r0 + i, c, lbl, font=styles.BODY, align=styles.CENTER, fill=None)
        for i in range(len(d.parts) + 1, height):
            sw.blank(r0 + i, c)
            sw.blank(r0 + i, c + 1, c2=c2)
    else:  # "-": a field this card does not have
        sw.blank(r0, c, r2=rl, c2=c2)


def _amount_or_none(sw: SheetWriter, r: int, c: int, v: Any, c2: int | None = None) -> None:
    if v is None:
        sw.none(r, c, c2=c2)
    else:
        sw.amount(r, c, v, c2=c2)


# ---------------------------------------------------------------- reading

_PERIOD = re.compile(r"^\s*(\d{1,4})?\s*(?:[~∼〜～]\s*(\d{1,4})?)?\s*$")


def parse_period(sr: SheetReader, r: int, c: int) -> tuple[int | None, int | None]:
    text = sr.text(r, c)
    m = _PERIOD.match(text)
    if m is None:
        sr.problem(r, c, f"사업기간은 '2024 ~ 2026'처럼 써야 합니다 '{text[:40]}'")
        return None, None
    start = int(m.group(1)) if m.group(1) else None
    end = int(m.group(2)) if m.group(2) else (start if "~" not in text and "∼" not in text
                                              and "〜" not in text and "～" not in text else None)
    for y in (start, end):
        if y is not None and not 1900 <= y <= 2200:
            sr.problem(r, c, f"사업기간 연도가 1900~2200 범위를 벗어났습니다 '{text[:40]}'")
            return None, None
    return start, end


def parse_date(sr: SheetReader, r: int, c: int) -> date | None:
    v = sr.raw(r, c)
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    text = sr.text(r, c)
    if not text.strip():
        return None
    with contextlib.suppress(ValueError):
        return parse_date_text(text)
    sr.problem(r, c, f"날짜가 아닙니다 (예: 2025. 9. 30.) '{text[:40]}'")
    return None


def parse_progress(sr: SheetReader, r: int, c: int) -> int | None:
    _, v = sr.amount(r, c, "%")
    if v is None:
        return None
    if v != v.to_integral_value():
        sr.problem(r, c, f"진도는 정수(%)여야 합니다 '{v}'")
        return None
    if abs(v) > 10**9:
        sr.problem(r, c, f"진도가 범위를 벗어났습니다 '{v}'")
        return None
    return int(v)


def read_group(sr: SheetReader, card: Card, payload: Any, rows: list[tuple[int, str, Any]],
               template: Template | None, last: int, seen: set[str]) -> None:
    """Read one field group (rows[0] is its marker row) into the card."""
    r0 = rows[0][0]
    if not isinstance(payload, dict) or not isinstance(payload.get("fs"), list):
        sr.problem(r0, 1, "항목 표시가 손상되었습니다")
        return
    columns = payload.get("L") == "c"
    value_rows = [r for r, _, _ in rows[1:]] if columns else [r for r, _, _ in rows]
    for place in payload["fs"]:
        try:
            ref, kind, c, w = str(place["k"]), str(place["t"]), int(place["c"]), int(place["w"])
        except (KeyError, TypeError, ValueError):
            sr.problem(r0, 1, "항목 표시가 손상되었습니다")
            continue
        if ref in seen:
            sr.problem(r0, c, f"같은 항목이 두 번 있습니다 ('{ref[2:]}')")
            continue
        seen.add(ref)
        if kind == "o":
            items = read_items(sr, rows, c, last, template)
            if ref[2:] in ("goals", "tasks"):
                setattr(card, ref[2:], items)
            continue
        if not value_rows:
            continue
        _read_value(sr, card, ref, kind, str(place.get("fk", "")), value_rows, c, w, place.get("cc"))
        if isinstance(place.get("ft"), str) and ref.startswith("g:"):
            _as_written(card, ref[2:], place["ft"], place.get("fv"))


def figure_key(fig: Figure) -> str:
    """The amounts of a figure, to tell whether Excel changed them since it was written."""
    return "|".join([plain(fig.total), *(f"{lbl}={plain(v)}" for lbl, v in fig.parts)])


def _as_written(card: Card, key: str, text: str, written: Any) -> None:
    fig = card.figures.get(key)
    if fig is None:
        return
    if fig.total is None and not fig.parts and fig.unit == text:
        card.figures[key] = Figure(text=text)  # a statement ("비예산") read back from the unit cell
    elif figure_key(fig) == written:
        fig.text = text  # amounts unchanged: the text as written still holds


def _store(card: Card, ref: str, value: Any) -> None:
    ns, key = ref[:2], ref[2:]
    if ns == "a:":
        if key == "period":
            card.start_year, card.end_year = value
        elif hasattr(card, key) and key in COMMON_FIELDS:
            setattr(card, key, value)
    elif ns == "g:":
        card.figures[key] = value
    elif ns == "x:":
        card.extra[key] = value


def _read_value(sr: SheetReader, card: Card, ref: str, kind: str, fk: str, rows: list[int], c: int, w: int,
                cc: Any) -> None:
    r0 = rows[0]
    if kind == "-":
        if fk == "figure" and any(sr.is_formula(r, cx) for r in rows for cx in (c, c + 1)):
            return  # the table's figure, shown by formulas: the card states none
        if not any(sr.present(r, cx) for r in rows for cx in range(c, c + max(w, 1))):
            return  # still absent
        kind = "f" if fk == "figure" else ("l" if fk in LIST_KINDS else "s")
    if kind == "s":
        _store(card, ref, sr.text(r0, c))
    elif kind == "y":
        _store(card, ref, parse_period(sr, r0, c))
    elif kind == "d":
        _store(card, ref, parse_date(sr, r0, c))
    elif kind == "p":
        _store(card, ref, parse_progress(sr, r0, c))
    elif kind == "l":
        _store(card, ref, [sr.text(r, c) for r in rows if sr.present(r, c)])
    elif kind == "c":
        cols = [a for a in (cc if isinstance(cc, list) else ["role", "rank", "name", "phone"]) if a in CONTACT_ATTRS]
        found = []
        for r in rows:
            if any(sr.present(r, c + j) for j in range(len(cols))):
                found.append(Contact(**{a: sr.text(r, c + j) for j, a in enumerate(cols)}))
        _store(card, ref, found)
    elif kind == "f":
        _, total = sr.amount(r0, c)
        fig = Figure(total=total, unit=sr.text(r0, c + 1))
        for r in rows[1:]:
            if sr.present(r, c) or sr.present(r, c + 1):
                _, amt = sr.amount(r, c + 1)
                fig.parts.append((sr.text(r, c), amt))
        _store(card, ref, fig)
    else:
        sr.problem(r0, c, "항목 표시가 손상되었습니다")
