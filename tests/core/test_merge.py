"""The three-way card merge (SPEC §6.3): hand-made cases with known answers."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.merge import merge3, resolve, resolve_all
from desktop.core.model import Card, Contact, Item, Photo
from desktop.core.templates import Template, TemplateRegistry
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


@pytest.fixture
def template(registry: TemplateRegistry) -> Template:
    return registry.get("standard")


@pytest.fixture
def base(registry: TemplateRegistry) -> Card:
    return read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", registry)[0]


def _cell(card: Card, row: str, col: str) -> object:
    block = card.block("invest")
    assert block is not None and block.table is not None
    r = block.table.row(row)
    assert r is not None
    return r.cells.get(col)


def _set_cell(card: Card, row: str, col: str, v: Decimal) -> None:
    block = card.block("invest")
    assert block is not None and block.table is not None
    r = block.table.row(row)
    assert r is not None
    r.cells[col] = v


def test_two_pc_scenario_keeps_both_edits(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    here.dept = "경제정책과"  # PC-B
    theirs.title = "중소기업 지원 확대"  # PC-A, later
    res = merge3(base, here, theirs, template)
    assert res.conflicts == []
    assert res.card.dept == "경제정책과" and res.card.title == "중소기업 지원 확대"
    assert [c.place.field for c in res.taken] == ["title"]
    assert res.card.id == here.id and res.card.version == here.version


def test_unchanged_sides(base: Card, template: Template) -> None:
    theirs = copy.deepcopy(base)
    theirs.status = "완료"
    assert merge3(base, base, theirs, template).card.status == "완료"
    assert merge3(base, theirs, base, template).card.status == "완료"
    assert merge3(base, theirs, base, template).taken == []
    same = merge3(base, theirs, copy.deepcopy(theirs), template)
    assert same.conflicts == [] and same.taken == []


def test_same_field_changed_differently_is_a_conflict(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    here.dept, theirs.dept = "경제정책과", "기업지원과"
    res = merge3(base, here, theirs, template)
    assert len(res.conflicts) == 1
    c = res.conflicts[0]
    assert c.place.field == "dept" and c.where == "주관부서"
    assert (c.base, c.here, c.theirs) == ("일자리경제과", "경제정책과", "기업지원과")
    assert res.card.dept == "경제정책과" and res.open == [c]
    assert "여기 경제정책과" in c.describe() and "들어온 것 기업지원과" in c.describe()
    taken = resolve(res, {c.key: "theirs"})
    assert taken.card.dept == "기업지원과" and taken.open == [] and taken.conflicts[0].chosen == "theirs"
    assert resolve_all(res, "here").card.dept == "경제정책과"
    assert resolve_all(res, "theirs").card.dept == "기업지원과"


def test_same_cell_changed_differently_is_a_conflict(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    _set_cell(here, "plan_national", "y2025", Decimal(260))
    _set_cell(theirs, "plan_national", "y2025", Decimal(270))
    _set_cell(theirs, "plan_city", "y2025", Decimal(7))  # another cell: taken
    res = merge3(base, here, theirs, template)
    assert [(c.place.block, c.place.row, c.place.col) for c in res.conflicts] == [("invest", "plan_national", "y2025")]
    assert (res.conflicts[0].here, res.conflicts[0].theirs) == ("260", "270")
    assert "2025" in res.conflicts[0].where
    assert _cell(res.card, "plan_national", "y2025") == Decimal(260)
    assert _cell(res.card, "plan_city", "y2025") == Decimal(7)
    assert _cell(resolve_all(res, "theirs").card, "plan_national", "y2025") == Decimal(270)


def test_same_cell_same_change_is_one(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    _set_cell(here, "plan_national", "y2025", Decimal(300))
    _set_cell(theirs, "plan_national", "y2025", Decimal(300))
    res = merge3(base, here, theirs, template)
    assert res.conflicts == [] and res.taken == []


def test_same_outline_item_changed_differently_is_a_conflict(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    old = base.tasks[1].text
    here.tasks[1].text = old + " (여기서 고침)"
    theirs.tasks[1].text = old + " (저쪽에서 고침)"
    res = merge3(base, here, theirs, template)
    assert len(res.conflicts) == 1
    c = res.conflicts[0]
    assert c.place.field == "tasks" and c.place.item == (1,) and "2번째 줄" in c.where
    assert res.card.tasks[1].text == old + " (여기서 고침)"
    assert resolve(res, {c.key: "theirs"}).card.tasks[1].text == old + " (저쪽에서 고침)"


def test_inserted_line_next_to_an_edited_one_merges_cleanly(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    edited = base.tasks[1].text + " 등"
    here.tasks[1].text = edited
    theirs.tasks.insert(1, Item(text="새 과제: 청년 창업 공간 조성", level=base.tasks[1].level))
    res = merge3(base, here, theirs, template)
    assert res.conflicts == []
    texts = [it.text for it in res.card.tasks]
    assert texts == [base.tasks[0].text, "새 과제: 청년 창업 공간 조성", edited, *[t.text for t in base.tasks[2:]]]
    # and the mirror: the edit came in, the insertion is here
    res2 = merge3(base, theirs, here, template)
    assert res2.conflicts == [] and [it.text for it in res2.card.tasks] == texts


def test_lines_added_on_both_sides(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    here.tasks.append(Item(text="같은 새 줄"))
    theirs.tasks.append(Item(text="같은 새 줄"))
    theirs.tasks.append(Item(text="저쪽만의 줄"))
    res = merge3(base, here, theirs, template)
    assert res.conflicts == []
    assert [it.text for it in res.card.tasks][-2:] == ["같은 새 줄", "저쪽만의 줄"]


def test_deleted_here_edited_there_is_a_conflict(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del here.tasks[2]
    theirs.tasks[2].text += " (보완)"
    res = merge3(base, here, theirs, template)
    assert len(res.conflicts) == 1 and res.conflicts[0].here is None
    assert len(res.card.tasks) == len(base.tasks) - 1
    assert resolve_all(res, "theirs").card.tasks[2].text == theirs.tasks[2].text
    # deleted on one side, untouched on the other: deleted
    res2 = merge3(base, here, copy.deepcopy(base), template)
    assert res2.conflicts == [] and len(res2.card.tasks) == len(base.tasks) - 1


def test_list_entries_related_and_contacts(base: Card, template: Template) -> None:
    base = copy.deepcopy(base)
    base.related = ["기획예산과"]
    base.contacts = [Contact(role="팀장", name="김철수", phone="☎4803")]
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    here.related.append("도시재생과")
    theirs.related.append("복지정책과")
    here.contacts[0].phone = "☎4804"
    theirs.contacts.append(Contact(role="담당자", name="이영희"))
    res = merge3(base, here, theirs, template)
    assert res.conflicts == []
    assert res.card.related == ["기획예산과", "도시재생과", "복지정책과"]
    assert [(c.name, c.phone) for c in res.card.contacts] == [("김철수", "☎4804"), ("이영희", "")]
    theirs.contacts[0].phone = "☎4805"
    res = merge3(base, here, theirs, template)
    assert len(res.conflicts) == 1
    assert (res.conflicts[0].here, res.conflicts[0].theirs) == ("팀장 김철수 ☎4804", "팀장 김철수 ☎4805")


def test_photos_and_block_period(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    block = theirs.block("photos")
    assert block is not None
    block.photos.append(Photo(caption="현장 점검", image=b"\x89PNG-1", mime="image/png"))
    results_here, results_theirs = here.block("results"), theirs.block("results")
    assert results_here is not None and results_theirs is not None
    results_here.period = "[2025. 1. 1.~2025. 12. 31.]"
    res = merge3(base, here, theirs, template)
    assert res.conflicts == []
    got = res.card.block("photos")
    assert got is not None and [p.caption for p in got.photos][-1] == "현장 점검"
    rb = res.card.block("results")
    assert rb is not None and rb.period == "[2025. 1. 1.~2025. 12. 31.]"
    results_theirs.period = "[2025. 1. 1.~2025. 6. 30.]"
    res = merge3(base, here, theirs, template)
    assert len(res.conflicts) == 1 and res.conflicts[0].where.endswith("› 기간")
    assert res.conflicts[0].place.block == "results"


def test_no_base_every_difference_is_a_conflict(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs.title = "다른 제목"
    theirs.tasks.append(Item(text="들어온 줄"))
    res = merge3(None, here, theirs, template)
    assert len(res.open) == 2
    assert res.card.title == base.title and len(res.card.tasks) == len(base.tasks)
    taken = resolve_all(res, "theirs")
    assert taken.card.title == "다른 제목" and taken.card.tasks[-1].text == "들어온 줄"
    assert merge3(None, here, copy.deepcopy(here), template).conflicts == []


def test_result_shares_nothing_with_its_inputs(base: Card, template: Template) -> None:
    here, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs.tasks[0].text = "바뀐 줄"
    res = merge3(base, here, theirs, template)
    res.card.tasks[0].text = "결과를 고침"
    res.card.related.append("x")
    assert theirs.tasks[0].text == "바뀐 줄" and "x" not in here.related
