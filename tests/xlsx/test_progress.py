"""Progress and cancel: progress(done, total) is called as sheets are written or read; False stops the
job with Cancelled, and nothing is written (export) or returned (import)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.templates import TemplateRegistry
from desktop.xlsx import Cancelled, export_workbook, read_workbook
from tests.xlsx.helpers import samples

REG = TemplateRegistry.load([], None)


def test_export_reports_progress_and_cancel_writes_nothing(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    out = tmp_path / "제출.xlsx"
    export_workbook(samples(REG), REG, out, progress=lambda d, t: calls.append((d, t)) is None)
    assert calls == [(1, 3), (2, 3), (3, 3)]
    before = out.read_bytes()
    with pytest.raises(Cancelled):
        export_workbook(samples(REG), REG, out, progress=lambda d, t: d < 2)
    assert out.read_bytes() == before  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["제출.xlsx"]  # no temporary file left behind


def test_import_reports_progress_and_cancels(tmp_path: Path) -> None:
    out = tmp_path / "제출.xlsx"
    export_workbook(samples(REG), REG, out)
    calls: list[tuple[int, int]] = []
    assert len(read_workbook(out, REG, progress=lambda d, t: calls.append((d, t)) is None)) == 3
    assert calls[-1] == (5, 5)  # every sheet: 총괄표, 집계 and the three cards
    with pytest.raises(Cancelled):
        read_workbook(out, REG, progress=lambda d, t: False)
