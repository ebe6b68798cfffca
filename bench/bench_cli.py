"""Command-line timings: `pledgecard import` of 1,000 cards, `pledgecard list` over 10,000 cards.

Run by hand:  .venv/bin/python bench/bench_cli.py [--rounds N]
Cards come from bench/generate.py (the samples copied). Everything happens in a temporary data folder.
Prints one markdown row per figure (median of the rounds) for docs/performance.md: in-process
(`desktop.cli.main`, the work itself) and as a separate program (`python -m desktop`, start-up included).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
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

from bench.generate import write  # noqa: E402
from desktop.cli import main as cli  # noqa: E402
from desktop.core.cardfile import read_cards  # noqa: E402
from desktop.core.templates import TemplateRegistry  # noqa: E402


def timed(fn: Callable[[], object], rounds: int, before: Callable[[], object] | None = None) -> float:
    """Median milliseconds of fn over rounds; `before` runs untimed ahead of each round."""
    times = []
    for _ in range(rounds):
        if before is not None:
            before()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def quiet(*argv: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(list(argv))
    if code != 0:
        raise SystemExit(f"pledgecard {' '.join(argv)} → {code}\n{err.getvalue()}")


def program(*argv: str) -> None:
    subprocess.run([sys.executable, "-m", "desktop", *argv], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    r = args.rounds
    rows: list[tuple[str, str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ["PLEDGECARD_HOME"] = str(tmp / "home")
        f1k, f10k = tmp / "cards-1000.json", tmp / "cards-10000.json"
        write(1000, f1k)
        write(10000, f10k)
        db = tmp / "import.sqlite3"

        def fresh() -> None:
            for p in tmp.glob("import.sqlite3*"):
                p.unlink()
            quiet("--db", str(db), "list")  # create the schema outside the timing

        cmd = "python bench/generate.py 1000 --out c.json && pledgecard --db new.sqlite3 import c.json"
        rows.append(("import of 1,000 cards (card file, new database), in-process", "— (issue 2)",
                     timed(lambda: quiet("--db", str(db), "import", str(f1k)), r, fresh), cmd))
        registry = TemplateRegistry.load([], None)
        size = f1k.stat().st_size / 2**20
        rows.append((f"… of which reading and validating the card file ({size:.0f} MB)", "— (issue 2)",
                     timed(lambda: read_cards(f1k, registry), r), cmd))
        rows.append(("import of 1,000 cards, as a separate program (start-up included)", "— (issue 2)",
                     timed(lambda: program("--db", str(db), "import", str(f1k)), max(3, r // 2), fresh), cmd))

        big = tmp / "list.sqlite3"
        t = time.perf_counter()
        quiet("--db", str(big), "import", str(f10k))
        print(f"(setup: import of 10,000 cards took {time.perf_counter() - t:.1f} s)", file=sys.stderr)
        cmd = ("python bench/generate.py 10000 --out c.json && pledgecard --db d.sqlite3 import c.json"
               " && pledgecard --db d.sqlite3 list")
        rows.append(("`list` over 10,000 cards, in-process", "— (issue 2)",
                     timed(lambda: quiet("--db", str(big), "list"), r), cmd))
        rows.append(("`list` over 10,000 cards, as a separate program (start-up included)", "— (issue 2)",
                     timed(lambda: program("--db", str(big), "list"), r), cmd))
    today = date.today().isoformat()
    for figure, target, ms, cmd in rows:
        shown = f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"
        print(f"| {figure} | {target} | {shown} | {today} | `.venv/bin/python bench/bench_cli.py` ({cmd}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
