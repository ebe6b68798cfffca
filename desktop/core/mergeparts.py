"""The three-way merge's machinery: one value, an ordered list of entries, a table (SPEC §6.3).

A `Merger` merges base → here and base → theirs at one place at a time. A value changed on one side
only is taken; the same value on both sides is one change; different values are a Conflict, decided
by the caller's choice for that place ("here" / "theirs") or, without one, left as here (and listed
as open). Lists (outline lines, 관련부서, 연락처, photos, blocks, table rows) are matched between base
and each side (by content, see carddiff.match_items, or by key), so a line inserted on one side and
another line edited on the other merge without a conflict.

Without a base (a file from before revisions, or a card with an unrelated history) the merge is
two-way: every difference is a conflict (nothing coming in is taken over this side without asking).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, TypeVar

from desktop.core.checks.labels import cell_label, clean
from desktop.core.findings import Place
from desktop.core.model import CellValue, Row, Table
from desktop.core.numbers import format_amount

Choice = Literal["here", "theirs"]
T = TypeVar("T")
Token = tuple[str, int]  # ("b", base index) | ("h", here index) | ("t", theirs index)


@dataclass(frozen=True)
class Conflict:
    """Different changes to one place. Values are as the card prints them (None: nothing there)."""

    key: str  # stable within one merge of these three cards: what resolve() choices are keyed by
    place: Place  # in the card here
    where: str  # Korean: "추진과제 › 3번째 줄", "투자계획 › 국비 › 2025"
    base: str | None
    here: str | None
    theirs: str | None
    chosen: Choice | None = None  # None: open (left as here)

    def describe(self) -> str:
        """One Korean line: "주관부서: 여기 일자리경제과 | 들어온 것 경제정책과 (공통 조상 …)"."""
        text = f"{self.where}: 여기 {_shown(self.here)} | 들어온 것 {_shown(self.theirs)}"
        return text + (f" (공통 조상 {_shown(self.base)})" if self.base is not None else "")


def _shown(v: str | None) -> str:
    return "(없음)" if v is None else f"'{v}'" if v.strip() != v or not v else v


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a cell key absent from a row, a dict key absent


class Merger:
    def __init__(self, choices: dict[str, Choice] | None, default: Choice | None, two_way: bool) -> None:
        self.choices = dict(choices or {})
        self.default = default
        self.two_way = two_way
        self.conflicts: list[Conflict] = []

    def conflict(self, key: str, place: Place, where: str, shown: tuple[str | None, str | None, str | None],
                 ) -> Choice:
        chosen = self.choices.get(key, self.default)
        self.conflicts.append(Conflict(key, place, where, None if self.two_way else shown[0], shown[1], shown[2],
                                       chosen))
        return chosen or "here"

    def pick(self, key: str, place: Place, where: str, b: T, h: T, t: T,
             show: Callable[[T], str | None]) -> T:
        if h == t:
            return h
        if not self.two_way:
            if h == b:
                return t
            if t == b:
                return h
        chosen = self.conflict(key, place, where, (show(b), show(h), show(t)))
        return t if chosen == "theirs" else h

    # ---------------------------------------------------------------- ordered lists

    def merge_list(self, key: str, base: Sequence[T], here: Sequence[T], theirs: Sequence[T],
                   match: Callable[[Sequence[T], Sequence[T]], list[tuple[int, int]]],
                   elem: Callable[[str, T, T, T, int | None], T],
                   show: Callable[[T], str | None], where: Callable[[int | None, int], str],
                   place: Callable[[int], Place]) -> list[T]:
        """Merge an ordered list. `elem(key, b, h, t, here index)` merges an entry both sides kept;
        `where(here index or None, index on the side)` names an entry in Korean."""
        hb = dict(match(base, here))
        tb = dict(match(base, theirs))
        value: dict[Token, T | None] = {}
        for i, b in enumerate(base):
            ek = f"{key}:{i}"
            h = here[hb[i]] if i in hb else None
            t = theirs[tb[i]] if i in tb else None
            if h is None and t is None:
                value[("b", i)] = None
            elif h is None:
                assert t is not None
                if t == b and not self.two_way:
                    value[("b", i)] = None
                else:
                    c = self.conflict(ek, place(tb[i]), f"{where(None, tb[i])} (여기서 지움)", (show(b), None, show(t)))
                    value[("b", i)] = t if c == "theirs" else None
            elif t is None:
                if h == b and not self.two_way:
                    value[("b", i)] = None
                else:
                    c = self.conflict(ek, place(hb[i]), f"{where(hb[i], hb[i])} (들어온 쪽에서 지움)",
                                      (show(b), show(h), None))
                    value[("b", i)] = None if c == "theirs" else h
            else:
                value[("b", i)] = elem(ek, b, h, t, hb[i])
        h_of = {j: i for i, j in hb.items()}
        t_of = {k: i for i, k in tb.items()}
        h_tokens: list[Token] = [("b", h_of[j]) if j in h_of else ("h", j) for j in range(len(here))]
        t_tokens: list[Token] = [("b", t_of[k]) if k in t_of else ("t", k) for k in range(len(theirs))]
        for j in range(len(here)):
            if j not in h_of:
                value[("h", j)] = here[j]
        for k in range(len(theirs)):
            if k not in t_of:
                value[("t", k)] = theirs[k]
        h_order = [i for kind, i in h_tokens if kind == "b"]
        t_order = [i for kind, i in t_tokens if kind == "b"]
        h_moved, t_moved = h_order != sorted(h_order), t_order != sorted(t_order)
        skeleton, other = h_tokens, t_tokens
        if t_moved and not h_moved and not self.two_way:
            skeleton, other = t_tokens, h_tokens
        elif t_moved and ([i for i in h_order if i in tb] != [i for i in t_order if i in hb] or self.two_way):
            c = self.conflict(f"{key}:order", place(0), f"{where(None, 0).split(' › ')[0]} › 순서",
                              (None, "여기의 순서", "들어온 것의 순서"))
            if c == "theirs":
                skeleton, other = t_tokens, h_tokens
        own = "h" if skeleton is h_tokens else "t"
        skeleton = list(skeleton)
        in_skeleton = set(skeleton)
        prev: Token | None = None
        for tok in other:
            if tok in in_skeleton:
                prev = tok
                continue
            if tok[0] != "b" and self.two_way:  # nothing comes in without asking
                c = self.conflict(f"{key}:add:{tok[1]}", place(tok[1]), f"{where(None, tok[1])} (들어온 줄)",
                                  (None, None, show(value[tok])))  # type: ignore[arg-type]
                if c != "theirs":
                    prev = tok
                    continue
            pos = 0 if prev is None else skeleton.index(prev) + 1 if prev in in_skeleton else len(skeleton)
            if prev is None or prev[0] == "b":
                # past this side's own additions at the same spot; the same line added on both is one
                twin = None
                while pos < len(skeleton) and skeleton[pos][0] == own:
                    if twin is None and value[skeleton[pos]] == value[tok] and tok[0] != "b":
                        twin = skeleton[pos]
                    pos += 1
                if twin is not None:
                    prev = twin
                    continue
            skeleton.insert(pos, tok)
            in_skeleton.add(tok)
            prev = tok
        return [v for v in (value.get(tok) for tok in skeleton) if v is not None]

    # ---------------------------------------------------------------- tables

    def table(self, key: str, b: Table | None, h: Table | None, t: Table | None, name: str,
              place: Callable[[str, str], Place]) -> Table | None:
        if b is None or h is None or t is None:
            return self.pick(key, place("", ""), f"{name} › 표", b, h, t, lambda x: None if x is None else "표")
        out = Table(key=h.key, label_columns=h.label_columns, year_columns=h.year_columns)
        p = place("", "")
        out.corner = self.pick(f"{key}:corner", p, f"{name} › 머리칸", b.corner, h.corner, t.corner, _text)
        out.unit = self.pick(f"{key}:unit", p, f"{name} › 단위", b.unit, h.unit, t.unit, _text)
        out.columns = self.pick(f"{key}:columns", p, f"{name} › 열 구성", b.columns, h.columns, t.columns,
                                lambda cs: ", ".join(clean(c.label) or c.key for c in cs))
        out.relations = self.pick(f"{key}:relations", p, f"{name} › 관계", b.relations, h.relations, t.relations,
                                  lambda rs: f"{len(rs)}개")
        shape = self.pick(f"{key}:shape", p, f"{name} › 표 모양", (b.label_columns, b.year_columns),
                          (h.label_columns, h.year_columns), (t.label_columns, t.year_columns), lambda s: str(s))
        out.label_columns, out.year_columns = shape

        def row(rk: str, rb: Row, rh: Row, rt: Row, _j: int | None) -> Row:
            label = f"{name} › {clean(rh.label) or rh.key}"
            r = Row(key=rh.key, label=rh.label)
            r.label, r.group, r.unit = self.pick(f"{rk}:label", place(rh.key, ""), label,
                                                 (rb.label, rb.group, rb.unit), (rh.label, rh.group, rh.unit),
                                                 (rt.label, rt.group, rt.unit), lambda x: " ".join(p for p in x if p))
            r.negative, negative_cols = self.pick(
                f"{rk}:negative", place(rh.key, ""), f"{label} › 음수",
                (rb.negative, tuple(rb.negative_cols)), (rh.negative, tuple(rh.negative_cols)),
                (rt.negative, tuple(rt.negative_cols)), lambda x: str(x))
            r.negative_cols = list(negative_cols)
            cols = list(dict.fromkeys([*rh.cells, *rt.cells, *rb.cells]))
            for ck in cols:
                v = self.pick(f"{rk}:{ck}", place(rh.key, ck), f"{name} › {cell_label(out, rh.key, ck)}",
                              rb.cells.get(ck, MISSING), rh.cells.get(ck, MISSING), rt.cells.get(ck, MISSING),
                              cell_text)
                if v is not MISSING:
                    r.cells[ck] = v
            return r

        out.rows = self.merge_list(
            f"{key}:row", b.rows, h.rows, t.rows, lambda x, y: by_keys(x, y, [lambda r: r.key]), row,
            lambda r: clean(r.label) or r.key, lambda _j, k: f"{name} › 행",
            lambda _k: place("", ""))
        return out


def cell_text(v: CellValue) -> str | None:
    if v is MISSING:
        return None
    if v is None:
        return "-"
    if isinstance(v, Decimal):
        return format_amount(v)
    return v


def _text(v: str) -> str | None:
    return v or None


def by_keys(a: Sequence[T], b: Sequence[T], keys: list[Callable[[T], Hashable | None]]) -> list[tuple[int, int]]:
    """Pairs (index in a, index in b): equal first keys first, then the next keys among what is left;
    a key of None matches nothing."""
    left_a, left_b = list(range(len(a))), list(range(len(b)))
    pairs: list[tuple[int, int]] = []
    for key in keys:
        free: dict[Hashable, list[int]] = {}
        for j in left_b:
            k = key(b[j])
            if k is not None:
                free.setdefault(k, []).append(j)
        for i in list(left_a):
            k = key(a[i])
            if k is not None and free.get(k):
                j = free[k].pop(0)
                pairs.append((i, j))
                left_a.remove(i)
                left_b.remove(j)
    return sorted(pairs)
