"""The office's overview (SPEC §8, issue 16 bars): with 1,000 cards the overview computed and re-filtered
(the dashboard's core: shown < 300 ms, re-filtered < 50 ms — the window's own part is measured by the
dashboard's bench), the 이행 현황 보고서 < 3 s, the public site of 300 cards < 5 s.

Run by hand:  .venv/bin/python bench/bench_overview.py [--cards 1000] [--site-cards 300] [--rounds 5]

Cards: bench/generate.py's copies of the samples (standard and 구로구 cards). Figures:
- "prepare": Prepared(...) — every card read once (status, 분야, 부서, 진도, its budget table in 백만원),
  with the previous period (the same pledges, other statuses) paired for the changes;
- "overview": Prepared.overview() unfiltered, and re-filtered to one 부서;
- "report": write_report of the 1,000-card overview (every card listed), in-process;
- "report, command": `pledgecard report` in-process over a SQLite database of the 1,000 cards
  (reading the cards, the overview, the PDF);
- "site": write_site of 300 cards (index + 300 card pages, charts as SVG), in-process.
Prints one markdown row per figure for docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate, write  # noqa: E402

from desktop.core.overview import Filter, prepare  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402

CPU: dict[int, list[float]] = {}  # id(the wall-time list) → CPU times of the same rounds


def timed(fn: object, rounds: int) -> list[float]:
    """Wall times of `rounds` calls; their CPU times (this process) kept beside, for a loaded machine."""
    out, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    CPU[id(out)] = cpu
    return out


def row(what: str, bar: str, times: list[float], unit: str = "ms", extra: str = "") -> str:
    scale = 1000 if unit == "ms" else 1
    med = statistics.median(times) * scale
    lo, hi = min(times) * scale, max(times) * scale
    fmt = ".1f" if unit == "ms" else ".2f"
    cpu = statistics.median(CPU.get(id(times), times)) * scale
    loadavg = Path("/proc/loadavg")
    load = loadavg.read_text().split()[0] if loadavg.exists() else "?"
    return (f"| {what} | {bar} | {med:{fmt}} {unit} ({lo:{fmt}}–{hi:{fmt}}){extra}; CPU {cpu:{fmt}} {unit} "
            f"| {time.strftime('%Y-%m-%d')} (load {load}) | `.venv/bin/python bench/bench_overview.py` |")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=1000)
    ap.add_argument("--site-cards", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    from desktop.pdf.report import write_report
    from desktop.publish.site import write_site

    reg = TemplateRegistry.load([], None)
    cards = generate(args.cards)
    previous = generate(args.cards)
    rng = random.Random(1)
    for c in previous:
        c.status = rng.choice(["추진중", "완료"]) if c.status else c.status
        c.progress = rng.randrange(0, 100, 5) if c.progress is not None else None
    issues = {c.id: (rng.random() < 0.05, rng.random() < 0.1) for c in cards}
    counts = {k: (int(a), int(b)) for k, (a, b) in issues.items()}
    rows = []
    prep = timed(lambda: prepare(cards, reg, issues=counts, previous=previous), args.rounds)
    rows.append(row(f"overview: prepare {args.cards} cards (+ the previous period's {args.cards} paired)",
                    "part of: dashboard shown < 300 ms", prep))
    p = prepare(cards, reg, issues=counts, previous=previous)
    full = timed(lambda: p.overview(), args.rounds * 4)
    dept = p.depts()[0]
    refilter = timed(lambda: p.overview(Filter(depts=frozenset({dept}))), args.rounds * 4)
    rows.append(row(f"overview: aggregate {args.cards} cards, unfiltered / one 부서", "re-filtered < 50 ms",
                    full, extra=f" / {statistics.median(refilter) * 1000:.1f} ms"))
    ov = p.overview()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.pdf"
        rep = timed(lambda: write_report(out, ov), args.rounds)
        rows.append(row(f"report: 이행 현황 보고서 of {args.cards} cards (every card listed), in-process",
                        "< 3 s", rep, "s"))
        site_cards = cards[: args.site_cards]
        sp = prepare(site_cards, reg, issues=counts).overview()
        k = [0]

        def site() -> None:
            k[0] += 1
            write_site(Path(tmp) / f"site{k[0]}", sp, site_cards, reg)
        st = timed(site, args.rounds)
        rows.append(row(f"site: {args.site_cards} cards (index with charts + one page a card), in-process",
                        "< 5 s", st, "s"))
        from desktop.cli import main as cli

        db = Path(tmp) / "bench.sqlite3"
        src = Path(tmp) / "cards.json"
        write(args.cards, src)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert cli(["--db", str(db), "import", str(src)]) == 0
            cmd = timed(lambda: cli(["--db", str(db), "report", "--out", str(out)]), max(1, args.rounds // 2))
        rows.append(row(f"report: `pledgecard report` over a SQLite database of {args.cards} cards "
                        "(cards read, overview, PDF), in-process", "< 3 s", cmd, "s"))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
