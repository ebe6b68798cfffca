"""The 변경 현황 workbook of `pledgecard diff --xlsx` (what changed between two 기준일), and the 공약 변경
현황 of `pledgecard changes --xlsx` (공약 조정), in Excel.

Sheet "요약": the cards changed, new and gone, and how 추진상황 and 진도 moved. Sheet "변경 현황": one row a
change — 관리번호, 공약제목, 구분, 변경, 종전, 변경 후, 증감 — with a filter and the header frozen, printed
on A4 landscape with the header row repeated. Numbers of a change (증감) are numbers, not text.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.adjustments import Row
from desktop.core.carddiff import KIND_NAMES
from desktop.core.filemode import give_user_mode
from desktop.core.officediff import CARD_KIND_NAMES, OfficeDiff
from desktop.xlsx.safety import FORMULA_START

_HEAD_FILL = PatternFill("solid", fgColor="DFE5EC")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(name="맑은 고딕", bold=True)
_FONT = Font(name="맑은 고딕")
_WRAP = Alignment(wrap_text=True, vertical="top")

COLUMNS = [("관리번호", 11), ("공약제목", 28), ("구분", 30), ("변경", 7), ("종전", 36), ("변경 후", 36), ("증감", 10)]


def _safe(text: str | None) -> str:
    return text or ""


def _put(ws: Any, row: int, col: int, value: object) -> Any:
    """A cell of card data: text that Excel would run as a formula ("=SUM(…)" typed into a card) is kept as
    text with Excel's quote prefix, as the card sheets do (safety.needs_quote), not a visible apostrophe."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _header(ws: object, row: int, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        cell = ws.cell(row=row, column=col, value=name)  # type: ignore[attr-defined]
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")


def build(diff: OfficeDiff, date_from: str, date_to: str) -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = "요약"
    summary["A1"] = f"공약사항 변경 현황 (종전 {date_from} → 변경 {date_to})"
    summary["A1"].font = Font(name="맑은 고딕", bold=True, size=14)
    _header(summary, 3, ["구분", "카드 수"])
    row = 4
    counts = diff.counts()
    for key, name in CARD_KIND_NAMES.items():
        summary.cell(row=row, column=1, value=name).border = _BORDER
        summary.cell(row=row, column=2, value=counts[key]).border = _BORDER
        row += 1
    for title, moves in (("추진상황", diff.status_transitions()), ("진도", diff.progress_transitions())):
        for a, b, n in moves:
            _put(summary, row, 1, f"{title} {a} → {b}").border = _BORDER
            summary.cell(row=row, column=2, value=n).border = _BORDER
            row += 1
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 10

    ws = wb.create_sheet("변경 현황")
    _header(ws, 1, [name for name, _ in COLUMNS])
    for i, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    row = 2
    for c in diff.changed():
        lines: list[tuple[str, str, str | None, str | None, object]] = []
        if c.kind in ("added", "removed"):
            lines.append(("카드", CARD_KIND_NAMES[c.kind], None, None, None))
        for ch in c.changes:
            lines.append((ch.where, KIND_NAMES[ch.kind], ch.old, ch.new, ch.delta))
        for where, kind, old, new, delta in lines:
            values = [_safe(c.card.number), _safe(c.card.title), _safe(where), kind, _safe(old), _safe(new), delta]
            for col, value in enumerate(values, start=1):
                cell = _put(ws, row, col, value)
                cell.border, cell.font, cell.alignment = _BORDER, _FONT, _WRAP
            ws.cell(row=row, column=7).number_format = "#,##0.###;△#,##0.###;0"
            row += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:G{max(row - 1, 1)}"
    for sheet in (summary, ws):
        _landscape_a4(sheet)
    ws.print_title_rows = "1:1"
    return wb


def _landscape_a4(ws: Worksheet) -> None:
    """Printed on A4 landscape, one page wide, as many pages long as it takes."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_changes(out: Path, diff: OfficeDiff, date_from: str, date_to: str) -> None:
    """Write the 변경 현황 workbook; `out` is replaced only once the whole file is written."""
    save_atomic(build(diff, date_from, date_to), out)


def write_adjustments(out: Path, rows: list[Row], title: str) -> None:
    """The 공약 변경 현황 (공약 조정) as a workbook: one row an adjustment, A4 landscape."""
    wb = Workbook()
    ws = wb.active
    ws.title = "공약 변경 현황"
    ws["A1"] = title
    ws["A1"].font = Font(name="맑은 고딕", bold=True, size=14)
    head = [("관리번호", 11), ("공약제목", 28), ("구분", 10), ("종전", 34), ("변경", 34), ("사유", 30),
            ("결정 기관", 14), ("결정 일자", 12)]
    _header(ws, 3, [name for name, _ in head])
    for i, (_, width) in enumerate(head, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for n, r in enumerate(rows, start=4):
        values = [_safe(r.number), _safe(r.title), _safe(r.what), _safe(r.before), _safe(r.after), _safe(r.reason),
                  _safe(r.body), r.decided]
        for col, value in enumerate(values, start=1):
            cell = _put(ws, n, col, value)
            cell.border, cell.font, cell.alignment = _BORDER, _FONT, _WRAP
        ws.cell(row=n, column=8).number_format = "yyyy. m. d."
    ws.freeze_panes = "A4"
    _landscape_a4(ws)
    ws.print_title_rows = "3:3"
    save_atomic(wb, out)


def save_atomic(wb: Workbook, out: Path) -> None:
    """Save through a temp file in the same folder, then take `out`'s place with the user's file mode."""
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        give_user_mode(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
