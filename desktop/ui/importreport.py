"""What an import from documents could not place, said in a message box (SPEC §9: the import report)."""

from __future__ import annotations

from desktop.core.importmap import Piece

SHOWN = 12


def unplaced_lines(pieces: list[Piece] | None) -> list[str]:
    """The pieces no card took: the first few, then how many more."""
    if not pieces:
        return []
    lines = [f"\n카드에 넣지 못한 부분 {len(pieces)}개 (카드가 있으면 그 카드의 메모에 남겼습니다):"]
    for p in pieces[:SHOWN]:
        text = " ".join(p.text.split())
        lines.append(f"· [{p.kind}] {text[:80]}{'…' if len(text) > 80 else ''}")
    if len(pieces) > SHOWN:
        lines.append(f"… 외 {len(pieces) - SHOWN}개")
    return lines
