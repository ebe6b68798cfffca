"""Imports among the editor's modules go one way (no module imports one that imports it back, not even
inside a function or under TYPE_CHECKING): tableview → tableops → tablemodel → tablebase."""

from __future__ import annotations

import ast
from pathlib import Path

EDITOR = Path(__file__).resolve().parents[3] / "desktop" / "ui" / "editor"
PACKAGE = "desktop.ui.editor."


def imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE):
            out.add(node.module[len(PACKAGE):])
        elif isinstance(node, ast.ImportFrom) and node.module == PACKAGE.rstrip("."):
            out.update(a.name for a in node.names)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == path[0]:
                found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its smallest module
                walk(nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def test_table_modules_import_one_way() -> None:
    graph = {p.stem: imports(p) for p in EDITOR.glob("*.py") if p.stem != "__init__"}
    table = {"tablebase", "tablemodel", "tableops", "tableview", "tablerange", "replacechain", "outlinetables"}
    bad = [c for c in cycles(graph) if set(c) & table]
    assert bad == []
