"""A format the program has never seen (성동구 이행카드, tests/foreign.py): its card checks by its own
declared relations — 확보액 may exceed 계획액 since no `le` is declared — with no code aware of it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.checks import check_card, describe_place
from desktop.core.findings import ERROR
from desktop.core.templates import TemplateRegistry
from tests.checks.helpers import brief
from tests.cli.helpers import run_cli
from tests.foreign import TEMPLATE_NAME, seongdong_card, seongdong_template, write_seongdong

ROOT = Path(__file__).resolve().parents[2]


def test_the_foreign_card_is_clean_though_secured_exceeds_planned() -> None:
    card, t = seongdong_card(), seongdong_template()
    invest = card.block("invest").table  # type: ignore[union-attr]
    assert invest is not None
    row = invest.row("src_city")
    assert row is not None and row.cells["sec_2020"] > row.cells["plan_2020"]  # type: ignore[operator]
    assert check_card(card, t) == []


def test_a_slip_in_the_foreign_table_is_found_at_its_cell() -> None:
    card, t = seongdong_card(), seongdong_template()
    invest = card.block("invest").table  # type: ignore[union-attr]
    assert invest is not None
    invest.row("src_city").cells["sec_2021"] = Decimal(160)  # type: ignore[union-attr]
    found = check_card(card, t)
    assert brief(found) == [
        ("sum.row", ERROR, "src_city", "sec_total", "시비 계 확보액 500 ≠ 100 + 250 + 160 = 510"),
        ("sum.col", ERROR, "total", "sec_2021", "계 2021년 확보액 230 ≠ 160 + 80 = 240"),
    ]
    assert describe_place(card, t, found[1].place) == "연차별 투자계획 › 계 › 2021년 확보액"


def test_the_foreign_summary_against_its_table() -> None:
    card, t = seongdong_card(), seongdong_template()
    card.figures["budget"].parts = [("서울시", Decimal(450)), ("구", Decimal(350))]
    assert brief(check_card(card, t)) == [
        ("figure.source", ERROR, "src_city", "plan_total",
         "소요예산 서울시 450백만원 ≠ 연차별 투자계획 시비 계 계획액 500백만원"),
        ("figure.source", ERROR, "src_district", "plan_total",
         "소요예산 구 350백만원 ≠ 연차별 투자계획 구비 계 계획액 300백만원"),
    ]


def test_no_check_code_knows_the_foreign_format() -> None:
    for path in [*(ROOT / "desktop" / "core" / "checks").glob("*.py"), ROOT / "desktop" / "commands" / "check.py"]:
        text = path.read_text(encoding="utf-8")
        for word in ("seongdong", "성동", "확보액", "계획액", "sec_", "금정", "구로", "guro", "invest", "plan_"):
            assert word not in text, f"{path.name} mentions {word!r}"


def test_the_check_command_on_the_foreign_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template_file, card_file = write_seongdong(tmp_path)
    r = run_cli(capsys, "--templates", template_file.parent, "check", card_file)
    assert (r.code, r.out) == (0, "")
    reg = TemplateRegistry.load([template_file.parent])
    (card,) = read_cards(card_file, reg)
    assert card.template == TEMPLATE_NAME
    card.block("spent").table.rows[0].cells["total"] = Decimal(600)  # type: ignore[union-attr]
    from desktop.core.cardfile import write_cards

    write_cards(card_file, [card])
    r = run_cli(capsys, "--templates", template_file.parent, "check", card_file)
    assert r.code == 1
    assert r.lines() == ["1-3 [오류] 집행액 계 600 ≠ 140 + 330 + 120.5 = 590.5 (연차별 집행액 › 집행액 › 계)"]
