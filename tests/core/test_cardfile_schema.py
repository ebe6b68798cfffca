"""docs/card-file.schema.json describes what the program writes and reads: samples, generated cards, exports."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from desktop.cli import main
from desktop.core.cardfile import CardFileError, cards_to_json, dumps, loads, write_cards
from desktop.core.model import Card
from tests.foreign import seongdong_card, write_seongdong
from tests.strategies import card_lists

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "card-file.schema.json"
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.json"))


@cache
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(data: Any) -> list[str]:
    if validator().is_valid(data):  # twice as fast as collecting errors; they are listed only when there are some
        return []
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator().iter_errors(data)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_file_follows_the_schema(sample: Path) -> None:
    assert problems(json.loads(sample.read_text(encoding="utf-8"))) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(card_lists())
def test_generated_cards_follow_the_schema(batch: list[Card]) -> None:
    assert problems(json.loads(dumps(batch))) == []


def test_exported_files_follow_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template_file, card_file = write_seongdong(tmp_path / "f")
    db, out = tmp_path / "db.sqlite3", tmp_path / "out.json"
    common = ["--db", str(db), "--templates", str(template_file.parent)]
    assert main([*common, "import", str(card_file), *map(str, SAMPLES)]) == 0
    assert main([*common, "export", "--all", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["cards"]) == 1 + sum(len(json.loads(p.read_text(encoding="utf-8"))["cards"]) for p in SAMPLES)
    assert problems(data) == []
    capsys.readouterr()


def _seongdong_file() -> dict[str, Any]:
    return json.loads(json.dumps(cards_to_json([seongdong_card()])))


BAD: list[tuple[str, str, Any]] = [
    ("amount as a JSON number", "cards/0/blocks/3/table/rows/1/cells/plan_2019", 100),
    ("amount with grouping", "cards/0/figures/budget/total", "1,234"),
    ("unknown version", "version", 2),
    ("level out of range", "cards/0/blocks/1/items/0/level", 7),
    ("date not ISO", "cards/0/base_date", "2021. 6. 30."),
    ("progress as text", "cards/0/progress", "50"),
    ("unknown key", "cards/0/colour", "red"),
    ("no template", "cards/0/template", ""),
    ("revision id not 20 hex digits", "cards/0/revisions", ["not-a-revision"]),
]


@pytest.mark.parametrize(("why", "where", "value"), BAD, ids=[b[0] for b in BAD])
def test_schema_and_reader_both_refuse(why: str, where: str, value: Any) -> None:
    del why
    data = _seongdong_file()
    node: Any = data
    *parents, last = where.split("/")
    for p in parents:
        node = node[int(p)] if p.isdigit() else node[p]
    node[int(last) if last.isdigit() else last] = value
    assert problems(data), "the schema accepted it"
    if last != "colour":  # the reader ignores unknown keys; the schema tells a hand-written typo
        with pytest.raises(CardFileError):
            loads(json.dumps(data))


def test_write_cards_output_follows_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    write_cards(path, [seongdong_card()])
    assert problems(json.loads(path.read_text(encoding="utf-8"))) == []
