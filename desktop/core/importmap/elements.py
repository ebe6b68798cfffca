"""The document as the mapping reads it: a flat list of lines, tables and images in reading order.

A `Line` is one paragraph line with its indentation (an outline's level lives in it); a `Grid` is a
table as rows of cell texts (merged cells written once, covered cells blank, as `Table.text_rows`);
a `Pic` is an image with its caption. Every element remembers whether the mapping placed it, so what
was not placed can be listed whole ("nothing is guessed silently").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.document import Block, Cell, Document, Image, Paragraph, Table, flatten_blocks


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
    _add(doc.blocks, out, 0)
    return out


def _add(blocks: tuple[Block, ...], out: list[El], depth: int) -> None:
    for block in blocks:
        if len(out) > MAX_ELEMENTS:
            return
        if isinstance(block, Paragraph):
            for raw in block.text.split("\n"):
                line = raw.replace("\t", " ").rstrip()
                stripped = line.lstrip()
                out.append(Line(stripped.strip(), len(line) - len(stripped)))
        elif isinstance(block, Table):
            grid = block.grid()
            cells = [c for c in block.cells if c.blocks]
            if len(cells) == 1 and depth < 8:  # a frame around text (a box of one cell): its content
                _add(cells[0].blocks, out, depth + 1)
            elif any(isinstance(b, Image) for c in block.cells for b in c.blocks):
                out.extend(_pictures(grid))
            else:
                rows = block.text_rows()
                if any(any(c.strip() for c in r) for r in rows):
                    out.append(Grid([[c.strip() for c in r] for r in rows]))
        elif isinstance(block, Image):
            out.append(Pic(block.data, block.caption, _mime(block.data)))


def _pictures(grid: list[list[Cell | None]]) -> list[El]:
    """A table of photos (2–3 a row, SPEC §2): each image with its caption — its own, the text of its
    cell, or the text of the cell under it (a row of captions under a row of photos)."""
    def has_image(cell: Cell | None) -> bool:
        return cell is not None and any(isinstance(b, Image) for b in cell.blocks)

    def words(cell: Cell | None) -> str:
        if cell is None:
            return ""
        return " ".join(" ".join(flatten_blocks(tuple(b for b in cell.blocks if not isinstance(b, Image)))).split())

    out: list[El] = []
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            below = grid[r + 1][c] if r + 1 < len(grid) else None
            under = "" if has_image(below) else words(below)
            images = [b for b in cell.blocks if isinstance(b, Image)]
            for img in images:
                out.append(Pic(img.data, img.caption or words(cell) or under, _mime(img.data)))
            above = grid[r - 1][c] if r > 0 else None
            if not images and words(cell) and not has_image(above):
                out.append(Pic(b"", words(cell)))  # a caption whose photo is not added yet
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
