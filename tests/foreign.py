"""A format the program has never seen: the 성동구 이행카드 (SPEC §2), as a template file and a card file.

`write_seongdong(dirpath)` writes them into a folder and returns (template file, card file). The
template sits alone in `dirpath/templates/` — pass `template_file.parent` as `--templates DIR` — since
every *.json in a templates folder is read as a template. Nothing in desktop/ or db/ knows this format:
tests of every feature (list/import/export, checks, PDF, workbook, editor) use this fixture to prove
that a district is added by data alone. Keep it stable; extend it additively.

The template below is also the worked example of docs/templates.md (a test keeps the two equal).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.cardfile import write_cards
from desktop.core.model import Card, Contact, Figure, Item, Photo
from desktop.core.templates import Template, template_from_json

TEMPLATE_NAME = "seongdong"
CARD_ID = "5d0c3a52-8f5e-4d53-9a57-2f4b1c1b0001"
PLEDGE_ID = "5d0c3a52-8f5e-4d53-9a57-2f4b1c1b1001"
CARD_NUMBER = "1-3"
CARD_TITLE = "성수동 사회적경제 특구 조성"

# A 1×1 PNG: a real image, a few bytes.
TINY_PNG = bytes.fromhex(  # a valid 1×1 red PNG (Pillow verifies it; LibreOffice keeps it)
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f00050001ff56c72f0d0000000049454e44ae426082"
)

_YEARS = [("2019", "2019년"), ("2020", "2020년"), ("2021", "2021년"), ("2022", "2022.6월")]

SEONGDONG_TEMPLATE: dict[str, Any] = {
    "format": "pledgecard-template",
    "version": 1,
    "name": TEMPLATE_NAME,
    "label": "성동구 공약 이행카드",
    "doc_title": "민선7기 구청장 공약 이행카드",
    "org": "성동구",
    "base_date": True,
    "statuses": {
        "values": ["완료", "이행후계속추진", "정상추진", "일부추진"],
        "groups": {"완료": ["완료", "이행후계속추진"], "추진중": ["정상추진", "일부추진"]},
        "done": ["완료", "이행후계속추진"],
    },
    "sources": [
        {"key": "national", "label": "국비", "aliases": ["국", "정부"]},
        {"key": "city", "label": "시비", "aliases": ["시", "서울시"]},
        {"key": "district", "label": "구비", "aliases": ["구"]},
        {"key": "other", "label": "기타", "aliases": ["민간", "민자"]},
    ],
    "marks": {"0": "①", "1": "□", "2": "○", "3": "-", "4": "·", "note": "※"},
    "header": {
        "layout": "grid",
        "rows": [
            ["title", "number"],
            ["origin"],
            ["type", "actor"],
            ["status"],
            ["dept", "period"],
            ["budget"],
        ],
    },
    "footer": ["contacts"],
    "fields": [
        {"key": "title", "label": "공약명", "kind": "text"},
        {"key": "number", "label": "공약번호", "kind": "text", "placeholder": "1-3"},
        {"key": "origin", "label": "공약출처", "kind": "checks",
         "choices": ["선거공보", "선거공약서", "5대공약", "SNS"]},
        {"key": "type", "label": "사업유형", "kind": "choice", "choices": ["신규", "계속"]},
        {"key": "actor", "label": "사업주체", "kind": "checks", "choices": ["자체", "서울시(정부)", "민간/기타"]},
        {"key": "status", "label": "이행상황", "kind": "status"},
        {"key": "dept", "label": "주관부서", "kind": "text"},
        {"key": "period", "label": "사업기간", "kind": "years"},
        {"key": "budget", "label": "소요예산", "kind": "figure", "unit": "백만원",
         "equals": {"block": "invest", "row": "total", "col": "plan_total"}, "sources_row": "src_{source}"},
        {"key": "contacts", "label": "총괄부서", "kind": "contacts", "roles": ["과장", "팀장", "담당"]},
    ],
    "blocks": [
        {"key": "goal", "heading": "정책목표", "kind": "outline"},
        {"key": "overview", "heading": "사업개요", "kind": "outline"},
        {"key": "targets", "heading": "연차별 추진목표", "kind": "figure",
         "table": {
             "corner": "구 분",
             "columns": [
                 {"key": "t2018", "label": "2018년", "kind": "text"},
                 *({"key": f"t{y}", "label": label, "kind": "text"} for y, label in _YEARS),
                 {"key": "after", "label": "임기후", "kind": "text"},
             ],
             "rows": [{"key": "target", "label": "추진목표"}],
         }},
        {"key": "invest", "heading": "연차별 투자계획", "kind": "figure",
         "table": {
             "corner": "구 분", "unit": "백만원",
             "columns": [
                 {"key": "plan_total", "label": "계획액", "group": "계"},
                 {"key": "sec_total", "label": "확보액", "group": "계"},
                 *(c for y, label in _YEARS for c in (
                     {"key": f"plan_{y}", "label": "계획액", "group": label},
                     {"key": f"sec_{y}", "label": "확보액", "group": label},
                 )),
             ],
             "rows": [
                 {"key": "total", "label": "계"},
                 {"key": "src_{source}", "label": "{label}", "each_source": True},
             ],
             "relations": [
                 {"kind": "sum", "axis": "row", "target": "plan_total", "of": "same_label"},
                 {"kind": "sum", "axis": "row", "target": "sec_total", "of": "same_label"},
                 {"kind": "sum", "axis": "col", "target": "total", "of": "rest"},
             ],
         }},
        {"key": "spent", "heading": "연차별 집행액", "kind": "figure",
         "table": {
             "corner": "구 분", "unit": "백만원",
             "columns": [
                 {"key": "total", "label": "계"},
                 {"years": True},
             ],
             "rows": [{"key": "spent", "label": "집행액"}],
             "relations": [
                 {"kind": "sum", "axis": "row", "target": "total", "of": "rest"},
                 {"kind": "no_future", "of": ["spent"]},
             ],
         }},
        {"key": "results", "heading": "추진실적", "kind": "outline", "dates": True},
        {"key": "plans", "heading": "향후계획", "kind": "outline", "dates": True},
        {"key": "press", "heading": "언론보도", "kind": "photos", "per_row": 2},
    ],
}


def seongdong_template() -> Template:
    return template_from_json(json.loads(json.dumps(SEONGDONG_TEMPLATE)), "(성동구 예시)")


def _d(text: str) -> Decimal:
    return Decimal(text)


def seongdong_card() -> Card:
    """One filled 이행카드: stated totals that add up, 확보액 > 계획액 in 2020 (allowed, no `le`)."""
    from desktop.core.layout import new_card

    t = seongdong_template()
    card = new_card(
        t,
        id=CARD_ID, pledge_id=PLEDGE_ID, version=1,
        updated_at=datetime(2021, 7, 5, 9, 30, tzinfo=UTC),
        base_date=date(2021, 6, 30), title=CARD_TITLE, number=CARD_NUMBER, dept="지역경제과",
        related=["사회적경제과"], start_year=2018, end_year=2022, timing="임기 내 완료", status="정상추진",
        contacts=[
            Contact(role="과장", name="김성동", phone="02-2286-5110", dept="기획예산과"),
            Contact(role="팀장", name="이한양", phone="02-2286-5111", dept="기획예산과"),
            Contact(role="담당", rank="행정7급", name="박왕십리", phone="02-2286-5112", dept="기획예산과"),
        ],
    )
    card.extra = {"origin": ["선거공약서", "5대공약"], "type": "계속", "actor": ["자체", "서울시(정부)"]}
    card.figures["budget"] = Figure(total=_d("800"), unit="백만원", parts=[("시비", _d("500")), ("구비", _d("300"))])
    goal, overview, targets, invest, spent, results, plans, press = card.blocks
    goal.items = [Item("사회적경제 기업이 모여 일하는 성수동 특구 조성", 1)]
    overview.items = [
        Item("위 치: 성수동 일대 (성수1가·2가)", 1),
        Item("내 용: 공유 사무실·판로 지원, 사회적기업 육성", 1),
        Item("사회적기업 30개사 → 60개사 (2022.6월)", 2),
        Item("특구 지정은 중소벤처기업부 고시 사항", 1, note=True),
    ]
    assert targets.table is not None and invest.table is not None and spent.table is not None
    targets.table.rows[0].cells = {
        "t2018": "기본계획 수립", "t2019": "특구 지정 신청", "t2020": "공유오피스 개소",
        "t2021": "입주기업 40개사", "t2022": "입주기업 60개사", "after": "자립 운영",
    }
    plan = {"2019": ("100", "50"), "2020": ("200", "100"), "2021": ("200", "100"), "2022": (None, "50")}
    sec = {"2019": ("100", "50"), "2020": ("250", "100"), "2021": ("150", "80"), "2022": (None, None)}
    rows = {r.key: r for r in invest.table.rows}
    for y in plan:
        for i, src in enumerate(("src_city", "src_district")):
            p, s = plan[y][i], sec[y][i]
            rows[src].cells[f"plan_{y}"] = _d(p) if p is not None else None
            rows[src].cells[f"sec_{y}"] = _d(s) if s is not None else None
    rows["src_city"].cells.update(plan_total=_d("500"), sec_total=_d("500"))
    rows["src_district"].cells.update(plan_total=_d("300"), sec_total=_d("230"))
    # Stated "-" all along the 국비 row; the 기타 row states nothing (blank).
    rows["src_national"].cells = {c.key: None for c in invest.table.columns}
    # The 계 row is stated as a submitted card states it — except 2022, left to be computed.
    rows["total"].cells = {
        "plan_total": _d("800"), "sec_total": _d("730"),
        "plan_2019": _d("150"), "sec_2019": _d("150"), "plan_2020": _d("300"), "sec_2020": _d("350"),
        "plan_2021": _d("300"), "sec_2021": _d("230"),
    }
    # 집행액: the 계 is not stated (a derived cell absent from cells means "computed": 590).
    spent.table.rows[0].cells = {"y2019": _d("140"), "y2020": _d("330"), "y2021": _d("120.5"), "y2022": None}
    results.items = [
        Item("사회적경제 특구 기본계획 수립", 1, date="2018. 11."),
        Item("성수 공유오피스 「헤이그라운드」 개소", 1, date="2020. 3. 12."),
        Item("입주기업 42개사, 고용 310명", 2),
        Item("사회적경제 한마당 개최 (온라인)", 1, date="2020. 10."),
    ]
    plans.items = [
        Item("입주기업 판로 지원 박람회", 1, date="2021. 9. ~ 10."),
        Item("특구 성과 평가 용역", 1, date="2022. 3."),
    ]
    press.photos = [
        Photo("“성수동, 사회적경제 1번지로” (서울신문 2020. 3. 13.)", TINY_PNG, "image/png"),
        Photo("공유오피스 개소식 (구정소식지 2020. 4월호)"),  # the caption before the clipping is scanned
    ]
    return card


def write_seongdong(dirpath: Path) -> tuple[Path, Path]:
    """Write the 성동구 template (in dirpath/templates/) and one card file; return both paths."""
    tdir = dirpath / "templates"
    tdir.mkdir(parents=True, exist_ok=True)
    template_file = tdir / f"{TEMPLATE_NAME}.json"
    template_file.write_text(json.dumps(SEONGDONG_TEMPLATE, ensure_ascii=False, indent=1), encoding="utf-8")
    card_file = dirpath / "seongdong-2021-06-30-1-3.json"
    write_cards(card_file, [seongdong_card()])
    return template_file, card_file
