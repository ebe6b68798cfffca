"""docs/checks.md lists every finding code with its severity — no more, no fewer."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.checks import CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_every_code_is_documented_with_its_severity() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_.]+)` \| (오류|경고) \|", section, flags=re.M)
    assert dict(rows) == {code: sev for code, (sev, _) in CODES.items()}
    assert len(rows) == len(CODES)
