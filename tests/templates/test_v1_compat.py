"""Version-1 template and card files keep loading and checking exactly as before (issue 15).

tests/fixtures/v1 holds the built-in templates and samples as they were before the template work of
issue 15, the 성동구 example of tests/foreign.py, and findings.json: every finding of each sample and
of each sample with one stated number changed (+1, −1000), recorded with the program of that time.
The only allowed difference is the precision false alarm that issue 15 fixes — none of these files
mixes precisions, so every recorded finding must come out identical.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.core.cardfile import read_cards
from desktop.core.checks import check_card
from desktop.core.findings import Finding
from desktop.core.templates import TemplateRegistry, load_template

V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1"
RECORDED: dict[str, Any] = json.loads((V1 / "findings.json").read_text(encoding="utf-8"))


def _sig(fs: list[Finding]) -> list[list[Any]]:
    return [[f.code, f.severity, f.message, f.place.field, f.place.block, list(f.place.item), f.place.row,
             f.place.col, f.stated, f.computed] for f in fs]


def _now() -> dict[str, Any]:
    reg = TemplateRegistry.load(extra_dirs=[V1 / "templates"])
    out: dict[str, Any] = {}
    for p in sorted((V1 / "samples").glob("*.json")):
        for c in read_cards(p, reg):
            t = reg.get(c.template)
            out[p.name] = _sig(check_card(c, t))
            for bi, b in enumerate(c.blocks):
                tables = [((), b.table)] + [((i,), it.table) for i, it in enumerate(b.items)]
                for item, tab in tables:
                    if tab is None:
                        continue
                    for ri, r in enumerate(tab.rows):
                        for ck, v in list(r.cells.items()):
                            if not isinstance(v, Decimal):
                                continue
                            for delta in ("1", "-1000"):
                                c2 = copy.deepcopy(c)
                                b2 = c2.blocks[bi]
                                t2 = b2.table if not item else b2.items[item[0]].table
                                assert t2 is not None
                                t2.rows[ri].cells[ck] = v + Decimal(delta)
                                key = f"{p.name}|{b.key}|{list(item)}|{r.key}|{ck}|{delta}"
                                out[key] = _sig(check_card(c2, t))
    return out


@pytest.mark.parametrize("path", sorted((V1 / "templates").glob("*.json")), ids=lambda p: p.stem)
def test_v1_templates_load(path: Path) -> None:
    assert load_template(path).name == path.stem


def test_v1_findings_identical() -> None:
    now = _now()
    assert set(now) == set(RECORDED)
    changed = {k: (RECORDED[k], now[k]) for k in RECORDED if RECORDED[k] != now[k]}
    assert not changed, next(iter(changed.items()))
    assert sum(len(v) for v in now.values()) > 500  # the perturbations do produce findings
