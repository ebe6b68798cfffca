"""export_workbook: the submission workbook (총괄표, 집계 — desktop/xlsx/overview_sheet.py —, one sheet per card),
written atomically."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.packaging.relationship import Relationship, RelationshipList
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.writer.excel import ExcelWriter

from desktop.core.filemode import give_user_mode
from desktop.core.gcpause import no_gc
from desktop.core.model import Card
from desktop.core.natural import sort_cards
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import styles
from desktop.xlsx.card_writer import CardSheet, write_card_sheet
from desktop.xlsx.errors import Cancelled, WorkbookError
from desktop.xlsx.layout import DEFINED_NAME, FORMAT_VERSION, SUMMARY_TITLE, TOTALS_TITLE
from desktop.xlsx.overview_sheet import write_overview_sheet
from desktop.xlsx.safety import sheet_title
from desktop.xlsx.sheet import FastSheet
from desktop.xlsx.sheetxml import SheetParts, worksheet
from desktop.xlsx.summary import Columns, write_summary

Progress = Callable[[int, int], bool | None]
COMPRESSION = 1  # zlib level: the parts are text that compresses well even at the fastest level


@dataclass
class Built:
    """A workbook ready to save, with where every card's cells went (used by the tests that let
    LibreOffice recalculate the formulas)."""

    workbook: Workbook
    parts: dict[str, SheetParts]  # sheet title → our cells
    cards: list[Card]  # in sheet order
    sheets: list[CardSheet]
    columns: Columns  # of the 총괄표


def build_workbook(cards: Sequence[Card], registry: TemplateRegistry, progress: Progress | None = None) -> Built:
    ordered_cards = sort_cards(cards)
    for c in ordered_cards:
        if c.template not in registry.templates:
            known = ", ".join(sorted(registry.templates)) or "없음"
            raise WorkbookError(f"카드 '{c.number or c.id}': 알 수 없는 템플릿 '{c.template}' (있는 템플릿: {known})")
    wb = Workbook()
    styles.set_default_font(wb)
    cache = styles.cache_for(wb)
    summary = wb.active
    summary.title = SUMMARY_TITLE
    totals = wb.create_sheet(TOTALS_TITLE)
    used = {SUMMARY_TITLE.lower(), TOTALS_TITLE.lower()}
    sheets: list[CardSheet] = []
    total = len(ordered_cards)
    for i, card in enumerate(ordered_cards):
        ws = wb.create_sheet(sheet_title(card.number, used))
        sheets.append(write_card_sheet(ws, card, registry.templates[card.template], cache))
        if progress is not None and progress(i + 1, total) is False:
            raise Cancelled()
    summary_parts = FastSheet(cache, "총괄표")
    cols = write_summary(summary, summary_parts, ordered_cards, sheets, registry)
    totals_parts = FastSheet(cache, "집계")
    write_overview_sheet(totals, totals_parts, ordered_cards, registry)
    parts = {SUMMARY_TITLE: summary_parts.parts, TOTALS_TITLE: totals_parts.parts}
    parts.update((s.title, s.parts) for s in sheets if s.parts is not None)
    wb.defined_names[DEFINED_NAME] = DefinedName(DEFINED_NAME, attr_text=f'"{FORMAT_VERSION}"')
    wb.properties.creator = "공약카드"
    wb.properties.title = "공약사항 제출 통합문서"
    wb.calculation.fullCalcOnLoad = True  # no cached results: Excel computes every formula on opening
    return Built(wb, parts, ordered_cards, sheets, cols)


def export_workbook(cards: Sequence[Card], registry: TemplateRegistry, out: Path | BinaryIO,
                    progress: Progress | None = None) -> None:
    """Write the workbook; a path is replaced only once the whole file is written."""
    with no_gc():
        save(build_workbook(cards, registry, progress), out)


def save(built: Built, out: Path | BinaryIO) -> None:
    if not isinstance(out, str | os.PathLike):
        _save(built.workbook, built.parts, out)
        return
    path = Path(out)
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WorkbookError(f"'{path}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        with open(tmp, "wb") as f:
            _save(built.workbook, built.parts, f)
        give_user_mode(tmp)  # mkstemp made it 0600; an exported workbook is shared like any document
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbookError(f"'{path}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _save(wb: Workbook, parts: dict[str, SheetParts], out: BinaryIO | str) -> None:
    """openpyxl writes the package — styles, workbook, names, pictures — and we write every worksheet
    part ourselves (sheetxml): openpyxl's per-cell writer is too slow for 300 card sheets."""
    dxf = wb._differential_styles.add(DifferentialStyle(font=styles.RED, fill=styles.RED_FILL))
    wb.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION) as archive:
        _PackageWriter(wb, archive, parts, dxf).save()


class _PackageWriter(ExcelWriter):  # type: ignore[misc]
    def __init__(self, wb: Workbook, archive: zipfile.ZipFile, parts: dict[str, SheetParts], dxf: int) -> None:
        super().__init__(wb, archive)
        self.parts = parts
        self.dxf = dxf

    def write_worksheet(self, ws: Any) -> None:
        parts = self.parts.get(ws.title)
        if parts is None:  # pragma: no cover - every sheet of ours has its parts
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        ws._rels = RelationshipList()
        drawing = ""
        if ws._images or ws._charts:  # pictures (card sheets), charts (the 집계)
            rel = Relationship(type="drawing", Target="")  # its target is filled in with the drawing part
            ws._rels.append(rel)
            drawing = rel.id
        self._archive.writestr(ws.path[1:], worksheet(parts, self.dxf, drawing))
        self.manifest.append(ws)
