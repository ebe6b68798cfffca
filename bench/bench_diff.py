"""Differences between periods (SPEC §6.2, issue 12 bars): office-wide diff of 1,000 cards < 2 s, one card
< 50 ms, with 1,000 cards over 4 periods in the database.

Run by hand:  .venv/bin/python bench/bench_diff.py [--cards 1000] [--rounds 5]

The database: bench/generate.py's 1,000 cards at 2025. 3. 31., carried into 6. 30., 9. 30. and 12. 31.
with Store.open_period; in each period a third of the cards get edits as an officer makes them (추진상황,
진도, a budget cell, a 추진실적 line edited, a line moved). Figures:
- "office diff, core": diff_office over the cards of two periods already in memory;
- "office diff, command": `pledgecard diff --all --from … --to … --json` as a user runs it (a new process:
  start-up, reading 2,000 cards from SQLite, the diff, the JSON);
- "one card": diff_cards of one pledge's two cards (the 2-2-1 sample with its edits).
Prints one markdown row per figure for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from db.store import Store  # noqa: E402
from desktop.core.carddiff import diff_cards  # noqa: E402
from desktop.core.model import Card, Item  # noqa: E402
from desktop.core.officediff import diff_office  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402

DATES = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)]


def _edit(card: Card, rng: random.Random) -> None:
    card.status = rng.choice(["추진중", "완료", "정상추진", "부진"])
    card.progress = rng.randint(0, 100)
    for _, _, table in card.tables()[:1]:
        for row in table.rows[:2]:
            for key, value in list(row.cells.items())[:2]:
                if isinstance(value, Decimal):
                    row.cells[key] = value + rng.randint(1, 50)
    for block in card.blocks:
        if len(block.items) > 3:
            block.items[1].text += " (보완)"
            block.items.append(block.items.pop(0))
            block.items.insert(2, Item(text="신규 추진 사항"))
            break


def build(path: Path, n: int) -> None:
    reg = TemplateRegistry.load()
    rng = random.Random(7)
    cards = generate(n)
    for c in cards:
        c.base_date = DATES[0] if reg.get(c.template).has_base_date else None
    with Store.open(path, registry=reg) as store:
        store.import_cards(cards)
        for d in DATES[1:]:
            store.open_period(d)
            current = [s.id for s in store.period_summaries(d)]
            chosen = rng.sample(current, len(current) // 3)
            for card in store.cards(chosen):
                _edit(card, rng)
                store.save(card)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    reg = TemplateRegistry.load()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        t0 = time.perf_counter()
        build(path, args.cards)
        print(f"(database: {args.cards} cards over {len(DATES)} periods built in {time.perf_counter() - t0:.1f} s, "
              f"{path.stat().st_size / 1e6:.1f} MB)")
        with Store.open(path, registry=reg) as store:
            old = store.cards([s.id for s in store.period_summaries(DATES[0])])
            new = store.cards([s.id for s in store.period_summaries(DATES[-1])])
        core = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            diff = diff_office(old, new, reg.templates.get)
            core.append(time.perf_counter() - t)
        changed = len(diff.changed())
        changes = sum(len(c.changes) for c in diff.cards)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "desktop", "--db", str(path), "diff", "--all", "--from", DATES[0].isoformat(),
               "--to", DATES[-1].isoformat(), "--json"]
        whole = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
            whole.append(time.perf_counter() - t)
        pair = next(c for c in diff.cards if c.old is not None and c.new is not None and c.changes
                    and c.new.number.startswith("2-2-1"))
        assert pair.old is not None and pair.new is not None
        one = []
        for _ in range(max(args.rounds, 20)):
            t = time.perf_counter()
            diff_cards(pair.old, pair.new, reg.get(pair.new.template))
            one.append(time.perf_counter() - t)
    print("| figure | target | median | range |")
    print("|---|---|---|---|")
    print(f"| office diff, core ({args.cards} cards, {changed} changed, {changes} changes) | < 2 s | "
          f"{statistics.median(core):.2f} s | {min(core):.2f}–{max(core):.2f} s |")
    print(f"| office diff, `pledgecard diff --all --json` (new process) | < 2 s | {statistics.median(whole):.2f} s | "
          f"{min(whole):.2f}–{max(whole):.2f} s |")
    print(f"| one card (2-2-1, {len(diff_cards(pair.old, pair.new))} changes) | < 50 ms | "
          f"{statistics.median(one) * 1000:.1f} ms | {min(one) * 1000:.1f}–{max(one) * 1000:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
