"""History and periods timings (SPEC §6.2, issue 12 bars): what history adds to a save, the disk use of
1,000 cards with 50,000 history entries, `period new` over 1,000 cards, a 500-entry timeline read.

Run by hand:  .venv/bin/python bench/bench_history.py [--rounds N] [--entries 50000] [--skip-disk]
Prints one markdown row per figure for docs/performance.md. The cards are the shipped samples copied
under new ids (bench/bench_store.py's sample_cards).

"History adds" is measured as the same autosave (one budget cell changed, the 2-2-1 sample, SQLite
file, synchronous=FULL) with and without the history's part: without it, the store's recording
steps (reading the stored state, the diff, packing the state, appending to the chain) are replaced by
stand-ins that do nothing, so the difference is exactly what the history costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_store import sample_cards  # noqa: E402

import db.recorder as rec  # noqa: E402
from db.store import Store  # noqa: E402
from desktop.core.model import Card  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402


def _budget_card(cards: list[Card]) -> Card:
    """The largest sample with a budget table (2-2-1: 12 photo captions, 18 kB as a card file)."""
    from db.codec import body_text

    found = [c for c in cards if (b := c.block("invest")) is not None and b.table is not None]
    if not found:
        raise SystemExit("no sample card with a budget table")
    return max(found, key=lambda c: len(body_text(c)))


def _touch(card: Card, i: int) -> None:
    inv = card.block("invest")
    assert inv is not None and inv.table is not None
    row = inv.table.rows[0]
    key = next(iter(row.cells))
    row.cells[key] = Decimal(100 + i % 7)


def save_overhead(reg: TemplateRegistry, rounds: int) -> tuple[float, float, float, float]:
    """(median save ms with history, without, CPU ms with, CPU ms without)."""
    with tempfile.TemporaryDirectory() as d:
        store = Store.open(Path(d) / "b.sqlite3", registry=reg)
        card = _budget_card(sample_cards(3))
        store.add(card)
        for i in range(20):  # warm up: statements compiled, caches filled
            _touch(card, i)
            store.save(card)

        real = (rec.stored, rec.changed, rec.pending, Store._record)

        def stand_in_stored(conn: Any, ids: Any) -> dict[str, rec.Stored]:
            return {card.id: rec.Stored(card.id, card.pledge_id, card.version, card.updated_at, False,
                                        card.base_date, card.number, card.title, "", [])}

        def without() -> None:
            rec.stored, rec.changed, rec.pending = stand_in_stored, (lambda *a: []), (lambda *a: None)  # type: ignore
            Store._record = lambda self, conn, entries, now: None  # type: ignore[method-assign]

        def with_() -> None:
            rec.stored, rec.changed, rec.pending, Store._record = real  # type: ignore[method-assign]

        wall: dict[str, list[float]] = {"with": [], "without": []}
        cpu: dict[str, list[float]] = {"with": [], "without": []}
        for i in range(rounds):
            for mode, setup in (("with", with_), ("without", without)) if i % 2 else (("without", without),
                                                                                       ("with", with_)):
                setup()
                _touch(card, i)
                t, c = time.perf_counter(), time.process_time()
                store.save(card)
                wall[mode].append((time.perf_counter() - t) * 1000)
                cpu[mode].append((time.process_time() - c) * 1000)
        with_()
        store.close()
    med = statistics.median
    return med(wall["with"]), med(wall["without"]), med(cpu["with"]), med(cpu["without"])


def _filled(reg: TemplateRegistry, path: Path, n: int) -> tuple[Store, list[Card]]:
    store = Store.open(path, registry=reg)
    cards = sample_cards(n)
    for c in cards:
        if c.base_date is not None:
            c.base_date = date(2025, 9, 30)  # one current period (bench_store spreads them over three)
    store.import_cards(cards)
    return store, cards


def period_new(reg: TemplateRegistry, rounds: int) -> list[float]:
    """Seconds of `open_period` over 1,000 cards (a new database each round)."""
    out = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as d:
            store, _cards = _filled(reg, Path(d) / "p.sqlite3", 1000)
            t = time.perf_counter()
            carried = store.open_period(date(2025, 12, 31))
            out.append(time.perf_counter() - t)
            assert len(carried) >= 600, len(carried)
            store.close()
    return out


def disk_use(reg: TemplateRegistry, entries: int) -> tuple[int, int, int, float]:
    """(bytes of the database file with 1,000 cards and no history yet, bytes after `entries` entries,
    entries, seconds). The entries are real edits (a budget cell and the 진도 of each card, 1,000 a
    round, saved through import_cards: one entry per card and round, the whole card stored)."""
    import copy
    import os

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "d.sqlite3"
        store, cards = _filled(reg, path, 1000)
        base = os.path.getsize(path)
        t = time.perf_counter()
        rounds = max(1, (entries - store.history_count()) // len(cards))
        for r in range(rounds):
            batch = []
            for c in cards:
                c = copy.copy(c)
                c.progress = (r * 7) % 101
                c.version = r + 2
                batch.append(c)
            store.import_cards(batch, on_conflict="replace")
        n = store.history_count()
        seconds = time.perf_counter() - t
        store.close()
        import sqlite3

        con = sqlite3.connect(path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        return base, os.path.getsize(path), n, seconds


def timeline(reg: TemplateRegistry) -> tuple[float, float]:
    """(ms to read a 500-entry timeline, ms to open the state after its oldest entry), medians of 9."""
    with tempfile.TemporaryDirectory() as d:
        store = Store.open(Path(d) / "t.sqlite3", registry=reg)
        card = _budget_card(sample_cards(3))
        store.add(card)
        for i in range(499):
            _touch(card, i)
            card.progress = i % 101
            store.save(card)
        first = store.history(card.id)[-1].seq
        reads, states = [], []
        for _ in range(9):
            t = time.perf_counter()
            assert len(store.history(card.id)) == 500
            reads.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            store.state_at(first)
            states.append((time.perf_counter() - t) * 1000)
        store.close()
    return statistics.median(reads), statistics.median(states)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--entries", type=int, default=50_000)
    ap.add_argument("--skip-disk", action="store_true")
    args = ap.parse_args()
    reg = TemplateRegistry.load()
    w, wo, cw, cwo = save_overhead(reg, args.rounds)
    print(f"| history: autosave of 2-2-1 (one budget cell), with / without history | history adds < 2 ms | "
          f"{w:.2f} / {wo:.2f} ms wall (+{w - wo:.2f} ms); CPU {cw:.2f} / {cwo:.2f} ms (+{cw - cwo:.2f} ms) |")
    read, state = timeline(reg)
    print(f"| history: a 500-entry timeline read (Store.history) / one past state opened (state_at) | "
          f"timeline shown < 100 ms | {read:.1f} ms / {state:.1f} ms |")
    times = period_new(reg, 3)
    print(f"| periods: `period new` (open_period) over 1,000 cards, SQLite | < 5 s | "
          f"{statistics.median(times):.2f} s (rounds {', '.join(f'{t:.2f}' for t in times)}) |")
    if not args.skip_disk:
        base, size, n, secs = disk_use(reg, args.entries)
        print(f"| history: database file with 1,000 cards and {n:,} history entries | < 200 MB | "
              f"{size / 1e6:.1f} MB ({base / 1e6:.1f} MB before the history; written in {secs:.0f} s) |")


if __name__ == "__main__":
    main()
