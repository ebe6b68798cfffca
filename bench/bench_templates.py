"""Issue 15 timings: the re-check after a keystroke in the largest table of the largest shipped
template, and a relation across the cards of a 20-card document.

Run by hand:  .venv/bin/python bench/bench_templates.py [--rounds N]
"After one keystroke" = the editor's path (as bench_checks.py): the typed text parsed at the cell,
stored, and the table re-checked with check_table — which includes the card relations whose finding
stands in that table. The largest shipped table is found, not named: the most cells of any figure
block of a shipped sample. The document: the 부서별 주요업무 보고 sample's 현황 page listing 19 사업
pages (copies of its pages), check_documents over the 20 cards. Prints markdown rows for
docs/performance.md (median wall clock, this thread's CPU time in parentheses).
"""

from __future__ import annotations

import argparse
import copy
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_checks import median_ms  # noqa: E402
from desktop.core.cardfile import read_cards  # noqa: E402
from desktop.core.checks import check_cell_text, check_documents, check_table  # noqa: E402
from desktop.core.model import Card, Row  # noqa: E402
from desktop.core.tables import TableValues  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402

FORMATS = ROOT / "resources" / "samples" / "formats"
SHIPPED = ("seongdong-card", "dept-report", "dept-project")


def largest_table(reg: TemplateRegistry) -> tuple[Card, str, str, str]:
    best: tuple[int, Card, str] | None = None
    for p in sorted(FORMATS.glob("*.json")):
        for c in read_cards(p, reg):
            for b in c.blocks:
                if c.template in SHIPPED and b.table is not None:
                    n = len(b.table.rows) * len(b.table.columns)
                    if best is None or n > best[0]:
                        best = (n, c, b.key)
    assert best is not None
    _, card, block = best
    b = card.block(block)
    assert b is not None and b.table is not None
    derived = TableValues(b.table).by_target
    row, col = next((r.key, k) for r in b.table.rows for k, v in r.cells.items()
                    if isinstance(v, Decimal) and (r.key, k) not in derived)  # a cell the officer types
    return card, block, row, col


def document(reg: TemplateRegistry, size: int) -> list[Card]:
    cards = read_cards(FORMATS / "dept-report-2024-06-30-도시재생과.json", reg)
    summary, pages = cards[0], cards[1:4]
    table = summary.block("budget").table  # type: ignore[union-attr]
    assert table is not None
    out = [summary]
    for i in range(size - 1):
        page = copy.deepcopy(pages[i % len(pages)])
        page.id = f"{page.id[:-4]}{i:04d}"
        page.number = f"도시재생과-{i + 1}"
        page.title = f"사업 {i + 1}"
        out.append(page)
        money = page.block("money").table  # type: ignore[union-attr]
        assert money is not None
        cells = dict(money.rows[0].cells)
        table.rows.append(Row(key=f"q{i}", label=page.title, cells={
            "budget": cells["budget"], "spent": cells["spent"], "planned": Decimal(0),
            "remain": cells["budget"] - cells["spent"], "rate": cells["rate"]}))  # type: ignore[operator]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=2000)
    args = ap.parse_args()
    reg = TemplateRegistry.load()
    card, block, row, col = largest_table(reg)
    template = reg.get(card.template)
    b = card.block(block)
    assert b is not None and b.table is not None
    table = b.table
    r = table.row(row)
    assert r is not None
    base = r.cells[col]
    texts = [str(base), str(base + 1)]  # type: ignore[operator]
    state = {"i": 0}

    def keystroke() -> object:
        state["i"] ^= 1
        r.cells[col] = check_cell_text(table, row, col, texts[state["i"]])
        return check_table(card, template, block)

    wall, cpu = median_ms(keystroke, args.rounds)
    cells = len(table.rows) * len(table.columns)
    print(f"| re-check after a keystroke, largest shipped table ({template.name} › {block}, "
          f"{len(table.rows)}×{len(table.columns)} = {cells} cells, with the card relations) | < 1 ms | "
          f"{wall:.3f} ms ({cpu:.3f}) |")
    doc = document(reg, 20)
    found = check_documents(doc, lambda c: reg.templates.get(c.template))
    assert not found, found
    wall, cpu = median_ms(lambda: check_documents(doc, lambda c: reg.templates.get(c.template)), args.rounds // 4)
    print(f"| document relation over a 20-card document (현황 page listing 19 사업 pages, check_documents) | "
          f"< 5 ms | {wall:.3f} ms ({cpu:.3f}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
