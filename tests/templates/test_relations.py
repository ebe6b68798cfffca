"""Relations with signs, across tables, precision and △ per row or cell (issue 15, SPEC §3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.checks import check_card, check_cell_text, check_table, codes
from desktop.core.numbers import NumberError
from desktop.core.templates import TemplateError
from tests.templates.helpers import card_of, fill, table_block, tbl, template

BUDGET = table_block("budget", {
    "corner": "사업명", "unit": "천원", "addable_rows": True,
    "columns": [{"key": "budget", "label": "예산액"}, {"key": "spent", "label": "집행액"},
                {"key": "planned", "label": "집행예정액"}, {"key": "remain", "label": "예상잔액"}],
    "rows": [{"key": "total", "label": "계"}, {"key": "a", "label": "가 사업"}, {"key": "b", "label": "나 사업"}],
    "relations": [
        {"kind": "sum", "axis": "col", "target": "total", "of": "rest"},
        {"kind": "linear", "axis": "row", "target": "remain", "terms": ["budget", "-spent", "-planned"]},
    ],
}, "예산 현황")


def _budget_card() -> tuple:
    t = template(blocks=[BUDGET])
    c = card_of(t)
    fill(c, "budget", {
        "a": {"budget": "5000", "spent": "3000", "planned": "1000", "remain": "1000"},
        "b": {"budget": "2000", "spent": "500", "planned": None, "remain": "1500"},
        "total": {"budget": "7000", "spent": "3500", "planned": "1000", "remain": "2500"},
    })
    return t, c


def test_linear_relation_holds_and_every_cell_is_checked() -> None:
    t, c = _budget_card()
    assert check_card(c, t) == []
    for col in ("budget", "spent", "planned", "remain"):
        t2, c2 = _budget_card()
        r = tbl(c2, "budget").row("a")
        assert r is not None
        r.cells[col] = (r.cells[col] or Decimal(0)) + 7  # type: ignore[operator]
        found = [f for f in check_card(c2, t2) if f.code == codes.LINEAR]
        assert [(f.place.row, f.place.col) for f in found] == [("a", "remain")], col
        assert "가 사업 예상잔액" in found[0].message and "−" in found[0].message


def test_linear_message_shows_the_signs() -> None:
    t, c = _budget_card()
    fill(c, "budget", {"a": {"remain": "900"}})
    (f,) = [f for f in check_card(c, t) if f.code == codes.LINEAR]
    assert f.message.startswith("가 사업 예상잔액 900 ≠ 5,000 − 3,000 − 1,000 = 1,000")
    assert f.severity == "오류" and f.stated == "900" and f.computed == "1,000"


def test_an_empty_target_is_unfinished_not_wrong() -> None:
    t, c = _budget_card()
    r = tbl(c, "budget").row("a")
    assert r is not None
    del r.cells["remain"]
    assert [f for f in check_card(c, t) if f.code == codes.LINEAR] == []


def test_linear_needs_target_and_terms() -> None:
    bad = table_block("x", {"columns": [{"key": "a", "label": "A"}], "rows": [{"key": "r", "label": "R"}],
                            "relations": [{"kind": "linear", "target": "a", "terms": []}]})
    with pytest.raises(TemplateError, match="terms"):
        template(blocks=[bad])


STAFF = table_block("staff", {
    "corner": "구분", "unit": "명",
    "columns": [{"key": "g5", "label": "5급"}, {"key": "g6", "label": "6급"}],
    "rows": [{"key": "quota", "label": "정원"}, {"key": "now", "label": "현원"},
             {"key": "gap", "label": "과부족", "negative": True}],
    "relations": [{"kind": "linear", "axis": "col", "target": "gap", "terms": ["now", "-quota"]}],
}, "인력")


def test_negative_per_row_only() -> None:
    t = template(blocks=[STAFF])
    c = card_of(t)
    table = tbl(c, "staff")
    assert check_cell_text(table, "gap", "g5", "△2") == Decimal(-2)
    with pytest.raises(NumberError, match="음수"):
        check_cell_text(table, "now", "g5", "△2")
    fill(c, "staff", {"quota": {"g5": "3", "g6": "5"}, "now": {"g5": "1", "g6": "5"}, "gap": {"g5": "-2", "g6": "0"}})
    assert check_card(c, t) == []
    fill(c, "staff", {"gap": {"g5": "-1"}})
    (f,) = check_card(c, t)
    assert (f.code, f.place.row, f.place.col) == (codes.LINEAR, "gap", "g5")
    assert "과부족 5급 △1 ≠ 1 − 3 = △2" in f.message


def test_negative_in_one_cell_only() -> None:
    cell = table_block("x", {"columns": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
                             "rows": [{"key": "r", "label": "R", "negative": ["b"]}]})
    c = card_of(template(blocks=[cell]))
    table = tbl(c, "x")
    assert check_cell_text(table, "r", "b", "-3") == Decimal(-3)
    with pytest.raises(NumberError):
        check_cell_text(table, "r", "a", "-3")
    fill(c, "x", {"r": {"a": "-3", "b": "-3"}})
    found = check_card(c, template(blocks=[cell]))
    assert [(f.code, f.place.col) for f in found] == [(codes.CELL_NEGATIVE, "a")]


def test_precision_coarsest_stated() -> None:
    rows = table_block("p", {"unit": "백만원", "columns": [{"key": "v", "label": "금액"}],
                             "rows": [{"key": "total", "label": "계"}, {"key": "a", "label": "가"},
                                      {"key": "b", "label": "나"}],
                             "relations": [{"kind": "sum", "axis": "col", "target": "total"}]})
    t = template(blocks=[rows])
    c = card_of(t)
    fill(c, "p", {"total": {"v": "3875.82"}, "a": {"v": "1937.9"}, "b": {"v": "1937.9"}})
    assert check_card(c, t) == []
    fill(c, "p", {"b": {"v": "1937.7"}})
    assert [f.code for f in check_card(c, t)] == [codes.SUM_COL]
    # one precision: exact, as before
    fill(c, "p", {"total": {"v": "3875.81"}, "a": {"v": "1937.90"}, "b": {"v": "1937.90"}})
    assert [f.code for f in check_card(c, t)] == [codes.SUM_COL]


YEARS = [{"key": f"plan_{y}", "label": "계획액", "group": f"{y}년"} for y in (2019, 2020)] + \
        [{"key": f"sec_{y}", "label": "확보액", "group": f"{y}년"} for y in (2019, 2020)]


def _two_tables() -> tuple:
    t = template(
        fields=[{"key": "title", "label": "사업명"}, {"key": "period", "label": "사업기간", "kind": "years"},
                {"key": "budget", "label": "소요예산", "kind": "figure", "unit": "백만원"}],
        blocks=[table_block("invest", {"unit": "백만원", "columns": YEARS, "rows": [{"key": "total", "label": "계"}]},
                            "연차별 투자계획"),
                table_block("spent", {"unit": "백만원", "columns": [{"years": True}],
                                      "rows": [{"key": "spent", "label": "집행액"}]}, "연차별 집행액")],
        relations=[
            {"kind": "le", "each": "years", "terms": [{"block": "spent", "row": "spent", "col": "y{year}"}],
             "target": {"block": "invest", "row": "total", "col": "sec_{year}"}},
            {"kind": "eq", "target": {"field": "budget"},
             "terms": [{"block": "invest", "row": "total", "col": "plan_2019"},
                       {"block": "invest", "row": "total", "col": "plan_2020"}]},
        ])
    c = card_of(t, start_year=2019, end_year=2020)
    fill(c, "invest", {"total": {"plan_2019": "100", "sec_2019": "120", "plan_2020": "200", "sec_2020": "150"}})
    fill(c, "spent", {"spent": {"y2019": "120", "y2020": "150"}})
    from desktop.core.model import Figure

    c.figures["budget"] = Figure(total=Decimal(300), unit="백만원")
    return t, c


def test_across_tables_per_year() -> None:
    t, c = _two_tables()
    assert check_card(c, t) == []
    fill(c, "spent", {"spent": {"y2020": "151"}})
    (f,) = check_card(c, t)
    assert (f.code, f.severity, f.place.block, f.place.row, f.place.col) == (
        codes.CROSS_LE, "경고", "spent", "spent", "y2020")
    assert f.message == "연차별 집행액 집행액 2020년 151 > 연차별 투자계획 계 2020년 확보액 150"
    # the editor's re-check of that one table shows it
    assert check_table(c, t, "spent") == [f]
    assert check_table(c, t, "invest") == []


def test_across_table_and_field() -> None:
    t, c = _two_tables()
    fill(c, "invest", {"total": {"plan_2020": "250"}})
    (f,) = check_card(c, t)
    assert (f.code, f.place.field) == (codes.CROSS_EQ, "budget")
    assert f.message.startswith("소요예산 300 ≠ 100 + 250 = 350")


def test_card_relation_refuses_bad_references() -> None:
    with pytest.raises(TemplateError, match=r"relations\[0\].target"):
        template(relations=[{"kind": "le", "terms": [{"field": "x"}], "target": {"block": "a"}}])
    with pytest.raises(TemplateError, match="eq, le"):
        template(relations=[{"kind": "ge", "terms": [{"field": "x"}], "target": {"field": "y"}}])


def test_le_target_may_be_a_list() -> None:
    le = table_block("x", {"columns": [{"key": "a", "label": "A"}],
                           "rows": [{"key": "p", "label": "계획"}, {"key": "e", "label": "집행"}],
                           "relations": [{"kind": "le", "axis": "col", "of": ["e"], "target": ["p"]}]})
    t = template(blocks=[le])
    c = card_of(t, base_date=date(2025, 1, 1))
    fill(c, "x", {"p": {"a": "1"}, "e": {"a": "2"}})
    assert [f.code for f in check_card(c, t)] == [codes.BOUND_LE]
    from desktop.core.cardfile import card_to_json, cards_from_json

    back = cards_from_json({"format": "pledgecard-cards", "version": 1, "cards": [card_to_json(c)]})[0]
    assert tbl(back, "x").relations == tbl(c, "x").relations


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
       st.decimals(min_value=0, max_value=10**6, places=1, allow_nan=False),
       st.integers(min_value=0, max_value=2))
def test_agree_at_the_coarsest_stated_precision(total: Decimal, part: Decimal, places: int) -> None:
    from decimal import ROUND_HALF_UP

    from desktop.core.checks.precision import agree

    stated = total.quantize(Decimal(1).scaleb(-places))
    parts = [part, part]
    exact = part * 2
    unit = Decimal(1).scaleb(-min(places, 1))
    mixed = places != 1
    rounded = stated.quantize(unit, ROUND_HALF_UP) == exact.quantize(unit, ROUND_HALF_UP)
    expected = stated == exact or (mixed and rounded)
    assert agree(stated, exact, [stated, *parts]) == expected
    assert agree(exact, exact, [stated, *parts])


def test_list_headers_speak_the_templates_words() -> None:
    from datetime import UTC, datetime

    from db.store import CardSummary
    from desktop.core.templates import TemplateRegistry
    from desktop.ui.cardlist import COLUMNS, list_headers

    reg = TemplateRegistry.load()

    def row(template: str) -> CardSummary:
        return CardSummary(id="x", pledge_id="y", template=template, number="1", title="t", dept="d", status="",
                           progress=None, base_date=None, org="", errors=0, warnings=0, version=1,
                           updated_at=datetime.now(UTC), deleted=False, search_text="")

    assert list_headers([row("standard")], reg.templates) == COLUMNS
    heads = list_headers([row("dept-project"), row("dept-project"), row("standard")], reg.templates)
    assert heads[:3] == ["관리번호", "사업명", "부서"] and heads[3:5] == ["추진상황", "진도"]
