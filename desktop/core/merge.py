"""Three-way merge of one card (SPEC §6.3): what is here, what comes in, and their common base.

Per header field, 기타 field and stated figure; per entry of 관련부서 and 연락처; per outline line
(matched by content and position, carddiff.match_items, so an inserted line and an edited one do not
conflict); per table cell; per photo; per block's heading, period and text. A change made on one side
only is taken, the same change on both is one, different changes to one place are a Conflict, which is
never decided silently: without a choice it stays as here and is listed as open.

    result = merge3(base, here, theirs, template)
    result.open            # the conflicts nobody chose for
    resolve(result, {conflict.key: "theirs"})   # or resolve_all(result, "here" | "theirs")

`base=None` (no common revision: a file from before revisions, or another database's card with the
same id) merges two-way: every difference is a conflict.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from desktop.core.carddiff import Change, _contact, _item_text, _years, diff_cards, match_items
from desktop.core.checks.labels import clean, field_name, heading_name, item_name
from desktop.core.dates import fmt_date
from desktop.core.figures import figure_text
from desktop.core.findings import Place
from desktop.core.mergeparts import MISSING, Choice, Conflict, Merger, by_keys
from desktop.core.model import Block, Card, Contact, Extra, Item, Photo
from desktop.core.templates import Template

__all__ = ["Choice", "Conflict", "MergeResult", "merge3", "resolve", "resolve_all"]

_SCALARS: list[tuple[str, Callable[[Any], str | None]]] = [
    ("template", lambda v: v or None), ("org", lambda v: v or None), ("doc_title", lambda v: v or None),
    ("number", lambda v: v or None), ("title", lambda v: v or None), ("area", lambda v: v or None),
    ("base_date", lambda v: fmt_date(v) or None), ("dept", lambda v: v or None),
    ("timing", lambda v: v or None), ("status", lambda v: v or None),
    ("progress", lambda v: None if v is None else f"{v}%"),
]


@dataclass
class MergeResult:
    card: Card  # here's identity (id, version) with the merged content
    conflicts: list[Conflict]  # every place changed differently on both sides, chosen or open
    taken: list[Change]  # what the merge changed from here
    base: Card | None = field(repr=False, default=None)
    here: Card | None = field(repr=False, default=None)
    theirs: Card | None = field(repr=False, default=None)
    template: Template | None = field(repr=False, default=None)

    @property
    def open(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.chosen is None]

    @property
    def changed(self) -> bool:
        return bool(self.taken)


def merge3(base: Card | None, here: Card, theirs: Card, template: Template | None = None, *,
           choices: dict[str, Choice] | None = None, default: Choice | None = None) -> MergeResult:
    """Merge `theirs` into `here` from their common `base` (None: none known — two-way)."""
    m = Merger(choices, default, two_way=base is None)
    b = here if base is None else base
    out = copy.copy(here)
    for key, show in _SCALARS:
        setattr(out, key, m.pick(f"field:{key}", Place(field=key), field_name(template, key),
                                 getattr(b, key), getattr(here, key), getattr(theirs, key), show))
    years = m.pick("field:period", Place(field="period"), field_name(template, "period"),
                   (b.start_year, b.end_year), (here.start_year, here.end_year), (theirs.start_year, theirs.end_year),
                   lambda y: _years(Card(start_year=y[0], end_year=y[1])) or None)
    out.start_year, out.end_year = years
    out.figures = _dict(m, "figure", b.figures, here.figures, theirs.figures, template,
                        lambda f: figure_text(f) or None)
    out.extra = _dict(m, "extra", b.extra, here.extra, theirs.extra, template, _extra_text)
    name = field_name(template, "related")
    out.related = m.merge_list(
        "related", b.related, here.related, theirs.related, lambda x, y: by_keys(x, y, [lambda s: s]),
        lambda k, vb, vh, vt, _j: m.pick(k, Place(field="related"), name, vb, vh, vt, lambda v: v),
        lambda v: v, lambda _j, _k: name, lambda _k: Place(field="related"))
    name = field_name(template, "contacts")
    out.contacts = m.merge_list(
        "contacts", b.contacts, here.contacts, theirs.contacts, _match_contacts,
        lambda k, vb, vh, vt, j: m.pick(k, Place(field="contacts", item=(j or 0,)), f"{name} › {_contact(vh)}",
                                        vb, vh, vt, lambda c: _contact(c) or None),
        lambda c: _contact(c) or None, lambda j, k: f"{name} › {(j if j is not None else k) + 1}번째",
        lambda k: Place(field="contacts", item=(k,)))
    for key, default_name in (("goals", "공약목표"), ("tasks", "추진과제")):
        fname = field_name(template, key) if template is not None and template.field_label(key) else default_name
        setattr(out, key, _items(m, f"field:{key}", getattr(b, key), getattr(here, key), getattr(theirs, key),
                                 fname, partial(_field_place, key)))
    out.blocks = m.merge_list(
        "block", b.blocks, here.blocks, theirs.blocks, lambda x, y: by_keys(x, y, [lambda bl: bl.key]),
        lambda k, vb, vh, vt, _j: _block(m, k, vb, vh, vt, template),
        lambda bl: clean(bl.heading) or bl.key, lambda _j, k: "블록", lambda _k: Place())
    # 공약 조정 are records, never edited: both sides' records are kept (a record removed on one side
    # only stays, as history is never rewritten).
    out.adjustments = [*here.adjustments, *(a for a in theirs.adjustments if a not in here.adjustments)]
    merged = copy.deepcopy(out)  # nothing of here or theirs is shared with the result
    return MergeResult(merged, m.conflicts, diff_cards(here, merged, template), base, here, theirs, template)


def resolve(result: MergeResult, choices: dict[str, Choice], default: Choice | None = None) -> MergeResult:
    """The same merge with a choice for some (or, with `default`, all) conflicts, keyed by Conflict.key."""
    assert result.here is not None and result.theirs is not None
    return merge3(result.base, result.here, result.theirs, result.template,
                  choices={**{c.key: c.chosen for c in result.conflicts if c.chosen is not None}, **choices},
                  default=default)


def resolve_all(result: MergeResult, choice: Choice) -> MergeResult:
    """모두 여기 것 / 모두 들어온 것."""
    assert result.here is not None and result.theirs is not None
    return merge3(result.base, result.here, result.theirs, result.template, default=choice)


# ------------------------------------------------------------------------ parts


def _extra_text(v: Extra | None) -> str | None:
    if v is None or v is MISSING:
        return None
    return (", ".join(v) if isinstance(v, list) else v) or None


def _dict(m: Merger, kind: str, b: dict[str, Any], h: dict[str, Any], t: dict[str, Any],
          template: Template | None, show: Callable[[Any], str | None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in dict.fromkeys([*h, *t, *b]):
        v = m.pick(f"{kind}:{key}", Place(field=key), field_name(template, key), b.get(key, MISSING),
                   h.get(key, MISSING), t.get(key, MISSING), lambda x: None if x is MISSING else show(x))
        if v is not MISSING:
            out[key] = v
    return out


def _match_contacts(a: Sequence[Contact], b: Sequence[Contact]) -> list[tuple[int, int]]:
    return by_keys(a, b, [lambda c: (c.role, c.rank, c.name, c.phone, c.dept), lambda c: c.name or None,
                          lambda c: (c.role, c.rank) if c.role else None])


def _match_photos(a: Sequence[Photo], b: Sequence[Photo]) -> list[tuple[int, int]]:
    return by_keys(a, b, [lambda p: (p.caption, p.image), lambda p: p.image, lambda p: p.caption or None])


def _match_items(a: Sequence[Item], b: Sequence[Item]) -> list[tuple[int, int]]:
    return match_items(list(a), list(b))[0]


def _field_place(key: str, i: int) -> Place:
    return Place(field=key, item=(i,))


def _block_place(key: str, i: int) -> Place:
    return Place(block=key, item=(i,))


def _line(it: Item) -> tuple[str, int, bool, str, str]:
    return (it.text, it.level, it.note, it.date, it.unit)


def _items(m: Merger, key: str, b: list[Item], h: list[Item], t: list[Item], name: str,
           place: Callable[[int], Place]) -> list[Item]:
    def elem(k: str, ib: Item, ih: Item, it: Item, j: int | None) -> Item:
        p = place(j or 0)
        where = f"{name} › {(j or 0) + 1}번째 줄"
        text, level, note, date, unit = m.pick(k, p, where, _line(ib), _line(ih), _line(it),
                                               lambda x: _item_text(Item(text=x[0], level=x[1], note=x[2], date=x[3])))
        out = Item(text=text, level=level, note=note, date=date, unit=unit)
        out.table = m.table(f"{k}:table", ib.table, ih.table, it.table, f"{name} › {item_name(text)}",
                            lambda row, col: Place(field=p.field, block=p.block, item=p.item, row=row, col=col))
        return out

    return m.merge_list(key, b, h, t, _match_items, elem, _item_text,
                        lambda j, k: f"{name} › {(j if j is not None else k) + 1}번째 줄", place)


def _block(m: Merger, key: str, b: Block, h: Block, t: Block, template: Template | None) -> Block:
    heading = h.heading
    if not heading and template is not None:
        bd = template.block_def(h.key)
        heading = bd.heading if bd else ""
    name = heading_name(heading) or h.key
    p = Place(block=h.key)
    out = Block(key=h.key)
    out.kind = m.pick(f"{key}:kind", p, f"{name} › 종류", b.kind, h.kind, t.kind, lambda v: v)
    for attr, label in (("heading", "제목"), ("period", "기간"), ("text", "내용")):
        setattr(out, attr, m.pick(f"{key}:{attr}", p, f"{name} › {label}", getattr(b, attr), getattr(h, attr),
                                  getattr(t, attr), lambda v: v or None))
    out.items = _items(m, f"{key}:item", b.items, h.items, t.items, name, partial(_block_place, h.key))
    out.table = m.table(f"{key}:table", b.table, h.table, t.table, name,
                        lambda row, col: Place(block=h.key, row=row, col=col))
    out.photos = m.merge_list(
        f"{key}:photo", b.photos, h.photos, t.photos, _match_photos,
        lambda k, pb, ph, pt, j: m.pick(k, Place(block=h.key, item=(j or 0,)), f"{name} › {(j or 0) + 1}번째 사진",
                                        pb, ph, pt, _photo_text),
        _photo_text, lambda j, k: f"{name} › {(j if j is not None else k) + 1}번째 사진",
        lambda k: Place(block=h.key, item=(k,)))
    return out


def _photo_text(p: Photo) -> str:
    return clean(p.caption) or "(사진)"

