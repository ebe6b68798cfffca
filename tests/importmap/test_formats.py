"""Issue 17 for the other formats of SPEC §2: the text an officer copies out of Hangul for the shipped
성동구 이행카드 and 부서별 주요업무 보고 samples (tests/data/formats, written by hand) imports into cards
equal to the samples (resources/samples/formats, the answer key) in every field, item and figure; the
template is chosen from the labels (no seed misread as another format); check boxes are read as the
ticked choices; the 사업 pages become cards of one document; the checks, document relations included,
find on the import what they find on the sample."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from desktop.core.cardfile import card_to_json, loads
from desktop.core.checks import check_card, check_documents
from desktop.core.checks.cross import documents
from desktop.core.importmap import NOTE_KEY, UNSURE_KEY, map_document
from desktop.core.model import Card
from desktop.core.readers import read_document
from desktop.core.templates import TemplateRegistry
from tests.conftest import ROOT, SEEDS
from tests.importmap.compare import card_diff

TEXTS = Path(__file__).parent.parent / "data" / "formats"
ANSWERS = ROOT / "resources" / "samples" / "formats"
SEONGDONG = "seongdong-card-2021-06-30-1-3"
DEPT = "dept-report-2024-06-30-도시재생과"
# What copied text cannot carry: the press clipping's image (the caption comes, the picture does not).
NOT_IN_TEXT = {SEONGDONG: ["blocks[7](press).photos[0].image", "blocks[7](press).photos[0].mime"], DEPT: []}


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry.load()


def _text(name: str) -> bytes:
    return (TEXTS / f"{name}.txt").read_bytes()


def _answer(name: str) -> list[dict[str, Any]]:
    cards: list[dict[str, Any]] = json.loads((ANSWERS / f"{name}.json").read_text(encoding="utf-8"))["cards"]
    return cards


def _answer_cards(name: str, registry: TemplateRegistry, answer: list[dict[str, Any]] | None = None) -> list[Card]:
    file = {"format": "pledgecard-cards", "version": 1, "cards": answer if answer is not None else _answer(name)}
    return loads(json.dumps(file), registry=registry)


def _import(data: bytes, registry: TemplateRegistry) -> list[Card]:
    return map_document(read_document(data, "x.txt"), registry).cards


@pytest.mark.parametrize("name", [SEONGDONG, DEPT])
def test_format_text_imports_into_its_sample_field_by_field(name: str, registry: TemplateRegistry) -> None:
    result = map_document(read_document(_text(name), f"{name}.txt"), registry)
    want = _answer(name)
    assert [c.template for c in result.cards] == [w["template"] for w in want]
    assert result.unplaced == []
    for card, w in zip(result.cards, want, strict=True):
        got = card_to_json(card)
        diffs = card_diff(got, w, registry.get(w["template"]))
        assert [d.split(":")[0] for d in diffs] == (NOT_IN_TEXT[name] if w is want[0] else []), "\n".join(diffs)
        assert NOTE_KEY not in got["extra"]


def test_what_could_not_come_from_the_text_is_only_the_clipping_image(registry: TemplateRegistry) -> None:
    card = card_to_json(_import(_text(SEONGDONG), registry)[0])
    want = _answer(SEONGDONG)[0]
    for photo in want["blocks"][7]["photos"]:
        photo["image"], photo["mime"] = None, ""
    assert card_diff(card, want, registry.get("seongdong-card")) == []
    assert [p["caption"] for p in card["blocks"][7]["photos"]] == [p["caption"] for p in want["blocks"][7]["photos"]]


def test_what_the_importer_read_rather_than_found_is_marked(registry: TemplateRegistry) -> None:
    seongdong = _import(_text(SEONGDONG), registry)[0]
    assert UNSURE_KEY not in seongdong.extra  # every field stood at its label
    report, *projects = _import(_text(DEPT), registry)
    # The report page shows no 보고명 nor 관리번호 (title and number read from its title and 부서), nor its
    # 예산액 (taken from its 예산 현황 계); a 사업 page's 관리번호 is 부서-page number.
    assert report.extra[UNSURE_KEY] == ["title", "number", "budget"]
    assert [p.extra[UNSURE_KEY] for p in projects] == [["number"]] * 4


def test_the_template_is_chosen_from_the_labels(registry: TemplateRegistry) -> None:
    seeds = {"geumjeong-2024-06-30-card-1-2-2": "standard", "geumjeong-2025-09-30-card-2-2-1": "standard",
             "guro-plan-III-2-1": "guro"}
    for name, template in seeds.items():
        cards = _import((SEEDS / f"{name}.txt").read_bytes(), registry)
        assert [c.template for c in cards] == [template], name
    assert [c.template for c in _import(_text(SEONGDONG), registry)] == ["seongdong-card"]
    assert [c.template for c in _import(_text(DEPT), registry)] == ["dept-report"] + ["dept-project"] * 4


def _swap(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def test_check_boxes_are_read_as_the_ticked_choices(registry: TemplateRegistry) -> None:
    text = _text(SEONGDONG).decode("utf-8")
    done = _import(_swap(text, "□ 이행후계속추진\t\n\t추진중\t■ 정상추진", "■ 이행후계속추진\t\n\t추진중\t□ 정상추진"),
                   registry)[0]
    assert done.status == "이행후계속추진" and UNSURE_KEY not in done.extra
    origin = _import(_swap(text, "□ 선거공보   ■ 선거공약서   ■ 5대공약   □ SNS",
                           "☑ 선거공보   ☐ 선거공약서   ☐ 5대공약   ☑ SNS"), registry)[0]
    assert origin.extra["origin"] == ["선거공보", "SNS"]
    new = _import(_swap(text, "□ 신규   ■ 계속", "■ 신규   □ 계속"), registry)[0]
    assert new.extra["type"] == "신규"
    # Two ticks where one status is meant: the first is taken and the officer asked to confirm it.
    two = _import(_swap(text, "□ 완료   □ 이행후계속추진", "■ 완료   □ 이행후계속추진"), registry)[0]
    assert two.status == "완료" and "status" in two.extra[UNSURE_KEY]
    none = _import(_swap(text, "■ 정상추진", "□ 정상추진"), registry)[0]
    assert none.status == "" and "status" in none.extra[UNSURE_KEY]


def test_the_pages_of_a_department_report_become_cards_of_one_document(registry: TemplateRegistry) -> None:
    cards = _import(_text(DEPT), registry)
    assert [c.number for c in cards] == ["도시재생과"] + [f"도시재생과-{n}" for n in range(1, 5)]
    assert [c.title for c in cards[1:]] == ["도시재생 뉴딜사업", "골목상권 활성화", "빈집 정비", "주민 공동체 역량강화"]
    assert len(documents(cards)) == 1
    assert len({c.id for c in cards}) == 5


def _findings(cards: list[Card], registry: TemplateRegistry) -> list[tuple[str, str, str, str]]:
    out = [(c.number, f.severity, f.code, f.message) for c in cards for f in check_card(c, registry.get(c.template))]
    by_id = {c.id: c.number for c in cards}
    for cid, found in check_documents(cards, lambda c: registry.templates.get(c.template)).items():
        out += [(by_id[cid], f.severity, f.code, f.message) for f in found]
    return sorted(out)


@pytest.mark.parametrize("name", [SEONGDONG, DEPT])
def test_checks_find_on_the_import_what_they_find_on_the_sample(name: str, registry: TemplateRegistry) -> None:
    assert _findings(_import(_text(name), registry), registry) == _findings(_answer_cards(name, registry), registry)


def _with(answer: list[dict[str, Any]], card: int, path: list[Any], value: Any) -> list[dict[str, Any]]:
    out = copy.deepcopy(answer)
    node: Any = out[card]
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return out


def test_a_slip_in_the_text_gives_the_findings_the_same_slip_gives_on_the_sample(registry: TemplateRegistry) -> None:
    """A report whose 예산 현황 row disagrees with its 사업 page (a document relation), and a 성동구 card
    whose 집행액 exceeds its 확보액 (a relation across tables): the same findings as on the sample so changed."""
    text = _text(DEPT).decode("utf-8")
    got = _findings(_import(_swap(text, "도시재생 뉴딜사업\t34,962\t24,125", "도시재생 뉴딜사업\t34,962\t24,152"),
                            registry), registry)
    rows = _answer(DEPT)[0]["blocks"][2]["table"]["rows"]
    row = next(i for i, r in enumerate(rows) if r["label"] == "도시재생 뉴딜사업")
    want = _findings(_answer_cards(DEPT, registry, _with(_answer(DEPT), 0,
                                                         ["blocks", 2, "table", "rows", row, "cells", "spent"],
                                                         "24152")), registry)
    assert got == want and got, got
    assert any("도시재생과-1" in f[3] or "도시재생 뉴딜사업" in f[3] for f in got)
    s = _text(SEONGDONG).decode("utf-8")
    got = _findings(_import(_swap(s, "집행액\t\t\t140\t330", "집행액\t\t\t160\t330"), registry), registry)
    want = _findings(_answer_cards(SEONGDONG, registry, _with(_answer(SEONGDONG), 0,
                                                              ["blocks", 4, "table", "rows", 0, "cells", "y2019"],
                                                              "160")), registry)
    assert got == want and got, got
