"""공약 조정: each kind applied to a card and recorded; refusals; the 변경 현황 rows; card files keep them."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.adjustments import AdjustmentError, adjust, rows
from desktop.core.cardfile import card_to_json, dumps, loads, read_cards
from desktop.core.model import Card
from desktop.core.periods import carry_over
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def card(registry: TemplateRegistry) -> Card:
    return read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", registry)[0]


def test_title_change_is_applied_and_recorded(card: Card, registry: TemplateRegistry) -> None:
    old = card.title
    rec = adjust(card, registry.get(card.template), "title", "새 공약제목", reason="주민배심원단 권고",
                 body="주민배심원단", decided=date(2025, 3, 10))
    assert card.title == "새 공약제목"
    assert (rec.what, rec.before, rec.after, rec.body, rec.decided) == ("공약제목", old, "새 공약제목", "주민배심원단",
                                                                       date(2025, 3, 10))
    assert card.adjustments == [rec]


def test_tasks_take_one_item_a_line(card: Card, registry: TemplateRegistry) -> None:
    before = [t.text for t in card.tasks]
    rec = adjust(card, registry.get(card.template), "tasks", "가 과제\n\n나 과제", reason="r", body="b", decided=None)
    assert [t.text for t in card.tasks] == ["가 과제", "나 과제"]
    assert rec.before == "\n".join(before) and rec.after == "가 과제\n\n나 과제"


def test_drop_sets_the_dropped_status(card: Card, registry: TemplateRegistry) -> None:
    rec = adjust(card, registry.get(card.template), "drop", "국비 미확보", reason="재원", body="구청장 결재",
                 decided=date(2025, 4, 1))
    assert card.status == "폐기" and rec.before == "추진중" and rec.after == "폐기: 국비 미확보"


@pytest.mark.parametrize(("kw", "message"), [
    ({"reason": " ", "body": "b"}, "사유"),
    ({"reason": "r", "body": ""}, "결정 기관"),
])
def test_refusals_change_nothing(card: Card, registry: TemplateRegistry, kw: dict[str, str], message: str) -> None:
    before = card_to_json(card)
    with pytest.raises(AdjustmentError, match=message):
        adjust(card, registry.get(card.template), "title", "x", decided=None, **kw)
    assert card_to_json(card) == before


def test_card_files_and_later_periods_keep_adjustments(card: Card, registry: TemplateRegistry) -> None:
    template = registry.get(card.template)
    adjust(card, template, "title", "새 제목", reason="r", body="b", decided=date(2025, 3, 10))
    (back,) = loads(dumps([card]), registry=registry)
    assert back.adjustments == card.adjustments
    later = carry_over(card, date(2025, 12, 31), template)
    assert later.adjustments == card.adjustments


def test_rows_list_each_pledge_once_from_its_latest_card(card: Card, registry: TemplateRegistry) -> None:
    template = registry.get(card.template)
    adjust(card, template, "title", "새 제목", reason="r", body="b", decided=date(2025, 3, 10))
    later = carry_over(card, date(2025, 12, 31), template)
    adjust(later, template, "drop", "", reason="r2", body="b2", decided=date(2025, 11, 1))
    found = rows([card, later])
    assert [(r.what, r.decided) for r in found] == [("공약제목", date(2025, 3, 10)), ("폐기", date(2025, 11, 1))]


def test_a_bad_adjustment_in_a_card_file_is_refused_with_its_place(card: Card, registry: TemplateRegistry) -> None:
    import json

    from desktop.core.cardfile import CardFileError

    data = json.loads(dumps([card]))
    data["cards"][0]["adjustments"] = [{"what": "공약제목", "decided": "어제"}]
    with pytest.raises(CardFileError, match=r"adjustments\[0\]\.decided"):
        loads(json.dumps(data), registry=registry)


def test_merge_keeps_both_sides_records(card: Card, registry: TemplateRegistry) -> None:
    import copy

    from desktop.core.carddiff import diff_cards
    from desktop.core.merge import merge3

    template = registry.get(card.template)
    here, theirs = copy.deepcopy(card), copy.deepcopy(card)
    adjust(here, template, "title", "여기 제목", reason="r1", body="b1", decided=date(2025, 3, 1))
    adjust(theirs, template, "tasks", "새 과제", reason="r2", body="b2", decided=date(2025, 3, 2))
    result = merge3(card, here, theirs, template)
    assert [a.what for a in result.card.adjustments] == ["공약제목", "사업내용"]
    assert result.card.title == "여기 제목" and [t.text for t in result.card.tasks] == ["새 과제"]
    assert any(c.place.field == "adjustments" for c in diff_cards(card, here, template))
