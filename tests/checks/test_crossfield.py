"""Checks across fields: 진도, 완료 ⇔ 100, 사업기간 and the year columns, 기준일 inside a period."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.checks import check_card, check_table, describe_place, parse_period
from desktop.core.findings import ERROR, WARNING, Place
from desktop.core.layout import sync_year_columns
from tests.checks.helpers import brief, check, load, table


def fields(card_template: tuple[object, object]) -> list[tuple[str, str, str, str]]:
    card, t = card_template
    return [(f.code, f.severity, f.place.field, f.message) for f in check_card(card, t)]  # type: ignore[arg-type]


@pytest.mark.parametrize("progress", [120, -5, 101])
def test_progress_outside_0_to_100(progress: int) -> None:
    card, t = load("2-2-1")
    card.progress = progress
    assert fields((card, t)) == [("progress.range", ERROR, "progress", f"진도 {progress}%: 0~100 사이여야 합니다")]


@pytest.mark.parametrize("progress", [0, 100])
def test_progress_bounds_are_allowed(progress: int) -> None:
    card, t = load("2-2-1")
    card.progress = progress
    assert [f for f in check(card, t) if f.code == "progress.range"] == []


def test_done_without_100_and_100_without_done() -> None:
    card, t = load("2-2-1")
    card.status = "완료"
    assert fields((card, t)) == [
        ("status.done", WARNING, "progress", "추진상황 '완료'인데 진도가 75%입니다 (완료면 100%)")]
    card.progress = None
    assert fields((card, t)) == [
        ("status.done", WARNING, "progress", "추진상황 '완료'인데 진도가 비어 있습니다 (완료면 100%)")]
    card.progress = 100
    assert fields((card, t)) == []
    card.status = "추진중"
    assert fields((card, t)) == [
        ("status.not_done", WARNING, "status", "진도 100%인데 추진상황이 '추진중'입니다 (완료 상태: 완료)")]


def test_a_template_without_done_statuses_says_nothing() -> None:
    card, t = load("III-2-1")
    card.progress = 100
    card.status = "계속"
    assert [f.code for f in check(card, t)] == ["sum.row"]  # the seed's own slip only


def test_period_start_after_end() -> None:
    card, t = load("2-2-1")
    card.start_year, card.end_year = 2027, 2026
    assert fields((card, t)) == [
        ("period.order", ERROR, "period", "사업기간 2027 ~ 2026: 시작 연도가 끝 연도보다 늦습니다")]


@pytest.mark.parametrize(("start", "end", "why"), [
    (2024, 2027, "2027년 열이 없음"),
    (2023, 2026, "2023년 열이 없음"),
    (2025, 2026, "2024년 열이 더 있음"),
    (2020, 2023, "2020, 2021, 2022, 2023년 열이 없음, 2024~2026년 열이 더 있음".replace("2020, 2021, 2022, 2023년",
                                                                         "2020~2023년")),
])
def test_year_columns_against_the_period(start: int, end: int, why: str) -> None:
    card, t = load("2-2-1")
    card.start_year, card.end_year = start, end
    assert brief(check(card, t)) == [
        ("years.mismatch", ERROR, "", "",
         f"투자계획 표의 연도 열(2024~2026년)이 사업기간({start} ~ {end})에 맞지 않습니다: {why}"),
    ]
    assert check(card, t)[0].place == Place(block="invest")
    sync_year_columns(table(card), list(range(start, end + 1)))  # what the editor does when asked
    assert [f for f in check(card, t) if f.code == "years.mismatch"] == []


def test_every_table_with_year_columns_is_held_to_the_period() -> None:
    card, t = load("III-2-1")
    card.end_year = 2021
    got = [(f.place.block, f.message) for f in check(card, t) if f.code == "years.mismatch"]
    assert got == [
        ("indicators",
         "연도 확인지표 표의 연도 열(2018~2022년)이 사업기간(2018 ~ 2021)에 맞지 않습니다: 2022년 열이 더 있음"),
        ("invest",
         "연도별 투자계획 표의 연도 열(2018~2022년)이 사업기간(2018 ~ 2021)에 맞지 않습니다: 2022년 열이 더 있음"),
    ]


def test_base_date_inside_the_results_period() -> None:
    card, t = load("2-2-1")  # [2025. 1. 1.~2025. 9. 30.], 기준일 2025. 9. 30. (the last day: inside)
    assert check(card, t) == []
    card.base_date = date(2025, 10, 31)
    found = check(card, t)
    assert brief(found) == [(
        "base_date.period", ERROR, "", "",
        "기준일 2025. 10. 31.이 추진실적 기간 [2025. 1. 1.~2025. 9. 30.] 밖입니다 (기간이 끝난 뒤)")]
    assert found[0].place == Place(field="base_date", block="results")
    assert describe_place(card, t, found[0].place) == "기준일 › 추진실적"
    assert check_table(card, t, "results") == found
    card.base_date = date(2024, 12, 31)  # (and 투입 2025 becomes spending after the 기준일's year)
    assert [x[4] for x in brief(check(card, t)) if x[0] == "base_date.period"] == [
        "기준일 2024. 12. 31.이 추진실적 기간 [2025. 1. 1.~2025. 9. 30.] 밖입니다 (기간이 시작되기 전)"]


def test_an_unreadable_period_is_not_checked() -> None:
    card, t = load("2-2-1")
    results = card.block("results")
    assert results is not None
    results.period = "[2025. 상반기]"
    card.base_date = date(2030, 1, 1)
    assert [f for f in check(card, t) if f.code == "base_date.period"] == []


def test_a_template_without_base_date_skips_the_period() -> None:
    card, t = load("III-2-1")  # 주민배심원단 권고안 [2018.8.9. ~ 8.30]; the 구로구 plan has no 기준일
    card.base_date = date(2025, 1, 1)
    assert [f.code for f in check(card, t)] == ["sum.row"]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("[2025. 1. 1.~2025. 9. 30.]", date(2025, 1, 1), date(2025, 9, 30)),
    ("[2018.8.9. ~ 8.30]", date(2018, 8, 9), date(2018, 8, 30)),
    ("2025. 2. ~ 12.", date(2025, 2, 1), date(2025, 12, 31)),
    ("2024. 12. ~ 2.", date(2024, 12, 1), date(2025, 2, 28)),
    ("2024. 9. ~ 2025. 9.", date(2024, 9, 1), date(2025, 9, 30)),
    ("【2025.1.1 ∼ 2025.6.30】", date(2025, 1, 1), date(2025, 6, 30)),
    ("['25. 1. 1.~'25. 3. 31.]", date(2025, 1, 1), date(2025, 3, 31)),
    ("2023. 1. 26.~ 2025. 1. 25.", date(2023, 1, 26), date(2025, 1, 25)),
])
def test_periods_as_written(text: str, start: date, end: date) -> None:
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize("text", ["", "[2025. 상반기]", "2025.13.1~2025.9.30", "2025~2026", "1.1~2.2", "~",
                                  "2025.1.1~2025.1.1~2025.2.1", "2025.1.1~2025.1.9999999999999999999999"])
def test_periods_that_are_not_two_dates(text: str) -> None:
    assert parse_period(text) is None
