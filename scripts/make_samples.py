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
from desktop.core.model import Block, Card, CellValue, Column, Contact, Figure, Item, Row, Table
from desktop.core.templates import TemplateRegistry, new_card

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


# ---------------------------------------------------------------- writing

BUILDERS: dict[str, Callable[[TemplateRegistry], Card]] = {
    "geumjeong-2024-06-30-card-1-2-2": card_1_2_2,
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
