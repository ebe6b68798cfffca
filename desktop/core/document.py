"""A document read from another program (text, HWPX, HWP 5), before it becomes cards (SPEC §9).

Readers (desktop/core/readers/…) turn bytes into a `Document`: paragraphs, tables (with merged
cells and nested blocks) and images, in reading order. The mapping into cards of a template works on
this model only, so every reader feeds the same mapping, and a document that is not a card can
still be shown whole ("nothing is guessed silently").

`flatten` writes a document as the seed texts look (../shared/seeds): one line per paragraph, one
tab-separated line per table row, merged cells written once at their top-left position with the
covered cells blank.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


class DocumentError(Exception):
    """A document that cannot be read; the message is Korean and says what and where."""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Image:
    data: bytes
    name: str = ""  # the file name inside the document, when it has one ("BinData/image1.png")
    caption: str = ""


@dataclass(frozen=True)
class Cell:
    row: int  # top-left position in the table's grid, from 0
    col: int
    blocks: tuple[Block, ...] = ()
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        """The cell's paragraphs (and nested tables, flattened) joined by newlines."""
        return "\n".join(flatten_blocks(self.blocks))


@dataclass(frozen=True)
class Table:
    rows: int
    cols: int
    cells: tuple[Cell, ...]
    caption: str = ""

    def grid(self) -> list[list[Cell | None]]:
        """rows × cols; a merged cell stands at its top-left position, the cells it covers are None."""
        out: list[list[Cell | None]] = [[None] * self.cols for _ in range(self.rows)]
        for cell in self.cells:
            if 0 <= cell.row < self.rows and 0 <= cell.col < self.cols:
                out[cell.row][cell.col] = cell
        return out

    def text_rows(self) -> list[list[str]]:
        return [[c.text if c is not None else "" for c in row] for row in self.grid()]


Block = Paragraph | Table | Image


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    kind: str  # "text" | "hwpx" | "hwp"
    name: str = ""  # the file's name, for messages
    notes: tuple[str, ...] = field(default=())  # what the reader skipped, in Korean

    def tables(self) -> Iterator[Table]:
        for block in self.blocks:
            if isinstance(block, Table):
                yield block


class ParagraphSplitter:
    """One paragraph of a document as readers meet it: text runs with objects (tables, pictures)
    standing inside. The text is split where an object stands, so each object keeps its place; what
    is anchored in the paragraph but read after it (text boxes, notes) follows it."""

    def __init__(self, out: list[Block]) -> None:
        self.out = out
        self.text: list[str] = []
        self.objects = 0

    def add_text(self, text: str) -> None:
        self.text.append(text)

    def add_objects(self, found: list[Block]) -> None:
        if not found:
            return
        segment = "".join(self.text)
        if segment.strip():
            self.out.append(Paragraph(segment))
        self.text = []
        self.objects += 1
        self.out.extend(found)

    def finish(self, after: list[Block]) -> None:
        segment = "".join(self.text)
        if segment.strip() or not self.objects:  # an empty paragraph alone is kept (a blank line)
            self.out.append(Paragraph(segment))
        self.out.extend(after)


def flatten_blocks(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.text_rows():
                lines.append("\t".join(text.replace("\n", " ") for text in row))
        elif block.caption:
            lines.append(block.caption)
    return lines


def flatten(document: Document) -> str:
    """The document as text, in the shape of the seed texts."""
    return "\n".join(flatten_blocks(document.blocks))
