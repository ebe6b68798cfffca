"""The sample cards (resources/samples) hold the seed documents (shared/seeds) faithfully.

Every word of a seed is in its sample, each sample loads with the shipped templates, the stated
figures are the seed's, and the only stated total that disagrees with its parts is the one slip the
documents really contain (구로구 마케팅 지원 실적 합계 "19개사" against 9 + 10 + 10).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.model import Card, Item, Table
from desktop.core.tables import TableValues
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES, SEEDS

C122 = "geumjeong-2024-06-30-card-1-2-2"
C221 = "geumjeong-2025-09-30-card-2-2-1"
GURO = "guro-plan-III-2-1"
STEMS = [C122, C221, GURO]

WORD = re.compile(r"[가-힣]{2,}|[A-Za-z]{2,}|[0-9]{2,}")
# Printed by the layout around a stored value, not stored: "(단위 : 백만원)" above the budget table
# (the unit itself is stored), "전화번호 : 860-2865" in the 구로구 footer (the number is stored).
LAYOUT_WORDS = {"단위", "전화번호"}


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


def load(stem: str, registry: TemplateRegistry) -> Card:
    cards = read_cards(SAMPLES / f"{stem}.json", registry)
    assert len(cards) == 1, f"{stem}: one card per sample file"
    return cards[0]


def find_item(card: Card, block: str, text: str) -> Item:
    b = card.block(block)
    assert b is not None, f"block {block}"
    hits = [i for i in b.items if i.text == text]
    assert len(hits) == 1, f"{block}: {text!r} found {len(hits)} times"
    return hits[0]


def cells(table: Table, row: str) -> dict[str, object]:
    r = table.row(row)
    assert r is not None, f"{table.key}: row {row}"
    return dict(r.cells)


def test_samples_are_the_seeds() -> None:
    seeds = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert seeds, f"no seeds in {SEEDS}"
    assert sorted(STEMS) == seeds
    assert sorted(p.stem for p in SAMPLES.glob("*.json")) == seeds


@pytest.mark.parametrize("stem", STEMS)
def test_every_word_of_the_seed_is_in_the_sample(stem: str, registry: TemplateRegistry) -> None:
    seed = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    sample = (SAMPLES / f"{stem}.json").read_text(encoding="utf-8")
    template = registry.get(load(stem, registry).template)
    # A card file stores values; the header labels the seed prints ("공약제목", "관리번호" …) are the
    # template's. Such a word may be missing from the sample only if it is one of those labels.
    labels = [f.label for f in template.fields]
    missing = sorted({w for w in WORD.findall(seed) if w not in sample})
    unexplained = [w for w in missing if w not in LAYOUT_WORDS and not any(w in lbl for lbl in labels)]
    assert unexplained == [], f"{stem}: seed words missing from the sample: {unexplained}"


@pytest.mark.parametrize("stem", STEMS)
def test_sample_loads_with_the_shipped_templates(stem: str, registry: TemplateRegistry) -> None:
    card = load(stem, registry)
    template = registry.get(card.template)
    assert [b.key for b in card.blocks] == [b.key for b in template.blocks]
    assert card.version == 1


@pytest.mark.parametrize("stem", STEMS)
def test_stated_totals_agree_with_their_parts(stem: str, registry: TemplateRegistry) -> None:
    """Typing slips in the samples would show here; the documents' own slip is the expected one."""
    card = load(stem, registry)
    slips = []
    for block, item, table in card.tables():
        tv = TableValues(table)
        for spec in tv.specs:
            has, stated = tv.stated(*spec.target)
            computed = tv.computed(*spec.target, spec=spec)
            if has and stated != computed:
                where = f"{block.key}/{item.text if item else ''}/{spec.target}"
                slips.append((where, stated, computed))
    expected = []
    if stem == GURO:  # the document's real slip: 마케팅 지원 실적 합계 "19개사", 9 + 10 + 10 = 29
        expected = [("plan/추진실적/('marketing', 'total')", Decimal("19"), Decimal("29"))]
    assert slips == expected


def test_1_2_2_values(registry: TemplateRegistry) -> None:
    card = load(C122, registry)
    assert (card.org, card.doc_title, card.number, card.title) == (
        "금정구", "구청장 공약사항 관리카드", "1-2-2", "지역경제활성화 종합대책본부 설치")
    assert card.base_date is not None and card.base_date.isoformat() == "2024-06-30"
    assert (card.start_year, card.end_year, card.timing) == (2022, 2026, "임기 내 완료")
    assert (card.status, card.progress, card.related) == ("추진중", 50, [])
    assert [(c.role, c.rank, c.name, c.phone) for c in card.contacts] == [
        ("팀  장", "행정6급", "신정미", "☎4803"), ("담당자", "행정6급", "김연주", "☎4802")]
    fig = card.figures["budget"]
    assert (fig.total, fig.unit, fig.parts) == (Decimal("9.6"), "백만원", [("구비", None)])
    assert [b.heading for b in card.blocks] == [
        "1. 추진개요", "2. 투자계획(예산/비예산)", "3. 추진실적", "4. 추진상 문제점 및 대책(협조사항)",
        "5. 향후계획", "6. 기타 참고사항(관련 사진 등)"]
    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    t = invest.table
    assert [c.key for c in t.columns] == ["total", "prior", *(f"y{y}" for y in range(2022, 2027)), "after"]
    # Each row states seven of eight columns: 임기후 is blank (absent), "-" is stated empty (None).
    assert cells(t, "plan_district") == {
        "total": Decimal("9.6"), "prior": None, "y2022": Decimal("2.4"), "y2023": Decimal("2.4"),
        "y2024": Decimal("2.4"), "y2025": Decimal("2.4"), "y2026": None}
    assert cells(t, "plan_total")["total"] == Decimal("9.6")
    assert cells(t, "exec_total") == {
        "total": Decimal("4.8"), "prior": None, "y2022": Decimal("2.4"), "y2023": Decimal("2.4"),
        "y2024": None, "y2025": None, "y2026": None}
    assert cells(t, "plan_national") == dict.fromkeys(["total", "prior", "y2022", "y2023", "y2024", "y2025", "y2026"])
    results = card.block("results")
    assert results is not None and results.period == ""
    meeting = find_item(card, "results", "중소기업발전협의회 정기회의 개최")
    assert (meeting.level, meeting.date) == (1, "2024. 2.23./ 6.28.")
    sub = find_item(card, "results", "2024년 지역 노사민정 상생협력 지원사업 공모 선정")
    assert (sub.level, sub.date) == (2, "2024. 4.26.")
    assert find_item(card, "results", "우리동네 안전 노무상담소 운영").level == 3
    center = find_item(card, "plans", "현장지원센터『공감원스톱센터』운영")
    assert (center.level, center.date) == (2, "2024. 하반기")
    photos = card.block("photos")
    assert photos is not None and photos.photos == []  # the seed has no section 6


def test_2_2_1_values(registry: TemplateRegistry) -> None:
    card = load(C221, registry)
    assert (card.org, card.number, card.title, card.dept, card.related) == (
        "금정구", "2-2-1", "중소기업 애로해소 및 환경 개선 지원", "일자리경제과", [])
    assert card.base_date is not None and card.base_date.isoformat() == "2025-09-30"
    assert (card.start_year, card.end_year, card.timing, card.status, card.progress) == (
        2024, 2026, "임기 내 완료", "추진중", 75)
    assert [(c.role, c.rank, c.name, c.phone) for c in card.contacts] == [
        ("팀  장", "행정6급", "서영수", "☎4803"), ("담당자", "행정7급", "임정미", "☎4806"),
        ("담당자", "행정7급", "정종환", "☎4805")]
    fig = card.figures["budget"]
    assert (fig.total, fig.unit) == (Decimal("750"), "백만원")
    assert fig.parts == [("국", Decimal("700")), ("구", Decimal("50"))]
    assert len(card.tasks) == 4 and all(t.level == 1 for t in card.tasks)
    assert [b.heading for b in card.blocks] == [
        "1. 추진개요", "2. 투자계획(비예산)", "3. 추진실적", "4. 추진상 문제점 및 대책(협조사항)",
        "5. 향후계획", "6. 기타 참고사항(관련 사진 등)"]

    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    t = invest.table
    assert [c.key for c in t.columns] == ["total", "prior", "y2024", "y2025", "y2026", "after"]
    assert cells(t, "plan_national")["y2025"] == Decimal("250")
    # "국비 700 - 220 250 230": five values, so 임기후 is blank (absent), not "-" (None).
    assert cells(t, "plan_national") == {
        "total": Decimal("700"), "prior": None, "y2024": Decimal("220"), "y2025": Decimal("250"),
        "y2026": Decimal("230")}
    assert cells(t, "plan_total")["after"] is None and "after" in cells(t, "plan_total")
    assert cells(t, "exec_total")["total"] == Decimal("440")
    assert cells(t, "exec_national") == {
        "total": Decimal("390"), "prior": None, "y2024": Decimal("220"), "y2025": Decimal("170"), "y2026": None}
    assert TableValues(t).value("exec_total", "total") == Decimal("440")

    results = card.block("results")
    assert results is not None and results.period == "[2025. 1. 1.~2025. 9. 30.]"
    opening = find_item(card, "results", "금정 원스톱기업지원센터 개소")
    assert (opening.level, opening.date) == (1, "2025. 2. 18.")
    plan = find_item(card, "results", "금정 원스톱기업지원센터 운영 계획 수립 및 추진")
    assert (plan.level, plan.date) == (2, "2025. 2. ~ 12.")
    assert plan.table is not None and plan.table.corner == "분  야"
    assert [r.label for r in plan.table.rows] == [
        "기업지원\n소통플랫폼\n[센터 운영]", "기업애로 현장지원\n[현장 방문]", "기업애로해소\n유관기관"]
    names = "\n".join(str(r.cells["name"]) for r in plan.table.rows).split("\n")
    assert [n[0] for n in names] == list("①②③④⑤⑥⑦⑧⑨")
    # the wrapped "- 기술닥터 … (장비활용과 / 공인시험비 지원, …)" is one item, joined with a space
    wrapped = find_item(card, "results", "기술닥터 활용 컨설팅, 기업 맞춤형 교육, 기업 사업화 지원(장비활용과 "
                                         "공인시험비 지원, 제조공정 제품고급화 사업), 기업지원 전략 보고서")
    assert wrapped.level == 3
    mou = find_item(card, "results", "금정구 중소기업 육성을 위한 업무 협약체결")
    assert (mou.level, mou.note, mou.date) == (3, True, "2025. 4. 3.")
    first = find_item(card, "results", "최초 지정기간: 2023. 1. 26.~ 2025. 1. 25. ☞ 2년의 범위내에서 1회 연장가능")
    assert (first.level, first.note, first.date) == (2, True, "")
    purpose = next(i for i in results.items if i.text.startswith("목    적:"))
    assert purpose.table is not None
    row = purpose.table.rows[0].cells
    assert row["arrow"] == "➜" and row["now"] == "제조업,\n지식기반산업,\n정보통신산업"
    after = str(row["after"])
    assert "\n+\n" in after
    for industry in ["OEM제조업", "스마트팜 수직농장", "(종합·전문)건설업", "전기공사업", "정보통신공사업",
                     "소방시설공사업", "전문과학 및 기술서비스업", "산업용 기계 및 장비 임대업"]:
        assert industry in after

    plans = card.block("plans")
    assert plans is not None
    assert [(i.text, i.date) for i in plans.items][-1] == (
        "지역특화(상품,로드쇼,푸드) 연계 상상(商相) 페스티벌 개최", "2025. 11.")
    photos = card.block("photos")
    assert photos is not None
    assert len(photos.photos) == 12 and all(p.image is None for p in photos.photos)
    assert [p.caption for p in photos.photos[:3]] == [
        "중소기업 특별지원지역 연장 지정", "금정 원스톱기업지원센터", "중소기업 지원사업 설명회"]
    assert photos.photos[11].caption == "대한민국 지방자치 경영대전"


def test_guro_values(registry: TemplateRegistry) -> None:
    card = load(GURO, registry)
    assert (card.template, card.org, card.doc_title, card.number, card.title) == (
        "guro", "구로구", "", "III-2-1", "중소기업-소상공인 육성 지원")
    assert (card.base_date, card.status, card.progress) == (None, "", None)
    assert (card.start_year, card.end_year, card.timing, card.dept) == (2018, 2022, "임기내완료", "지역경제과")
    assert card.related == ["기획예산과", "재무과", "우리은행", "신용보증재단"]
    assert card.extra == {"type": "계속", "budget_kind": "구비"}
    assert [(c.role, c.dept, c.name, c.phone) for c in card.contacts] == [
        ("주무관", "지역경제과", "정효진", "860-2865")]
    fig = card.figures["total_cost"]
    assert (fig.total, fig.unit, fig.parts) == (Decimal("26670"), "백만원", [])
    assert [b.heading for b in card.blocks] == [
        "연도 확인지표", "정책목표", "사업개요 및 이행계획", "총사업비", "연도별 투자계획", "주민배심원단 권고안"]

    ind = card.block("indicators")
    assert ind is not None and ind.table is not None
    assert [r.key for r in ind.table.rows] == ["ind1", "ind2", "achieve"]
    assert ind.table.rows[0].label == "○ 중소기업·소상공인 자금 지원(업체수)"
    assert [ind.table.rows[1].cells[f"y{y}"] for y in range(2018, 2023)] == [Decimal(v) for v in (20, 20, 25, 25, 30)]
    achieve = ind.table.rows[2]
    assert achieve.unit == "%" and achieve.cells["y2022"] == Decimal("100")

    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    t = invest.table
    assert [r.key for r in t.rows] == [
        "item1", "item2", "grand", "src_national", "src_city", "src_district", "src_other"]
    assert cells(t, "item1")["total"] == Decimal("26460") and cells(t, "grand")["y2019"] == Decimal("5400")
    assert cells(t, "src_national") == {} and cells(t, "src_other") == {}
    assert cells(t, "src_district")["total"] == Decimal("26670")

    plan = card.block("plan")
    assert plan is not None
    assert [i.text for i in plan.items if i.level == 0] == [
        "중소기업 및 소상공인 대상 저리융자 사업 추진", "소셜 네트워크 활용 마케팅 지원 사업 추진",
        "KOTRA 해외지사화 사업 지원", "중소기업·소상공인 경영지원사업 추진"]
    tables = {i.table.key: i for i in plan.items if i.table is not None}
    loan = tables["loan_terms"].table
    assert loan is not None and loan.corner == "구분"
    assert [r.label for r in loan.rows] == ["규모 (총90억)", "금리", "상환기간"]
    assert loan.rows[2].cells == {  # the blank middle cell is stated empty
        "fund": "1년 거치 4년 분할상환(연2회)", "bank": None, "guarantee": "1년 거치 3~4년 분할상환"}
    done_item = tables["loans_done"]
    assert (done_item.text, done_item.level, done_item.unit) == ("추진실적", 1, "(단위:업체수/백만원)")
    done = done_item.table
    assert done is not None
    assert [(c.group, c.label) for c in done.columns[:2]] == [("합계", "업체수"), ("합계", "금액")]
    assert done.rows[0].cells["sum_amt"] == Decimal("13571")
    assert [(r.kind, r.axis, r.target, r.of) for r in done.relations] == [
        ("sum", "row", "sum_n", "same_label"), ("sum", "row", "sum_amt", "same_label")]
    marketing = tables["marketing_done"].table
    assert marketing is not None and marketing.corner == "추진내용"
    assert marketing.rows[0].cells == {
        "total": Decimal("19"), "y16": Decimal("9"), "y17": Decimal("10"), "y18h1": Decimal("10")}
    assert TableValues(marketing).value("marketing", "total") == Decimal("19")  # stated, kept
    assert TableValues(marketing).computed("marketing", "total") == Decimal("29")
    branches_item = tables["branches"]
    assert branches_item.unit == "(단위: 원)"
    branches = branches_item.table
    assert branches is not None and len(branches.rows) == 9
    amount = branches.column("amount")
    assert amount is not None and (amount.kind, amount.unit, amount.group) == ("number", "원", "지원내역")
    assert [r.cells["amount"] for r in branches.rows[:3]] == [Decimal(v) for v in ("1750000", "1250000", "1900000")]
    assert sum(Decimal(str(r.cells["amount"])) for r in branches.rows) == Decimal("13900000")  # "13,900천원"
    assert branches.rows[3].cells["office"] == "아디스아바바 (에티오피아)"
    programs = tables["programs"].table
    assert programs is not None and len(programs.columns) == 5 and len(programs.rows) == 3
    assert str(programs.rows[1].cells["what"]).split("\n") == [
        "- 창업가 정신 및 소상공인 창업사례", "- 금융경제교육 및 창업 세무", "- 인터넷(SNS) 마케팅 및 매출증대 전략"]

    jury = card.block("jury")
    assert jury is not None and jury.period == "[2018.8.9. ~ 8.30]"
    assert [i.text for i in jury.items if i.level == 1] == ["권고안 주요내용", "주관부서 검토의견"]
    assert jury.items[-1].text.startswith("우리구 중소기업의 애로사항") and jury.items[-1].level == 3
