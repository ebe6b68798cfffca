"""The frozen bundle: built with pyinstaller.spec and run as a disconnected PC would run it.

Slow (~1 min): it builds the bundle into a temporary folder, then scripts/smoke-bundle runs the
console program with no network, an empty environment and no system fonts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tool

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("CI") != "true" and not os.environ.get("PLEDGECARD_TEST_BUNDLE"):
        pytest.skip("builds the bundle (~1 min): runs under CI=true or PLEDGECARD_TEST_BUNDLE=1")
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([str(ROOT / "scripts" / "build-bundle")], cwd=ROOT, check=True,
                   env={**os.environ, "DIST": str(dist)}, capture_output=True, timeout=900)
    return dist / "PledgeCard"


def test_bundle_size_within_budget(bundle: Path) -> None:
    # lstat, symlinks skipped: PyInstaller links shared libraries into _internal on Linux
    size = sum(f.lstat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    assert size <= 170 * 1024 * 1024, f"bundle is {size / 2**20:.0f} MB (SPEC §7: ≤ 170 MB)"
    names = {p.name.lower() for p in bundle.rglob("*")}
    assert not any("webengine" in n or n == "qml" for n in names)
    assert (bundle / "_internal" / "resources" / "fonts" / "OFL.txt").is_file()
    assert "qtbase_ko.qm" in names  # Qt's dialogs in Korean (issue 11 item 14)
    assert not any(n.startswith("qtbase_") and n.endswith(".qm") and n != "qtbase_ko.qm" for n in names)


def test_bundle_runs_offline_without_system_fonts(bundle: Path, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    require_tool("unshare")
    out = tmp_path / "smoke"
    proc = subprocess.run([str(ROOT / "scripts" / "smoke-bundle"), str(out)], cwd=ROOT,
                          env={**os.environ, "BUNDLE": str(bundle), "PYTHON": sys.executable}, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    listing = (out / "list.txt").read_text(encoding="utf-8")
    assert "중소기업 애로해소 및 환경 개선 지원" in listing and "III-2-1" in listing
    text = subprocess.run([pdftotext, str(out / "card.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "중소기업 애로해소" in text
    fonts = subprocess.run(["pdffonts", str(out / "card.pdf")], capture_output=True, text=True, check=True).stdout
    rows = [r for r in fonts.splitlines()[2:] if r.strip()]
    assert rows and all(" yes " in r for r in rows), fonts  # every font embedded
    book, worker_book = (subprocess.run([pdftotext, str(out / name), "-"], capture_output=True, text=True,
                                        check=True).stdout for name in ("book.pdf", "book-worker.pdf"))
    assert "III-2-1" in worker_book and worker_book == book
    assert "작업 프로세스 1개가" in (out / "many.txt").read_text(encoding="utf-8")  # a frozen worker laid out cards
    from openpyxl import load_workbook

    wb = load_workbook(out / "cards.xlsx")
    assert "총괄표" in wb.sheetnames
    shot = out / "window.png"
    assert shot.stat().st_size > 10_000


def test_every_command_module_is_a_hidden_import() -> None:
    """desktop/cli.py imports command modules by name: PyInstaller sees them only if the spec lists them."""
    from desktop.cli import COMMANDS

    spec = (Path(__file__).resolve().parents[1] / "pyinstaller.spec").read_text(encoding="utf-8")
    modules = {m.partition(":")[0] for m, _ in COMMANDS.values()}
    assert sorted(m for m in modules if f'"{m}"' not in spec) == []
