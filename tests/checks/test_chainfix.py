"""계산값으로 바꾸기 for the whole chain (issue 11 item 17), in the core: after the fix the sums of the
table agree, whatever one slip was made in a table that added up."""

from __future__ import annotations

import copy
from decimal import Decimal
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.chainfix import chain_fix
from desktop.core.checks import check_card, counts
from desktop.core.model import Card, Table
from desktop.core.tables import TableValues
from desktop.core.templates import Template
from tests.checks.helpers import load
from tests.checks.test_properties import amounts_at, consistent_guro, consistent_standard


def apply(card: Card, fix) -> None:  # type: ignore[no-untyped-def]
    block = card.block(fix.block)
    assert block is not None
    if fix.item:
        block.items[fix.item[0]].table = fix.table
    else:
        block.table = fix.table
    for key, fig in fix.figures.items():
        card.figures[key] = fig


def test_a_slip_in_the_sample_is_fixed_with_its_chain_and_header() -> None:
    card, t = load("2-2-1")
    card.block("invest").table.row("plan_national").cells["y2025"] = Decimal(300)  # type: ignore[union-attr]
    found = check_card(card, t)
    assert counts(found)[0] == 2
    f = next(f for f in found if (f.place.row, f.place.col) == ("plan_national", "total"))
    fix = chain_fix(card, t, f)
    assert fix is not None
    assert [(c.where, c.old, c.new) for c in fix.changes] == [
        ("투자계획 소요예산 국비 계", "700", "750"),
        ("투자계획 소요예산 총계 계", "750", "800"),
        ("투자계획 소요예산 총계 2025년", "250", "300"),
        ("소요예산", "750백만원(국700 구50)", "800백만원(국750 구50)"),
    ]
    original = copy.deepcopy(card)
    apply(card, fix)
    assert counts(check_card(card, t))[0] == 0
    assert card.block("invest") != original.block("invest")  # the input card itself was not touched:
    assert original.block("invest").table.row("plan_total").cells["total"] == Decimal(750)  # type: ignore[union-attr]


def test_the_guro_slip_is_one_cell() -> None:
    card, t = load("III-2-1")
    f = next(f for f in check_card(card, t) if f.place.row == "marketing")
    fix = chain_fix(card, t, f)
    assert fix is not None and [(c.old, c.new) for c in fix.changes] == [("19", "29")]
    apply(card, fix)
    assert counts(check_card(card, t))[0] == 0


one_precision = st.integers(0, 2).flatmap(
    lambda p: st.tuples(st.just(p), consistent_standard(places=p) | consistent_guro(places=p)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_precision, st.data())
def test_any_one_slip_is_fixed_by_the_chain(made: tuple[int, tuple[Card, Template]], data: st.DataObject) -> None:
    """A table written at one precision (as a table is), one slip at that precision. With parts stated
    coarser than their total, SPEC §3's precision rule lets a part absorb a difference in one relation
    and not in another onto the same total, so "never more errors" is not promised there (the cases
    pinned above are fixed: tests a_coarse_… and a_rounded_zero_…)."""
    places, (card, t) = made
    table = card.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    tv = TableValues(table)
    typed = [(r.key, c.key) for r in table.rows for c in table.columns
             if c.kind == "number" and not tv.is_derived(r.key, c.key)]
    row, col = data.draw(st.sampled_from(typed))
    r = table.row(row)
    assert r is not None
    r.cells[col] = data.draw(amounts_at(places))  # the slip
    before = check_card(card, t)
    sums = [f for f in before if f.code.startswith("sum.") and f.computed]
    if not sums:
        return
    fix = chain_fix(card, t, data.draw(st.sampled_from(sums)))
    assert fix is not None and fix.changes
    apply(card, fix)
    after = check_card(card, t)
    assert counts(after)[0] <= counts(before)[0]  # never more errors (one cell alone could make 2 into 3)
    # What may remain is a contradiction between typed parts (구로구: line items against the 예산구분
    # sources), which no replaced total can settle: never a stated total.
    if card.template == "standard":  # one reading of every total: the chain settles all of them
        assert [f for f in after if f.code.startswith("sum.")] == []
    tv = TableValues(fix.table)
    assert [f for f in after if f.code.startswith("sum.") and tv.stated(f.place.row, f.place.col)[0]] == []


# The falsifying examples found at the merge of issues 15 and 18 (and one the property found after), pinned.

def _guro(years: int, items: int) -> tuple[Card, Template, Table]:
    from desktop.core.layout import new_card
    from desktop.core.model import Row
    from tests.checks.helpers import reg

    t = reg().get("guro")
    card = new_card(t, start_year=2018, end_year=2018 + years - 1)
    table = card.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    table.rows[0:0] = [Row(f"item{i}", f"사업 {i}") for i in range(items)]
    return card, t, table


def _fix_keeps_errors(card: Card, t: Template, row: str, col: str) -> list[str]:
    before = check_card(card, t)
    f = next(f for f in before if (f.place.row, f.place.col) == (row, col))
    fix = chain_fix(card, t, f)
    assert fix is not None and fix.changes
    apply(card, fix)
    after = check_card(card, t)
    assert counts(after)[0] <= counts(before)[0], [g.message for g in after]
    return [g.message for g in after]


def test_a_coarse_line_total_does_not_hide_a_slip_the_sources_see() -> None:
    """item0 2018 0.1 (a slip) under its 계 "0": the 총 계 2018 0.0 disagrees with the line items; the
    line's "0" must not absorb the 0.1, or replacing the 총 계 shows the sources' contradiction twice."""
    card, t, table = _guro(1, 1)
    table.row("item0").cells.update({"y2018": D("0.1"), "total": D("0")})  # type: ignore[union-attr]
    table.row("grand").cells.update({"y2018": D("0.0")})  # type: ignore[union-attr]
    table.row("src_national").cells.update({"y2018": D("0.0")})  # type: ignore[union-attr]
    assert [f.place.row for f in check_card(card, t) if f.code.startswith("sum.")] == ["item0", "grand"]
    _fix_keeps_errors(card, t, "grand", "y2018")


def test_a_total_its_sources_confirm_is_not_replaced_by_empty_line_items() -> None:
    card, t, table = _guro(1, 1)
    table.row("item0").cells.update({"y2018": None})  # type: ignore[union-attr]  # the slip: 1 → "-"
    table.row("grand").cells.update({"y2018": D(1)})  # type: ignore[union-attr]
    table.row("src_national").cells.update({"y2018": D(1), "total": D(1)})  # type: ignore[union-attr]
    # the line items are unfinished, not contradictory: the sources confirm the 총 계
    assert [f for f in check_card(card, t) if f.code.startswith("sum.")] == []


def test_a_part_total_agreeing_only_by_rounding_follows_the_chain() -> None:
    """표준: 국비 계 "0.0" over "0" + 0.1 + 0.0; once 총계 2018 follows its parts, 국비 계 must follow too."""
    card, t = load("2-2-1")
    table = card.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    for r in table.rows:
        r.cells.clear()
    table.row("plan_total").cells.update(  # type: ignore[union-attr]
        {"total": D("0.0"), "prior": D("0.0"), "y2024": None, "y2025": D("0.0")})
    table.row("plan_national").cells.update(  # type: ignore[union-attr]
        {"prior": D("0"), "y2025": D("0.0"), "total": D("0.0"), "y2024": D("0.1")})
    table.row("plan_district").cells.update({"prior": D("0.0"), "total": D("0.0")})  # type: ignore[union-attr]
    left = _fix_keeps_errors(card, t, "plan_total", "y2024")
    assert [m for m in left if "≠" in m and "소요예산" in m] == []


def test_a_rounded_zero_part_does_not_make_a_relation_coarse() -> None:
    from desktop.core.checks.precision import agree_total

    assert not agree_total(D("0.0"), D("0.1"), D("0.0"), [D("0.1"), D("0")])
    assert not agree_total(D("0"), D("0.1"), D("0"), [D("0.1")])  # a total coarser than its part
    assert not agree_total(D("0.1"), D(0), D("0.1"), [D("0")])  # a zero part is no rounded figure
    assert agree_total(D("3875.82"), D("3875.8"), D("3875.82"), [D("1937.9"), D("1937.9")])
    assert not agree_total(D("3875.82"), D("3875.6"), D("3875.82"), [D("1937.9"), D("1937.7")])
