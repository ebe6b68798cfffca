"""What the HWPX and HWP 5 readers share: limits on hostile input, and tables made safe to lay out.

A card is a few pages; the largest real document in ../shared/hwp (a 152-table 제안요청서) unpacks
to 5.4 MB of XML. The limits leave that far behind and still refuse what could exhaust memory or time
(a zip or deflate bomb, a table declaring 65,535 × 65,535 cells, tables nested a thousand deep).
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.document import Cell, DocumentError, Table

MAX_FILE = 100 * 2**20  # the file itself
MAX_UNPACKED = 256 * 2**20  # every part / stream unpacked, together
MAX_PART = 64 * 2**20  # one part / stream unpacked
MAX_XML = 24 * 2**20  # one XML part: its tree costs ~10× its size in memory (the largest real section: 1.8 MB)
MAX_RATIO = 200  # unpacked / packed of a part bigger than 1 MB: a zip bomb
MAX_MEMBERS = 5_000  # parts of an HWPX zip, streams of an HWP compound file
MAX_BLOCKS = 500_000  # paragraphs, cells and images of one document
MAX_GRID = 200_000  # rows × cols of one table
MAX_DEPTH = 24  # tables (or text boxes) nested in one another


def label(name: str, kind: str) -> str:
    """The file as messages name it."""
    return f"'{name}'" if name else f"{kind} 문서"


class Budget:
    """Counts what a reader produces and refuses a document past MAX_BLOCKS or MAX_UNPACKED."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.blocks = 0
        self.unpacked = 0

    def block(self, n: int = 1) -> None:
        self.blocks += n
        if self.blocks > MAX_BLOCKS:
            raise DocumentError(f"{self.where}: 문서가 너무 큽니다 (문단·칸이 {MAX_BLOCKS:,}개를 넘음) "
                                "— 읽지 않았습니다.")

    def unpack(self, n: int) -> None:
        self.unpacked += n
        if self.unpacked > MAX_UNPACKED:
            raise DocumentError(f"{self.where}: 문서가 풀면 너무 큽니다 ({MAX_UNPACKED // 2**20} MB 넘음) "
                                "— 압축 폭탄일 수 있어 읽지 않았습니다.")

    def depth(self, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise DocumentError(f"{self.where}: 표나 글상자가 {MAX_DEPTH}단계보다 깊이 겹쳐 있어 읽지 않았습니다.")


def make_table(rows: int, cols: int, cells: Iterable[Cell], caption: str, where: str) -> Table:
    """A table whose every cell stands inside its grid: spans at least 1, the grid grown to hold a cell
    placed past the declared size (nothing dropped), and refused when the grid would be huge."""
    kept: list[Cell] = []
    for cell in cells:
        if cell.row < 0 or cell.col < 0:
            continue
        if cell.rowspan < 1 or cell.colspan < 1:
            cell = Cell(cell.row, cell.col, cell.blocks, max(cell.rowspan, 1), max(cell.colspan, 1))
        kept.append(cell)
    rows = max([max(rows, 0)] + [c.row + 1 for c in kept])
    cols = max([max(cols, 0)] + [c.col + 1 for c in kept])
    if rows * cols > MAX_GRID:
        raise DocumentError(f"{where}: 표가 너무 큽니다 ({rows:,}행 × {cols:,}열) — 읽지 않았습니다.")
    kept.sort(key=lambda c: (c.row, c.col))
    return Table(rows=rows, cols=cols, cells=tuple(kept), caption=caption)
