"""The one card generator every benchmark uses: the shipped sample cards copied up to any number.

    generate(n) -> list[Card]                       # n distinct cards, deterministic for a seed
    python bench/generate.py 1000 --out cards.json  # the same cards as a card file

Each copy is a real seed card (resources/samples: the 금정구 and 구로구 cards, whole bodies and tables)
under a new id and pledge_id, a distinct 관리번호 ("2-2-1-17"), a varied title, 주관부서, 추진상황 and
진도 (within the card's template vocabulary). Without samples it falls back to built-in cards.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.cardfile import CARD_FORMAT, CARD_VERSION, card_to_json, read_cards  # noqa: E402
from desktop.core.layout import new_card  # noqa: E402
from desktop.core.model import Card, Item  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"

DEPTS = [
    "일자리경제과", "기획예산과", "총무과", "문화체육과", "복지정책과", "여성가족과", "교육청소년과", "환경위생과",
    "도시계획과", "건축과", "도로과", "공원녹지과", "교통행정과", "보건소 건강증진과", "안전총괄과", "민원여권과",
]
PLACES = ["서동", "부곡동", "장전동", "구서동", "남산동", "청룡동", "금사동", "회동동", "선두구동", "금성동"]
TOPICS = ["확대", "2단계", "시범사업", "활성화", "고도화", "연계", "개선", "지원"]


def sample_cards() -> list[Card]:
    """The shipped sample cards, in file order; built-in cards when there are none yet."""
    cards = [c for p in sorted(SAMPLES.glob("*.json")) for c in read_cards(p)]
    return cards or builtin_cards()


def builtin_cards() -> list[Card]:
    """Two plain cards of the built-in templates, for a tree without samples."""
    reg = TemplateRegistry.load([], None)
    std = new_card(reg.get("standard"), number="1-1-1", title="지역경제 활성화", dept="일자리경제과",
                   base_date=date(2025, 9, 30), start_year=2023, end_year=2026, status="추진중", progress=50)
    std.goals = [Item("지역경제 활성화 기반 마련", 1)]
    invest = std.block("invest")
    assert invest is not None and invest.table is not None
    for row in invest.table.rows:
        if row.key == "plan_district":
            row.cells = {f"y{y}": Decimal("2.4") for y in range(2023, 2027)}
    for key in ("overview", "results", "plans"):
        block = std.block(key)
        assert block is not None
        block.items = [Item(f"{key} 항목 {i}", 1 + i % 3) for i in range(8)]
    guro = new_card(reg.get("guro"), number="III-1-1", title="중소기업 육성", dept="지역경제과",
                    start_year=2023, end_year=2026)
    plan = guro.block("plan")
    assert plan is not None
    plan.items = [Item("사업개요", 0), Item("중소기업 육성자금 융자 지원", 1)]
    return [std, guro]


@dataclass(frozen=True)
class _Variant:
    id: str
    pledge_id: str
    number: str
    title: str
    dept: str
    status: str
    progress: int | None


def _variants(n: int, base: list[Card], seed: int) -> list[_Variant]:
    reg = TemplateRegistry.load([], None)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        src = base[i % len(base)]
        k = i // len(base) + 1
        t = reg.templates.get(src.template)
        statuses = t.statuses if t is not None else []
        status = rng.choice(statuses) if statuses else src.status
        has_progress = t is None or t.field_def("progress") is not None
        progress: int | None = None
        if has_progress:
            progress = 100 if t is not None and status in t.done_statuses else rng.randrange(0, 100, 5)
        title = src.title if k == 1 else f"{src.title} ({PLACES[rng.randrange(len(PLACES))]} {rng.choice(TOPICS)} {k})"
        out.append(_Variant(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            pledge_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            number=f"{src.number}-{k}", title=title, dept=rng.choice(DEPTS), status=status, progress=progress,
        ))
    return out


def generate(n: int, *, seed: int = 0) -> list[Card]:
    """n distinct cards copied from the samples; the same n and seed give the same cards."""
    base = sample_cards()
    frozen = [pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL) for c in base]  # faster than deepcopy
    cards = []
    for i, v in enumerate(_variants(n, base, seed)):
        c: Card = pickle.loads(frozen[i % len(base)])
        c.id, c.pledge_id, c.number, c.title, c.dept = v.id, v.pledge_id, v.number, v.title, v.dept
        c.status, c.progress = v.status, v.progress
        cards.append(c)
    return cards


def generate_json(n: int, *, seed: int = 0) -> list[dict[str, Any]]:
    """The cards of generate(n, seed=seed) as card-file JSON objects, without building 10,000 Cards.

    Bodies are shared between copies (read-only: fine for json.dump, not for editing).
    """
    base = sample_cards()
    jsons = [card_to_json(c) for c in base]
    out = []
    for i, v in enumerate(_variants(n, base, seed)):
        d = dict(jsons[i % len(base)])
        d.update(id=v.id, pledge_id=v.pledge_id, number=v.number, title=v.title, dept=v.dept, status=v.status,
                 progress=v.progress)
        out.append(d)
    return out


def write(n: int, out: Path, *, seed: int = 0) -> None:
    data = {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "cards": generate_json(n, seed=seed),
    }
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="벤치마크용 카드 파일 만들기 (견본 카드를 N장으로 복제)")
    ap.add_argument("n", type=int, help="카드 수")
    ap.add_argument("--out", type=Path, required=True, help="써 넣을 카드 파일(.json)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("카드 수는 0 이상이어야 합니다")
    write(args.n, args.out, seed=args.seed)
    print(f"카드 {args.n:,}장을 '{args.out}'에 썼습니다")
    return 0


if __name__ == "__main__":
    sys.exit(main())
