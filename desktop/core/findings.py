"""A check's finding: where, how bad, a stable code, and a Korean message that shows the numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["오류", "경고"]
ERROR: Severity = "오류"
WARNING: Severity = "경고"


@dataclass(frozen=True)
class Place:
    """Where a finding sits, enough for the editor to put it on the widget or the cell.

    field: a header field key ("budget", "progress", "period", "status") when the finding is there;
    block: the block key of the table ("invest"); item: the index path of the outline item holding an
    inline table ((3,) or (3, 1)), empty for a block's own table; row/col: the cell's keys.
    """

    field: str = ""
    block: str = ""
    item: tuple[int, ...] = ()
    row: str = ""
    col: str = ""


@dataclass(frozen=True)
class Finding:
    code: str  # stable, e.g. "sum.row", "sum.col", "summary.total", "bound.le", "ratio", "progress.range"
    severity: Severity
    message: str  # Korean, with the numbers: "소요예산 국비 계 700 ≠ 220 + 250 + 203 = 673"
    place: Place
    stated: str = ""  # the stated value as printed, when the finding compares one
    computed: str = ""  # the computed value, for "계산값으로 바꾸기"
