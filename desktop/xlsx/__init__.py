"""The submission workbook (SPEC §5): export with openpyxl, import of the same file. No Qt here.

    export_workbook(cards, registry, out, progress=None) -> None
    read_workbook(path, registry, progress=None, unread=None) -> list[Card]   # raises WorkbookError
    keep_stored_photos(cards, unread, stored)  # a photo that could not be read keeps the stored picture
    WorkbookError (Korean, sheet + address), Cancelled (progress returned False)

Layout of a card sheet and what is read back: desktop/xlsx/layout.py and docs/workbook.md.
"""

from __future__ import annotations

from desktop.xlsx.errors import Cancelled, Problem, WorkbookError
from desktop.xlsx.reader import read_workbook
from desktop.xlsx.unread import UnreadPhoto, keep_stored_photos
from desktop.xlsx.writer import export_workbook

__all__ = ["Cancelled", "Problem", "UnreadPhoto", "WorkbookError", "export_workbook", "keep_stored_photos",
           "read_workbook"]
