"""The submission workbook (SPEC §5): export with openpyxl, import of the same file. No Qt here.

    export_workbook(cards, registry, out, progress=None) -> None
    read_workbook(path, registry, progress=None) -> list[Card]       # raises WorkbookError
    WorkbookError (Korean, sheet + address), Cancelled (progress returned False)

Layout of a card sheet and what is read back: desktop/xlsx/layout.py and docs/workbook.md.
"""

from __future__ import annotations

from desktop.xlsx.errors import Cancelled, Problem, WorkbookError
from desktop.xlsx.reader import read_workbook
from desktop.xlsx.writer import export_workbook

__all__ = ["Cancelled", "Problem", "WorkbookError", "export_workbook", "read_workbook"]
