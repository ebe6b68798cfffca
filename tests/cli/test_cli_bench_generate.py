"""bench/generate.py: the one generator of benchmark cards makes distinct, valid, importable cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generate import generate, generate_json, main, sample_cards
from desktop.core.cardfile import card_to_json, read_cards
from desktop.core.natural import natural_key
from desktop.core.templates import TemplateRegistry
from tests.cli.helpers import run_cli
from tests.core.test_cardfile_schema import problems


def test_generated_cards_are_distinct_copies_of_the_samples() -> None:
    base = sample_cards()
    cards = generate(3 * len(base) + 1)
    assert len({c.id for c in cards}) == len(cards)
    assert len({c.pledge_id for c in cards}) == len(cards)
    assert len({c.number for c in cards}) == len(cards)
    assert {c.id for c in cards}.isdisjoint({c.id for c in base})
    assert cards[len(base)].number == f"{base[0].number}-2"
    assert cards[len(base)].blocks == base[0].blocks  # the whole body of a real card
    assert len({c.dept for c in cards}) > 1 and len({c.title for c in cards}) == len(cards)
    reg = TemplateRegistry.load([], None)
    for c in cards:
        t = reg.get(c.template)
        same = next(b for b in base if b.template == c.template)
        assert c.status in t.statuses or (not t.statuses and c.status == same.status)
        if c.status in t.done_statuses:
            assert c.progress == 100
    assert generate(5) == generate(5)  # deterministic
    assert generate(5, seed=1) != generate(5)


def test_json_and_cards_agree_and_the_file_imports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cards = generate(7)
    assert [json.loads(json.dumps(d)) for d in generate_json(7)] == [
        json.loads(json.dumps(card_to_json(c))) for c in cards
    ]
    out = tmp_path / "cards.json"
    assert main(["7", "--out", str(out)]) == 0
    assert "카드 7장을" in capsys.readouterr().out
    assert problems(json.loads(out.read_text(encoding="utf-8"))) == []
    assert read_cards(out) == cards
    db = tmp_path / "db.sqlite3"
    assert run_cli(capsys, "--db", db, "import", out).code == 0
    listed = run_cli(capsys, "--db", db, "list").lines()
    assert [line.split("\t")[0] for line in listed] == sorted((c.number for c in cards), key=natural_key)
