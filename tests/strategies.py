"""Hypothesis strategies: valid Cards of every built-in template and of the foreign 성동구 one.

Valid means "a card file may hold it": odd Unicode (no surrogates), empty and full tables, negatives,
decimals of various scales, photos of a few bytes or caption only, derived cells stated, stated "-"
or absent (computed), contacts, extra fields, outline items of levels 0–4 with notes, dates, units
and inline tables. Used by the round-trip tests of card files, the store, the workbook and the PDF.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache

from hypothesis import strategies as st

from desktop.core.layout import new_card
from desktop.core.model import (
    Adjustment,
    Block,
    Card,
    CellValue,
    Column,
    Contact,
    Extra,
    Figure,
    Item,
    Photo,
    Relation,
    Row,
    Table,
)
from desktop.core.tables import TableValues
from desktop.core.templates import COMMON_FIELDS, Template, TemplateRegistry
from tests.foreign import TINY_PNG, seongdong_template

# Strings that break naive code: Hangul jamo and compatibility forms, combining marks, emoji with ZWJ,
# right-to-left text, zero-width and BOM characters, line/paragraph separators, control characters,
# JSON and spreadsheet meta characters, full-width digits, Roman and circled numerals.
ODD = [
    "", " ", "공약", "ㄱㅏ", "\u1100\u1161\u11a8", "é", "e\u0301", "👩‍👩‍👧", "🇰🇷", "שלום", "مرحبا",
    "\u200b", "\ufeff", "\u2028", "\u2029", "\x00", "\x1f", "\t", "\n", "\r\n", "\\", '"', "'", "{}", "[]",
    "=SUM(A1)", "+1", "-", "@x", "１２３", "Ⅻ", "⑳", "△12", "※", "❍", "·", "(단위 : 백만원)", "𠀀", "\U0010fffd",
]

text_chars = st.characters(codec="utf-8")  # every code point but surrogates
texts = st.one_of(
    st.text(text_chars, max_size=12),
    st.sampled_from(ODD),
    st.lists(st.sampled_from(ODD), max_size=4).map("".join),
)
short_texts = st.one_of(st.text(text_chars, max_size=6), st.sampled_from(ODD))

# Exact decimals: negatives, zero, scales 0–6, up to 15 digits (card files take ≤ 40 characters).
decimals = st.builds(
    lambda n, k: Decimal(n).scaleb(-k),
    st.integers(-(10**15), 10**15) | st.sampled_from([0, 1, -1, 96, 999999]),
    st.integers(0, 6),
)

aware_datetimes = st.builds(
    lambda dt, minutes: dt.replace(tzinfo=timezone(timedelta(minutes=minutes)) if minutes else UTC),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from([0, 540, -300, 330]),
)
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
uuids = st.uuids().map(str)


@cache
def all_templates() -> tuple[Template, ...]:
    """Every built-in template and the foreign 성동구 one (it lives in tests/foreign.py only)."""
    reg = TemplateRegistry.load([], None)
    assert not reg.errors, reg.errors
    return (*(reg.templates[n] for n in reg.names()), seongdong_template())


def registry_with_foreign() -> TemplateRegistry:
    """The built-in templates plus 성동구, as a program started with its --templates folder has them."""
    reg = TemplateRegistry.load([], None)
    foreign = seongdong_template()
    reg.templates[foreign.name] = foreign
    return reg



def _cell(draw: st.DrawFn, col: Column, derived: bool, fill: str) -> tuple[bool, CellValue]:
    """(present, value). fill "empty" states nothing, "full" states every cell, "mixed" a bit of each."""
    if fill == "empty":
        return False, None
    choice = draw(st.sampled_from(["value", "value", "none"] if fill == "full" else ["value", "none", "absent"]))
    if choice == "absent":
        return False, None
    if choice == "none" or (derived and fill == "mixed" and draw(st.booleans())):
        return True, None
    if col.kind == "text":
        return True, draw(texts)
    return True, draw(decimals)


def _fill_table(draw: st.DrawFn, table: Table, add_rows: bool) -> None:
    if add_rows:
        for i in range(draw(st.integers(0, 3))):
            table.rows.append(Row(key=f"line{i + 1}", label=draw(texts), group=draw(st.sampled_from(["", "사업"])),
                                  unit=draw(st.sampled_from(["", "%", "개사"]))))
    fill = draw(st.sampled_from(["empty", "full", "mixed"]))
    tv = TableValues(table)
    for row in table.rows:
        cells: dict[str, CellValue] = {}
        for col in table.columns:
            present, value = _cell(draw, col, tv.is_derived(row.key, col.key), fill)
            if present:
                cells[col.key] = value
        row.cells = cells


@st.composite
def inline_tables(draw: st.DrawFn) -> Table:
    """A table inside an outline item: text and number columns mixed, maybe grouped, maybe a sum."""
    ncols = draw(st.integers(0, 4))
    cols = [Column(key=f"c{i}", label=draw(short_texts), kind=draw(st.sampled_from(["number", "text"])),
                   group=draw(st.sampled_from(["", "", "합계"])), unit=draw(st.sampled_from(["", "원", "개사", "%"])),
                   negative=draw(st.booleans()))
            for i in range(ncols)]
    rows = [Row(key=f"r{i}", label=draw(short_texts), group=draw(st.sampled_from(["", "실적"])),
                unit=draw(st.sampled_from(["", "%"])))
            for i in range(draw(st.integers(0, 4)))]
    t = Table(key=draw(st.sampled_from(["", "inline"])), corner=draw(short_texts),
              unit=draw(st.sampled_from(["", "백만원", "원"])), columns=cols, rows=rows,
              label_columns=draw(st.sampled_from([1, 2])))
    numbers = [c.key for c in cols if c.kind == "number"]
    if len(numbers) >= 2 and draw(st.booleans()):
        t.relations.append(Relation(kind="sum", axis="row", target=numbers[-1], of=numbers[:-1]))
    if len(rows) >= 2 and draw(st.booleans()):
        t.relations.append(Relation(kind="sum", axis="col", target=rows[-1].key, of="rest", scope="all"))
    _fill_table(draw, t, add_rows=False)
    return t


@st.composite
def items(draw: st.DrawFn, max_size: int = 5, tables: bool = True) -> list[Item]:
    out: list[Item] = []
    for _ in range(draw(st.integers(0, max_size))):
        it = Item(text=draw(texts), level=draw(st.integers(0, 4)), note=draw(st.booleans()),
                  date=draw(st.sampled_from(["", "", "2025. 2. ~ 12.", "2024. 하반기", "2. 23./ 6.28."]) | short_texts),
                  unit=draw(st.sampled_from(["", "", "(단위:업체수/백만원)"])))
        if tables and draw(st.integers(0, 5)) == 0:
            it.table = draw(inline_tables())
        out.append(it)
    return out


contacts = st.builds(Contact, role=st.sampled_from(["팀  장", "담당자", "주무관", "과장", "담당", ""]) | short_texts,
                     rank=short_texts, name=short_texts, phone=st.sampled_from(["☎4803", "860-2865", ""]) | short_texts,
                     dept=short_texts)
photos = st.builds(Photo, caption=texts, image=st.none() | st.binary(max_size=24) | st.just(TINY_PNG),
                   mime=st.sampled_from(["", "image/png", "image/jpeg"]))
figures = st.builds(Figure, total=st.none() | decimals, unit=st.sampled_from(["", "백만원", "원", "천원"]),
                    parts=st.lists(st.tuples(st.sampled_from(["국", "시비", "구비", "(구비)", "도비"]) | short_texts,
                                             st.none() | decimals), max_size=4))


adjustments = st.builds(Adjustment, what=st.sampled_from(["공약제목", "폐기"]) | short_texts, before=texts,
                        after=texts, reason=texts, body=short_texts, decided=st.none() | dates)


def _extra_value(draw: st.DrawFn, kind: str, choices: list[str]) -> Extra:
    if kind in ("checks", "list"):
        pool = st.sampled_from(choices) if choices else short_texts
        return draw(st.lists(pool | short_texts, max_size=4))
    if kind == "choice" and choices:
        return draw(st.sampled_from(choices) | short_texts)
    return draw(texts)


@st.composite
def cards(draw: st.DrawFn, template: Template | None = None) -> Card:
    """A valid card of `template` (default: any of all_templates())."""
    t = template if template is not None else draw(st.sampled_from(all_templates()))
    start = draw(st.none() | st.integers(1990, 2040))
    end = None if start is None else start + draw(st.integers(0, 6))
    card = new_card(
        t, id=draw(uuids), pledge_id=draw(uuids), version=draw(st.integers(1, 2**31 - 1)),
        updated_at=draw(aware_datetimes), start_year=start, end_year=end,
    )
    card.org = draw(st.sampled_from([t.org, "금정구", "구로구", "성동구"]) | texts)
    card.doc_title = draw(st.sampled_from([t.doc_title, "시장 공약사항 관리카드"]) | texts)
    card.area = draw(st.sampled_from(["", "일자리"]) | short_texts)
    card.base_date = draw(dates) if t.has_base_date and draw(st.booleans()) else None
    card.title = draw(texts)
    card.number = draw(st.sampled_from(["2-2-1", "1-10-1", "III-①-1", "IX-1", ""]) | short_texts)
    card.dept = draw(texts)
    card.related = draw(st.lists(short_texts, max_size=3))
    card.contacts = draw(st.lists(contacts, max_size=3))
    card.timing = draw(st.sampled_from(["", "임기 내 완료", "임기후 계속"]) | short_texts)
    card.status = draw(st.sampled_from(["", *t.statuses]) | short_texts)
    card.progress = draw(st.none() | st.integers(0, 100))
    card.goals = draw(items(max_size=3, tables=False))
    card.tasks = draw(items(max_size=3, tables=False))
    for f in t.fields:
        if f.kind == "figure":
            if draw(st.booleans()):
                card.figures[f.key] = draw(figures)
        elif f.key not in COMMON_FIELDS and draw(st.booleans()):
            card.extra[f.key] = _extra_value(draw, f.kind, f.choices)
    for key in draw(st.lists(st.sampled_from(["비고", "note", "x y", "공약출처"]) | short_texts, max_size=2)):
        card.extra.setdefault(key, _extra_value(draw, draw(st.sampled_from(["text", "list"])), []))
    for block in card.blocks:
        bd = t.block_def(block.key)
        if draw(st.integers(0, 4)) == 0:
            block.heading = draw(texts)  # kept as written per card
        if bd is not None and bd.period:
            block.period = draw(st.sampled_from(["", "[2025. 1. 1.~2025. 9. 30.]"]) | short_texts)
        if block.kind == "outline":
            block.items = draw(items())
        elif block.kind == "photos":
            block.photos = draw(st.lists(photos, max_size=4))
        elif block.kind == "text":
            block.text = draw(texts)
        if block.table is not None:
            _fill_table(draw, block.table, add_rows=bool(bd and bd.table and bd.table.addable_rows))
    card.adjustments = draw(st.lists(adjustments, max_size=2))
    if draw(st.integers(0, 9)) == 0:  # a card may carry a block its template lacks (kept, not dropped)
        card.blocks.append(Block(key="memo", heading=draw(texts), kind="text", text=draw(texts)))
    return card


def card_lists(max_size: int = 4) -> st.SearchStrategy[list[Card]]:
    return st.lists(cards(), max_size=max_size, unique_by=lambda c: c.id)


def fresh_id() -> str:
    return str(uuid.uuid4())
