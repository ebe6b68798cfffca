"""Shared by the print tests: render real PDFs, read them back with pdfplumber / poppler."""

from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from desktop.core.cardfile import read_cards
from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.pdf import render_cards
from tests.conftest import SAMPLES, SEEDS, require_tool

A4 = (595.2756, 841.8898)
WORD = re.compile(r"[가-힣]{2,}|[A-Za-z]{2,}|[0-9]{2,}")
STEMS = sorted(p.stem for p in SAMPLES.glob("*.json"))


def registry(extra: list[Path] | None = None) -> TemplateRegistry:
    return TemplateRegistry.load(extra or [], None)


def sample(stem: str, reg: TemplateRegistry | None = None) -> Card:
    cards = read_cards(SAMPLES / f"{stem}.json", reg or registry())
    assert len(cards) == 1
    return cards[0]


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def render(cards: list[Card], reg: TemplateRegistry, path: Path, **kw: Any) -> Path:
    render_cards(cards, reg, path, **kw)
    assert path.is_file() and path.read_bytes()[:5] == b"%PDF-"
    return path


def processes() -> list[tuple[int, str, int, int, int, str]]:
    """Every process now: (pid, state, parent pid, process group, session, command line)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # ended while we looked
        fields = stat[stat.rindex(")") + 2:].split()
        found.append((int(entry), fields[0], int(fields[1]), int(fields[2]), int(fields[3]), cmdline.strip()[:120]))
    return found


def child_processes() -> list[str]:
    """The processes this one has started and not yet waited for, ended or not ("pid state command")."""
    me = os.getpid()
    return [f"{pid} {state} {cmd}" for pid, state, ppid, _g, _s, cmd in processes() if ppid == me]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftotext(path: Path, *, raw: bool = True, first: int | None = None, last: int | None = None) -> str:
    tool = require_tool("pdftotext")
    args = [tool, "-enc", "UTF-8"]
    if raw:
        args.append("-raw")
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def page_texts(path: Path) -> list[str]:
    """Each page's text (pdfplumber, by position); cached per file version, since reading is slow."""
    st = path.stat()
    return list(_page_texts(str(path), st.st_mtime_ns, st.st_size))


@functools.lru_cache(maxsize=64)
def _page_texts(path: str, mtime: int, size: int) -> tuple[str, ...]:
    with pdfplumber.open(path) as pdf:
        return tuple(p.extract_text() or "" for p in pdf.pages)


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    def contains(self, o: Any, tol: float = 0.6) -> bool:
        return (o["x0"] >= self.x0 - tol and o["x1"] <= self.x1 + tol
                and o["top"] >= self.top - tol and o["bottom"] <= self.bottom + tol)

    def holds_center(self, o: Any) -> bool:
        cx, cy = (o["x0"] + o["x1"]) / 2, (o["top"] + o["bottom"]) / 2
        return self.x0 < cx < self.x1 and self.top < cy < self.bottom


def overflowing_chars(path: Path) -> list[str]:
    """Characters whose box leaves the ruled table cell their centre lies in (page, char, where)."""
    bad: list[str] = []
    with pdfplumber.open(path) as pdf:
        for pn, page in enumerate(pdf.pages, 1):
            tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            for t in tables:
                tb = Box(*t.bbox)
                cells = [Box(*c) for c in t.cells if c]
                for ch in page.chars:
                    if ch["text"].isspace() or not tb.holds_center(ch):
                        continue
                    home = [c for c in cells if c.holds_center(ch)]
                    if not any(c.contains(ch) for c in home):
                        bad.append(f"p{pn} {ch['text']!r} x={ch['x0']:.1f}-{ch['x1']:.1f} y={ch['top']:.1f}")
    return bad


def outside_margins(path: Path, margin: float, footer: float) -> list[str]:
    """Characters outside the printable area: `margin` on every side, the footer band below excepted."""
    bad: list[str] = []
    with pdfplumber.open(path) as pdf:
        for pn, page in enumerate(pdf.pages, 1):
            w, h = float(page.width), float(page.height)
            for ch in page.chars:
                if ch["text"].isspace():
                    continue
                in_footer = ch["bottom"] > h - margin and ch["top"] > h - margin and ch["bottom"] < h - footer
                ok = (ch["x0"] >= margin - 0.5 and ch["x1"] <= w - margin + 0.5
                      and ch["top"] >= margin - 0.5 and (ch["bottom"] <= h - margin + 0.5 or in_footer))
                if not ok:
                    bad.append(f"p{pn} {ch['text']!r} x={ch['x0']:.1f}-{ch['x1']:.1f} y={ch['top']:.1f}")
    return bad
