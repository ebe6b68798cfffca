"""Properties: typed text parses or is refused with a message; consistent tables check clean of sum
errors; any valid card checks without an exception, with known codes at places that exist; and
check_table is exactly the table's share of check_card."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.checks import CODES, check_card, check_cell_text, check_table, counts, describe_place
from desktop.core.checks.labels import cell_label
from desktop.core.layout import new_card, year_of
from desktop.core.model import Card, Row, Table
from desktop.core.numbers import NumberError, format_amount, parse_amount, plain
from desktop.core.tables import TableValues
from desktop.core.templates import Template
from tests.checks.helpers import load, reg
from tests.strategies import cards

SAMPLES = ["2-2-1", "1-2-2", "III-2-1"]


def number_cells(card: Card) -> list[tuple[Table, str, str]]:
    return [(t, r.key, c.key) for _, _, t in card.tables() for r in t.rows for c in t.columns if c.kind == "number"]


typed = st.one_of(
    st.text(max_size=16),
    st.from_regex(r"\s*[△▲+\-－]?\s*[0-9０-９,.]{0,14}\s*(개사|%|백만원|원)?\s*", fullmatch=True),
    st.sampled_from(["l2O", "1.2.3", "12,34,5", "△12", "１,２３４", "-", "—", "  ", "1e5", "NaN", "Infinity", "0x10"]),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLES), st.data(), typed)
def test_any_text_in_any_cell_parses_or_is_refused(sample: str, data: st.DataObject, text: str) -> None:
    card, _ = load(sample)
    table, row, col = data.draw(st.sampled_from(number_cells(card)))
    try:
        value = check_cell_text(table, row, col, text)
    except NumberError as exc:
        assert str(exc).startswith(cell_label(table, row, col) + ": ")
        return
    if value is not None:
        assert value.is_finite() and len(plain(value)) <= 40  # a card file takes it back
        assert parse_amount(format_amount(value), negative=True) == value
        column = table.column(col)
        assert value >= 0 or (column is not None and column.negative)


def _consistent(tv: TableValues, draw: st.DrawFn) -> None:
    """State each derived cell as computed, as "-" when there is nothing to add, or not at all."""
    values = {s.target: tv.computed(*s.target) for s in tv.specs}
    for (r, c), v in values.items():
        how = draw(st.sampled_from(["state", "absent"]))
        if how == "state":
            row = tv.table.row(r)
            assert row is not None
            row.cells[c] = v


amounts = st.none() | st.builds(lambda n, k: Decimal(n).scaleb(-k), st.integers(0, 10**9), st.integers(0, 2))


def amounts_at(places: int | None) -> st.SearchStrategy[Decimal | None]:
    """Amounts stated to `places` decimals (a table written at one precision); any precision for None."""
    if places is None:
        return amounts
    return st.none() | st.builds(lambda n: Decimal(n).scaleb(-places), st.integers(0, 10**9))


@st.composite
def consistent_standard(draw: st.DrawFn, places: int | None = None) -> tuple[Card, Template]:
    t = reg().get(draw(st.sampled_from(["standard"])))
    start = draw(st.integers(2018, 2030))
    card = new_card(t, start_year=start, end_year=start + draw(st.integers(0, 5)))
    table = card.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    tv = TableValues(table)
    for r in table.rows:
        for c in table.columns:
            if not tv.is_derived(r.key, c.key) and draw(st.booleans()):
                r.cells[c.key] = draw(amounts_at(places))
    _consistent(TableValues(table), draw)
    return card, t


@st.composite
def consistent_guro(draw: st.DrawFn, places: int | None = None) -> tuple[Card, Template]:
    """구로구 투자계획: line items add up to 총 계, and so do the 예산구분 sources (all of a year in one)."""
    t = reg().get("guro")
    start = draw(st.integers(2018, 2030))
    card = new_card(t, start_year=start, end_year=start + draw(st.integers(0, 5)))
    table = card.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    lines = [Row(f"item{i}", f"사업 {i}") for i in range(draw(st.integers(1, 4)))]
    table.rows[0:0] = lines
    years = [c.key for c in table.columns if year_of(c.key) is not None]
    sources = [r for r in table.rows if r.group]
    for y in years:
        total: Decimal | None = None
        for line in lines:
            v = draw(amounts_at(places))
            if v is not None:
                line.cells[y] = v
                total = v if total is None else total + v
        if total is not None:
            draw(st.sampled_from(sources)).cells[y] = total
    _consistent(TableValues(table), draw)
    return card, t


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_standard() | consistent_guro())
def test_consistent_tables_have_no_sum_errors(made: tuple[Card, Template]) -> None:
    card, t = made
    found = check_card(card, t)
    assert [f for f in found if f.code.startswith("sum.")] == []
    assert counts(found)[0] == 0
    # random 투입 may exceed 소요 (a warning, rightly); nothing else is suspicious in these tables
    assert {f.code for f in found} <= {"bound.le"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards())
def test_any_valid_card_checks_without_exception(card: Card) -> None:
    from tests.strategies import registry_with_foreign

    t = registry_with_foreign().get(card.template)
    found = check_card(card, t)
    errors, warnings = counts(found)
    assert errors + warnings == len(found)
    for f in found:
        assert CODES[f.code][0] == f.severity and f.message
        describe_place(card, t, f.place)
        if f.place.block and (f.place.row or f.place.col):
            block = card.block(f.place.block)
            assert block is not None
            table = block.table if not f.place.item else block.items[f.place.item[0]].table
            assert table is not None and table.row(f.place.row) is not None and table.column(f.place.col) is not None
    for block in card.blocks:
        paths = [()] + [(i,) for i, it in enumerate(block.items) if it.table is not None]
        for path in paths:
            if card.block(block.key) is not block:
                continue  # a repeated block key: the editor addresses the first
            share = [f for f in found if f.place.block == block.key and f.place.item == path]
            assert check_table(card, t, block.key, path) == share
