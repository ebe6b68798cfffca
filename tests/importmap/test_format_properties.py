"""The texts of the other formats of SPEC §2 (tests/data/formats) cut and bent at random — lines dropped,
repeated, swapped, check boxes flipped, tabs lost, cells emptied, characters changed — never crash the
mapping: it gives cards the card file can hold and the checks (document relations included) can run on,
or no cards and the text unplaced. And after all of it the three seeds still import exactly."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.cardfile import card_to_json, dumps, loads
from desktop.core.checks import check_card, check_documents
from desktop.core.importmap import ImportResult, map_document
from desktop.core.readers import read_document
from desktop.core.templates import TemplateRegistry
from tests.conftest import SAMPLES, SEEDS
from tests.importmap.compare import card_diff

REGISTRY = TemplateRegistry.load()
TEXTS = Path(__file__).parent.parent / "data" / "formats"
LINES = {p.stem: p.read_text(encoding="utf-8").split("\n") for p in sorted(TEXTS.glob("*.txt"))}
NAMES = sorted(LINES)
SEED_NAMES = ["geumjeong-2024-06-30-card-1-2-2", "geumjeong-2025-09-30-card-2-2-1", "guro-plan-III-2-1"]
BENDS = ["■", "□", "☑", "☐", "\t", "", "-", "△", "○", "※", "□ ", "1.", "계", "2019년", "비예산", "0", "999,999,999",
         "(단위: 천원)", "부  서", "사업기간", "기준일", "이행상황", "총괄부서", "과  장", "😀", "\u200b"]


@st.composite
def bent_texts(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(NAMES))
    lines = list(LINES[name])
    if draw(st.booleans()):  # a random subset of the lines, in order
        keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        lines = [ln for ln, k in zip(lines, keep, strict=True) if k]
    for _ in range(draw(st.integers(0, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["dup", "swap", "drop", "bend", "untab", "cut", "empty_cell"]))
        if op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "drop":
            del lines[i]
        elif op == "bend" and lines[i]:
            at = draw(st.integers(0, len(lines[i])))
            width = draw(st.integers(0, 3))
            lines[i] = lines[i][:at] + draw(st.sampled_from(BENDS) | st.text(max_size=3)) + lines[i][at + width:]
        elif op == "untab":
            lines[i] = lines[i].replace("\t", "  ")
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "empty_cell" and "\t" in lines[i]:
            cells = lines[i].split("\t")
            cells[draw(st.integers(0, len(cells) - 1))] = ""
            lines[i] = "\t".join(cells)
    return name, "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bent_texts(), st.sampled_from([None, None, "seongdong-card", "dept-report", "dept-project"]))
def test_bent_format_texts_never_crash_the_mapping(bent: tuple[str, str], template: str | None) -> None:
    _, text = bent
    result = map_document(read_document(text.encode("utf-8"), "x.txt"), REGISTRY, template)
    assert isinstance(result, ImportResult)
    for card in result.cards:
        again = loads(dumps([card]), registry=REGISTRY)[0]
        assert again.number == card.number and again.extra == card.extra
        check_card(card, REGISTRY.get(card.template))
    check_documents(result.cards, lambda c: REGISTRY.templates.get(c.template))
    if not result.cards:  # nothing guessed silently: what gave no card is listed
        assert result.why_none
        assert bool(result.unplaced) == any(ln.strip().strip("-=_─━") for ln in text.split("\n"))


def test_the_seeds_still_import_exactly() -> None:
    for name in SEED_NAMES:
        result = map_document(read_document((SEEDS / f"{name}.txt").read_bytes(), f"{name}.txt"), REGISTRY)
        want = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))["cards"][0]
        assert len(result.cards) == 1
        assert card_diff(card_to_json(result.cards[0]), want, REGISTRY.get(want["template"])) == [], name
