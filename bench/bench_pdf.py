"""Print timings (SPEC §7): one card to PDF in-process (< 100 ms), a book of 300 cards (< 5 s), and the
book against LibreOffice converting the equivalent workbook to PDF (at least 2× faster).

Run by hand:  .venv/bin/python bench/bench_pdf.py [--rounds N] [--book N] [--book-rounds N] [--libreoffice]
Cards come from bench/generate.py (the samples copied). Prints markdown rows for docs/performance.md.

The book is timed as printed (worker processes as the machine allows, desktop/pdf/parallel.py) and
in one process, alternating round by round so both see the same machine; and once per new process
(--cold N: the first book a program prints, its worker included).
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from desktop.core.cardfile import read_cards  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds. CPU time is reported too: on a shared, loaded machine the
    wall clock measures the neighbours as much as the code."""
    wall, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def one_book(n: int) -> int:
    """In a new process: load ReportLab and the fonts (one small card), then time the first book."""
    reg = TemplateRegistry.load()
    from desktop.pdf import render_cards

    render_cards(read_cards(SAMPLES / "guro-plan-III-2-1.json", reg), reg, io.BytesIO())
    cards = generate(n)
    t = time.perf_counter()
    render_cards(cards, reg, io.BytesIO())
    print(f"{time.perf_counter() - t:.3f}")
    return 0


def short_books(rounds: int) -> int:
    """Where a worker starts to pay: books of 20 to 100 cards, alternating with and without one."""
    from desktop.pdf import render_cards

    reg = TemplateRegistry.load()
    for n in (20, 40, 60, 100):
        cards = generate(n)
        render_cards(cards, reg, io.BytesIO(), workers=0)
        runs: dict[int, list[float]] = {0: [], 1: []}
        for _ in range(rounds):
            for w in (0, 1):
                t = time.perf_counter()
                render_cards(cards, reg, io.BytesIO(), workers=w)
                runs[w].append(time.perf_counter() - t)
        print(f"{n} cards: one process {statistics.median(runs[0]):.2f} s, with a worker "
              f"{statistics.median(runs[1]):.2f} s", flush=True)
    return 0


def timeline(n: int, rounds: int) -> int:
    """When each phase of a book with one worker ends, seconds from the call (the code is wrapped here,
    not changed)."""
    import threading

    from desktop.pdf import parallel, render_cards, worker

    reg = TemplateRegistry.load()
    cards = generate(n)
    render_cards(cards[:2], reg, io.BytesIO())
    t0 = 0.0
    marks: list[str] = []

    def mark(what: str) -> None:
        marks.append(f"{time.perf_counter() - t0:.2f} s {what}")

    front, take, add, init = worker.Claims.front, parallel._Job._take, parallel._add, worker.Claims.__init__

    def watch(claims: worker.Claims) -> None:
        while claims.shared[1] == n:
            time.sleep(0.002)
        mark("the worker takes its first card")

    def claims_init(self: worker.Claims, shared: object, who: int | None = None) -> None:
        init(self, shared, who)
        if who is None:  # the writing process's view: watch for the workers' first card
            threading.Thread(target=watch, args=(self,), daemon=True).start()

    def claim(self: worker.Claims, i: int) -> bool:
        got = front(self, i)
        if i == 0 or not got:
            mark(f"this process {'takes' if got else 'finds taken'} card {i}")
        return got

    def taken(self: parallel._Job) -> None:
        take(self)
        if self.part is not None and not getattr(self, "_marked", False):
            self._marked = True  # type: ignore[attr-defined]
            mark(f"the worker's part received ({len(self.part.cards)} cards, {len(self.part.pages)} pages)")

    def added(*a: object) -> None:
        mark("merge starts")
        add(*a)  # type: ignore[arg-type]
        mark("merge done")

    worker.Claims.__init__, worker.Claims.front = claims_init, claim  # type: ignore[method-assign]
    parallel._Job._take, parallel._add = taken, added  # type: ignore[method-assign,assignment]
    for _ in range(rounds):
        marks.clear()
        t0 = time.perf_counter()
        render_cards(cards, reg, io.BytesIO(), workers=1)
        mark("written")
        print(" | ".join(sorted(marks, key=lambda m: float(m.split()[0]))), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--book", type=int, default=300)
    ap.add_argument("--book-rounds", type=int, default=3)
    ap.add_argument("--libreoffice", action="store_true", help="also time soffice converting the workbook")
    ap.add_argument("--cold", type=int, default=0, help="also time the first book of N new processes")
    ap.add_argument("--timeline", type=int, default=0, help="only: N books with one worker, phase by phase")
    ap.add_argument("--short", action="store_true", help="only: short books with and without a worker")
    args = ap.parse_args()
    if args.timeline:
        return timeline(args.book, args.timeline)
    if args.short:
        return short_books(args.book_rounds)
    today = date.today().isoformat()
    reg = TemplateRegistry.load()

    t = time.perf_counter()
    from desktop.pdf import render_cards

    card = read_cards(SAMPLES / "geumjeong-2025-09-30-card-2-2-1.json", reg)[0]
    render_cards([card], reg, io.BytesIO())
    first = (time.perf_counter() - t) * 1000
    print(f"# first card, cold (import ReportLab, register fonts, render): {first:.0f} ms")
    print(f"# load average {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())} on "
          f"{__import__('os').cpu_count()} cores")
    from reportlab.lib import rl_accel

    accel = "present" if "fp_str" in rl_accel._c_funcs else "absent (pure Python)"
    print(f"# ReportLab C accelerator (rl_accel): {accel}")

    rows = []
    for stem in ("geumjeong-2025-09-30-card-2-2-1", "geumjeong-2024-06-30-card-1-2-2", "guro-plan-III-2-1"):
        card = read_cards(SAMPLES / f"{stem}.json", reg)[0]
        pages = render_cards([card], reg, io.BytesIO())
        med, cpu = timed(lambda c=card: render_cards([c], reg, io.BytesIO()), args.rounds)  # type: ignore[misc]
        rows.append(f"| one card to PDF, in-process ({stem}, {pages} pages) | < 100 ms | {med:.0f} ms "
                    f"(CPU {cpu:.0f} ms) | {today} | `.venv/bin/python bench/bench_pdf.py` |")

    cards = generate(args.book)
    out = io.BytesIO()
    pages = render_cards(cards, reg, out, workers=0)
    from desktop.pdf.parallel import worker_count

    workers = worker_count(len(cards))
    times: dict[int | None, list[tuple[float, float]]] = {None: [], 0: []}
    for _ in range(args.book_rounds):
        for w in (None, 0):
            t, c = time.perf_counter(), time.process_time()
            render_cards(cards, reg, io.BytesIO(), workers=w)
            times[w].append((time.perf_counter() - t, time.process_time() - c))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"# peak RSS: this process {peak:.0f} MB, largest worker {worker_peak:.0f} MB")
    for w, label in ((None, f"as printed: this process and {workers} worker process(es)"), (0, "one process")):
        wall = sorted(x for x, _ in times[w])
        cpu = statistics.median(c for _, c in times[w])
        rows.append(f"| book of {args.book} cards to PDF, {label} ({pages} pages, {len(out.getvalue()) / 1e6:.1f} MB, "
                    f"peak RSS {peak:.0f} MB; {args.book_rounds} rounds, {wall[0]:.2f}–{wall[-1]:.2f} s) | < 5 s | "
                    f"{statistics.median(wall):.2f} s (CPU here {cpu:.2f} s) | {today} | "
                    f"`.venv/bin/python bench/bench_pdf.py --book-rounds {args.book_rounds}` |")
    if args.cold:
        # -c, as a program's small __main__: a spawned worker does not import this script again
        code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
                f"from bench.bench_pdf import one_book; one_book({args.book})")
        cold = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
                for _ in range(args.cold)]
        rows.append(f"| book of {args.book} cards, the first a new process prints (ReportLab and fonts loaded, "
                    f"caches empty, worker started; {args.cold} processes, {min(cold):.2f}–{max(cold):.2f} s) | "
                    f"< 5 s | {statistics.median(cold):.2f} s | {today} | "
                    f"`.venv/bin/python bench/bench_pdf.py --cold {args.cold}` |")
    med = statistics.median(x for x, _ in times[None]) * 1000

    print("\n".join(rows), flush=True)
    rows = []
    if args.libreoffice:
        soffice = shutil.which("soffice")
        if soffice is None:
            print("# soffice not installed: skipped", file=sys.stderr)
        else:
            from desktop.xlsx import export_workbook

            with tempfile.TemporaryDirectory() as d:
                wb = Path(d) / "book.xlsx"
                try:
                    export_workbook(cards, reg, wb)
                except Exception as exc:  # the workbook is another module's: say so, keep our rows
                    print(f"# workbook export failed, LibreOffice not timed: {exc!r}", file=sys.stderr)
                    return 0
                lo = []
                for _ in range(args.book_rounds):
                    t = time.perf_counter()
                    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{d}/lo",
                                    "--convert-to", "pdf", "--outdir", d, str(wb)], check=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    lo.append(time.perf_counter() - t)
                lo_med = statistics.median(lo)
            rows.append(f"| book of {args.book} cards: LibreOffice converting the equivalent workbook to PDF | "
                        f"ours ≥ 2× faster | {lo_med:.1f} s (ours {med / 1000:.2f} s: {lo_med / (med / 1000):.1f}×) "
                        f"| {today} | `.venv/bin/python bench/bench_pdf.py --libreoffice` |")
    if rows:
        print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
