"""Figure fields: the split adds up, the total equals the table, each source's part equals its row.
Numbers in prose are never read."""

from __future__ import annotations

import json
from decimal import Decimal

from desktop.core.checks import check_card, check_table
from desktop.core.findings import ERROR, WARNING, Place
from desktop.core.layout import new_card
from desktop.core.model import Figure, Item
from desktop.core.templates import template_from_json
from tests.checks.helpers import brief, check, load, put, table

D = Decimal


def test_header_summary_against_the_table() -> None:
    card, t = load("2-2-1")
    card.figures["budget"] = Figure(D(740), "백만원", [("국", D(700)), ("구", D(40))])
    found = check(card, t)
    assert brief(found) == [
        ("figure.total", ERROR, "plan_total", "total", "소요예산 740백만원 ≠ 투자계획 소요예산 총계 계 750백만원"),
        ("figure.source", ERROR, "plan_district", "total", "소요예산 구 40백만원 ≠ 투자계획 소요예산 구비 계 50백만원"),
    ]
    total = found[0]
    assert total.place == Place(field="budget", block="invest", row="plan_total", col="total")
    assert (total.stated, total.computed) == ("740", "750")  # "계산값으로 바꾸기" puts the table's 750


def test_split_that_does_not_add_up() -> None:
    card, t = load("2-2-1")
    card.figures["budget"] = Figure(D(760), "백만원", [("국", D(700)), ("구", D(50))])
    assert brief(check(card, t)) == [
        ("figure.split", ERROR, "", "", "소요예산 760백만원 ≠ 국 700 + 구 50 = 750백만원"),
        ("figure.total", ERROR, "plan_total", "total", "소요예산 760백만원 ≠ 투자계획 소요예산 총계 계 750백만원"),
    ]
    assert check(card, t)[0].place == Place(field="budget")


def test_parts_against_the_source_rows() -> None:
    card, t = load("2-2-1")
    card.figures["budget"] = Figure(D(750), "백만원", [("국", D(690)), ("구", D(60))])
    assert brief(check(card, t)) == [
        ("figure.source", ERROR, "plan_national", "total",
         "소요예산 국 690백만원 ≠ 투자계획 소요예산 국비 계 700백만원"),
        ("figure.source", ERROR, "plan_district", "total",
         "소요예산 구 60백만원 ≠ 투자계획 소요예산 구비 계 50백만원"),
    ]


def test_a_part_without_amount_is_the_whole_total() -> None:
    card, t = load("1-2-2")  # 9.6백만원(구비)
    assert check(card, t) == []
    card.figures["budget"] = Figure(D("9.6"), "백만원", [("시비", None)])
    assert brief(check(card, t)) == [
        ("figure.source", ERROR, "plan_city", "total", "소요예산 시비 (전액) 9.6백만원 ≠ 투자계획 소요예산 시비 계 -"),
    ]


def test_one_part_without_amount_takes_the_rest() -> None:
    card, t = load("2-2-1")
    card.figures["budget"] = Figure(D(750), "백만원", [("국", D(700)), ("구", None)])
    assert check(card, t) == []
    card.figures["budget"] = Figure(D(750), "백만원", [("국", D(800)), ("구", None)])
    got = brief(check(card, t))
    assert got[0] == ("figure.split", ERROR, "", "", "소요예산 750백만원 < 국 800 = 800백만원")


def test_units_convert_and_unknown_units_are_said() -> None:
    card, t = load("2-2-1")
    card.figures["budget"] = Figure(D(750000), "천원", [("국", D(700000)), ("구", D(50000))])
    assert check(card, t) == []
    card.figures["budget"] = Figure(D(751000), "천원", [("국", D(701000)), ("구", D(50000))])
    assert brief(check(card, t)) == [
        ("figure.total", ERROR, "plan_total", "total",
         "소요예산 751,000천원 ≠ 투자계획 소요예산 총계 계 750백만원"),
        ("figure.source", ERROR, "plan_national", "total",
         "소요예산 국 701,000천원 ≠ 투자계획 소요예산 국비 계 700백만원"),
    ]
    assert check(card, t)[0].computed == "750,000"  # the table's 750백만원 in the field's 천원
    card.figures["budget"] = Figure(D(750), "개", [])
    assert brief(check(card, t)) == [
        ("figure.unit", WARNING, "plan_total", "total",
         "소요예산의 단위 '개'와 투자계획 표의 단위 '백만원'이 달라 비교할 수 없습니다"),
    ]


def test_unknown_source_name() -> None:
    card, t = load("2-2-1")
    card.figures["budget"] = Figure(D(750), "백만원", [("국", D(700)), ("도", D(50))])
    assert brief(check(card, t)) == [
        ("figure.source_unknown", WARNING, "", "",
         "소요예산의 재원 '도'를 템플릿의 재원(국비, 시비, 구비, 기타)에서 찾을 수 없습니다"),
    ]


def test_guro_total_cost_against_the_investment_table() -> None:
    card, t = load("III-2-1")
    card.figures["total_cost"] = Figure(D(26680), "백만원")
    got = [x for x in brief(check(card, t)) if x[0].startswith("figure")]
    assert got == [
        ("figure.total", ERROR, "grand", "total",
         "총사업비 26,680백만원 ≠ 연도별 투자계획 총계 연도별 투자계획 계 26,670백만원"),
    ]


def test_a_figure_field_of_a_report_split_only() -> None:
    """SPEC §3: a 예산액 of "93,705 (시 39,570, 구비 54,130)" is 93,700 — flagged."""
    doc = {
        "format": "pledgecard-template", "version": 1, "name": "report", "label": "부서별 주요업무 보고",
        "sources": [{"key": "city", "label": "시비", "aliases": ["시"]}, {"key": "district", "label": "구비"}],
        "fields": [{"key": "budget", "label": "예산액", "kind": "figure", "unit": "천원"}],
        "blocks": [{"key": "purpose", "heading": "사업목적", "kind": "outline"}],
    }
    template = template_from_json(json.loads(json.dumps(doc)))
    card = new_card(template, number="1")
    card.figures["budget"] = Figure(D(93705), "", [("시", D(39570)), ("구비", D(54130))])
    assert brief(check_card(card, template)) == [
        ("figure.split", ERROR, "", "", "예산액 93,705천원 ≠ 시 39,570 + 구비 54,130 = 93,700천원"),
    ]


def test_numbers_in_prose_are_never_read() -> None:
    card, t = load("2-2-1")
    results = card.block("results")
    assert results is not None
    results.items.append(Item("소요예산 750백만원(국700 구40), 총 11개 업종(확대 8개 업종) = 12", 1))
    card.goals.append(Item("합계 19개사 (9 + 10 + 10)", 1))
    results.text = "예산 93,705 (시 39,570, 구비 54,130)"
    assert check(card, t) == []


def test_figure_findings_come_with_the_table_they_name() -> None:
    card, t = load("2-2-1")
    put(table(card), "plan_national", "total", "710")
    part = check_table(card, t, "invest")
    assert [f.code for f in part] == ["figure.source", "sum.row", "sum.col"]
