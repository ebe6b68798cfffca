"""계산값으로 바꾸기 for the whole chain (issue 11 item 17), in the core: after the fix the sums of the
table agree, whatever one slip was made in a table that added up."""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.chainfix import chain_fix
from desktop.core.checks import check_card, counts
from desktop.core.model import Card
from desktop.core.tables import TableValues
from desktop.core.templates import Template
from tests.checks.helpers import load
from tests.checks.test_properties import amounts, consistent_guro, consistent_standard


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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_standard() | consistent_guro(), st.data())
def test_any_one_slip_is_fixed_by_the_chain(made: tuple[Card, Template], data: st.DataObject) -> None:
    card, t = made
    table = card.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    tv = TableValues(table)
    typed = [(r.key, c.key) for r in table.rows for c in table.columns
             if c.kind == "number" and not tv.is_derived(r.key, c.key)]
    row, col = data.draw(st.sampled_from(typed))
    r = table.row(row)
    assert r is not None
    r.cells[col] = data.draw(amounts)  # the slip
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
