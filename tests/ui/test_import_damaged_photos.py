"""The window's 가져오기 of a workbook whose pictures are damaged (issue 11, item 3): a warning lists the
photos by sheet and cell, and the photos stored in the database stay (a real window, a real SQLite
file, a real damaged .xlsx)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from db.store import Store
from desktop.core.layout import new_card
from desktop.core.model import Photo
from desktop.core.templates import TemplateRegistry
from desktop.ui.mainwindow import MainWindow
from desktop.xlsx import export_workbook
from tests.cli.test_cli_damaged_photos import _damage, _garbage_pictures, _png, _retitled
from tests.ui.test_shell import answer_dialogs, open_window, registry, store  # noqa: F401 (fixtures)


def test_window_import_warns_and_keeps_the_stored_photos(qtbot: Any, open_window: Callable[[Store], MainWindow],  # noqa: F811
                                                         store: Store, registry: TemplateRegistry,  # noqa: F811
                                                         tmp_path: Path) -> None:
    from desktop.ui import transfer

    card = new_card(registry.get("standard"), number="2-2-1", title="사진카드제목", start_year=2024, end_year=2026,
                    base_date=date(2025, 9, 30))
    block = card.block("photos")
    assert block is not None
    block.photos = [Photo(caption=f"현장 {i}", image=_png(i), mime="image/png") for i in range(1, 4)]
    card = store.add(card)
    win = open_window(store)
    book = tmp_path / "제출.xlsx"
    export_workbook(store.stamp([store.get(card.id)]), registry, book)  # as exports are
    _damage(book, _retitled(_garbage_pictures))
    told: list[tuple[QMessageBox.Icon, str]] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, transfer.MergeReview):
            d.accept()
        elif isinstance(d, QMessageBox):
            told.append((d.icon(), d.text()))
            d.accept()
            return True
        return False

    answer_dialogs(answer)
    transfer.import_paths(win, [book])
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    icon, text = told[0]
    assert icon == QMessageBox.Icon.Warning
    assert "읽을 수 없는 사진 3장" in text and text.count("'2-2-1' 시트 ") == 3, text
    assert text.count("저장된 사진을 그대로 둡니다") == 3
    back = store.get(card.id)
    assert back.title == "사진카드제목 고침"
    assert [p.image for p in back.block("photos").photos] == [_png(i) for i in range(1, 4)]  # type: ignore[union-attr]
