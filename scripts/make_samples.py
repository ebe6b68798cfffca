#!/usr/bin/env python3
"""Build resources/samples/<seed stem>.json: the seed documents (shared/seeds) as card files.

Each card is written out by hand from its seed, field by field and line by line, as written.
Ids and times are fixed so that running this again gives the same files byte for byte.

    .venv/bin/python scripts/make_samples.py            # every sample
    .venv/bin/python scripts/make_samples.py 1-2-2      # only the stems containing "1-2-2"
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from desktop.core.cardfile import cards_to_json
from desktop.core.layout import new_card
from desktop.core.model import Block, Card, CellValue, Column, Contact, Figure, Item, Photo, Relation, Row, Table
from desktop.core.templates import TemplateRegistry

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
EXPORTED_AT = "2025-10-01T00:00:00+00:00"  # fixed, so the files only change when the content does

D = Decimal
NONE = None  # a cell the document states as "-"


def it(level: int, text: str, date: str = "", *, note: bool = False, table: Table | None = None,
       unit: str = "") -> Item:
    return Item(text=text, level=level, note=note, date=date, table=table, unit=unit)


def fill(table: Table, row: str, cols: list[str], values: list[CellValue]) -> None:
    """Put the stated cells of one row, left to right. A row stating fewer values than the table has
    columns leaves the trailing cells absent (blank); "-" cells are given as NONE (stated empty)."""
    if len(values) > len(cols):
        raise ValueError(f"{table.key}/{row}: {len(values)} values for {len(cols)} columns")
    r = table.row(row)
    if r is None:
        raise KeyError(f"{table.key}: no row {row}")
    for c, v in zip(cols, values, strict=False):
        r.cells[c] = v


def amounts(text: str) -> list[CellValue]:
    """'9.6 - 2.4' → [9.6, None, 2.4], exactly as the seed's row reads (thousands separators dropped)."""
    return [None if w == "-" else D(w.replace(",", "")) for w in text.split()]


def text_table(key: str, columns: list[tuple[str, str, str]], rows: list[list[str | None]],
               corner: str = "", labels: list[str] | None = None) -> Table:
    """An inline table of text columns: columns are (key, label, group)."""
    t = Table(key=key, corner=corner,
              columns=[Column(key=k, label=lbl, kind="text", group=g) for k, lbl, g in columns])
    for i, cells in enumerate(rows):
        t.rows.append(Row(key=f"r{i + 1}", label=labels[i] if labels else "",
                          cells={c[0]: v for c, v in zip(columns, cells, strict=True)}))
    return t


def block(card: Card, key: str) -> Block:
    b = card.block(key)
    if b is None:
        raise KeyError(key)
    return b


# ---------------------------------------------------------------- 1-2-2 (2024. 6. 30.)

def card_1_2_2(reg: TemplateRegistry) -> Card:
    c = new_card(
        reg.get("standard"),
        id="5b0c5d2e-6f0e-4d8a-9a43-1f2b7f3c0122",
        pledge_id="0e7d4a4c-2b7e-4e55-8d8e-6c1a9a1b0122",
        version=1,
        updated_at=datetime(2024, 7, 1, 0, 0, tzinfo=UTC),
        base_date=date(2024, 6, 30),
        start_year=2022,
        end_year=2026,
    )
    c.org = "금정구"
    c.doc_title = "구청장 공약사항 관리카드"
    c.title = "지역경제활성화 종합대책본부 설치"
    c.number = "1-2-2"
    c.dept = "일자리경제과"
    c.related = []  # 관련부서 left blank
    c.contacts = [
        Contact(role="팀  장", rank="행정6급", name="신정미", phone="☎4803"),
        Contact(role="담당자", rank="행정6급", name="김연주", phone="☎4802"),
    ]
    c.timing = "임기 내 완료"
    c.figures["budget"] = Figure(total=D("9.6"), unit="백만원", parts=[("구비", None)])
    c.status = "추진중"
    c.progress = 50
    c.goals = [it(1, "경제관련 단체(기관) 소통을 위한 지역경제활성화 종합대책본부 설치")]
    c.tasks = [it(1, "지역경제활성화 종합대책본부 운영")]

    b = block(c, "overview")
    b.heading = "1. 추진개요"
    b.items = [
        it(1, "사업기간: 2022. ~ 2026."),
        it(1, "사업내용: 중소기업발전협의회, 전통시장 및 상점가, 소상공인연합회 등 경제단체 협력으로 "
              "지역경제활성화 도모"),
        it(2, "지역경제활성화 종합대책본부(본부장: 구청장) 설치 운영"),
        it(3, "총괄행정지원반(행정), 민생안정지원반(기업, 소상공인), 고용안정지원반(일자리) 등"),
        it(2, "중소기업, 소상공인, 상인회 등 경제 관련 단체(기관) 정기 간담회 개최"),
        it(2, "지역경제 회복 및 활력 증진을 위한 종합적 대응 및 대책 추진"),
    ]

    b = block(c, "invest")
    b.heading = "2. 투자계획(예산/비예산)"
    t = b.table
    assert t is not None
    cols = [col.key for col in t.columns]  # total, prior, y2022 … y2026, after
    # Every row states 7 of the 8 columns: the trailing 임기후 is blank.
    fill(t, "plan_total", cols, amounts("9.6 - 2.4 2.4 2.4 2.4 -"))
    fill(t, "plan_national", cols, amounts("- - - - - - -"))
    fill(t, "plan_city", cols, amounts("- - - - - - -"))
    fill(t, "plan_district", cols, amounts("9.6 - 2.4 2.4 2.4 2.4 -"))
    fill(t, "plan_other", cols, amounts("- - - - - - -"))
    fill(t, "exec_total", cols, amounts("4.8 - 2.4 2.4 - - -"))
    fill(t, "exec_national", cols, amounts("- - - - - - -"))
    fill(t, "exec_city", cols, amounts("- - - - - - -"))
    fill(t, "exec_district", cols, amounts("4.8 - 2.4 2.4 - - -"))
    fill(t, "exec_other", cols, amounts("- - - - - - -"))

    b = block(c, "results")
    b.heading = "3. 추진실적"
    b.items = [
        it(1, "2024년 금정구 지역경제 활성화 종합계획 수립 및 추진", "2024. 3. ~ 2024.12."),
        it(2, "10개 분야 64개 사업, 15개 부서, 예산 86,092백만원"),
        it(1, "기업 소통 플랫폼 구축 및 운영", "2024. 1. ~ 2024.12."),
        it(2, "구 홈페이지 ‘기업 소통의 장’ 운영"),
        it(2, "관내 기업 애로사항 및 건의사항 청취 및 해결방안 강구 등"),
        it(1, "중소기업 특별지원지역 활성화 추진계획 수립 및 추진[일자리경제과-30932호(2024. 3.29.)]"),
        it(2, "추진 비전: 변화 속의 새로운 돌파구! 중소기업 특별지원지역"),
        it(2, "추진 목표: 지역 기업 육성 및 지역 고유산업 발전 기반 금사공업지역 활성화"),
        it(2, "추진 과제: 7개 세부과제"),
        it(1, "중소기업 근로환경 개선 지원사업 추진", "2024. 3. ~ 2024.12."),
        it(1, "원스톱 기업애로해소 지원센터 운영 추진", "2024. 3. ~ 2024.12."),
        it(1, "설명절 맞이 물가안정 분위기 확산을 위한 홍보캠페인 실시", "2024. 2. 5. ~ 2. 6."),
        it(1, "전통시장 환경개선 지원사업 추진", "2024. 2. ~ 2024.12."),
        it(1, "노사민정 협력 활성화 추진"),
        it(2, "2024년 지역 노사민정 상생협력 지원사업 공모 선정", "2024. 4.26."),
        it(3, "우리동네 안전 노무상담소 운영"),
        it(1, "2024년 금정구 일구DAY 취업박람회 개최", "2024. 5.30."),
        it(2, "성과: 참여기업 28개, 구직참여자 424명, 면접인원 200명 ☞ 채용 예정 112명"),
        it(1, "중소기업발전협의회 정기회의 개최", "2024. 2.23./ 6.28."),
        it(1, "기업사랑 금정소식 발행(매월 발간)"),
    ]

    b = block(c, "issues")
    b.heading = "4. 추진상 문제점 및 대책(협조사항)"
    b.items = [it(1, "경제관련 유관기관, 단체와 협력체계 구축 및 소통 강화")]

    b = block(c, "plans")
    b.heading = "5. 향후계획"
    b.items = [
        it(1, "종합단체본부 유관기관(단체) 간담회 개최", "2024. 하반기"),
        it(1, "노사정화합 한마당 개최", "2024.12."),
        it(1, "지역경제활성화 종합대책본부 운영"),
        it(2, "현장지원센터『공감원스톱센터』운영", "2024. 하반기"),
        it(2, "기관, 단체별 정기 간담회 개최"),
        it(3, "기업 애로사항 청취 및 해결방안 대응, 중소기업발전협의회 내실화"),
        it(3, "소상공인 지원, 전통시장(상점가) 활력증진 간담회 및 캠페인"),
        it(3, "노사민정 협력 활성화 사업 추진"),
        it(3, "사회적기업, 마을기업 등 운영 활성화"),
    ]
    # The seed has no section 6: the template's photos block stays, empty (no captions, no photos),
    # so the card keeps the template's block order like every other card.
    return c


# ---------------------------------------------------------------- 2-2-1 (2025. 9. 30.)

PHOTOS_2_2_1 = [  # three to a row, in the seed's order
    "중소기업 특별지원지역 연장 지정", "금정 원스톱기업지원센터", "중소기업 지원사업 설명회",
    "금정구 중소기업 육성을 위한 업무협약 체결", "금정구 중소기업 특례보증", "기업애로 현장방문",
    "금정구 중소기업 오픈마켓", "지식산업센터 입주업종 확대", "금정구 중소기업 IPTV 광고",
    "중소기업 제품 온라인 기획전", "기업 노후환경 개선", "대한민국 지방자치 경영대전",
]


def card_2_2_1(reg: TemplateRegistry) -> Card:
    c = new_card(
        reg.get("standard"),
        id="9dc0eb5f-9d69-4771-b670-1815d6902221",
        pledge_id="c7667d3d-6ef3-4c9f-94fd-616821e52221",
        version=1,
        updated_at=datetime(2025, 10, 1, 0, 0, tzinfo=UTC),
        base_date=date(2025, 9, 30),
        start_year=2024,
        end_year=2026,
    )
    c.org = "금정구"
    c.doc_title = "구청장 공약사항 관리카드"
    c.title = "중소기업 애로해소 및 환경 개선 지원"
    c.number = "2-2-1"
    c.dept = "일자리경제과"
    c.related = []  # 관련부서 "-"
    c.contacts = [
        Contact(role="팀  장", rank="행정6급", name="서영수", phone="☎4803"),
        Contact(role="담당자", rank="행정7급", name="임정미", phone="☎4806"),
        Contact(role="담당자", rank="행정7급", name="정종환", phone="☎4805"),
    ]
    c.timing = "임기 내 완료"
    c.figures["budget"] = Figure(total=D("750"), unit="백만원", parts=[("국", D("700")), ("구", D("50"))])
    c.status = "추진중"
    c.progress = 75
    c.goals = [it(1, "기업과 동반 성장하는 활력 도시를 만들기 위한 중소기업 애로해소 센터 운영 및 환경개선 지원")]
    c.tasks = [
        it(1, "중소기업 특별지원지역 연장 지정으로 경영정상화 지원"),
        it(1, "금정 원스톱 기업지원센터 운영(현장 중심 기업소통 플랫폼)"),
        it(1, "지방소멸대응기금 연계 분야별(자금,기술,판로,노후개선) 기업지원"),
        it(1, "신규기업 유치를 위한 지식산업센터 입주업종 확대"),
    ]

    b = block(c, "overview")
    b.heading = "1. 추진개요"
    b.items = [
        it(1, "금정 원스톱 기업지원센터 개소"),
        it(2, "중소기업 지원사업 설명회 개최(60명 참석, 중앙부처 기업지원사업 안내)"),
        it(2, "기업과의 소통을 위한 플랫폼 운영, 기업지원 멘토‧멘티 실시"),
        it(1, "지방소멸대응기금 연계 분야별(자금, 기술, 판로, 노후개선 등) 기업지원 추진"),
        it(1, "금사공업지역 중소기업 특별지원지역 연장지정"),
        # The ※ stands inside the line here (not a line of its own): kept in the text.
        it(2, "연장기간: 2025. 1. 26. ~ 2027. 1. 25. ※ 24.12.13. 중소벤처기업부 현장실사 후 선정"),
        it(1, "지식산업센터 입주업종 확대 추진"),
    ]

    b = block(c, "invest")
    b.heading = "2. 투자계획(비예산)"
    t = b.table
    assert t is not None
    cols = [col.key for col in t.columns]  # total, prior, y2024, y2025, y2026, after
    fill(t, "plan_total", cols, amounts("750 - 270 250 230 -"))
    fill(t, "plan_national", cols, amounts("700 - 220 250 230"))  # 임기후 blank
    fill(t, "plan_city", cols, amounts("- - - - - -"))
    fill(t, "plan_district", cols, amounts("50 - 50 - - -"))
    fill(t, "plan_other", cols, amounts("- - - - - -"))
    fill(t, "exec_total", cols, amounts("440 - 270 170 - -"))
    fill(t, "exec_national", cols, amounts("390 - 220 170 -"))  # 임기후 blank
    fill(t, "exec_city", cols, amounts("- - - - - -"))
    fill(t, "exec_district", cols, amounts("50 - 50 - - -"))
    fill(t, "exec_other", cols, amounts("- - - - - -"))

    fields_table = text_table(
        "fields", [("name", "사 업 명", "")],
        [
            ["① 금정 원스톱기업지원센터 운영\n"
             "② 기업애로 접수·상담 및 정보 제공\n"
             "③ 금정구 기업지원 사업 및 중소기업 특별지원지역 안내\n"
             "④ 찾아가는 취업상담, 마을세무사, 법률상담"],
            ["⑤ 기업애로 현장방문(기업애로 현안, 동향 조사)\n"
             "⑥ 기업지원 멘토멘티 운영, 활동보고서"],
            ["⑦ 금정구 중소기업발전협의회 활성화\n"
             "⑧ 기업지원위원회 개최(안건 발생시)\n"
             "⑨ 규제개선을 위한 유관기관 협업(부산 원스톱지원센터 등)"],
        ],
        corner="분  야",
        labels=["기업지원\n소통플랫폼\n[센터 운영]", "기업애로 현장지원\n[현장 방문]", "기업애로해소\n유관기관"],
    )
    industries = text_table(
        "industries",
        [("now", "현재(3개 업종)", ""), ("arrow", "", ""), ("after", "총 11개 업종(확대 8개 업종)", "")],
        [[
            "제조업,\n지식기반산업,\n정보통신산업",
            "➜",
            "제조업, 지식기반산업, 정보통신산업\n"
            "+\n"
            "OEM제조업, 스마트팜 수직농장, (종합·전문)건설업, 전기공사업,\n"
            "정보통신공사업, 소방시설공사업, 전문과학 및 기술서비스업,\n"
            "산업용 기계 및 장비 임대업",
        ]],
    )

    b = block(c, "results")
    b.heading = "3. 추진실적"
    b.period = "[2025. 1. 1.~2025. 9. 30.]"
    b.items = [
        it(1, "금정 원스톱기업지원센터 개소", "2025. 2. 18."),
        it(2, "부산지방중소벤처기업청의 비즈니스지원단 파견(격주 수)"),
        it(2, "중소기업 지원사업 설명회 개최(60명 참석)", "2025. 2. 26."),
        it(2, "금정 원스톱기업지원센터 운영 계획 수립 및 추진", "2025. 2. ~ 12.", table=fields_table),
        it(1, "금정 원스톱 기업지원센터 기업지원사업 추진"),
        # "label: value" lines keep their date in the text: the date is the label's value, not the
        # line's right-aligned date.
        it(2, "사업기간: 2025. 4. ~ 12."),
        it(2, "사 업 비: 170,000천원(지방소멸대응기금)"),
        it(2, "수행기관: 부산테크노파크, 부산경제진흥원"),
        it(2, "사업내용"),
        it(3, "기술닥터 활용 컨설팅, 기업 맞춤형 교육, 기업 사업화 지원(장비활용과 공인시험비 지원, "
              "제조공정 제품고급화 사업), 기업지원 전략 보고서"),
        it(3, "금정구 중소기업 오픈마켓 지원, 중소기업(소상공인) IPTV 광고 제작, 우수 중소기업 제품 특별판매전"),
        it(3, "금정구 중소기업 육성을 위한 업무 협약체결", "2025. 4. 3.", note=True),
        it(1, "중소기업 특례보증 이차보전금 지원"),
        it(2, "사업기간: 2024. 9. ~ 2025. 9."),
        it(2, "대출내용: 운전자금 및 시설자금"),
        it(2, "지원내용: 최종 산출금리에서 이차보전 2.0%p(3년간)"),
        it(2, "추진실적: 추천서 26개사, 대출신청액 110억  ※최종대출: 8개사, 30억(2025.9.3.기준)"),
        it(3, "이차보전금 지원: 12,642천원(지방소멸대응기금)"),
        it(1, "기업 소통 플랫폼 구축 및 운영", "2025. 2. ~ 12."),
        it(2, "구 홈페이지‘기업 소통의 장’등"),
        it(2, "관내 기업 애로사항 및 건의사항 청취 및 해결방안 강구 164건(2025.8월기준)"),
        it(2, "중소기업발전협의회 운영 지원: 정기회의 및 임원진 회의 각 1회 운영"),
        it(2, "기업사랑 금정소식 月 1회"),
        it(1, "금사공업지역 중소기업 특별지원지역 연장 지정"),
        it(2, "대 상 지: 금사동 7-1번지 일원 금사공업지역(814,000㎡)"),
        it(2, "연장기간: 2025. 1. 26. ~ 2027. 1. 25."),
        it(2, "최초 지정기간: 2023. 1. 26.~ 2025. 1. 25. ☞ 2년의 범위내에서 1회 연장가능", note=True),
        it(2, "중소기업 특별지원지역 활성화 추진계획 수립 및 추진", "2025. 1. ~ 12."),
        it(3, "경영위기에 처한 산업단지 및 밀집지역의 경영정상화 지원"),
        it(3, "중소기업 특별지원지역 수의계약 홍보: 계약우대, 사업우대"),
        it(1, "지식산업센터 입주업종 확대 추진"),
        it(2, "시 행 일: 2025. 6. 2."),
        it(2, "대    상: 금정구 지식산업센터 4개소"),
        it(2, "목    적: 경기침체 장기화로 인한 기업 유치 및 주요 입주업종 창업둔화로 지식산업센터 입주업종 "
              "확대 필요, 다양한 산업 분야의 기업유치로 경영환경 조성 및 일자리 창출 기회 확대",
           table=industries),
        it(1, "중소기업 근로환경 개선사업 추진"),
        it(2, "사업기간: 2025. 8. ~ 12."),
        it(2, "사 업 비: 80,000천원(지방소멸대응기금)"),
        it(2, "주요내용: 중소기업 노후환경 개선 및 안전한 근로환경 구축"),
        it(2, "추진실적: 8개 업체(작업장, 휴게공간 개선 및 노후개선 설비 구매 등)"),
        it(1, "제21회 대한민국 지방자치 경영대전 국무총리 표창(최우수상) 수상"),
        it(2, "선정분야: 지역활력 제고 분야 최우수상 수상", "2025. 9. 18."),
        it(2, "주요내용: 금사공업지역 중심 금정형 패션 클러스터 조성"),
        it(3, "맞춤형 성장지원, 재도약 발판 마련, 지역자원을 활용한 판로개척 및 지역 여건을 반영한 "
              "특화된 사업 추진 등"),
    ]

    b = block(c, "issues")
    b.heading = "4. 추진상 문제점 및 대책(협조사항)"
    b.items = [it(1, "해당 없음")]

    b = block(c, "plans")
    b.heading = "5. 향후계획"
    b.items = [
        it(1, "금정 원스톱기업지원센터 운영", "2025. 2. ~ 12."),
        it(1, "중소기업 특별지원지역 활성화 사업 추진", "2025. 2. ~ 12."),
        it(1, "지방소멸대응기금 추진사업 추진", "2025. 4. ~ 12."),
        it(1, "기업지원 멘토멘티사업 추진", "2025. 10. ~ 12."),
        it(1, "지역특화(상품,로드쇼,푸드) 연계 상상(商相) 페스티벌 개최", "2025. 11."),
    ]

    b = block(c, "photos")
    b.heading = "6. 기타 참고사항(관련 사진 등)"
    b.photos = [Photo(caption=cap, image=None) for cap in PHOTOS_2_2_1]
    return c


# ---------------------------------------------------------------- 구로구 III-2-1 (실천계획)

def guro_loan_terms() -> Table:
    return text_table(
        "loan_terms",
        [("fund", "중소기업육성기금", ""), ("bank", "우리은행협력자금", ""),
         ("guarantee", "구로구 보증특례지원 (소상공인)", "")],
        [
            ["50억", "30억", "10억"],
            ["연 1.8%", "은행금리의 최대 연 1% 보전", "연 3~5%"],
            ["1년 거치 4년 분할상환(연2회)", None, "1년 거치 3~4년 분할상환"],  # the middle cell is blank
        ],
        corner="구분",
        labels=["규모 (총90억)", "금리", "상환기간"],
    )


def guro_loans_done() -> Table:
    groups = [("sum", "합계"), ("y16", "'16년"), ("y17", "'17년"), ("y18h1", "'18년 상반기")]
    t = Table(key="loans_done", corner="구분")
    for key, group in groups:
        t.columns.append(Column(key=f"{key}_n", label="업체수", group=group))
        t.columns.append(Column(key=f"{key}_amt", label="금액", group=group))
    cols = [col.key for col in t.columns]
    t.rows.append(Row(key="loans", label="중소기업·소상공인 자금지원"))
    fill(t, "loans", cols, amounts("143 13,571 47 4,927 60 5,354 36 3,290"))
    t.relations = [
        Relation(kind="sum", axis="row", target="sum_n", of="same_label"),
        Relation(kind="sum", axis="row", target="sum_amt", of="same_label"),
    ]
    return t


def guro_marketing_done() -> Table:
    t = Table(key="marketing_done", corner="추진내용", columns=[
        Column(key="total", label="합계", group="지원 실적", unit="개사"),
        Column(key="y16", label="'16년", group="지원 실적", unit="개사"),
        Column(key="y17", label="'17년", group="지원 실적", unit="개사"),
        Column(key="y18h1", label="'18년 상반기", group="지원 실적", unit="개사"),
    ])
    t.rows.append(Row(key="marketing", label="중소기업 마케팅 지원 사업"))
    # "19개사" is the document's own slip (9 + 10 + 10 = 29): kept as stated, for the checks to show.
    fill(t, "marketing", ["total", "y16", "y17", "y18h1"], amounts("19 9 10 10"))
    t.relations = [Relation(kind="sum", axis="row", target="total", of="rest")]
    return t


def guro_branches() -> Table:
    t = Table(key="branches", columns=[
        Column(key="no", label="연 번", kind="text"),
        Column(key="company", label="회사명", kind="text", group="기 업"),
        Column(key="ceo", label="대표자", kind="text", group="기 업"),
        Column(key="product", label="생산품명", kind="text", group="기 업"),
        Column(key="office", label="무역관명", kind="text", group="지원내역"),
        Column(key="amount", label="지원금", kind="number", group="지원내역", unit="원"),
    ])
    rows = [
        ("1", "(주)시큐브", "홍기용", "정보보호솔루션", "런던(영국)", "1,750,000"),
        ("2", "(주)우신라보타치", "남택수", "의약품패치", "프라하(체코)", "1,250,000"),
        ("3", "(주)한드림넷", "서현원", "네트워크스위치", "호치민(베트남)", "1,900,000"),
        ("4", "(주)티앤씨코리아", "장규화", "독립형태양광발전", "아디스아바바 (에티오피아)", "1,250,000"),
        ("5", "에스엔패션그룹(주)", "구길기", "의류,잡화", "도쿄(일본)", "1,750,000"),
        ("6", "(주)나일소프트", "이승재", "소프트웨어", "실리콘밸리(미국)", "1,500,000"),
        ("7", "(주)두니코프", "이승재", "음향변조기", "토론토(캐나다)", "1,500,000"),
        ("8", "포테닛(주)", "남형도", "자율주행물류로봇", "시카고(미국)", "1,750,000"),
        ("9", "(주)디자인비아트", "김진만", "모형", "알마티(카자흐스탄)", "1,250,000"),
    ]
    for no, company, ceo, product, office, amount in rows:
        t.rows.append(Row(key=f"r{no}", label="", cells={
            "no": no, "company": company, "ceo": ceo, "product": product, "office": office,
            "amount": D(amount.replace(",", "")),
        }))
    return t


def guro_programs() -> Table:
    return text_table(
        "programs",
        [("name", "사업명", ""), ("when", "운영일/장소", ""), ("who", "참여대상 및 인원", ""),
         ("what", "내용", ""), ("remark", "비 고", "")],
        [
            ["중소기업 소상공인 지원 사업 상담회",
             "2018.2.1/ 구청강당",
             "중소기업인 소상공인 100여명",
             "- 중소기업지원 유관기관별 지원사업 전문가와 1:1 상담",
             "산단공,구로구상공회, 서울신용보증재단, 기술보증기금, 중진공 등 참여"],
            ["소상공인 창업 아카데미",
             "2018.2.26~ 2.27/ 평생학습관\n※ 하반기는 11.8~11.9 예정",
             "예비창업자, 업종전환 희망자, 기존사업자 (등록후 6월이내) 34명 수료",
             "- 창업가 정신 및 소상공인 창업사례\n- 금융경제교육 및 창업 세무\n- 인터넷(SNS) 마케팅 및 매출증대 전략",
             "서울신용보증재단과 공동 개최 (교육 수료시 서울시 창업자금 신청자격 부여)"],
            ["리더스 아카데미",
             "2018.4.4~ 5.23/ 평생학습관\n※ 하반기는 10.10~11.28 예정",
             "관내 소상공인 및 창업자 60여명",
             "- 마케팅기법, 노무지식 세무교육 등 경영활동에 필요한 강좌 실시",
             "중소기업중앙회 보조사업"],
        ],
    )


def card_guro(reg: TemplateRegistry) -> Card:
    c = new_card(
        reg.get("guro"),
        id="4ef2adec-e048-41c3-9cfe-10cfb2cd3211",
        pledge_id="8a54e155-0f59-42db-acdb-07fdcd243211",
        version=1,
        updated_at=datetime(2018, 10, 1, 0, 0, tzinfo=UTC),
        start_year=2018,  # from the year columns (2018년 … 2022년)
        end_year=2022,
    )
    c.org = "구로구"
    c.doc_title = ""
    c.base_date = None  # the plan has no 기준일, 추진상황 or 진도
    c.title = "중소기업-소상공인 육성 지원"
    c.number = "III-2-1"
    c.dept = "지역경제과"
    c.related = ["기획예산과", "재무과", "우리은행", "신용보증재단"]
    c.contacts = [Contact(role="주무관", name="정효진", phone="860-2865", dept="지역경제과")]
    c.timing = "임기내완료"
    c.extra = {"type": "계속", "budget_kind": "구비"}
    c.figures["total_cost"] = Figure(total=D("26670"), unit="백만원")

    b = block(c, "indicators")
    t = b.table
    assert t is not None
    years = [col.key for col in t.columns]  # y2018 … y2022
    t.rows[0:0] = [
        Row(key="ind1", label="○ 중소기업·소상공인 자금 지원(업체수)"),
        Row(key="ind2", label="○ 중소기업 마케팅 지원사업(업체수)"),
    ]
    fill(t, "ind1", years, amounts("60 60 60 60 60"))
    fill(t, "ind2", years, amounts("20 20 25 25 30"))
    fill(t, "achieve", years, amounts("20 40 60 80 100"))  # "20%" … in a % row

    b = block(c, "goal")
    b.items = [it(3, "중소기업과 소상공인에게 저리의 경영자금 융자, 마케팅 서비스, 경영환경 역량 강화등을 통해 "
                     "기업하기 좋은 환경 조성")]

    b = block(c, "plan")
    b.items = [
        it(0, "중소기업 및 소상공인 대상 저리융자 사업 추진"),
        it(3, "'18년 규모 및 조건", table=guro_loan_terms()),
        it(1, "소상공인 무담보 보증특례사업", note=True),
        it(3, "담보능력 부족으로 융자를 받을 수 없는 소상공인에 대하여 연3~5% 금리로 최대 5,000만원까지 "
              "서울신용보증재단이 보증 지원하는 사업으로 구 출연금 5억원의 10배수 총 50억원 규모 내에서 "
              "보증한도 소진시까지 연중 수시 융자 지원"),
        it(1, "추진실적", unit="(단위:업체수/백만원)", table=guro_loans_done()),
        it(1, "운영방법"),
        it(3, "상,하반기(1월, 7월)에 각각 공고 후 접수받고 기금운용심의위원회에서 지원 대상 업체를 심의·선정 후 "
              "우리은행에 통보하면 최종 담보자격 심사를 거쳐 융자 지원"),
        it(0, "소셜 네트워크 활용 마케팅 지원 사업 추진"),
        it(3, "추진내용 : 파워블로거 초청 품평회 개최 후 우수 기술력을 갖고 있는 벤처기업을 대상으로 "
              "소셜네트워크 활용 홍보"),
        it(3, "지원규모 : 10개사 내외, 15,000천원"),
        it(3, "추진실적", table=guro_marketing_done()),
        it(1, "운영방법"),  # the document leaves it empty
        it(0, "KOTRA 해외지사화 사업 지원"),
        it(3, "사업내용 : 해외지사를 설치할 여력이 부족한 관내 중소기업을 대상으로 KOTRA 해외무역관을 통해 "
              "지사역할을 대신해 주는 사업"),
        it(3, "대 상 : 구로구 소재 중소기업"),
        it(3, "지원규모 : 10개사 내외"),
        it(3, "소요예산 : 15,000천원"),
        it(3, "'17년도 추진실적 : 관내 9개 기업, 13,900천원", unit="(단위: 원)", table=guro_branches()),
        it(3, "운영방법 : 해외지사화 사업 및 물류네트워크 사업 참가비의 50%(최대 175만원)지원"),
        it(3, "지사화 사업 : 마케팅 및 수출지원"),
        it(3, "물 류 사 업 : 현지 물류창고 이용지원 및 물류 컨설팅 제공"),
        it(0, "중소기업·소상공인 경영지원사업 추진", table=guro_programs()),
    ]

    b = block(c, "invest")
    t = b.table
    assert t is not None
    cols = [col.key for col in t.columns]  # total, y2018 … y2022
    t.rows[0:0] = [
        Row(key="item1", label="○ 중소기업·소상공인 융자지원"),
        Row(key="item2", label="○ 중소기업 마케팅 지원사업"),
    ]
    fill(t, "item1", cols, amounts("26,460 5,200 5,360 5,300 5,300 5,300"))
    fill(t, "item2", cols, amounts("210 30 40 45 45 50"))
    fill(t, "grand", cols, amounts("26,670 5,230 5,400 5,345 5,345 5,350"))
    # 국비, 시비 and 기타(민자) rows are blank in the document: no cells stated.
    fill(t, "src_district", cols, amounts("26,670 5,230 5,400 5,345 5,345 5,350"))

    b = block(c, "jury")
    b.period = "[2018.8.9. ~ 8.30]"
    b.items = [
        it(1, "권고안 주요내용"),
        it(3, "구로구만의 특화된 중소기업 소상공인 육성정책을 만들어야 함"),
        it(3, "관내 기업이 사업장을 이전하지 않도록 정책 마련"),
        it(3, "유망 기업 발굴 및 육성을 위한 적극적인 노력이 필요"),
        it(3, "중소기업 소상공인 관련 예산의 대폭 증액이 필요할 것"),
        it(3, "4차산업 관련 전문직업훈련 강화를 통한 기업 인력수급 지원"),
        it(3, "소상공인 오픈마켓 등 입점에 대한 지원 시책이 필요"),
        it(3, "오프라인을 통한 일자리 홍보 지원정책 강화"),
        it(1, "주관부서 검토의견"),
        it(3, "우리구 중소기업의 애로사항 등을 해결하기 위해 SBA와 기업지원 센터를 운영하여 실질적인 어려움에 "
              "처한 기업이 상담 받을 수 있는 창구를 마련하고 관내에서 기업할 수 있는 환경을 만들기 위해 노력할 "
              "예정이며, 관내에 재단법인 중소기업인 희망재단을 이전하여 소상공인의 경쟁력 향상을 위해 2018. "
              "10월중에 업무협약을 체결하고 대기업과의 상생협력방안을 모색하고자 함."),
    ]
    return c


# ---------------------------------------------------------------- writing

BUILDERS: dict[str, Callable[[TemplateRegistry], Card]] = {
    "geumjeong-2024-06-30-card-1-2-2": card_1_2_2,
    "geumjeong-2025-09-30-card-2-2-1": card_2_2_1,
    "guro-plan-III-2-1": card_guro,
}


def sample_text(card: Card) -> str:
    data = cards_to_json([card])
    data["exported_at"] = EXPORTED_AT
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    reg = TemplateRegistry.load()
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for stem, build in BUILDERS.items():
        if argv and not any(a in stem for a in argv):
            continue
        path = SAMPLES / f"{stem}.json"
        text = sample_text(build(reg))
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
