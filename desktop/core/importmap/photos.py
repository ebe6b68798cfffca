"""기타 참고사항: photos with their captions (SPEC §2; the seeds keep captions only). Images come with
the captions the reader found; a table of captions gives one caption a cell; captions copied out as
lines give one caption per wrapped paragraph, and a line holding a row's remaining captions (the
template prints `per_row` a row) is cut into them at the spaces where the parts are most even — a
guess, so the captions are marked for the officer to confirm."""

from __future__ import annotations

from desktop.core.importmap.elements import El, Grid, Line, Pic
from desktop.core.importmap.state import CardState
from desktop.core.model import Photo

# Words that modify the next word: a caption does not end with them.
_LEADING = {"온라인", "오프라인", "및", "등", "관련", "위한", "통한", "대한", "우수", "신규", "주요"}


def split_caption(text: str, n: int) -> list[str]:
    words = text.split()
    if n <= 1 or len(words) <= 1:
        return [text.strip()]
    n = min(n, len(words))
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for cuts in _cuts(len(words), n):
        parts = [words[a:b] for a, b in zip((0, *cuts), (*cuts, len(words)), strict=True)]
        bad = sum(1 for p in parts[:-1] if p[-1] in _LEADING)
        lens = [sum(len(w) for w in p) for p in parts]
        score = (-bad, -max(lens), -(max(lens) - min(lens)))
        if best is None or score > best[0]:
            best = (score, [" ".join(p) for p in parts])
    return best[1] if best else [text.strip()]


def _cuts(m: int, n: int) -> list[tuple[int, ...]]:
    if n == 1:
        return [()]
    out: list[tuple[int, ...]] = []

    def rec(start: int, left: int, acc: tuple[int, ...]) -> None:
        if left == 0:
            out.append(acc)
            return
        for c in range(start, m - left + 1):
            rec(c + 1, left - 1, (*acc, c))
    if m <= 40:
        rec(1, n - 1, ())
    return out or [tuple(range(1, n))]


def read_photos(els: list[El], st: CardState, per_row: int) -> list[Photo]:
    photos: list[Photo] = []
    groups: list[list[str]] = []
    current: list[str] = []
    for el in els:
        if isinstance(el, Pic):
            photos.append(Photo(caption=el.caption, image=el.data or None, mime=el.mime))
            el.placed = True
        elif isinstance(el, Grid):
            photos += [Photo(caption=c) for row in el.rows for c in row if c]
            el.placed = True
        elif isinstance(el, Line):
            el.placed = True
            if el.text:
                current.append(el.text)
            elif current:
                groups.append(current)
                current = []
    if current:
        groups.append(current)
    in_row = 0
    guessed = False
    for g in groups:
        if len(g) > 1:
            captions = [" ".join(g)]
        else:
            captions = split_caption(g[0], per_row - in_row)
            guessed = guessed or len(captions) > 1
        photos += [Photo(caption=c) for c in captions]
        in_row = (in_row + len(captions)) % per_row
    if guessed:
        st.unsure("blocks.photos")
    return photos
