"""What the workbook code raises: refusals in Korean that name the sheet and the cell."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LISTED = 20  # problems spelled out in one message; the rest are counted


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str  # "F12", or "" for the sheet (or the file) as a whole
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        where = f"'{self.sheet}' 시트" + (f" {self.cell}" if self.cell else "")
        return f"{where}: {self.message}"


class WorkbookError(ValueError):
    """A workbook that cannot be written or read. str(err) is Korean and says what and where."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = list(problems or [])
        if self.problems:
            lines = [str(p) for p in self.problems[:MAX_LISTED]]
            if len(self.problems) > MAX_LISTED:
                lines.append(f"… 외 {len(self.problems) - MAX_LISTED}건")
            message = message + "\n" + "\n".join(lines)
        super().__init__(message)


class Cancelled(Exception):
    """progress() returned False: the job stopped and nothing was written or imported."""
