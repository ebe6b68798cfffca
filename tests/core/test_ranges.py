"""Clipboard ranges (issue 11 item 15): tab/newline text from Excel or HWP, read and written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.ranges import format_range, parse_range


def test_excel_rows_and_cells() -> None:
    assert parse_range("300\t260\t240") == [["300", "260", "240"]]
    assert parse_range("300\t260\t240\r\n") == [["300", "260", "240"]]
    assert parse_range("1\t2\n3\t4\n") == [["1", "2"], ["3", "4"]]
    assert parse_range("1\t\t3\n") == [["1", "", "3"]]
    assert parse_range("") == []
    assert parse_range("\n") == [[""]]
    assert parse_range('"두 줄\n셀"\t5\n') == [["두 줄\n셀", "5"]]
    assert parse_range('"a""b"\t1') == [['a"b', "1"]]
    assert parse_range('12"3\t"x') == [['12"3', '"x']]  # quotes that do not enclose a cell are text


cell_text = st.text(alphabet=st.sampled_from(list('0123456789,.-△ 가나"\t\n\rab')), max_size=8)


@given(st.lists(st.lists(cell_text, min_size=1, max_size=5), min_size=1, max_size=5))
def test_format_then_parse_gives_the_same_rows(rows: list[list[str]]) -> None:
    assert parse_range(format_range(rows)) == rows


@given(st.text(max_size=60))
def test_any_text_parses(text: str) -> None:
    rows = parse_range(text)
    assert all(isinstance(c, str) for r in rows for c in r)
    # No character is lost but the separators and the quoting.
    joined = "".join("".join(r) for r in rows)
    assert len(joined) <= len(text)
