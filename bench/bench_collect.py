"""`collect` of 20 department files holding 1,000 cards (issue 13 bar: < 10 s).

Run by hand:  .venv/bin/python bench/bench_collect.py   (also printed by bench/bench_merge.py)

The office database holds 1,000 cards (bench/generate.py copies of the samples, 기준일 2025. 9. 30.)
of 20 주관부서. `handout` writes the department files; each department's card file comes back with
every card changed (진도, and a 추진실적 line on every other card) as a department's export is: the
cards carry their new revision first, then the handed-out ones. Meanwhile the office changed the title
of every fourth card, so those 250 cards merge three ways from the handed-out base (read from the
history); the other 750 are taken whole. Timed: `pledgecard collect DIR` in-process (reading 20 files,
merging, checking and storing 1,000 cards with their history, the per-department report).
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import DEPTS, generate  # noqa: E402

from db.revisions import revision_of_card  # noqa: E402
from db.store import Store  # noqa: E402
from desktop.cli import main  # noqa: E402
from desktop.core.cardfile import read_cards, write_cards  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402

DEPARTMENTS = [*DEPTS, "세무과", "감사담당관", "자치행정과", "일자리창출과"][:20]


def collect_once(n: int = 1000) -> tuple[float, float, str]:
    registry = TemplateRegistry.load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "office.sqlite3"
        cards = generate(n)
        for i, c in enumerate(cards):
            c.dept, c.base_date = DEPARTMENTS[i % 20], date(2025, 9, 30)
        with Store.open(db, registry=registry) as s:
            s.import_cards(cards)
        out, back = folder / "handout", folder / "back"
        back.mkdir()
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["--db", str(db), "handout", "--out", str(out)]) == 0
        for path in sorted(out.glob("*.json")):
            returned = read_cards(path, registry)
            for k, c in enumerate(returned):
                c.progress = 77
                block = next((b for b in c.blocks if b.kind == "outline" and b.items), None)
                if k % 2 == 0 and block is not None:
                    block.items[0].text += " (부서 보완)"
                c.revisions = [revision_of_card(c), *c.revisions]
            write_cards(back / path.name, returned)
        with Store.open(db, registry=registry) as s:
            for c in s.cards()[::4]:
                c.title += " (기획 조정)"
                s.save(c)
        buf = io.StringIO()
        t0, c0 = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(buf):
            code = main(["--db", str(db), "collect", str(back)])
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        assert code == 0, buf.getvalue()[-2000:]
        last = buf.getvalue().strip().splitlines()[-1]
    return wall, cpu, last


def collect_row() -> str:
    wall, cpu, last = collect_once()
    return (f"| collect: 20 department card files, 1,000 cards (750 taken whole, 250 merged three ways from the "
            f"handed-out base; checks, history, per-department report; in-process) | < 10 s | {wall:.2f} s "
            f"(CPU {cpu:.2f} s) — {last} | {time.strftime('%Y-%m-%d')} | `.venv/bin/python bench/bench_collect.py` |")


if __name__ == "__main__":
    print(collect_row())
