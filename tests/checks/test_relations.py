"""Each declared relation kind: change one figure of a sample and the finding sits at the right cell,
with the right severity and the numbers in its message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.checks import check_card, check_table
from desktop.core.findings import ERROR, WARNING, Place
from desktop.core.layout import new_card
from desktop.core.model import Column, Relation, Row, Table
from tests.checks.helpers import brief, check, load, put, reg, table


def test_row_sum_slip_the_spec_example() -> None:
    card, t = load("2-2-1")
    put(table(card), "plan_national", "y2026", "203")
    assert brief(check(card, t)) == [
        ("sum.row", ERROR, "plan_national", "total", "소요예산 국비 계 700 ≠ 220 + 250 + 203 = 673"),
        ("sum.col", ERROR, "plan_total", "y2026", "소요예산 총계 2026년 230 ≠ 203"),
    ]
    (f, _) = check(card, t)
    assert (f.stated, f.computed) == ("700", "673")
    assert f.place == Place(block="invest", row="plan_national", col="total")


def test_column_sum_slip() -> None:
    card, t = load("2-2-1")
    put(table(card), "plan_total", "y2024", "280")
    assert brief(check(card, t)) == [
        ("sum.row", ERROR, "plan_total", "total", "소요예산 총계 계 750 ≠ 280 + 250 + 230 = 760"),
        ("sum.col", ERROR, "plan_total", "y2024", "소요예산 총계 2024년 280 ≠ 220 + 50 = 270"),
    ]


def test_thousands_separators_in_messages() -> None:
    card, t = load("III-2-1")
    put(table(card), "item1", "y2018", "5,300".replace(",", ""))
    got = brief(check(card, t))
    assert ("sum.row", ERROR, "item1", "total",
            "○ 중소기업·소상공인 융자지원 연도별 투자계획 계 26,460 ≠ "
            "5,300 + 5,360 + 5,300 + 5,300 + 5,300 = 26,560") in got


def test_stated_dash_against_a_computed_amount_is_a_slip() -> None:
    card, t = load("2-2-1")
    put(table(card), "exec_total", "y2025", None)  # the seed's 170, written "-"
    got = brief(check(card, t))
    assert ("sum.col", ERROR, "exec_total", "y2025", "투입예산 총계 2025년 - ≠ 170") in got


def test_stated_dash_and_nothing_to_add_agree() -> None:
    card, t = load("2-2-1")
    tab = table(card)
    assert tab.row("plan_city").cells.get("total", "absent") is None  # type: ignore[union-attr]
    assert check(card, t) == []


def test_a_derived_cell_not_stated_is_computed_and_never_disagrees() -> None:
    card, t = load("2-2-1")
    tab = table(card)
    for key in ("plan_total", "exec_total"):
        tab.row(key).cells.clear()  # type: ignore[union-attr]
    for r in tab.rows:
        r.cells.pop("total", None)
    put(tab, "plan_national", "y2026", "203")  # nothing in the table disagrees with it any more…
    # …but the header summary, stated, now disagrees with the computed table.
    assert brief(check(card, t)) == [
        ("figure.total", ERROR, "plan_total", "total", "소요예산 750백만원 ≠ 투자계획 소요예산 총계 계 723백만원"),
        ("figure.source", ERROR, "plan_national", "total",
         "소요예산 국 700백만원 ≠ 투자계획 소요예산 국비 계 673백만원"),
    ]


def test_stated_total_with_every_part_empty() -> None:
    card, t = load("2-2-1")
    tab = table(card)
    for src in ("national", "district"):
        for c in tab.columns:
            put(tab, f"plan_{src}", c.key, None)
    got = brief(check(card, t))
    assert ("sum.col", ERROR, "plan_total", "y2024", "소요예산 총계 2024년 270 ≠ - (더할 칸이 모두 비어 있음)") in got


def test_second_relation_onto_a_computed_cell() -> None:
    """구로구 총 계 = line items (computes it) = the 예산구분 sources (checks it)."""
    card, t = load("III-2-1")
    tab = table(card)
    tab.row("grand").cells.clear()  # type: ignore[union-attr]
    put(tab, "src_district", "y2019", "5,300".replace(",", ""))
    found = [f for f in check(card, t) if f.code == "sum.col"]
    # "총 계" closes up
    assert brief(found) == [("sum.col", ERROR, "grand", "y2019", "총계 연도별 투자계획 2019년 5,400 ≠ 5,300")]
    assert (found[0].stated, found[0].computed) == ("5,400", "")  # shown computed: nothing stated to replace


def test_sources_left_empty_under_a_computed_total_are_unfinished_not_wrong() -> None:
    card, t = load("III-2-1")
    tab = table(card)
    tab.row("grand").cells.clear()  # type: ignore[union-attr]
    for r in tab.rows:
        if r.group:
            r.cells.clear()
    assert [f for f in check(card, t) if f.place.block == "invest"] == []


# ---------------------------------------------------------------- le

def test_over_execution_warns_at_the_cell() -> None:
    card, t = load("2-2-1")
    tab = table(card)
    put(tab, "exec_national", "y2025", "260")
    put(tab, "exec_national", "total", "480")
    put(tab, "exec_total", "y2025", "260")
    put(tab, "exec_total", "total", "530")
    found = check(card, t)
    assert brief(found) == [
        ("bound.le", WARNING, "exec_national", "y2025", "투입예산 국비 2025년 260 > 소요예산 국비 2025년 250"),
    ]
    assert found[0].stated == "260"


def test_over_execution_the_brief_example() -> None:
    card, t = load("2-2-1")
    put(table(card), "exec_national", "y2025", "300")
    got = brief(check(card, t))
    assert ("bound.le", WARNING, "exec_national", "y2025", "투입예산 국비 2025년 300 > 소요예산 국비 2025년 250") in got
    assert [g[0] for g in got].count("bound.le") == 1


def test_execution_without_any_plan_warns() -> None:
    card, t = load("1-2-2")
    tab = table(card)
    put(tab, "exec_city", "y2022", "1.5")
    put(tab, "exec_city", "total", "1.5")
    put(tab, "exec_total", "y2022", "3.9")
    put(tab, "exec_total", "total", "6.3")
    assert brief(check(card, t)) == [
        ("bound.le", WARNING, "exec_city", "y2022", "투입예산 시비 2022년 1.5 > 소요예산 시비 2022년 -"),
    ]


def test_plan_without_execution_is_fine() -> None:
    card, t = load("1-2-2")  # 소요 2024/2025 2.4 each, 투입 "-": no warning
    assert table(card).row("exec_district").cells["y2025"] is None  # type: ignore[union-attr]
    assert check(card, t) == []


# ---------------------------------------------------------------- no_future

def test_execution_after_the_base_year_warns() -> None:
    card, t = load("1-2-2")  # 기준일 2024. 6. 30.
    tab = table(card)
    put(tab, "exec_district", "y2025", "1.2")
    put(tab, "exec_district", "total", "6.0")
    put(tab, "exec_total", "y2025", "1.2")
    put(tab, "exec_total", "total", "6.0")
    assert brief(check(card, t)) == [
        ("future.amount", WARNING, "exec_district", "y2025",
         "투입예산 구비 2025년 1.2: 기준일(2024. 6. 30.) 이후 연도의 금액입니다"),
    ]


def test_execution_in_the_base_year_is_fine_and_no_base_date_means_no_check() -> None:
    card, t = load("1-2-2")
    tab = table(card)
    for key in ("exec_district", "exec_total"):
        put(tab, key, "y2024", "2.4")
        put(tab, key, "total", "7.2")
    assert check(card, t) == []
    put(tab, "exec_district", "y2026", "1")
    put(tab, "exec_total", "y2026", "1")
    put(tab, "exec_district", "total", "8.2")
    put(tab, "exec_total", "total", "8.2")
    assert [f.code for f in check(card, t)] == ["bound.le", "future.amount"]
    card.base_date = None
    assert [f.code for f in check(card, t)] == ["bound.le"]


# ---------------------------------------------------------------- ratio

def _budget_table(rate: str) -> Table:
    """예산 현황 of a 부서별 주요업무 보고: 예산액, 집행액, 집행율 (%) — a declared ratio."""
    t = Table(key="status", unit="천원", columns=[Column("total", "계"), Column("h1", "상반기")],
              rows=[Row("budget", "예산액"), Row("spent", "집행액"), Row("rate", "집행율", unit="%")],
              relations=[Relation("ratio", "col", target="rate", num="spent", den="budget")])
    t.rows[0].cells = {"total": Decimal("5021120"), "h1": Decimal("100")}
    t.rows[1].cells = {"total": Decimal("3464920"), "h1": Decimal("50")}
    t.rows[2].cells = {"total": Decimal(rate), "h1": Decimal("50")}
    return t


def _ratio_findings(rate: str) -> list[tuple[str, str, str, str, str]]:
    template = reg().get("standard")
    card = new_card(template, number="9-9")
    block = card.block("results")
    assert block is not None
    block.table = _budget_table(rate)
    return brief(check_card(card, template))


@pytest.mark.parametrize("rate", ["69", "69.0", "69.01"])
def test_ratio_at_the_stated_precision_is_clean(rate: str) -> None:
    assert _ratio_findings(rate) == []


@pytest.mark.parametrize(("rate", "code", "severity", "shown"), [
    # 3,464,920 / 5,021,120 = 69.0078…%: one unit of the last digit off is a rounding habit (경고),
    # more is a contradiction (오류) — SPEC §3.
    ("70", "ratio.rounding", WARNING, "69.0%"),
    ("68", "ratio.rounding", WARNING, "69.0%"),
    ("71", "ratio", ERROR, "69.0%"),
    ("69.1", "ratio.rounding", WARNING, "69.01%"),
    ("69.2", "ratio", ERROR, "69.01%"),
    ("7", "ratio", ERROR, "69.0%"),
])
def test_ratio_off_by_units_of_its_last_digit(rate: str, code: str, severity: str, shown: str) -> None:
    got = _ratio_findings(rate)
    suffix = " (마지막 자리 1 차이)" if severity == WARNING else ""
    assert got == [(code, severity, "rate", "total", f"집행율 계 {rate}% ≠ 3,464,920 / 5,021,120 = {shown}{suffix}")]


def test_ratio_along_rows_and_an_undefined_ratio() -> None:
    t = Table(key="staff", columns=[Column("quota", "정원"), Column("now", "현원"), Column("rate", "충원율", unit="%")],
              rows=[Row("g6", "6급"), Row("g7", "7급")],
              relations=[Relation("ratio", "row", target="rate", num="now", den="quota")])
    t.rows[0].cells = {"quota": Decimal(4), "now": Decimal(3), "rate": Decimal(80)}
    t.rows[1].cells = {"quota": Decimal(0), "now": Decimal(0), "rate": Decimal(0)}  # 0/0: nothing to say
    template = reg().get("standard")
    card = new_card(template)
    card.block("overview").table = t  # type: ignore[union-attr]
    assert brief(check_card(card, template)) == [
        ("ratio", ERROR, "g6", "rate", "6급 충원율 80% ≠ 3 / 4 = 75.0%"),
    ]


def test_ratio_with_an_absurd_scale_is_skipped_not_a_crash() -> None:
    t = _budget_table("70")
    t.relations[0].scale = Decimal("NaN")
    template = reg().get("standard")
    card = new_card(template)
    card.block("results").table = t  # type: ignore[union-attr]
    assert check_card(card, template) == []


# ---------------------------------------------------------------- stored negatives

def test_negative_stored_in_a_budget_cell_warns() -> None:
    card, t = load("2-2-1")
    tab = table(card)
    put(tab, "plan_district", "y2024", "-50")
    found = check(card, t)
    want = ("cell.negative", WARNING, "plan_district", "y2024", "소요예산 구비 2024년 △50: 음수를 쓸 수 없는 칸입니다")
    assert want in brief(found)


def test_check_table_is_the_tables_share_of_check_card() -> None:
    card, t = load("2-2-1")
    put(table(card), "plan_national", "y2026", "203")
    card.figures["budget"].total = Decimal(760)
    whole = check_card(card, t)
    part = check_table(card, t, "invest")
    assert part == [f for f in whole if f.place.block == "invest" and f.place.item == ()]
    assert {f.code for f in part} == {"sum.row", "sum.col", "figure.total"}
    assert check_table(card, t, "nope") == [] and check_table(card, t, "invest", (99,)) == []
