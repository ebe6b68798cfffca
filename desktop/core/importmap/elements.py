"""The document as the mapping reads it: a flat list of lines, tables and images in reading order.

A `Line` is one paragraph line with its indentation (an outline's level lives in it); a `Grid` is a
table as rows of cell texts (merged cells written once, covered cells blank, as `Table.text_rows`);
a `Pic` is an image with its caption. Every element remembers whether the mapping placed it, so what
was not placed can be listed whole ("nothing is guessed silently").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.document import Document, Image, Paragraph, Table


@dataclass(eq=False)
class Line:
    text: str  # stripped
    indent: int = 0
    placed: bool = False

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(eq=False)
class Grid:
    rows: list[list[str]]
    placed: bool = False

    def cell(self, r: int, c: int) -> str:
        return self.rows[r][c] if r < len(self.rows) and c < len(self.rows[r]) else ""

    @property
    def text(self) -> str:
        return "\n".join("\t".join(r) for r in self.rows)


@dataclass(eq=False)
class Pic:
    data: bytes
    caption: str = ""
    mime: str = ""
    placed: bool = False


El = Line | Grid | Pic


@dataclass
class Piece:
    """A piece of the document that was not placed on any card: kind "문단", "표" or "그림"."""

    kind: str
    text: str
    cells: list[list[str]] = field(default_factory=list)
    card: str = ""  # the 관리번호 (or title) of the card it sat in; "" outside any card


MAX_ELEMENTS = 200_000


def elements(doc: Document) -> list[El]:
    out: list[El] = []
    for block in doc.blocks:
        if len(out) > MAX_ELEMENTS:
            break
        if isinstance(block, Paragraph):
            for raw in block.text.split("\n"):
                line = raw.replace("\t", " ").rstrip()
                stripped = line.lstrip()
                out.append(Line(stripped.strip(), len(line) - len(stripped)))
        elif isinstance(block, Table):
            rows = block.text_rows()
            if any(any(c.strip() for c in r) for r in rows):
                out.append(Grid([[c.strip() for c in r] for r in rows]))
        elif isinstance(block, Image):
            out.append(Pic(block.data, block.caption, _mime(block.data)))
    return out


def _mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    return ""


def unplaced(els: list[El], card: str = "") -> list[Piece]:
    pieces: list[Piece] = []
    for el in els:
        if el.placed:
            continue
        if isinstance(el, Line):
            if el.text and not _rule(el.text):
                pieces.append(Piece("문단", el.text, card=card))
        elif isinstance(el, Grid):
            if not all(_rule(c) or not c for r in el.rows for c in r):
                pieces.append(Piece("표", el.text, [list(r) for r in el.rows], card=card))
        else:
            pieces.append(Piece("그림", el.caption or "(설명 없는 그림)", card=card))
    return pieces


def _rule(text: str) -> bool:
    """A line drawn with dashes or equals signs ("-----"): layout, not content."""
    return bool(re.fullmatch(r"[-=_─━]{3,}", text.strip()))


# ---------------------------------------------------------------- text helpers

def squash(text: str) -> str:
    """Text without any space: labels are compared so ("진    도" = "진  도" = "진도")."""
    return re.sub(r"\s+", "", text)


def spaced_pattern(label: str) -> str:
    """A regex matching `label` written with any spacing between its characters."""
    chars = [re.escape(ch) for ch in squash(label)]
    return r"\s*".join(chars)
