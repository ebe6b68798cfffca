"""A 5,000-digit number anywhere a number is read (issue 11, item 10): `import` and `check` of a card
file or a workbook refuse it in Korean with exit 2 — never a traceback, nothing imported."""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.cardfile import dumps
from desktop.core.layout import new_card
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import export_workbook

REG = TemplateRegistry.load([], None)
HANGUL = re.compile("[가-힣]")


def _run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])  # a traceback would be raised here and fail the test
    return code, out.getvalue(), err.getvalue()


def _card() -> dict[str, object]:
    card = new_card(REG.get("standard"), number="2-2-1", title="공약", start_year=2024, end_year=2025)
    return json.loads(dumps([card]))  # type: ignore[no-any-return]


def _place(d: dict[str, object], where: str, digits: str) -> str:
    """The card file's text with `digits` put at `where`."""
    c = d["cards"][0]  # type: ignore[index]
    if where == "cell":
        c["blocks"][1]["table"]["rows"][1]["cells"] = {"y2024": digits}
    elif where == "figure":
        c["figures"] = {"budget": {"total": digits, "unit": "백만원", "parts": []}}
    elif where == "figure_part":
        c["figures"] = {"budget": {"total": "1", "unit": "백만원", "parts": [["국", digits]]}}
    elif where == "period":
        c["blocks"][2]["period"] = f"[2025. 1. 1.~2025. {digits}. 30.]"
    elif where == "scale":
        c["blocks"][1]["table"]["relations"] = [{"kind": "ratio", "target": "a", "num": "b", "den": "c",
                                                 "scale": digits}]
    text = json.dumps(d, ensure_ascii=False)
    if where == "progress":
        text = text.replace('"progress": null', f'"progress": {digits}')
    elif where == "start_year":
        text = text.replace('"start_year": 2024', f'"start_year": {digits}')
    return text


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["progress", "start_year", "cell", "figure", "figure_part", "period", "scale"]),
       st.integers(101, 6000), st.sampled_from("123456789"), st.sampled_from(["import", "check"]))
def test_card_file_with_a_huge_number_exits_2_in_korean(where: str, n: int, first: str, command: str) -> None:
    digits = first + "0" * (n - 1)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "카드.json"
        f.write_text(_place(_card(), where, digits), encoding="utf-8")
        db = Path(tmp) / "db.sqlite3"
        code, out, err = _run("--db", db, command, f)
        assert code == 2, (out, err)
        assert err.startswith("오류: ") and HANGUL.search(err) and "Traceback" not in err
        assert "숫자" in err, err
        code, out, _ = _run("--db", db, "list")
        assert code == 0 and out == ""  # nothing imported


def _rewrite(path: Path, part_of: str, change: object) -> None:
    """Rewrite one part of the zip (the first whose name starts with `part_of`) with change(bytes)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        done = False
        for info in src.infolist():
            data = src.read(info.filename)
            if not done and info.filename.startswith(part_of) and info.filename.endswith(".xml"):
                data = change(data)  # type: ignore[operator]
                done = True
            dst.writestr(info, data)
    tmp.replace(path)


@settings(max_examples=12, deadline=None)
@given(st.integers(40, 6000), st.sampled_from(["number", "text", "float"]), st.sampled_from(["import", "check"]))
def test_workbook_with_a_huge_number_exits_2_in_korean(n: int, kind: str, command: str) -> None:
    """The 2024 amount of 국비 becomes a huge number cell, a huge text cell, or 1E+300."""
    card = new_card(REG.get("standard"), number="2-2-1", title="공약", start_year=2024, end_year=2025)
    table = card.block("invest").table  # type: ignore[union-attr]
    from decimal import Decimal

    table.rows[1].cells["y2024"] = Decimal("123457")  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "제출.xlsx"
        export_workbook([card], REG, book)
        huge = "9" * n

        def change(xml: bytes) -> bytes:
            old = b"<v>123457</v>"
            assert old in xml
            if kind == "number":
                return xml.replace(old, f"<v>{huge}</v>".encode())
            if kind == "float":
                return xml.replace(old, b"<v>1.5E+300</v>")
            i = xml.index(old)
            start = xml.rindex(b"<c ", 0, i)
            cell = xml[start:xml.index(b"</c>", i) + 4]
            ref = re.search(rb'r="([A-Z]+[0-9]+)"', cell).group(1)  # type: ignore[union-attr]
            return xml.replace(cell, b'<c r="' + ref + b'" t="inlineStr"><is><t>' + huge.encode() + b"</t></is></c>")

        _rewrite(book, "xl/worksheets/sheet3", change)
        db = Path(tmp) / "db.sqlite3"
        code, out, err = _run("--db", db, command, book)
        assert code == 2, (out, err)
        assert "'2-2-1' 시트" in err and "숫자가 너무 깁니다" in err and "Traceback" not in err, err
