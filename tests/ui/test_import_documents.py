"""The window's side of SPEC §9: 붙여넣어 카드 만들기 (Ctrl+Shift+V) makes cards from the clipboard's
text, 파일 > 가져오기 takes text / HWPX / HWP documents (told by their bytes), and the editor marks the
fields the importer was unsure of — yellow outline, tooltip — until the officer edits them or presses
확인."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from db.store import Store
from desktop.core.importmap import UNSURE_KEY, unsure_paths
from desktop.ui.editor.unsure import TIP
from desktop.ui.mainwindow import MainWindow
from tests.conftest import ROOT, SEEDS
from tests.ui.test_shell import open_window, registry, store  # noqa: F401 - fixtures

GURO = (SEEDS / "guro-plan-III-2-1.txt").read_text(encoding="utf-8")
SHOTS = os.environ.get("PLEDGECARD_SHOTS") == "1"  # PLEDGECARD_SHOTS=1: docs/screenshots/import-unsure-marks.png


def _app_look() -> None:
    """The app's fonts and style, set before the window is made (labels size to them)."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import register_fonts, style_sheet

    QApplication.setFont(QFont(register_fonts(), 10))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(style_sheet())


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def info(parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", info)
    monkeypatch.setattr(QMessageBox, "warning", info)
    return seen


def _paste(qtbot: Any, w: MainWindow, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(w, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _marked(w: MainWindow) -> dict[str, str]:
    page = w.editor.page
    assert page is not None
    return {k: fw.main().toolTip() for k, fw in page.fields().items() if fw.main().property("unsure") == "yes"}


def test_ctrl_shift_v_makes_a_card_and_marks_what_was_guessed(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store) -> None:  # noqa: F811
    if SHOTS:
        _app_look()
    w = open_window(store)
    _paste(qtbot, w, GURO)
    qtbot.waitUntil(lambda: len(store.summaries()) == 1)
    card = store.get(store.summaries()[0].id)
    assert (card.template, card.number, card.title) == ("guro", "III-2-1", "중소기업-소상공인 육성 지원")
    assert unsure_paths(card) == ["title", "org", "period"]
    assert [e.source for e in store.history(card.id)] == ["import"]
    qtbot.waitUntil(lambda: w.editor.doc is not None and w.editor.card().id == card.id)
    assert _marked(w) == {"title": TIP, "org": TIP, "period": TIP}
    bar = w.editor.page.unsure_bar  # type: ignore[union-attr]
    assert bar.isVisible() and "공약제목, 기관명, 사업기간 (3곳)" in bar.label.text()
    assert "넣지 못한 글" not in bar.label.text()  # the seed was placed whole
    if SHOTS:
        w.resize(1280, 860)
        qtbot.wait(100)
        w.grab().save(str(ROOT / "docs" / "screenshots" / "import-unsure-marks.png"))

    title = w.editor.page.fields()["title"]  # type: ignore[union-attr]
    title.push("중소기업·소상공인 육성 지원")  # editing a marked field confirms it
    assert _marked(w) == {"org": TIP, "period": TIP}
    assert unsure_paths(w.editor.card()) == ["org", "period"]

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)  # 확인: the rest at once
    assert _marked(w) == {}
    assert not bar.isVisible()
    assert UNSURE_KEY not in w.editor.card().extra
    w.editor.undo_stack().undo()  # 확인 is one undoable step
    assert _marked(w) == {"org": TIP, "period": TIP}
    w.editor.undo_stack().redo()
    w.save_now()
    assert UNSURE_KEY not in store.get(card.id).extra
    assert store.get(card.id).title == "중소기업·소상공인 육성 지원"


def test_text_no_card_took_is_named_in_the_bar(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store) -> None:  # noqa: F811
    w = open_window(store)
    _paste(qtbot, w, GURO + "\n메모: 다음 분기에 다시 볼 것\n")
    qtbot.waitUntil(lambda: w.editor.page is not None and w.editor.page.unsure_bar.isVisible())
    bar = w.editor.page.unsure_bar  # type: ignore[union-attr]
    assert "카드에 넣지 못한 글 1줄은 카드 메모에 남겼습니다" in bar.label.text()
    assert bar.label.toolTip() == "메모: 다음 분기에 다시 볼 것"


def test_pasting_text_that_is_no_card_says_so_and_stores_nothing(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store, said: list[str]) -> None:  # noqa: F811
    w = open_window(store)
    _paste(qtbot, w, "주간 회의록\n\n결정: 다음 주 재검토\n")
    qtbot.waitUntil(lambda: bool(said))
    assert "카드를 만들지 않았습니다" in said[0] and "결정: 다음 주 재검토" in said[0]
    assert store.summaries() == []
    said.clear()
    _paste(qtbot, w, "")
    qtbot.waitUntil(lambda: bool(said))
    assert "클립보드에 글이 없습니다" in said[0]


def test_file_import_takes_documents_told_by_their_bytes(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store, tmp_path: Path) -> None:  # noqa: F811
    from desktop.ui import transfer

    assert "*.hwpx *.hwp *.txt" in transfer.IMPORT_FILTER
    path = tmp_path / "카드.hwp"  # text saved under an HWP name
    shutil.copy(SEEDS / "geumjeong-2025-09-30-card-2-2-1.txt", path)
    w = open_window(store)
    transfer.import_paths(w, [path], preview=False)
    qtbot.waitUntil(lambda: len(store.summaries()) == 1, timeout=10000)
    card = store.get(store.summaries()[0].id)
    assert card.number == "2-2-1" and len(card.block("photos").photos) == 12  # type: ignore[union-attr]
    assert unsure_paths(card) == ["blocks.photos", "org"]
    qtbot.waitUntil(lambda: w.editor.doc is not None and w.editor.card().id == card.id)
    page = w.editor.page
    assert page is not None
    page.ensure_built()
    qtbot.waitUntil(lambda: page.sections["photos"].property("unsure") == "yes")
    assert page.sections["photos"].toolTip() == TIP
    assert page.sections["invest"].property("unsure") in (None, "")


def test_every_edit_scope_confirms_its_own_place() -> None:
    from desktop.core.model import Card
    from desktop.ui.editor.unsure import confirm_edited

    card = Card(extra={UNSURE_KEY: ["title", "goals", "blocks.photos", "blocks.invest.table.r1.y2024"]})
    assert not confirm_edited(card, "field:number")
    assert confirm_edited(card, "outline:@goals")
    assert confirm_edited(card, "photos:photos")
    assert not confirm_edited(card, "photos:photos")
    assert confirm_edited(card, "cell:invest:plan_total:y2024")
    assert unsure_paths(card) == ["title"]
    assert confirm_edited(card, "field:title")
    assert UNSURE_KEY not in card.extra
