"""SPEC §3's answer key: 2-2-1 and 1-2-2 have no 오류; III-2-1 has exactly one, 마케팅 지원 실적 합계
"19개사" against 9 + 10 + 10 = 29. Asserted on the transcribed samples and on the same figures built
with new_card (so the key holds whichever lands first), with the exact 경고 lists (none: see below).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.checks import check_card, counts, describe_place
from desktop.core.findings import ERROR, Finding, Place
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from tests.checks.cards import SAMPLE_122, SAMPLE_221, SAMPLE_GURO, card_122, card_221, card_guro, registry


@pytest.fixture(scope="module")
def reg() -> TemplateRegistry:
    return registry()


def sample(path: Path, reg: TemplateRegistry) -> Card:
    if not path.exists():
        pytest.skip(f"sample {path.name} not transcribed yet")
    cards = read_cards(path, reg)
    assert len(cards) == 1
    return cards[0]


def findings(card: Card, reg: TemplateRegistry) -> list[Finding]:
    return check_card(card, reg.get(card.template))


# Why no 경고 on the two 금정구 cards (each one considered, none is right to raise):
# - 1-2-2 (2024. 6. 30.): 투입 2022/2023 = 소요 2.4 each (≤ holds); 소요 2024/2025 2.4 with 투입 "-" is
#   plan not yet spent — nothing to warn; no 투입 after 2024; 진도 50 with 추진중; no 추진실적 period.
# - 2-2-1 (2025. 9. 30.): 투입 국비 2025 170 ≤ 250, 2024 220 ≤ 220; 투입 2026 "-"; 기준일 2025. 9. 30.
#   is the last day of [2025. 1. 1.~2025. 9. 30.] (inside); 진도 75 with 추진중; the blank 국비 임기후
#   cell (the seed row stops early) is empty like the "-" above it.
@pytest.mark.parametrize("path", [SAMPLE_221, SAMPLE_122], ids=["2-2-1", "1-2-2"])
def test_geumjeong_samples_are_clean(path: Path, reg: TemplateRegistry) -> None:
    card = sample(path, reg)
    assert findings(card, reg) == []


@pytest.mark.parametrize("build", [card_221, card_122], ids=["2-2-1", "1-2-2"])
def test_geumjeong_built_cards_are_clean(build: object, reg: TemplateRegistry) -> None:
    card = build(reg.get("standard"))  # type: ignore[operator]
    assert findings(card, reg) == []


def _the_one_slip(card: Card, reg: TemplateRegistry) -> Finding:
    found = findings(card, reg)
    assert counts(found) == (1, 0), [f.message for f in found]
    (f,) = found
    assert f.code == "sum.row"
    assert f.severity == ERROR
    assert (f.stated, f.computed) == ("19", "29")
    assert f.message.endswith("19개사 ≠ 9 + 10 + 10 = 29개사"), f.message
    plan = card.block("plan")
    assert plan is not None and f.place.block == "plan" and len(f.place.item) == 1
    table = plan.items[f.place.item[0]].table
    assert table is not None
    # the cell that says 19: the 합계 column of the marketing row
    assert table.row(f.place.row) is not None and table.row(f.place.row).cells[f.place.col] == 19  # type: ignore[union-attr]
    col = table.column(f.place.col)
    assert col is not None and col.label.replace(" ", "") == "합계"
    assert "마케팅" in describe_place(card, reg.get("guro"), f.place)
    return f


def test_guro_sample_has_exactly_the_marketing_slip(reg: TemplateRegistry) -> None:
    card = sample(SAMPLE_GURO, reg)
    f = _the_one_slip(card, reg)
    assert f.message == "중소기업 마케팅 지원 사업 지원 실적 합계 19개사 ≠ 9 + 10 + 10 = 29개사"
    assert f.place == Place(block="plan", item=(10,), row="marketing", col="total")
    assert describe_place(card, reg.get("guro"), f.place) == (
        "사업개요 및 이행계획 › 추진실적 › 중소기업 마케팅 지원 사업 › 지원 실적 합계")


def test_guro_built_card_has_exactly_the_marketing_slip(reg: TemplateRegistry) -> None:
    f = _the_one_slip(card_guro(reg.get("guro")), reg)
    assert f.message == "중소기업 마케팅 지원 사업 지원 실적 합계 19개사 ≠ 9 + 10 + 10 = 29개사"
    assert f.place == Place(block="plan", item=(3,), row="marketing", col="total")


def test_fixing_the_slip_leaves_the_guro_card_clean(reg: TemplateRegistry) -> None:
    card = card_guro(reg.get("guro"))
    plan = card.block("plan")
    assert plan is not None
    table = plan.items[3].table
    assert table is not None
    from decimal import Decimal

    table.rows[0].cells["total"] = Decimal(29)
    assert findings(card, reg) == []
