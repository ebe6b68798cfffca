"""Workbooks that are not ours, damaged, huge, hostile or with a bad cell: refused in Korean, by sheet
and cell where there is one, never a traceback — and the database is unchanged after each refusal."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from desktop.core.cardfile import card_to_json
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import WorkbookError, export_workbook, read_workbook, safety
from desktop.xlsx import package as package_mod
from tests.cli.helpers import run_cli
from tests.xlsx.helpers import samples

REG = TemplateRegistry.load([], None)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wb") / "제출.xlsx"
    export_workbook(samples(REG), REG, out)
    return out


def _rewrite(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """Copy a package part by part; change(name, data) returns new data, or None to drop the part."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = change(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)
    return dst


def _card_part(src: Path) -> str:
    with zipfile.ZipFile(src) as z:
        return sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[-1]


def _not_a_zip(good: Path, d: Path) -> Path:
    p = d / "메모.xlsx"
    p.write_text("이것은 통합문서가 아닙니다", encoding="utf-8")
    return p


def _card_file(good: Path, d: Path) -> Path:
    p = d / "cards.xlsx"
    p.write_text(json.dumps({"format": "pledgecard-cards", "cards": []}), encoding="utf-8")
    return p


def _old_xls(good: Path, d: Path) -> Path:
    p = d / "옛날.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return p


def _truncated(good: Path, d: Path) -> Path:
    p = d / "잘림.xlsx"
    p.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return p


def _broken_sheet_xml(good: Path, d: Path) -> Path:
    part = _card_part(good)
    return _rewrite(good, d / "깨짐.xlsx", lambda n, b: b[: len(b) // 2] if n == part else b)


def _no_workbook_part(good: Path, d: Path) -> Path:
    return _rewrite(good, d / "본문없음.xlsx", lambda n, b: None if n == "xl/workbook.xml" else b)


def _entity_bomb(good: Path, d: Path) -> Path:
    part = _card_part(good)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
            b'<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    return _rewrite(good, d / "폭탄.xlsx", lambda n, b: bomb if n == part else b)


def _zip_bomb(good: Path, d: Path) -> Path:
    part = _card_part(good)
    return _rewrite(good, d / "압축폭탄.xlsx", lambda n, b: b + b" " * (8 * 2**20) if n == part else b)


def _not_ours(good: Path, d: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "예산 현황"
    wb.active["B2"] = 1234
    p = d / "남의것.xlsx"
    wb.save(p)
    return p


def _bad_cell(good: Path, d: Path) -> Path:
    wb = openpyxl.load_workbook(good)
    ws = wb["2-2-1"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 700 and c.column > 3)
    cell.value = "abc"
    p = d / "글자.xlsx"
    wb.save(p)
    return p


def _unknown_template(good: Path, d: Path) -> Path:
    wb = openpyxl.load_workbook(good)
    ws = wb["1-2-2"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "standard")
    cell.value = "없는템플릿"
    p = d / "템플릿.xlsx"
    wb.save(p)
    return p


CASES = {
    "not a zip": (_not_a_zip, "엑셀 통합문서(.xlsx)가 아닙니다"),
    "a card file renamed": (_card_file, "엑셀 통합문서(.xlsx)가 아닙니다"),
    "an old .xls": (_old_xls, ".xls"),
    "truncated": (_truncated, "손상된 통합문서"),
    "broken sheet XML": (_broken_sheet_xml, "손상된 통합문서"),
    "no workbook part": (_no_workbook_part, "통합문서 구성 요소가 없습니다"),
    "entity bomb": (_entity_bomb, "DTD"),
    "zip bomb": (_zip_bomb, "비정상적으로 큽니다"),
    "not ours": (_not_ours, "공약카드에서 내보낸 통합문서가 아닙니다"),
    "a cell changed to text": (_bad_cell, "'2-2-1' 시트 "),
    "unknown template": (_unknown_template, "알 수 없는 템플릿 '없는템플릿'"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_with_a_korean_message(case: str, good: Path, tmp_path: Path) -> None:
    make, words = CASES[case]
    bad = make(good, tmp_path)
    with pytest.raises(WorkbookError) as err:
        read_workbook(bad, REG)
    assert words in str(err.value)
    assert bad.name in str(err.value)


def test_bad_cell_named_by_sheet_and_address(good: Path, tmp_path: Path) -> None:
    bad = _bad_cell(good, tmp_path)
    ws = openpyxl.load_workbook(bad)["2-2-1"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "abc")
    with pytest.raises(WorkbookError) as err:
        read_workbook(bad, REG)
    assert f"'2-2-1' 시트 {cell.coordinate}: 숫자가 아닙니다 'abc'" in str(err.value)
    assert err.value.problems[0].cell == cell.coordinate


@pytest.mark.parametrize(("limit", "value", "words"), [
    ("MAX_FILE", 1000, "파일이 너무 큽니다"),
    ("MAX_SHEETS", 2, "시트가 너무 많습니다"),
    ("MAX_ENTRIES", 5, "구성 요소가 너무 많습니다"),
])
def test_huge_workbooks_are_refused(limit: str, value: int, words: str, good: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, limit, value)
    with pytest.raises(WorkbookError, match=words):
        read_workbook(good, REG)


def test_too_many_rows_in_a_sheet(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_mod, "MAX_ROWS", 20)
    with pytest.raises(WorkbookError, match="시트가 너무 큽니다"):
        read_workbook(good, REG)


def _db_state(db: Path) -> list[str]:
    from db.store import Store

    store = Store.open(str(db))
    try:
        return sorted(json.dumps(card_to_json(c), sort_keys=True, ensure_ascii=False) for c in store.cards())
    finally:
        store.close()


def test_database_unchanged_after_each_refusal(capsys: pytest.CaptureFixture[str], good: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    first = tmp_path / "first.xlsx"
    shutil.copy(good, first)
    assert run_cli(capsys, "--db", db, "import", first).code == 0
    before = _db_state(db)
    assert len(before) == 3
    for case, (make, words) in CASES.items():
        folder = tmp_path / case.replace(" ", "_")
        folder.mkdir()
        r = run_cli(capsys, "--db", db, "import", make(good, folder), "--on-conflict", "replace")
        assert r.code == 2, (case, r.out, r.err)
        assert r.err.startswith("오류: ") and words in r.err and "Traceback" not in r.err, case
        assert _db_state(db) == before, case


def test_unreadable_picture_is_reported_never_dropped(good: Path, tmp_path: Path) -> None:
    """A workbook whose picture part is damaged: read without a list for unreadable photos, it is
    refused naming the photo; with one, the card's text imports (the caption stays, no picture) and
    the photo is listed by sheet and cell with why (issue 11, item 3)."""
    from desktop.xlsx import UnreadPhoto
    from tests.foreign import TINY_PNG

    cards = samples(REG)
    cards[1].block("photos").photos[0].image = TINY_PNG  # type: ignore[union-attr]
    src = tmp_path / "사진.xlsx"
    export_workbook(cards, REG, src)
    bad = _rewrite(src, tmp_path / "사진깨짐.xlsx", lambda n, b: b"garbage" if n.startswith("xl/media/") else b)
    with pytest.raises(WorkbookError, match=r"사진을 읽을 수 없습니다: 그림 'xl/media/image1.png'이\(가\) 손상"):
        read_workbook(bad, REG)
    unread: list[UnreadPhoto] = []
    back = {c.id: c for c in read_workbook(bad, REG, unread=unread)}
    photo = back[cards[1].id].block("photos").photos[0]  # type: ignore[union-attr]
    assert photo.caption == cards[1].block("photos").photos[0].caption  # type: ignore[union-attr]
    assert photo.image is None
    assert [(u.card_id, u.index, u.photo) for u in unread] == [(cards[1].id, 1, photo)]
    assert str(unread[0]).startswith(f"'{cards[1].number}' 시트 ")
