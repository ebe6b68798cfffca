"""Cell ranges as spreadsheets put them on the clipboard: cells separated by tabs, rows by newlines.

Excel (and HWP, LibreOffice) write a cell that holds a tab, a newline or a double quote inside
double quotes, with its quotes doubled ("a""b"); the last row ends with a newline. `parse_range`
reads that back; `format_range` writes it. format_range then parse_range gives the same rows.
"""

from __future__ import annotations

MAX_CELLS = 10_000  # a paste larger than any card's table is refused by the caller, not parsed on


def parse_range(text: str) -> list[list[str]]:
    """Rows of cell texts. "300\\t260\\t240" → [["300", "260", "240"]]; "" → [];
    a trailing newline does not make an empty last row; \\r\\n and \\r count as newlines."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_start = True  # at the start of a cell: a quote there opens a quoted cell
    while i < n:
        ch = text[i]
        if at_start and ch == '"':
            end, value = _quoted(text, i)
            if end is not None:
                cell.append(value)
                i = end
                at_start = False
                continue
        at_start = False
        if ch == "\t":
            row.append("".join(cell))
            cell = []
            at_start = True
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_start = True
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def _quoted(text: str, start: int) -> tuple[int | None, str]:
    """A quoted cell from text[start] (the opening quote): (index after it, its value), or (None, "")
    when the quotes do not close right before a tab, a newline or the end (then the quote is text)."""
    out: list[str] = []
    i, n = start + 1, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            if i + 1 < n and text[i + 1] == '"':
                out.append('"')
                i += 2
                continue
            if i + 1 == n or text[i + 1] in "\t\r\n":
                return i + 1, "".join(out)
            return None, ""
        out.append(ch)
        i += 1
    return None, ""


def format_range(rows: list[list[str]]) -> str:
    """Tab-separated cells, one line per row (each ending with a newline, as Excel copies)."""
    return "".join("\t".join(_cell(c) for c in row) + "\n" for row in rows)


def _cell(text: str) -> str:
    if any(ch in text for ch in '\t\r\n') or text.startswith('"'):
        return '"' + text.replace('"', '""') + '"'
    return text
