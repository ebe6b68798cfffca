"""Text that looks like a formula stays text; characters XML cannot carry come back; sheet names are legal."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.templates import TemplateRegistry
from desktop.xlsx.safety import escape, quote_sheet, sheet_title, unescape
from tests.xlsx.helpers import round_trip, samples

REG = TemplateRegistry.load([], None)
FORMULAS = ["=HYPERLINK(\"http://evil\",\"클릭\")", "+1+1", "-2+3", "@SUM(A1)", "=1+2", "=cmd|' /C calc'!A0"]


def _sheet_xml(path: Path, title: str) -> str:
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="(rId\d+)"', wb)
        if rid is None:
            rid = re.search(rf'<sheet [^>]*r:id="(rId\d+)"[^>]*name="{re.escape(title)}"', wb)
        assert rid is not None
        target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
        assert target is not None
        part = (target.group(1) or target.group(2)).lstrip("/")
        return z.read(part if part.startswith("xl/") else "xl/" + part).decode()


def test_formula_looking_text_is_written_as_text_never_as_a_formula(tmp_path: Path) -> None:
    card = samples(REG)[1]
    card.title = FORMULAS[0]
    card.dept = FORMULAS[1]
    card.related = FORMULAS[2:4]
    card.blocks[0].items[0].text = FORMULAS[4]
    card.block("photos").photos[0].caption = FORMULAS[5]  # type: ignore[union-attr]
    out = tmp_path / "f.xlsx"
    back = round_trip([card], REG, out)
    assert back == [card]
    xml = _sheet_xml(out, card.number)
    for text in FORMULAS:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if text == FORMULAS[4]:  # an outline line's text stands after its mark: "❍ =1+2"
            assert f"<t>❍ {escaped}</t>" in xml, text
        else:
            assert f"<t>{escaped}</t>" in xml, text
        assert f"<f>{escaped[1:]}</f>" not in xml
    # every such cell carries the quote prefix, as typing '=… in Excel does
    import openpyxl

    ws = openpyxl.load_workbook(out)[card.number]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value in FORMULAS]
    assert len(cells) == len(FORMULAS) - 1  # all but the outline line's
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    # and so in the 총괄표 and the 집계
    summary = openpyxl.load_workbook(out)["총괄표"]
    title = next(c for row in summary.iter_rows() for c in row if c.value == FORMULAS[0])
    assert title.data_type == "s" and title.quotePrefix


@given(st.text(st.characters(codec="utf-8"), max_size=30))
def test_escape_is_reversible(text: str) -> None:
    e = escape(text)
    assert unescape(e) == text
    assert not re.search("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]", e)


def test_illegal_xml_characters_and_escape_lookalikes_round_trip(tmp_path: Path) -> None:
    card = samples(REG)[0]
    card.title = "벨\x07 소리\r\n줄 _x0041_ 그대로 _x005F_ \ufffe 끝\x00"
    card.goals[0].text = "\x1f\x0b\x0c"
    assert round_trip([card], REG, tmp_path / "x.xlsx") == [card]


@pytest.mark.parametrize(("number", "expected"), [
    ("2-2-1", "2-2-1"), ("a/b\\c*d?e[f]g:h", "a_b_c_d_e_f_g_h"), ("", "카드"), ("'인용'", "인용"),
    ("가" * 40, "가" * 31), ("history", "history(2)"),
])
def test_sheet_names_are_legal_and_unique(number: str, expected: str) -> None:
    assert sheet_title(number, set()) == expected
    used: set[str] = set()
    names = [sheet_title(number, used) for _ in range(3)]
    assert len({n.lower() for n in names}) == 3 and all(len(n) <= 31 for n in names)


def test_same_number_twice_gets_two_sheets(tmp_path: Path) -> None:
    a, b = samples(REG)[:2]
    b.number = a.number
    out = tmp_path / "twice.xlsx"
    back = round_trip([a, b], REG, out)
    assert sorted(c.id for c in back) == sorted([a.id, b.id])
    import openpyxl

    assert {a.number, f"{a.number}(2)"} <= set(openpyxl.load_workbook(out).sheetnames)


def test_quote_sheet() -> None:
    assert quote_sheet("it's") == "'it''s'"
