"""`pledgecard diff`: two 기준일 of the same pledges compared through the real command line."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.cardfile import read_cards, write_cards
from desktop.core.model import Card, Item, new_id
from desktop.core.templates import TemplateRegistry
from tests.cli.helpers import run_cli
from tests.conftest import SAMPLES


def _next_quarter(card: Card) -> Card:
    new = copy.deepcopy(card)
    new.id = new_id()
    new.base_date = date(2025, 12, 31)
    new.status = "완료"
    new.progress = 100
    new.tasks.append(new.tasks.pop(0))  # moved, not removed and added
    new.tasks.insert(0, Item(text="신규 과제: 판로 개척 지원"))
    table = new.block("invest").table  # type: ignore[union-attr]
    assert table is not None
    row = table.row("plan_national")
    assert row is not None
    col = next(k for k, v in row.cells.items() if isinstance(v, Decimal))
    row.cells[col] = row.cells[col] + Decimal(30)  # type: ignore[operator]
    return new


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    reg = TemplateRegistry.load()
    cards = [read_cards(p, reg)[0] for p in sorted(SAMPLES.glob("*.json"))]
    c221 = next(c for c in cards if c.number == "2-2-1")
    gone = next(c for c in cards if c.number == "1-2-2")
    gone.base_date = c221.base_date  # a pledge reported at 9. 30. that has no card at 12. 31.
    f = tmp_path / "cards.json"
    write_cards(f, [*cards, _next_quarter(c221)])
    path = tmp_path / "db.sqlite3"
    r = run_cli(capsys, "--db", path, "import", f)
    assert r.code == 0, r.err
    return path


def test_office_diff_text(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    r = run_cli(capsys, "--db", db, "diff", "--all", "--from", "2025. 9. 30.", "--to", "2025-12-31")
    assert r.code == 0, r.err
    out = r.out
    assert "변경 1건, 새 카드 0건, 없어진 카드 1건, 변경 없음 0건" in out
    assert "추진상황: 추진중 → 완료 1건" in out
    assert "이동 추진과제" in out and "추가 추진과제 › 1번째 줄: 신규 과제: 판로 개척 지원" in out
    assert "(+30)" in out


def test_office_diff_json(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    r = run_cli(capsys, "--db", db, "diff", "2-2-1", "--from", "2025-09-30", "--to", "2025-12-31", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["format"] == "pledgecard-diff" and doc["summary"]["changed"] == 1
    assert doc["status_transitions"] == [{"from": "추진중", "to": "완료", "cards": 1}]
    (card,) = doc["cards"]
    kinds = sorted(ch["kind"] for ch in card["changes"])
    assert kinds.count("moved") == 1 and "removed" not in kinds
    cell = next(ch for ch in card["changes"] if ch["place"]["row"] == "plan_national")
    assert cell["change"] == "30" and cell["place"]["block"] == "invest"


def test_refusals(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    r = run_cli(capsys, "--db", db, "diff", "--all", "--from", "어제", "--to", "2025-12-31")
    assert r.code == 2 and "--from '어제': 날짜가 아닙니다" in r.err
    r = run_cli(capsys, "--db", db, "diff", "9-9-9", "--from", "2025-09-30", "--to", "2025-12-31")
    assert r.code == 2 and "9-9-9" in r.err
    r = run_cli(capsys, "--db", db, "diff", "--all", "--from", "2020-01-01", "--to", "2020-02-01")
    assert r.code == 2 and "카드가 없습니다" in r.err


def test_comparison_pdf(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import require_tool

    out = tmp_path / "대조표.pdf"
    r = run_cli(capsys, "--db", db, "diff", "--all", "--from", "2025-09-30", "--to", "2025-12-31", "--pdf", out)
    assert r.code == 0, r.err
    assert "신·구 대조표 1쪽을 썼습니다" in r.err
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "공약사항 신·구 대조표" in flat and "종전 2025. 9. 30. → 변경 2025. 12. 31." in flat
    assert "신규 과제: 판로 개척 지원" in flat and "(+30)" in flat
    assert "1/1" in flat.replace(" ", "")
    assert "기준일" not in text.split("2-2-1", 1)[1]  # the dates compared are not a change of the card


def test_changes_workbook(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    import os
    import stat
    from decimal import Decimal as D

    from openpyxl import load_workbook

    out = tmp_path / "변경현황.xlsx"
    old = os.umask(0o022)
    try:
        r = run_cli(capsys, "--db", db, "diff", "--all", "--from", "2025-09-30", "--to", "2025-12-31", "--xlsx", out)
    finally:
        os.umask(old)
    assert r.code == 0, r.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    wb = load_workbook(out)
    assert wb.sheetnames == ["요약", "변경 현황"]
    summary = [tuple(r) for r in wb["요약"].iter_rows(min_row=4, values_only=True)]
    assert ("변경", 1) in summary and ("추진상황 추진중 → 완료", 1) in summary
    rows = list(wb["변경 현황"].iter_rows(values_only=True))
    assert rows[0] == ("관리번호", "공약제목", "구분", "변경", "종전", "변경 후", "증감")
    cell = next(r for r in rows if r[2] and "국비" in r[2])
    assert cell[0] == "2-2-1" and cell[3] == "변경" and D(str(cell[6])) == 30
    assert any(r[0] == "1-2-2" and r[3] == "없어진 카드" for r in rows)
    assert any(r[3] == "이동" for r in rows) and any(r[5] == "신규 과제: 판로 개척 지원" for r in rows)
    assert wb["변경 현황"].freeze_panes == "A2"


def test_changes_workbook_keeps_formula_like_text_as_text(capsys: pytest.CaptureFixture[str], db: Path,
                                                          tmp_path: Path) -> None:
    """Card text that Excel would run as a formula is written as text with Excel's quote prefix, not with a
    visible apostrophe."""
    from openpyxl import load_workbook

    r = run_cli(capsys, "--db", db, "diff", "--all", "--from", "2025-09-30", "--to", "2025-12-31", "--xlsx",
                tmp_path / "x.xlsx")
    assert r.code == 0, r.err
    ws = load_workbook(tmp_path / "x.xlsx")["변경 현황"]
    texts = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not any(c.value.startswith("'") for c in texts)
    assert all(c.quotePrefix for c in texts if c.value.startswith(("=", "+", "-", "@")))
