"""Every character the cards and templates use has a glyph in a font the program ships.

The smoke run of the bundle (no system fonts) showed ❍, × and ‧ as empty boxes before DejaVu Sans
became the window's symbol fallback.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.resources import resource_path
from desktop.ui.app import FONTS, SYMBOL_FALLBACK, make_app
from tests.conftest import SAMPLES

UI_SYMBOLS = "×＋−✕▲▼→←※❍○▷·‧☎☞➜☐☑"


def _chars() -> set[str]:
    text = UI_SYMBOLS
    for p in [*SAMPLES.glob("*.json"), *resource_path("templates").glob("*.json")]:
        text += json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False)
    return {c for c in text if not c.isspace() and c.isprintable()}


def test_every_character_has_a_shipped_glyph() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    # the fonts' own character maps (Qt's QRawFont misreads Nanum's), read by ReportLab's TTF parser
    cmaps = [TTFontFile(str(resource_path("fonts", name))).charToGlyph for name in FONTS]
    missing = sorted(c for c in _chars() if not any(ord(c) in m for m in cmaps))
    assert missing == [], f"no shipped font draws {missing}"


def test_app_font_falls_back_to_the_shipped_symbol_font(qapp: object) -> None:
    app = make_app()
    assert app.font().families()[-1] == SYMBOL_FALLBACK
    assert Path(resource_path("fonts", "DejaVu-LICENSE.txt")).is_file()
