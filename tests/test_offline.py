"""No network, ever: the command line's whole path opens no socket (Python audit events)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from desktop.cli import main
from tests.conftest import SAMPLES

_events: list[str] = []
_watching = False


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _watching and event.startswith(("socket.", "urllib.", "http.")):
        _events.append(event)


sys.addaudithook(_hook)


def test_commands_open_no_socket(tmp_path: Path) -> None:
    global _watching
    db = str(tmp_path / "cards.sqlite3")
    samples = [str(p) for p in sorted(SAMPLES.glob("*.json"))]
    _watching = True
    try:
        assert main(["--db", db, "import", *samples]) == 0
        assert main(["--db", db, "list"]) == 0
        assert main(["--db", db, "check", "--all"]) in (0, 1)
        assert main(["--db", db, "pdf", "--all", "--out", str(tmp_path / "b.pdf")]) == 0
        assert main(["--db", db, "xlsx", "--all", "--out", str(tmp_path / "b.xlsx")]) == 0
        assert main(["--db", db, "export", "--all", "--out", str(tmp_path / "c.json")]) == 0
    finally:
        _watching = False
    assert _events == []
