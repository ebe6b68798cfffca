"""The window's modules import one way (ui → commands/pdf/xlsx/db → core; within desktop/ui, the main
window → its File-menu code → the Shell declaration): no circle, not even through TYPE_CHECKING or
imports inside functions. mainwindow ↔ cardactions ↔ transfer was one (issue 11)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

UI = ROOT / "desktop" / "ui"


def _module(path: Path) -> str:
    return "desktop.ui." + path.stem


def _imports(path: Path) -> set[str]:
    """desktop.ui modules this file imports anywhere (top level, TYPE_CHECKING blocks, functions)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[:2] == ["desktop", "ui"] and len(parts) > 2:
                out.add(".".join(parts[:3]))
    return out


def test_no_import_circle_in_the_window_modules() -> None:
    modules = {_module(p): p for p in UI.glob("*.py") if p.stem != "__init__"}
    graph = {m: _imports(p) & set(modules) - {m} for m, p in modules.items()}
    circles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        for n in sorted(graph[m]):
            if n in path:
                circles.append([*path[path.index(n):], n])
            elif len(path) < len(graph):
                visit(n, [*path, n])

    for m in sorted(graph):
        visit(m, [m])
    assert not circles, "\n".join(" → ".join(c) for c in circles[:10])


def test_the_window_borrows_no_private_name_from_the_layers_below() -> None:
    """The window uses what the commands, the core and the store offer in public; a private helper it
    needs is made public where it belongs (the dashboard borrowed `desktop.commands.summary._from_summary`,
    issue 16 — now `db.overviewread.previous_period`, used by the command too)."""
    borrowed: list[str] = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.module.startswith("desktop.ui"):
                borrowed += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}" for a in node.names
                             if a.name.startswith("_") and a.name != "__future__"]
    assert not borrowed, "\n".join(borrowed)


def test_the_window_modules_do_not_import_the_card_form() -> None:
    """The card form is imported when the first card opens (MainWindow.ensure_editor, after the window
    with its list is shown), not with the window's modules: it was ~0.2 s of every start."""
    code = ("import sys; import desktop.cli, desktop.ui.app, desktop.ui.mainwindow, desktop.ui.live, "
            "desktop.ui.connection\n"
            "print('desktop.ui.editor.form' in sys.modules)\n"
            "from desktop.ui.editor import CardEditor\n"
            "print(CardEditor.__module__)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["False", "desktop.ui.editor.form"]
