"""Text → Document (SPEC §9): what an officer copies out of an HWP card, or a .txt of one.

The shape is the seed texts' (../shared/seeds): one paragraph a line, kept as written (leading spaces
carry an outline's indentation, blank lines separate a layout's boxes); a run of lines holding a tab
is one table, one row a line, one cell a tab-separated field. "Where a row shows fewer values than the
table has columns, the missing cells are the trailing ones and are blank" (SPEC §2): a short row is
padded with blank cells. Merged cells cannot be seen in text, so every cell is 1×1.
"""

from __future__ import annotations

from desktop.core.document import Block, Cell, Document, DocumentError, Paragraph, Table
from desktop.core.readers import decode_text

MAX_CHARS = 5_000_000  # a card is under 10,000 characters; a 5 MB "text" is not a card
MAX_COLUMNS = 200


def read(data: bytes, name: str = "") -> Document:
    text = decode_text(data)
    if text is None:
        raise DocumentError(f"{name or '텍스트'}: 글자로 읽을 수 없습니다 (UTF-8, UTF-16, CP949가 아님)")
    return read_text(text, name)


def read_text(text: str, name: str = "") -> Document:
    """The document of a text already decoded (the clipboard's)."""
    if len(text) > MAX_CHARS:
        raise DocumentError(f"{name or '텍스트'}: 너무 깁니다 ({len(text):,}자, 최대 {MAX_CHARS:,}자)")
    blocks: list[Block] = []
    rows: list[list[str]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if "\t" in raw:
            rows.append([c.strip() for c in raw.rstrip("\n").split("\t")][:MAX_COLUMNS])
            continue
        if rows:
            blocks.append(_table(rows))
            rows = []
        blocks.append(Paragraph(line))
    if rows:
        blocks.append(_table(rows))
    return Document(blocks=tuple(blocks), kind="text", name=name)


def _table(rows: list[list[str]]) -> Table:
    cols = max(len(r) for r in rows)
    cells = tuple(
        Cell(row=i, col=j, blocks=(Paragraph(r[j] if j < len(r) else ""),))
        for i, r in enumerate(rows) for j in range(cols)
    )
    return Table(rows=len(rows), cols=cols, cells=cells)
