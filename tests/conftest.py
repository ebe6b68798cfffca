"""Test set-up shared by every test: Qt offscreen, a private data folder, helpers for paths."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder, so nothing touches the developer's real database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PLEDGECARD_HOME", str(home))
    monkeypatch.delenv("PLEDGECARD_TEMPLATES", raising=False)
    monkeypatch.delenv("PLEDGECARD_PRINT_WORKERS", raising=False)
    yield home


def require_tool(name: str) -> str:
    """The path of an external tool; skipped on a laptop without it, a failure under CI."""
    import shutil

    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required under CI (scripts/setup --test installs it)")
        pytest.skip(f"{name} not installed")
    return path


@pytest.fixture
def python_exe() -> str:
    return sys.executable
