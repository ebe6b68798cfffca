"""The office's overview (SPEC §8, issue 16): every number of the small office of
tests/overview_office.py worked out by hand, then properties over random offices."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.layout import new_card
from desktop.core.model import Card
from desktop.core.overview import Filter, Overview, compute_overview, prepare
from desktop.core.templates import TemplateRegistry
from tests.overview_office import BEFORE, NOW, office, registry

NAMES = ["S1", "S2", "S3", "G1", "E1", "E2", "E3", "E4", "E5", "E6"]


def _office() -> tuple[Overview, dict[str, str]]:
    now, before = office()
    name = {c.id: n for c, n in zip(now, NAMES, strict=True)}
    name.update({before[0].id: "S1_old", before[1].id: "E3_old", before[2].id: "R"})
    issues = {now[0].id: (1, 0), now[5].id: (0, 2)}
    ov = compute_overview(now, registry(), issues=issues, previous=before)
    return ov, name


def _n(ids: list[str], name: dict[str, str]) -> list[str]:
    return sorted(name[i] for i in ids)


def test_statuses_and_groups_by_hand() -> None:
    ov, name = _office()
    assert ov.base_date == NOW and ov.term_end == 2026 and ov.orgs == ["시험구"]
    assert [(s.name, _n(s.cards, name)) for s in ov.statuses] == [
        ("완료", ["E1", "S1"]), ("이행후 계속추진", ["E2"]), ("정상추진", ["E3"]), ("추진중", ["S2", "S3"]),
        ("일부추진", ["E4"]), ("보류", ["E5"]), ("폐기", ["E6"]), ("-", ["G1"]),
    ]
    assert [(g.name, g.statuses, len(g.cards)) for g in ov.groups] == [
        ("완료", ["완료", "이행후 계속추진"], 3), ("추진중", ["정상추진", "추진중", "일부추진"], 4),
        ("보류", ["보류"], 1), ("폐기", ["폐기"], 1), ("-", ["-"], 1),
    ]
    by = {s.name: s for s in ov.statuses}
    assert by["보류"].definition == "군 사정으로 미룬 공약" and by["보류"].color == "#777777"  # the template's own
    assert by["폐기"].definition.startswith("공약 조정 절차") and by["폐기"].color == "#9c4a45"  # the evaluators'


def test_cross_tables_by_hand() -> None:
    ov, name = _office()
    a = ov.by_area
    assert a.keys == ["1", "2", "3", "III"]
    assert {k: _n(v, name) for k, v in a.rows.items()} == {
        "1": ["E1", "S1", "S2"], "2": ["E2", "E3", "S3"], "3": ["E4", "E5", "E6"], "III": ["G1"]}
    assert {k: _n(v, name) for k, v in a.cells.items()} == {
        ("1", "완료"): ["E1", "S1"], ("1", "추진중"): ["S2"], ("2", "추진중"): ["S3"],
        ("2", "이행후 계속추진"): ["E2"], ("2", "정상추진"): ["E3"], ("3", "일부추진"): ["E4"],
        ("3", "보류"): ["E5"], ("3", "폐기"): ["E6"], ("III", "-"): ["G1"]}
    d = ov.by_dept
    assert d.keys == ["기획예산과", "복지정책과", "안전총괄과", "지역경제과", "-"]
    assert {k: len(v) for k, v in d.rows.items()} == {
        "기획예산과": 3, "복지정책과": 3, "안전총괄과": 2, "지역경제과": 1, "-": 1}
    assert {k: _n(v, name) for k, v in d.cells.items()} == {
        ("기획예산과", "완료"): ["S1"], ("기획예산과", "추진중"): ["S3"], ("기획예산과", "폐기"): ["E6"],
        ("복지정책과", "추진중"): ["S2"], ("복지정책과", "완료"): ["E1"], ("복지정책과", "일부추진"): ["E4"],
        ("안전총괄과", "이행후 계속추진"): ["E2"], ("안전총괄과", "정상추진"): ["E3"],
        ("지역경제과", "-"): ["G1"], ("-", "보류"): ["E5"]}
    assert {s: len(v) for s, v in d.columns.items()} == {
        "완료": 2, "이행후 계속추진": 1, "정상추진": 1, "추진중": 2, "일부추진": 1, "보류": 1, "폐기": 1, "-": 1}


def test_progress_by_hand() -> None:
    ov, name = _office()
    assert [(b, _n(ids, name)) for b, ids in ov.progress] == [
        ("0~19%", ["E5", "E6"]), ("20~39%", ["E4"]), ("40~59%", ["S2"]), ("60~79%", ["E3"]),
        ("80~99%", []), ("100%", ["E1", "E2", "S1"]), ("(없음)", ["G1", "S3"])]


D = Decimal


def test_finance_by_source_meaning_by_hand() -> None:
    ov, name = _office()
    fin = ov.finance
    assert fin.unit == "백만원"
    got = {r.meaning: {s: r.amounts[s].value for s in r.amounts} for r in fin.sources}
    assert list(got) == ["국비", "시도비", "구비", "군비", "기타", "기타(미분류): 특교세"]
    zero = D(0)
    assert got["국비"] == dict(needed=D(900), needed_in_term=D(900), secured=D(750), secured_in_term=D(750),
                              spent=D(400))
    assert got["시도비"] == dict(needed=D(530), needed_in_term=D(500), secured=D(175), secured_in_term=D(175),
                               spent=zero)
    # 구로구's "구비 (기금포함)" is 구비: 9.6 (standard) + 400 (구로구); in-term 9.6 + 300
    assert got["구비"] == dict(needed=D("409.6"), needed_in_term=D("309.6"), secured=D("4.8"),
                              secured_in_term=D("4.8"), spent=zero)
    assert got["군비"] == dict(needed=D(3), needed_in_term=D(3), secured=D(3), secured_in_term=D(3),
                              spent=D("1.5"))  # stated in 원: 3,000,000원 = 3백만원
    assert got["기타"] == dict(needed=D(65), needed_in_term=D(10), secured=zero, secured_in_term=zero, spent=zero)
    assert got["기타(미분류): 특교세"] == dict(needed=D(1), needed_in_term=zero, secured=D(1),
                                          secured_in_term=zero, spent=zero)
    tot = {s: a.value for s, a in fin.total.items()}
    assert tot == dict(needed=D("1908.6"), needed_in_term=D("1722.6"), secured=D("933.8"),
                       secured_in_term=D("932.8"), spent=D("401.5"))
    assert _n(fin.total["needed"].cards, name) == ["E1", "E2", "G1", "S1", "S2"]
    assert _n(fin.sources[2].amounts["needed"].cards, name) == ["G1", "S2"]
    assert _n(fin.records["secured"], name) == ["E1", "E2", "E3", "E4", "E5", "S1", "S2", "S3"]
    assert _n(fin.records["spent"], name) == ["E1", "E2", "E3", "E4", "E5"]
    assert fin.no_budget == []
    assert [(name[c], u) for c, u in fin.unknown_unit] == [("E6", "개사")]  # 7개사 is not money: not added


def test_rates_with_definitions_by_hand() -> None:
    ov, name = _office()
    done = ov.rate("completion")
    assert (done.numerator, done.denominator, done.percent) == (D(3), D(10), D("30.0"))
    assert _n(done.numerator_cards, name) == ["E1", "E2", "S1"]
    assert "(완료 + 이행후 계속추진) ÷ 전체 공약 수" in done.definition
    sec = ov.rate("secured")  # 구로구 records no 확보: left out of both sides, and said so
    assert (sec.numerator, sec.denominator, sec.percent) == (D("933.8"), D("1158.6"), D("80.6"))
    assert _n(sec.excluded, name) == ["G1"] and "1건" in sec.note
    assert _n(sec.cards, name) == ["E1", "E2", "S1", "S2"]
    term = ov.rate("secured_in_term")
    assert (term.numerator, term.denominator, term.percent) == (D("932.8"), D("1122.6"), D("83.1"))
    assert "2026년까지" in term.definition
    spent = ov.rate("spent")
    assert (spent.numerator, spent.denominator, spent.percent) == (D("401.5"), D(753), D("53.3"))
    assert _n(spent.excluded, name) == ["G1", "S1", "S2", "S3"]
    assert "집행액 ÷ 임기 내 소요예산" in spent.definition


def test_changes_and_issues_by_hand() -> None:
    ov, name = _office()
    ch = ov.changes
    assert ch is not None and ch.previous == BEFORE
    assert _n(ch.added, name) == ["E1", "E2", "E4", "E5", "E6", "G1", "S2", "S3"]
    assert _n(ch.removed, name) == ["R"]
    assert [(t.before, t.after, _n(t.cards, name)) for t in ch.statuses] == [("추진중", "완료", ["S1"])]
    assert [(t.before, t.after, _n(t.cards, name)) for t in ch.progress] == [("80~99%", "100%", ["S1"])]
    assert _n(ov.errors, name) == ["S1"] and _n(ov.warnings, name) == ["E2"]


def test_filters_recount_everything() -> None:
    now, before = office()
    p = prepare(now, registry(), issues={}, previous=before)
    assert p.areas() == ["1", "2", "3", "III"]
    assert p.depts() == ["기획예산과", "복지정책과", "안전총괄과", "지역경제과", "-"]
    ov = p.overview(Filter(depts=frozenset({"복지정책과"})))
    assert [c.number for c in now if c.id in ov.cards] == ["1-2-1", "1-1-2", "3-1-1"]
    assert ov.finance.total["needed"].value == D("24.6") + D(751)
    assert ov.rate("completion").percent == D("33.3")
    assert ov.changes is not None and ov.changes.removed == []  # 4-1-1 was 기획예산과's
    ov = p.overview(Filter(templates=frozenset({"guro"})))
    assert len(ov.cards) == 1 and ov.rate("secured").percent is None  # nothing to divide by
    ov = p.overview(Filter(areas=frozenset({"4"})))
    assert ov.cards == [] and ov.rate("completion").percent is None


def test_what_one_filter_prepared_does_not_change_another() -> None:
    """A Prepared period keeps each card's money by scope and the pairs' moves for every re-filter of
    the dashboard: an overview is the same whichever overviews were made before it."""
    now, before = office()
    flts = [Filter(depts=frozenset({"복지정책과"})), Filter(), Filter(templates=frozenset({"guro"})),
            Filter(areas=frozenset({"1", "3"})), Filter(depts=frozenset({"기획예산과", "-"}))]
    used = prepare(now, registry(), issues={}, previous=before)
    for f in flts + flts[::-1]:
        used.overview(f)
    for f in flts:
        fresh = prepare(now, registry(), issues={}, previous=before).overview(f)
        assert used.overview(f).to_json() == fresh.to_json()


def test_json_carries_the_numbers_as_exact_strings() -> None:
    ov, _ = _office()
    doc = ov.to_json()
    assert doc["format"] == "pledgecard-summary" and doc["cards"]["count"] == 10
    assert doc["finance"]["total"]["needed"]["amount"] == "1908.6"
    rates = {r["key"]: r for r in doc["rates"]}
    assert rates["secured"]["percent"] == "80.6" and rates["secured"]["denominator"]["value"] == "1158.6"
    assert rates["completion"]["numerator"]["value"] == "3"
    assert doc["by_area"]["total"]["total"]["count"] == 10
    assert doc["changes"]["statuses"][0] == {"from": "추진중", "to": "완료", "count": 1,
                                            "cards": [ov.changes.statuses[0].cards[0]]}  # type: ignore[union-attr]


# ---------------------------------------------------------------- properties

STATUSES = ["완료", "추진중", "", "이행후 계속추진", "보류"]
REG = TemplateRegistry.load([], None)
amounts = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=1, allow_nan=False))


@st.composite
def offices(draw: Any) -> list[Card]:
    cards = []
    for i in range(draw(st.integers(0, 12))):
        c = new_card(REG.get("standard"), number=f"{draw(st.integers(1, 3))}-{i}", start_year=2024,
                     end_year=2026, status=draw(st.sampled_from(STATUSES)),
                     dept=draw(st.sampled_from(["가과", "나과", ""])),
                     progress=draw(st.one_of(st.none(), st.integers(0, 100))))
        table = c.block("invest").table  # type: ignore[union-attr]
        assert table is not None
        for row in ("plan_national", "plan_district", "exec_city"):
            for col in ("prior", "y2025", "after"):
                v = draw(amounts)
                if v is not None:
                    table.row(row).cells[col] = v  # type: ignore[union-attr]
        cards.append(c)
    return cards


@settings(max_examples=40, deadline=None)
@given(offices(), st.randoms(use_true_random=False))
def test_counts_add_up_and_order_does_not_matter(cards: list[Card], rnd: random.Random) -> None:
    ov = compute_overview(cards, REG, issues={}, term_end=2026)
    n = len(cards)
    assert sum(len(s.cards) for s in ov.statuses) == n
    assert sum(len(g.cards) for g in ov.groups) == n
    assert sum(len(ids) for _, ids in ov.progress) == n
    for cross in (ov.by_area, ov.by_dept):
        assert sum(len(v) for v in cross.rows.values()) == n
        assert sum(len(v) for v in cross.cells.values()) == n
    fin = ov.finance
    for scope, total in fin.total.items():
        assert sum((r.amounts[scope].value for r in fin.sources), Decimal(0)) == total.value
    shuffled = list(cards)
    rnd.shuffle(shuffled)
    again = compute_overview(shuffled, REG, issues={}, term_end=2026)
    assert again.to_json() == ov.to_json()


def test_template_keys_for_the_overview_are_optional_and_checked() -> None:
    import copy

    import pytest

    from desktop.core.templates import TemplateError, template_from_json
    from tests.overview_office import EVAL_TEMPLATE

    reg = TemplateRegistry.load([], None)
    guro = reg.get("guro")
    assert [s.meaning for s in guro.sources] == ["", "", "구비", "기타"]  # declared where the name says more
    bad = copy.deepcopy(EVAL_TEMPLATE)
    bad["statuses"]["info"]["보류"]["color"] = "grey"
    with pytest.raises(TemplateError, match="#RRGGBB"):
        template_from_json(bad, "bad.json")
    bad = copy.deepcopy(EVAL_TEMPLATE)
    bad["fields"][-1]["finance"] = {"spent": 3}
    with pytest.raises(TemplateError, match="finance"):
        template_from_json(bad, "bad.json")


@given(st.dates())
def test_the_term_holding_any_date_ends_on_the_first_term_end_on_or_after_it(day: date) -> None:
    from desktop.core.finance import FIRST_TERM_END, term_end_for

    end = term_end_for(day)
    assert (end - FIRST_TERM_END) % 4 == 0
    assert (end, 6, 30) >= (day.year, day.month, day.day) > (end - 4, 6, 30)
