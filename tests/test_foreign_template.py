"""A district's own format, added by data alone: the 성동구 이행카드 from a template file and a card file.

Only the folder written by tests/foreign.py is given (`--templates DIR`); no code knows the format.
Later features (checks, PDF, workbook, editor) extend this proof with their own tests on the same fixture.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.templates import TemplateRegistry
from tests.cli.helpers import run_cli
from tests.foreign import CARD_ID, CARD_NUMBER, CARD_TITLE, SEONGDONG_TEMPLATE, seongdong_card, write_seongdong

ROOT = Path(__file__).resolve().parents[1]
LIST_LINE = f"{CARD_NUMBER}\t{CARD_TITLE}\t지역경제과\t정상추진\t-\t2021-06-30"


def _cards_of(path: Path) -> object:
    """The cards of a file, every key but the exchange stamp an export adds (revisions, database_id)."""
    cards = json.loads(path.read_text(encoding="utf-8"))["cards"]
    for c in cards:
        c.pop("revisions", None), c.pop("database_id", None)
    return cards


def test_the_folder_alone_makes_the_format_known(tmp_path: Path) -> None:
    template_file, card_file = write_seongdong(tmp_path)
    assert template_file.parent != card_file.parent  # a templates folder holds templates only
    reg = TemplateRegistry.load([template_file.parent], None)
    assert reg.errors == []
    t = reg.get("seongdong")
    assert t.status_groups == {"완료": ["완료", "이행후계속추진"], "추진중": ["정상추진", "일부추진"]}
    assert [b.key for b in t.blocks] == ["goal", "overview", "targets", "invest", "spent", "results", "plans", "press"]
    assert not any(r.kind == "le" for b in t.blocks if b.table for r in b.table.relations)  # 확보액 may exceed 계획액
    assert read_cards(card_file, reg) == [seongdong_card()]
    assert TemplateRegistry.load([], None).templates.get("seongdong") is None  # nothing built in knows it


def test_load_import_list_export_in_process(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    template_file, card_file = write_seongdong(tmp_path / "seongdong")
    tdir = template_file.parent
    db = tmp_path / "db.sqlite3"

    r = run_cli(capsys, "--templates", tdir, "templates")
    assert r.code == 0 and r.err == ""
    assert f"seongdong\t성동구 공약 이행카드\t--templates ({template_file})" in r.lines()

    r = run_cli(capsys, "--db", db, "--templates", tdir, "import", card_file)
    assert r.code == 0, r.err
    assert "추가 1건" in r.out

    r = run_cli(capsys, "list", "--db", db, "--templates", tdir)
    assert (r.code, r.lines()) == (0, [LIST_LINE])

    out = tmp_path / "back.json"
    r = run_cli(capsys, "export", CARD_NUMBER, "--out", out, "--db", db, "--templates", tdir)
    assert r.code == 0, r.err
    assert _cards_of(out) == _cards_of(card_file)  # byte-for-byte the same card, every key
    out_id = tmp_path / "by-id.json"
    assert run_cli(capsys, "export", "--id", CARD_ID, "--out", out_id, "--db", db, "--templates", tdir).code == 0
    assert _cards_of(out_id) == _cards_of(card_file)

    # Importing the export again changes nothing.
    r = run_cli(capsys, "--db", db, "--templates", tdir, "import", out)
    assert r.code == 0 and "변경 없음 1건" in r.out


def test_load_import_list_export_as_a_separate_program(tmp_path: Path) -> None:
    template_file, card_file = write_seongdong(tmp_path / "seongdong")
    db, out = tmp_path / "db.sqlite3", tmp_path / "back.json"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}

    def pledgecard(*args: str | Path) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "desktop", "--db", str(db), "--templates", str(template_file.parent),
               *map(str, args)]
        return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)

    done = pledgecard("import", card_file)
    assert done.returncode == 0, done.stderr
    done = pledgecard("list")
    assert (done.returncode, done.stdout.splitlines()) == (0, [LIST_LINE])
    done = pledgecard("export", "--all", "--out", out)
    assert done.returncode == 0, done.stderr
    assert _cards_of(out) == _cards_of(card_file)


def test_docs_worked_example_is_this_template() -> None:
    """docs/templates.md shows the 성동구 template in full; it must be the one the tests prove."""
    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- seongdong-template -->\s*```json\n(.*?)```", text, re.S)
    assert m, "docs/templates.md: the worked example block (<!-- seongdong-template -->) is missing"
    assert json.loads(m.group(1)) == json.loads(json.dumps(SEONGDONG_TEMPLATE)), (
        "docs/templates.md and tests/foreign.py disagree: update the worked example with the fixture"
    )


def test_docs_department_report_sketch_works_as_documented() -> None:
    """The second sketch of docs/templates.md loads, and its 집행율 ratio flags a stated 70 against 69.0 %."""
    from decimal import Decimal

    from desktop.core.checks import check_card
    from desktop.core.layout import new_card
    from desktop.core.model import Row
    from desktop.core.templates import template_from_json

    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- template-sketch -->\s*```json\n(.*?)```", text, re.S)
    assert m
    t = template_from_json(json.loads(m.group(1)), "docs/templates.md")
    card = new_card(t, title="예산 현황")
    table = card.blocks[1].table
    assert table is not None
    for key, rate in (("line1", "70.0"), ("line2", "70"), ("line3", "69.0")):
        table.rows.append(Row(key=key, label="중소기업 지원", cells={
            "budget": Decimal("5021120"), "spent": Decimal("3464920"), "planned": Decimal("1000000"),
            "remain": Decimal("556200"), "rate": Decimal(rate)}))
    found = [f for f in check_card(card, t) if f.place.block == "budget"]
    got = [(f.severity, f.place.row, f.place.col) for f in found]
    assert got == [("오류", "line1", "rate"), ("경고", "line2", "rate")]
    assert "69.01" in found[0].message
