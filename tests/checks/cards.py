"""Cards for the checks tests, built with new_card from the seed texts (SPEC §3 answer key).

The transcribed samples (resources/samples/*.json) are the reference once they exist; these builders
hold the same figures so the checks can be tested before, and alongside, them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop.core.layout import new_card
from desktop.core.model import Card, Column, Figure, Item, Relation, Row, Table
from desktop.core.templates import Template, TemplateRegistry

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
SAMPLE_221 = SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json"
SAMPLE_122 = SAMPLES / "geumjeong-2024-06-30-card-1-2-2.json"
SAMPLE_GURO = SAMPLES / "guro-plan-III-2-1.json"

Cells = dict[str, str | None]


def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


def D(text: str) -> Decimal:
    return Decimal(text)


def fill(table: Table, row: str, values: list[str | None], cols: list[str] | None = None) -> None:
    """Cells of one row as the seed writes them: "-" is a stated none, a missing trailing value is blank."""
    keys = cols or [c.key for c in table.columns]
    r = table.row(row)
    assert r is not None, row
    for k, v in zip(keys, values, strict=False):
        r.cells[k] = None if v in (None, "-") else D(v.replace(",", ""))


def card_221(t: Template) -> Card:
    """Seed 2-2-1 (2025. 9. 30.): 750백만원(국700 구50), 2024 ~ 2026, 진도 75%, 추진중."""
    card = new_card(t, base_date=date(2025, 9, 30), title="중소기업 애로해소 및 환경 개선 지원", number="2-2-1",
                    dept="일자리경제과", start_year=2024, end_year=2026, timing="임기 내 완료", status="추진중",
                    progress=75)
    card.figures["budget"] = Figure(total=D("750"), unit="백만원", parts=[("국", D("700")), ("구", D("50"))])
    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    tab = invest.table
    fill(tab, "plan_total", ["750", "-", "270", "250", "230", "-"])
    fill(tab, "plan_national", ["700", "-", "220", "250", "230"])
    fill(tab, "plan_city", ["-"] * 6)
    fill(tab, "plan_district", ["50", "-", "50", "-", "-", "-"])
    fill(tab, "plan_other", ["-"] * 6)
    fill(tab, "exec_total", ["440", "-", "270", "170", "-", "-"])
    fill(tab, "exec_national", ["390", "-", "220", "170", "-"])
    fill(tab, "exec_city", ["-"] * 6)
    fill(tab, "exec_district", ["50", "-", "50", "-", "-", "-"])
    fill(tab, "exec_other", ["-"] * 6)
    results = card.block("results")
    assert results is not None
    results.period = "[2025. 1. 1.~2025. 9. 30.]"
    results.items = [Item("금정 원스톱기업지원센터 개소", 1, date="2025. 2. 18.")]
    return card


def card_122(t: Template) -> Card:
    """Seed 1-2-2 (2024. 6. 30.): 9.6백만원(구비), 2022 ~ 2026, 진도 50%, 추진중."""
    card = new_card(t, base_date=date(2024, 6, 30), title="지역경제활성화 종합대책본부 설치", number="1-2-2",
                    dept="일자리경제과", start_year=2022, end_year=2026, timing="임기 내 완료", status="추진중",
                    progress=50)
    card.figures["budget"] = Figure(total=D("9.6"), unit="백만원", parts=[("구비", None)])
    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    tab = invest.table
    fill(tab, "plan_total", ["9.6", "-", "2.4", "2.4", "2.4", "2.4", "-"])
    for src in ("national", "city", "other"):
        fill(tab, f"plan_{src}", ["-"] * 7)
        fill(tab, f"exec_{src}", ["-"] * 7)
    fill(tab, "plan_district", ["9.6", "-", "2.4", "2.4", "2.4", "2.4", "-"])
    fill(tab, "exec_total", ["4.8", "-", "2.4", "2.4", "-", "-", "-"])
    fill(tab, "exec_district", ["4.8", "-", "2.4", "2.4", "-", "-", "-"])
    return card


def _inline(key: str, columns: list[Column], rows: list[Row], relations: list[Relation], unit: str = "") -> Table:
    return Table(key=key, corner="구분", unit=unit, columns=columns, rows=rows, relations=relations)


def card_guro(t: Template) -> Card:
    """Seed III-2-1 (구로구 실천계획): one slip, 마케팅 지원 실적 합계 19개사 vs 9 + 10 + 10."""
    card = new_card(t, title="중소기업-소상공인 육성 지원", number="III-2-1", dept="지역경제과",
                    start_year=2018, end_year=2022, timing="임기내완료")
    card.figures["total_cost"] = Figure(total=D("26670"), unit="백만원")
    plan = card.block("plan")
    assert plan is not None
    loans = _inline(
        "loans",
        [Column("sum_count", "업체수", group="합계"), Column("sum_amount", "금액", group="합계"),
         Column("y16_count", "업체수", group="'16년"), Column("y16_amount", "금액", group="'16년"),
         Column("y17_count", "업체수", group="'17년"), Column("y17_amount", "금액", group="'17년"),
         Column("y18_count", "업체수", group="'18년 상반기"), Column("y18_amount", "금액", group="'18년 상반기")],
        [Row("funds", "중소기업·소상공인 자금지원")],
        [Relation("sum", "row", "sum_count", "same_label"), Relation("sum", "row", "sum_amount", "same_label")],
    )
    fill(loans, "funds", ["143", "13,571", "47", "4,927", "60", "5,354", "36", "3,290"])
    marketing = _inline(
        "marketing",
        [Column("total", "합계", group="지원 실적", unit="개사"),
         Column("y16", "'16년", group="지원 실적", unit="개사"),
         Column("y17", "'17년", group="지원 실적", unit="개사"),
         Column("y18", "'18년 상반기", group="지원 실적", unit="개사")],
        [Row("marketing", "중소기업 마케팅 지원 사업")],
        [Relation("sum", "row", "total", "rest")],
    )
    fill(marketing, "marketing", ["19", "9", "10", "10"])
    plan.items = [
        Item("중소기업 및 소상공인 대상 저리융자 사업 추진", 0),
        Item("추진실적", 1, table=loans, unit="(단위:업체수/백만원)"),
        Item("소셜 네트워크 활용 마케팅 지원 사업 추진", 0),
        Item("추진실적", 3, table=marketing),
    ]
    invest = card.block("invest")
    assert invest is not None and invest.table is not None
    tab = invest.table
    tab.rows[1:1] = [Row("loan", "○ 중소기업·소상공인 융자지원"), Row("mkt", "○ 중소기업 마케팅 지원사업")]
    fill(tab, "loan", ["26,460", "5,200", "5,360", "5,300", "5,300", "5,300"])
    fill(tab, "mkt", ["210", "30", "40", "45", "45", "50"])
    fill(tab, "grand", ["26,670", "5,230", "5,400", "5,345", "5,345", "5,350"])
    fill(tab, "src_district", ["26,670", "5,230", "5,400", "5,345", "5,345", "5,350"])
    jury = card.block("jury")
    assert jury is not None
    jury.period = "[2018.8.9. ~ 8.30]"
    return card
