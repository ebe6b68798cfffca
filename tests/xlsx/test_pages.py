"""The page ends of a card sheet reckoned at its stated scale (desktop/xlsx/pages.py): a group kept
together is never split by a page's foot, and a break is set only where one is needed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.xlsx.pages import PAGE_H, TOP, page_breaks, print_scale
from desktop.xlsx.sheetxml import SheetParts


def _parts(heights: list[float], scale: int = 70) -> SheetParts:
    parts = SheetParts(scale=scale)
    parts.heights.update({r: h for r, h in enumerate(heights, start=1)})
    return parts


def _pages(parts: SheetParts, last: int, breaks: list[int]) -> list[list[int]]:
    """The rows of each printed page as a program paginates: its own breaks where a page is full,
    and ours."""
    height = (PAGE_H - 2 * TOP) * 100 / parts.scale
    titles = parts.heights[1] + parts.heights[2]
    pages: list[list[int]] = [[]]
    used, cap = 0.0, height
    for r in range(1, last + 1):
        h = parts.heights[r]
        if used + h > cap and used > 0:
            pages.append([])
            used, cap = 0.0, height - titles
        pages[-1].append(r)
        used += h
        if r in breaks and r < last:
            pages.append([])
            used, cap = 0.0, height - titles
    return pages


def test_a_table_header_that_would_end_a_page_starts_the_next() -> None:
    per_page = int((PAGE_H - 2 * TOP) * 100 / 70 // 15)  # rows of 15 pt on page 1
    parts = _parts([15.0] * 200)
    header = per_page - 1  # the table's unit, header and first row: rows header … header + 2
    assert page_breaks(parts, 200, 2, [(header, header + 2)]) == [header - 1]
    assert page_breaks(parts, 200, 2, [(header - 5, header - 3)]) == []  # fits: no break


@given(st.lists(st.sampled_from([15.0, 15.0, 15.0, 30.0, 43.5, 84.0]), min_size=3, max_size=300),
       st.lists(st.tuples(st.integers(1, 300), st.integers(0, 6)), max_size=20))
def test_no_kept_group_is_split_by_a_page_end(heights: list[float], groups: list[tuple[int, int]]) -> None:
    last = len(heights)
    parts = _parts(heights)
    keeps: list[tuple[int, int]] = []
    for a, n in sorted(groups):  # disjoint groups (overlapping ones are joined into one)
        if a <= last and (not keeps or a > keeps[-1][1]):
            keeps.append((a, min(a + n, last)))
    breaks = page_breaks(parts, last, 2, keeps)
    assert breaks == sorted(set(breaks)) and all(1 <= b < last for b in breaks)
    starts = {p[0] for p in _pages(parts, last, breaks) if p}
    height = (PAGE_H - 2 * TOP) * 100 / parts.scale - heights[0] - heights[1]
    for a, b in keeps:
        if sum(heights[a - 1:b]) <= height:  # a group taller than a page cannot be kept
            assert not any(a < s <= b for s in starts), (a, b, sorted(starts))


def test_scale_fits_the_width_and_stays_at_most_70() -> None:
    parts = SheetParts()
    parts.widths.update({1: 4, **{c: 9.5 for c in range(2, 14)}})
    parts.hidden.add(1)
    assert print_scale(parts, 2, 13) == 70
    parts.widths.update({c: 9.5 for c in range(14, 40)})  # a wide table's card
    scale = print_scale(parts, 2, 39)
    printed = sum(parts.widths[c] for c in range(2, 40)) * 6.06 * scale / 100  # points
    assert scale < 70 and printed <= (210 - 2 * 10.16) * 72 / 25.4
