"""Whatever is typed over a card sheet — markers included — the import returns cards or refuses with
a WorkbookError naming the place; it never fails with another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.templates import TemplateRegistry
from desktop.xlsx import WorkbookError, export_workbook, read_workbook
from tests.xlsx.helpers import samples

REG = TemplateRegistry.load([], None)
_BOOK: dict[str, bytes] = {}

values = st.one_of(
    st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=8),
    st.sampled_from(["=SUM(A1:A3)", "-", "", "b", 't {"k":1}', 'r "x"', "f {}", "card", 'b {"k":"x","kind":"outline"}',
                     'm "id"', "△1,2", "1.2.3"]),
)
edits = st.lists(st.tuples(st.integers(2, 4), st.integers(1, 80), st.integers(1, 12), values), min_size=1,
                 max_size=6)


def _book() -> bytes:
    if "b" not in _BOOK:
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "b.xlsx"
            export_workbook(samples(REG), REG, path)
            _BOOK["b"] = path.read_bytes()
    return _BOOK["b"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_any_edit_is_read_or_refused(changes: list[tuple[int, int, int, object]]) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "제출.xlsx"
        path.write_bytes(_book())
        wb = openpyxl.load_workbook(path)
        for sheet, row, col, value in changes:
            ws = wb.worksheets[sheet]
            cell = ws.cell(row, col)
            if type(cell).__name__ == "MergedCell":
                continue
            cell.value = value
        wb.save(path)
        try:
            cards = read_workbook(path, REG)
        except WorkbookError as exc:
            assert "'" in str(exc)  # names the file, and the sheet and cell when there is one
        else:
            assert len(cards) <= 3
