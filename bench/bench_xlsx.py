"""Workbook timings (SPEC §7): export of 300 cards (< 3 s) and import of the same workbook (< 3 s); with
--libreoffice also, side by side in one run, the 300-card PDF book against LibreOffice converting the
exported workbook to PDF (ours at least 2× faster).

Run by hand:  .venv/bin/python bench/bench_xlsx.py [--rounds N] [--cards N] [--libreoffice]
Cards come from bench/generate.py (the samples copied). Prints markdown rows for docs/performance.md,
with CPU time beside the wall clock: on a shared machine the wall clock measures the neighbours too.
"""

from __future__ import annotations

import argparse
import io
import os
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
from desktop.core.templates import TemplateRegistry  # noqa: E402


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall and CPU seconds."""
    wall, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cards", type=int, default=300)
    ap.add_argument("--libreoffice", action="store_true", help="also the PDF book against soffice --convert-to pdf")
    args = ap.parse_args()
    today = date.today().isoformat()
    load = f"load avg {os.getloadavg()[0]:.1f}"
    reg = TemplateRegistry.load()
    cards = generate(args.cards)
    from desktop.xlsx import export_workbook, read_workbook

    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "제출.xlsx"
        export_workbook(cards, reg, out)  # warm: imports, fonts of openpyxl's stylesheet
        w, c = timed(lambda: export_workbook(cards, reg, out), args.rounds)
        size = out.stat().st_size / 2**20
        rows = [(f"xlsx: export of {args.cards} cards (bench/generate.py copies of the samples; "
                 f"{len(cards) + 2} sheets, {size:.1f} MB)", "< 3 s", f"{w:.2f} s (CPU {c:.2f} s)")]
        back: list[object] = []
        w, c = timed(lambda: back.append(read_workbook(out, reg)), args.rounds)
        assert len(back[-1]) == len(cards)  # type: ignore[arg-type]
        rows.append((f"xlsx: import of the same workbook (read_workbook: {args.cards} cards from the visible cells, "
                     "checked)", "< 3 s", f"{w:.2f} s (CPU {c:.2f} s)"))
        rows.append(_cli_import(out, Path(d), args.rounds, len(cards)))
        if args.libreoffice:
            rows.extend(_side_by_side(cards, reg, out, Path(d)))
    cmd = "`.venv/bin/python bench/bench_xlsx.py" + (" --libreoffice" if args.libreoffice else "") + "`"
    for figure, target, measured in rows:
        print(f"| {figure} | {target} | {measured} | {today} ({load}) | {cmd} |")
    return 0


def _cli_import(workbook: Path, d: Path, rounds: int, n: int) -> tuple[str, str, str]:
    """The whole `pledgecard import 제출.xlsx` in-process: read, check, store in one transaction."""
    import contextlib

    from desktop.cli import main as cli

    k = 0

    def once() -> None:
        nonlocal k
        k += 1
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli(["--db", str(d / f"db{k}.sqlite3"), "import", str(workbook)]) == 0

    w, c = timed(once, rounds)
    return (f"xlsx: `pledgecard import` of the same workbook into a new database ({n} cards: read, checked, "
            "stored in one transaction; in-process)", "— (the store's part: store rows)", f"{w:.2f} s (CPU {c:.2f} s)")


def _side_by_side(cards: list, reg: TemplateRegistry, workbook: Path, d: Path) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice가 없습니다 (apt-get install libreoffice-calc-nogui)", file=sys.stderr)
        return []
    from desktop.pdf import render_cards

    ours, ours_cpu = timed(lambda: render_cards(cards, reg, io.BytesIO()), 1)
    profile = d / "lo-profile"
    cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
           "--outdir", str(d / "lo"), str(workbook)]
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}", "--version"],
                   check=True, capture_output=True, timeout=120)  # first start creates the profile: not timed
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, timeout=1800)
    lo = time.perf_counter() - t
    return [(f"print: PDF book of {len(cards)} cards (render_cards) against LibreOffice converting the exported "
             "workbook to PDF, side by side in one run", "ours ≥ 2× faster",
             f"ours {ours:.1f} s (CPU {ours_cpu:.1f} s), LibreOffice {lo:.1f} s: {lo / ours:.1f}×")]


if __name__ == "__main__":
    sys.exit(main())
