"""export_workbook: the submission workbook (총괄표, 집계, one sheet per card), written atomically."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.workbook.defined_name import DefinedName

from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import styles
from desktop.xlsx.card_writer import CardSheet, write_card_sheet
from desktop.xlsx.errors import Cancelled, WorkbookError
from desktop.xlsx.layout import DEFINED_NAME, FORMAT_VERSION, SUMMARY_TITLE, TOTALS_TITLE
from desktop.xlsx.safety import sheet_title
from desktop.xlsx.sheet import FastSheet
from desktop.xlsx.sheetxml import SheetParts, no_gc, render, splice
from desktop.xlsx.summary import Columns, ordered, write_summary
from desktop.xlsx.totals import write_totals

Progress = Callable[[int, int], bool | None]


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
    ordered_cards = ordered(list(cards))
    for c in ordered_cards:
        if c.template not in registry.templates:
            known = ", ".join(sorted(registry.templates)) or "없음"
            raise WorkbookError(f"카드 '{c.number or c.id}': 알 수 없는 템플릿 '{c.template}' (있는 템플릿: {known})")
    wb = Workbook()
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
    write_totals(totals, totals_parts, ordered_cards, registry, SUMMARY_TITLE, cols)
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
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbookError(f"'{path}': 쓸 수 없습니다 ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _save(wb: Workbook, parts: dict[str, SheetParts], out: BinaryIO) -> None:
    """openpyxl writes the package — styles, print setup, pictures, names — with the sheets' cells
    left out; our cells, merges and rules go in after (sheetxml: openpyxl's per-cell writer is too
    slow for 300 card sheets)."""
    cache = styles.cache_for(wb)
    dxf = wb._differential_styles.add(DifferentialStyle(font=styles.RED, fill=styles.RED_FILL))
    xml = {title: render(p, cache.style_id, dxf) for title, p in parts.items()}
    buf = io.BytesIO()
    wb.save(buf)
    data = {wb[title].path.lstrip("/"): x for title, x in xml.items()}  # sheet paths are set by save
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if info.filename in data:
                raw = splice(raw, data[info.filename])
            dst.writestr(info.filename, raw)
