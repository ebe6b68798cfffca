"""The overview over EVERY shipped sample (resources/samples/*.json and formats/*.json): 금정구 (two
cards), 구로구, 성동구 and a department's 주요업무 보고 (its 예산 현황 and four project pages) — the
numbers worked out by hand from the sample files, then in-term ≤ whole as a property over random cards
of every shipped template.

The sample amounts (백만원 unless said):
  금정 1-2-2  소요 9.6 (구비; 2022~2025 2.4 a year)   투입 4.8 (구비; 2022, 2023)        추진중, 진도 50
  금정 2-2-1  소요 750 (국 700, 구 50; 2024~2026)     투입 440 (국 390, 구 50)            추진중, 진도 75
  구로 III-2-1 총사업비 26,670 (구비 (기금포함) = 구비; 2018~2022); no 확보, no 집행, no 추진상황
  성동 1-3    연차별 투자계획, 계획액 | 확보액 per year (2019~2022):
                시비 100|100  200|250  200|150   -|-    계 500|500
                구비  50|50   100|100  100|80   50|-    계 300|230
              연차별 집행액 (no source split): 2019 140, 2020 330, 2021 120.5 → 590.5; 정상추진
  도시재생과   예산 현황 (천원): 뉴딜 34,962 | 집행 24,125;  골목 93,700 | 46,850;  빈집 12,000 | 3,000;
              계 140,662 | 73,975 — the same amounts as the project pages, which state the splits:
                뉴딜  예산 (국 1,080, 시 22,377, 구비 11,505)  집행 (국 1,080, 시 15,000, 구비 8,045)
                골목  예산 (시 39,570, 구비 54,130)             집행 (시 19,785, 구비 27,065)
                빈집  예산 (구비 12,000)                        집행 (구비 3,000)
                공동체 비예산
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.cardfile import read_cards
from desktop.core.finance import UNSPLIT, card_finance
from desktop.core.layout import new_card
from desktop.core.model import Card, Row
from desktop.core.overview import Filter, Overview, prepare
from desktop.core.tables import sum_specs
from desktop.core.templates import TemplateRegistry

ROOT = Path(__file__).resolve().parents[2]
D = Decimal


def shipped_cards(registry: TemplateRegistry) -> list[Card]:
    files = sorted((ROOT / "resources" / "samples").glob("*.json"))
    files += sorted((ROOT / "resources" / "samples" / "formats").glob("*.json"))
    assert len(files) == 5
    return [c for f in files for c in read_cards(f, registry)]


def _office(flt: Filter | None = None, term_end: int | None = None) -> tuple[Overview, dict[str, str]]:
    reg = TemplateRegistry.load([], None)
    cards = shipped_cards(reg)
    name = {c.id: c.number for c in cards}
    return prepare(cards, reg, term_end=term_end).overview(flt), name


def _amounts(ov: Overview, scope: str) -> dict[str, Decimal]:
    return {r.meaning: r.amounts[scope].value for r in ov.finance.sources if r.amounts[scope].value}


def test_the_office_by_default_is_its_pledges_in_their_words() -> None:
    ov, name = _office()
    assert sorted(name[i] for i in ov.cards) == ["1-2-2", "1-3", "2-2-1", "III-2-1"]
    assert [(w, len(ids)) for w, ids in ov.words] == [("공약", 4)]
    assert [(w, len(ids)) for w, ids in ov.left_out] == [("사업", 5)]  # the department report's pages
    # statuses: 성동구's vocabulary and grouping beside 금정구's; 구로구 has none
    assert [(s.name, len(s.cards)) for s in ov.statuses] == [
        ("완료", 0), ("이행후계속추진", 0), ("정상추진", 1), ("추진중", 2), ("일부추진", 0), ("-", 1)]
    assert [(g.name, g.statuses, len(g.cards)) for g in ov.groups] == [
        ("완료", ["완료", "이행후계속추진"], 0), ("추진중", ["정상추진", "추진중", "일부추진"], 3), ("-", ["-"], 1)]
    by = {s.name: s for s in ov.statuses}
    # 성동구's template declares the evaluators' definitions for its statuses
    assert by["정상추진"].definition == "계획한 일정과 내용대로 추진되고 있는 공약"
    assert by["정상추진"].color == "#4f8a63"
    assert by["이행후계속추진"].group == "완료" and by["일부추진"].color == "#c9a04a"
    assert ov.rate("completion").percent == D("0.0") and ov.rate("completion").denominator == 4


def test_pledge_finance_by_meaning_by_hand() -> None:
    ov, _ = _office()
    # 소요: 9.6 + 750 + 26,670 + 800
    assert ov.finance.total["needed"].value == D("28229.6")
    assert _amounts(ov, "needed") == {"국비": D(700), "시도비": D(500), "구비": D("27029.6")}  # 9.6+50+26670+300
    # 확보: 4.8 + 440 + 730 (성동구's 확보액 column, 시비 500, 구비 230)
    assert _amounts(ov, "secured") == {"국비": D(390), "시도비": D(500), "구비": D("284.8")}
    # term 2026 holds every year of these cards: in-term = whole
    assert _amounts(ov, "needed_in_term") == _amounts(ov, "needed")
    assert _amounts(ov, "secured_in_term") == _amounts(ov, "secured")
    # 집행: only 성동구 states it, without a source split (honestly 재원 미구분)
    assert _amounts(ov, "spent") == {UNSPLIT: D("590.5")}
    sec = ov.rate("secured")  # (4.8 + 440 + 730) ÷ (9.6 + 750 + 800): 구로구 records no 확보
    assert (sec.numerator, sec.denominator, sec.percent) == (D("1174.8"), D("1559.6"), D("75.3"))
    assert len(sec.excluded) == 1
    spent = ov.rate("spent")  # 590.5 ÷ 800 (성동구's in-term 계획액)
    assert (spent.numerator, spent.denominator, spent.percent) == (D("590.5"), D(800), D("73.8"))
    assert len(spent.excluded) == 3


def test_seongdong_in_term_reads_the_plan_columns_only() -> None:
    # term ending 2020: 성동구 계획액 2019+2020 = 450 (시 300, 구 150), 확보액 2019+2020 = 500 (시 350, 구 150).
    # Read as 계획액 and 확보액 together (the bug) 시비 came to 100+100+200+250 = 650 > its whole 500.
    ov, _ = _office(Filter(templates=frozenset({"seongdong-card"})), term_end=2020)
    assert _amounts(ov, "needed") == {"시도비": D(500), "구비": D(300)}
    assert _amounts(ov, "needed_in_term") == {"시도비": D(300), "구비": D(150)}
    assert _amounts(ov, "secured") == {"시도비": D(500), "구비": D(230)}
    assert _amounts(ov, "secured_in_term") == {"시도비": D(350), "구비": D(150)}
    assert ov.rate("secured_in_term").percent == D("111.1")  # 500 ÷ 450: 확보액 may exceed 계획액
    assert ov.rate("spent").percent == D("131.2")  # 590.5 ÷ 450


def test_every_card_of_every_kind_by_hand() -> None:
    ov, name = _office(Filter())
    assert [(w, len(ids)) for w, ids in ov.words] == [("공약", 4), ("사업", 5)] and ov.left_out == []
    assert ov.word == "공약·사업" and len(ov.cards) == 9
    # the department report's cards have no 추진상황: 1 (구로) + 5
    assert [(s.name, len(s.cards)) for s in ov.statuses][-1] == ("-", 6)
    # 예산 현황 sums the three project pages kept with it: each amount once, split as the pages state
    (summary, pages), = ov.finance.covered.items()
    assert name[summary] == "도시재생과"
    assert sorted(name[p] for p in pages) == ["도시재생과-1", "도시재생과-2", "도시재생과-3"]
    # 소요 = 확보 = 예산액: 국 1.08; 시 22.377 + 39.57 = 61.947; 구 11.505 + 54.13 + 12 = 77.635 (천원 → 백만원)
    assert _amounts(ov, "needed") == {"국비": D("701.08"), "시도비": D("561.947"), "구비": D("27107.235")}
    assert ov.finance.total["needed"].value == D("28229.6") + D("140.662")
    assert _amounts(ov, "secured") == {"국비": D("391.08"), "시도비": D("561.947"), "구비": D("362.435")}
    # 집행: 국 1.08; 시 15 + 19.785 = 34.785; 구 8.045 + 27.065 + 3 = 38.11; 성동구 590.5 미구분
    assert _amounts(ov, "spent") == {"국비": D("1.08"), "시도비": D("34.785"), "구비": D("38.11"), UNSPLIT: D("590.5")}
    spent = ov.rate("spent")  # (590.5 + 73.975) ÷ (800 + 140.662) = 70.64 %
    assert (spent.numerator, spent.denominator, spent.percent) == (D("664.475"), D("940.662"), D("70.6"))
    assert len(spent.cards) == 4  # 성동구 and three pages (공동체 is 비예산; 예산 현황 adds nothing of its own)


def test_the_department_report_alone_matches_its_own_totals() -> None:
    ov, _ = _office(Filter(kinds=frozenset({"사업"})))
    assert ov.finance.total["needed"].value == D("140.662")  # 예산 현황 계 140,662천원
    assert ov.finance.total["spent"].value == D("73.975")
    assert ov.rate("spent").percent == D("52.6")  # the report's own 집행율 of its 계 row
    assert ov.rate("secured").percent == D("100.0")  # 예산액 is what is secured
    assert not any(r.meaning.startswith("기타(미분류)") for r in ov.finance.sources)


# ---------------------------------------------------------------- in-term ≤ whole, any card


def _random_card(reg: TemplateRegistry, name: str, rnd: random.Random) -> Card:
    t = reg.get(name)
    card = new_card(t, start_year=rnd.randint(2016, 2024), end_year=rnd.randint(2024, 2030))
    for block in card.blocks:
        table = block.table
        if table is None:
            continue
        targets = {s.target for s in sum_specs(table)}
        derived = {r.target for r in table.relations if r.kind in ("linear", "ratio")}
        for row in table.rows:
            for col in table.columns:
                if col.kind != "number" or (row.key, col.key) in targets or col.key in derived or row.key in derived:
                    continue
                if rnd.random() < 0.7:
                    row.cells[col.key] = Decimal(rnd.randint(0, 50_000)) / 10
        if name == "guro" and block.key == "invest":
            # 구로구's 총 계 is the sum of its line items and of its sources both: one line item carrying
            # the sources' sum keeps the card what an office would write (no 오류)
            sources = [r for r in table.rows if r.group == "예산구분"]
            item = Row(key="item1", label="○ 사업", cells={
                c.key: sum((r.cells.get(c.key) or Decimal(0) for r in sources), Decimal(0))  # type: ignore[misc]
                for c in table.columns if c.kind == "number" and c.key != "total"})
            table.rows.insert(1, item)
    return card


SHIPPED = ["standard", "guro", "seongdong-card", "dept-report", "dept-project"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SHIPPED), st.integers(2016, 2032), st.randoms(use_true_random=False))
def test_in_term_never_exceeds_the_whole(name: str, term_end: int, rnd: random.Random) -> None:
    reg = TemplateRegistry.load([], None)
    card = _random_card(reg, name, rnd)
    fin = card_finance(card, reg.get(name), term_end)
    assert fin.condition == "ok" and fin.kinds
    for kind, am in fin.kinds.items():
        assert am.total_in_term <= am.total, (name, kind, term_end, am)
        for meaning, value in am.in_term.items():
            assert value <= am.whole.get(meaning, Decimal(0)), (name, kind, meaning, term_end, am)
