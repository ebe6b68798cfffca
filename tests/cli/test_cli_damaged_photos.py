"""A workbook whose pictures are damaged (issue 11, item 3): the import reports every photo it cannot
read (sheet, cell, which photo, why — in Korean) and the photos this database stores for them stay.

Real files throughout: a card with 3 photos is exported by the CLI, the zip's picture parts are damaged
on disk, and the workbook is imported into the same real SQLite database — by the CLI, and by the
layer the window's import uses (read_workbook + keep_stored_photos + Store.import_cards)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from db.store import Store
from desktop.core.cardfile import write_cards
from desktop.core.model import Card, Photo
from desktop.core.templates import TemplateRegistry
from desktop.xlsx import UnreadPhoto, keep_stored_photos, read_workbook
from tests.cli.helpers import run_cli, standard_card

REG = TemplateRegistry.load([], None)


def _png(i: int) -> bytes:
    f = io.BytesIO()
    Image.new("RGB", (40 + i, 30), (60 * i, 120, 200)).save(f, "PNG")
    return f.getvalue()


def _card() -> Card:
    card = standard_card("2-2-1", "사진카드제목", base_date=date(2025, 9, 30))
    block = card.block("photos")
    assert block is not None
    block.photos = [Photo(caption=f"현장 {i}", image=_png(i), mime="image/png") for i in range(1, 4)]
    return card


def _damage(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Rewrite the workbook's zip on disk with change(name, bytes) applied to every part."""
    tmp = path.with_name("tmp.zip")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info.filename)))
    tmp.replace(path)


def _garbage_pictures(name: str, data: bytes) -> bytes:
    return b"\x89PNG garbage, not a picture" if name.startswith("xl/media/") else data


def _truncated_pictures(name: str, data: bytes) -> bytes:
    return data[: len(data) // 2] if name.startswith("xl/media/") else data


def _damaged_drawing(name: str, data: bytes) -> bytes:
    return data[:200] if name.startswith("xl/drawings/drawing") else data


def _retitled(change: Callable[[str, bytes], bytes]) -> Callable[[str, bytes], bytes]:
    """The damage, plus a real edit of the card's title in its sheet, so that the import updates it."""
    def both(name: str, data: bytes) -> bytes:
        data = change(name, data)
        if name.startswith("xl/worksheets/sheet3"):
            assert "사진카드제목".encode() in data
            data = data.replace("사진카드제목".encode(), "사진카드제목 고침".encode())
        return data
    return both


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Card]:
    card = _card()
    src = tmp_path / "card.json"
    write_cards(src, [card])
    db = tmp_path / "db.sqlite3"
    assert run_cli(capsys, "--db", db, "import", src).code == 0
    book = tmp_path / "제출.xlsx"
    r = run_cli(capsys, "--db", db, "xlsx", "2-2-1", "--out", book)
    assert r.code == 0, r.err
    with zipfile.ZipFile(book) as z:
        assert len([n for n in z.namelist() if n.startswith("xl/media/")]) == 3
    return db, book, card


def _stored_photos(db: Path, card_id: str) -> list[tuple[str, bytes | None]]:
    with Store.open(str(db), registry=REG) as store:
        block = store.get(card_id).block("photos")
        assert block is not None
        return [(p.caption, p.image) for p in block.photos]


@pytest.mark.parametrize("damage", [_garbage_pictures, _truncated_pictures, _damaged_drawing])
def test_cli_import_reports_the_photos_and_keeps_the_stored_ones(
        exported: tuple[Path, Path, Card], capsys: pytest.CaptureFixture[str],
        damage: Callable[[str, bytes], bytes]) -> None:
    db, book, card = exported
    before = _stored_photos(db, card.id)
    assert [img for _, img in before] == [_png(i) for i in range(1, 4)]
    _damage(book, _retitled(damage))
    r = run_cli(capsys, "--db", db, "import", book)
    assert r.code == 0, r.err
    assert "갱신 1건" in r.out  # the title edit went in
    assert "경고: 읽을 수 없는 사진 3장 — 3장은 이 데이터베이스에 저장된 사진을 그대로 두었습니다:" in r.err
    for i in range(1, 4):
        assert f"사진 {i} ('현장 {i}'): " in r.err
    assert r.err.count("'2-2-1' 시트 ") == 3 and r.err.count("저장된 사진을 그대로 둡니다") == 3
    assert ("손상" in r.err) and "Traceback" not in r.err
    assert _stored_photos(db, card.id) == before  # 3 photos, the same bytes
    with Store.open(str(db), registry=REG) as store:
        assert store.get(card.id).title == "사진카드제목 고침"


def test_check_of_the_workbook_reports_the_photos(exported: tuple[Path, Path, Card],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _db, book, _ = exported
    _damage(book, _garbage_pictures)
    r = run_cli(capsys, "check", book)
    assert r.code == 0, r.err
    assert "경고: 읽을 수 없는 사진 3장:" in r.err and r.err.count("'2-2-1' 시트 ") == 3


def test_the_windows_import_layer_keeps_the_stored_photos(exported: tuple[Path, Path, Card]) -> None:
    """What desktop/ui/transfer.py does: read with a list for unread photos, keep the stored ones, import."""
    db, book, card = exported
    before = _stored_photos(db, card.id)
    _damage(book, _retitled(_garbage_pictures))
    unread: list[UnreadPhoto] = []
    cards = read_workbook(book, REG, unread=unread)
    assert [(u.sheet, u.index, u.card_id) for u in unread] == [("2-2-1", i, card.id) for i in range(1, 4)]
    with Store.open(str(db), registry=REG) as store:
        def stored(card_id: str) -> Card | None:
            return store.get(card_id)
        keep_stored_photos(cards, unread, stored)
        report = store.import_cards(cards)
    assert len(report.updated) == 1
    assert all(u.kept for u in unread)
    assert all(str(u).endswith("저장된 사진을 그대로 둡니다") for u in unread)
    assert _stored_photos(db, card.id) == before


def test_a_new_card_keeps_its_captions_and_says_so(exported: tuple[Path, Path, Card], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _db, book, card = exported
    _damage(book, _garbage_pictures)
    other = tmp_path / "other.sqlite3"
    r = run_cli(capsys, "--db", other, "import", book)
    assert r.code == 0, r.err
    assert "경고: 읽을 수 없는 사진 3장:" in r.err
    assert r.err.count("이 데이터베이스에 저장된 사진이 없어 설명만 가져옵니다") == 3
    assert _stored_photos(other, card.id) == [(f"현장 {i}", None) for i in range(1, 4)]


def test_an_intact_workbook_reports_nothing(exported: tuple[Path, Path, Card],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db, book, card = exported
    r = run_cli(capsys, "--db", db, "import", book)
    assert r.code == 0 and "사진" not in r.err, r.err
    assert [img for _, img in _stored_photos(db, card.id)] == [_png(i) for i in range(1, 4)]


def test_a_picture_damaged_inside_the_zip_stream(exported: tuple[Path, Path, Card],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes flipped in the packed data of one picture (a CRC or inflate error), the zip left as it is."""
    db, book, card = exported
    before = _stored_photos(db, card.id)
    with zipfile.ZipFile(book) as z:
        info = z.getinfo("xl/media/image2.png")
    raw = bytearray(book.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 5, start + min(info.compress_size, 40)):
        raw[k] ^= 0xFF
    book.write_bytes(bytes(raw))
    r = run_cli(capsys, "--db", db, "import", book)
    assert r.code == 0, r.err
    assert "경고: 읽을 수 없는 사진 1장" in r.err and "사진 2 ('현장 2'): 그림 부분 'xl/media/image2.png'" in r.err
    assert _stored_photos(db, card.id) == before
