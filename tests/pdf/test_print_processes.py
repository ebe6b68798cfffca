"""`pledgecard pdf --all` with a print worker leaves no process behind: every process it started (the
worker, and multiprocessing's resource tracker that starting one brings along) has ended before the
command exits."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.generate import write
from tests.cli.helpers import run_cli
from tests.conftest import ROOT
from tests.pdf.helpers import processes


def _session_members(sid: int) -> list[str]:
    """Processes whose session or process group is `sid` (pid, state, command line)."""
    return [f"{pid} {state} {cmd}" for pid, state, _p, pgid, session, cmd in processes() if sid in (pgid, session)]


@pytest.fixture
def session() -> Iterator[list[int]]:
    """Holds the session id of the command; whatever of it is left is killed at the end."""
    sids: list[int] = []
    yield sids
    for sid in sids:
        for line in _session_members(sid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(line.split()[0]), signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_no_process_of_the_command_outlives_pdf_all(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, session: list[int]) -> None:
    cards, db, out = tmp_path / "cards.json", tmp_path / "cards.db", tmp_path / "book.pdf"
    write(40, cards)
    assert run_cli(capsys, "--db", db, "import", cards).code == 0
    env = {**os.environ, "PLEDGECARD_PRINT_WORKERS": "1"}
    worked = False
    for _attempt in range(3):  # on a loaded machine the worker may start after every card is taken
        proc = subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(db), "pdf", "--all", "--out", str(out)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        session.append(proc.pid)
        try:
            stdout, stderr = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        assert proc.returncode == 0, stderr
        assert "Traceback" not in stderr and "leaked" not in stderr
        assert _session_members(proc.pid) == []  # nothing of the command is left, worker or not
        if "작업 프로세스 1개" in stdout:  # the worker did lay out cards: the case that left a process
            worked = True
            break
    assert worked, "the print worker never laid out a card in 3 runs"
