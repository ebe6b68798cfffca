"""An independent recalculation: LibreOffice opens the exported workbook, computes every formula, and
its totals equal the core's (desktop.core.tables) — in the card sheets, the 총괄표 and the 집계. The
file LibreOffice saves (shared strings, its own styles: what a re-save in an office suite does) still
imports back to the same cards."""

from __future__ import annotations

import copy
import subprocess
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.core.budget import find_budget
from desktop.core.layout import new_card
from desktop.core.model import Card, Column, Item, Relation, Row, Table
from desktop.core.tables import TableValues
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import read_workbook
from desktop.xlsx.summary import FIRST_DATA
from desktop.xlsx.writer import build_workbook, save
from tests.conftest import require_tool
from tests.foreign import seongdong_card
from tests.strategies import registry_with_foreign
from tests.xlsx.helpers import as_json, by_id, samples


def synthetic(reg: TemplateRegistry) -> Card:
    """Negatives, decimals of several scales, a stated slip and an inline table with both sums."""
    card = new_card(reg.get("standard"), number="9-1", title="음수와 소수", dept="기획예산과", status="완료",
                    progress=100, start_year=2024, end_year=2026, base_date=date(2025, 9, 30))
    t = card.block("invest").table  # type: ignore[union-attr]
    assert t is not None
    d = Decimal
    t.row("plan_national").cells.update(prior=d("1.25"), y2024=d("-0.5"), y2025=d("2"), y2026=d("0.125"))  # type: ignore[union-attr]
    t.row("plan_district").cells.update(y2024=d("10.1"), y2025=d("-3"), after=d("7"))  # type: ignore[union-attr]
    t.row("plan_total").cells["y2025"] = d("5")  # stated, and wrong (2 − 3 = −1): red in Excel  # type: ignore[union-attr]
    t.row("exec_national").cells.update(y2024=d("-0.5"), y2025=d("1.5"))  # type: ignore[union-attr]
    inline = Table(key="inline", corner="구분", unit="천원",
                   columns=[Column("a", "상반기"), Column("b", "하반기"), Column("sum", "합계")],
                   rows=[Row("r1", "교육", cells={"a": d("12.5"), "b": d("-2")}),
                         Row("r2", "홍보", cells={"a": d("3"), "b": d("4.75")}),
                         Row("tot", "계")],
                   relations=[Relation("sum", "row", "sum", ["a", "b"]), Relation("sum", "col", "tot", "rest")])
    card.block("results").items = [Item("실적", 1, table=inline)]  # type: ignore[union-attr]
    return card


def _tables(card: Card) -> dict[tuple[str, int], Table]:
    out: dict[tuple[str, int], Table] = {}
    for owner, items in (("goals", card.goals), ("tasks", card.tasks)):
        for i, it in enumerate(items):
            if it.table is not None:
                out[(owner, i)] = it.table
    for b in card.blocks:
        if b.table is not None:
            out[(b.key, -1)] = b.table
        for i, it in enumerate(b.items):
            if it.table is not None:
                out[(b.key, i)] = it.table
    return out


def _same(got: Any, want: Decimal | None) -> bool:
    if want is None:
        return got in (None, "-", 0)
    if isinstance(got, str):
        return False
    return got is not None and abs(Decimal(repr(got)) - want) <= Decimal("1e-9") * max(1, abs(want))


@pytest.mark.slow
def test_libreoffice_recalculates_to_the_core_totals(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    reg = registry_with_foreign()
    cards = [*samples(reg), seongdong_card(), synthetic(reg)]
    built = build_workbook(cards, reg)
    out = tmp_path / "제출.xlsx"
    save(built, out)
    lo_dir = tmp_path / "lo"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "xlsx", "--outdir", str(lo_dir), str(out)],
                   check=True, timeout=300, capture_output=True)
    recalculated = lo_dir / out.name
    calc = openpyxl.load_workbook(recalculated, data_only=True)
    computed = 0
    for card, sheet in zip(built.cards, built.sheets, strict=True):
        ws = calc[sheet.title]
        tables = _tables(card)
        assert set(sheet.tables) == set(tables)
        for key, positions in sheet.tables.items():
            table = tables[key]
            tv = TableValues(table)
            for (rk, ck), (r, c) in positions.items():
                col = table.column(ck)
                if col is None or col.kind != "number":
                    continue
                row = table.row(rk)
                assert row is not None
                derived_absent = tv.is_derived(rk, ck) and ck not in row.cells
                computed += derived_absent
                got = ws.cell(r, c).value
                assert _same(got, tv.value(rk, ck)), (card.number, key, rk, ck, got, tv.value(rk, ck))
    assert computed > 25  # the formulas were really computed by LibreOffice, not read back as stated
    # the 총괄표: amounts point at the card sheets, 집행률 = 투입/소요, a 합계 row per unit
    ws = calc["총괄표"]
    cols = built.columns
    per_unit: dict[str, Decimal] = {}
    for i, card in enumerate(built.cards):
        r = FIRST_DATA + i
        budget = find_budget(card, reg.get(card.template))
        assert budget is not None
        plan, spent = budget.value(card, budget.plan), budget.value(card, budget.spent)
        assert _same(ws.cell(r, cols.plan0).value, plan), card.number
        for k, label in enumerate(cols.sources, start=1):
            row = budget.plan_sources.get(label)
            assert _same(ws.cell(r, cols.plan0 + k).value, budget.value(card, row) if row else None)
        if budget.spent:
            assert _same(ws.cell(r, cols.spent0).value, spent)
            if plan:
                assert _same(ws.cell(r, cols.ratio).value, (spent or Decimal(0)) / plan)
        per_unit[budget.unit] = per_unit.get(budget.unit, Decimal(0)) + (plan or Decimal(0))
    for unit, r in cols.total_rows.items():
        assert _same(ws.cell(r, cols.plan0).value, per_unit[unit]), unit
    # the 집계: cards per 추진상황 (values of the overview core, kept as they are by LibreOffice)
    want = Counter(c.status or "-" for c in built.cards)
    ws = calc["집계"]
    head = next(r for r in range(1, 20) if ws.cell(r, 1).value == "추진상황")
    got: dict[str, Any] = {}
    for r in range(head + 1, head + 40):
        got[ws.cell(r, 1).value] = ws.cell(r, 3).value
        if ws.cell(r, 1).value == "계":
            break
    for status, n in want.items():
        assert got[status] == n, status
    assert got["계"] == len(cards)
    # what LibreOffice saved still imports to the same cards (it may re-encode a picture: compare that
    # the picture is there)
    back = read_workbook(recalculated, reg)
    flags = [_pictures_as_flags(c) for c in back]
    assert as_json(by_id(flags)) == as_json(by_id([_pictures_as_flags(c) for c in cards]))


def _pictures_as_flags(card: Card) -> Card:
    c = copy.deepcopy(card)
    for b in c.blocks:
        for p in b.photos:
            p.image = b"picture" if p.image else None
    return c
