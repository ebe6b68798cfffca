"""How a Table is laid out as a grid model: header rows, label columns, and the merged spans.

Header rows and label columns are ordinary model cells so that QTableView.setSpan can merge them:
column groups span across the top ("합계" over 업체수 | 금액), ungrouped columns span both header
rows, row groups span down the left ("소요예산(계획)" over 총계 … 기타), and a row without a group
spans both label columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Table


@dataclass
class Span:
    row: int
    col: int
    rows: int
    cols: int


def table_spans(t: Table, hrows: int, lcols: int) -> list[Span]:
    out: list[Span] = [Span(0, 0, hrows, lcols)]
    c = 0
    while c < len(t.columns):
        g = t.columns[c].group
        end = c + 1
        if g:
            while end < len(t.columns) and t.columns[end].group == g:
                end += 1
            if end - c > 1:
                out.append(Span(0, lcols + c, 1, end - c))
        elif hrows == 2:
            out.append(Span(0, lcols + c, 2, 1))
        c = end
    if lcols == 2:
        r = 0
        while r < len(t.rows):
            g = t.rows[r].group
            end = r + 1
            if g:
                while end < len(t.rows) and t.rows[end].group == g:
                    end += 1
                if end - r > 1:
                    out.append(Span(hrows + r, 0, end - r, 1))
            else:
                out.append(Span(hrows + r, 0, 1, 2))
            r = end
    return [s for s in out if s.rows >= 1 and s.cols >= 1 and (s.rows > 1 or s.cols > 1)]


def header_label(t: Table, hrows: int, lcols: int, r: int, c: int) -> str:
    """The text of a header or label cell at model position (r, c)."""
    if r < hrows:
        if c < lcols:
            return t.corner
        col = t.columns[c - lcols]
        if hrows == 2 and r == 0 and col.group:
            return col.group
        return col.label
    row = t.rows[r - hrows]
    if lcols == 2 and c == 0:
        return row.group if row.group else row.label
    return row.label
