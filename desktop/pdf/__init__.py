"""A4 printing of cards with ReportLab and the bundled Korean fonts (SPEC §4).

    render_cards(cards, registry, out, progress=None, stats=None) -> int  (pages written)

One card prints as the card; several print as a book (cover, 목차, 총괄표, cards in 관리번호
order). `progress(done, total)` is called as cards are laid out; returning False stops the job
with Cancelled and nothing is written. Knows nothing of Qt.
"""

from __future__ import annotations

from desktop.pdf.compose import PrintStats, Unprintable
from desktop.pdf.doc import Cancelled
from desktop.pdf.render import render_cards

__all__ = ["Cancelled", "PrintStats", "Unprintable", "render_cards"]
