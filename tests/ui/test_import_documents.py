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
from desktop.core.importmap import NOTE_KEY, UNSURE_KEY, unsure_paths
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
    assert bar.isVisible() and "확인할 값 3개: 공약제목, 기관명, 사업기간" in bar.label.text()
    assert "넣지 못한 글" not in bar.label.text()  # the seed was placed whole

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


def _focused() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def test_one_mark_at_a_time_each_confirmation_one_undoable_step(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store) -> None:  # noqa: F811
    w = open_window(store)
    _paste(qtbot, w, GURO)
    qtbot.waitUntil(lambda: w.editor.page is not None and w.editor.page.unsure_bar.isVisible())
    page = w.editor.page
    assert page is not None
    bar, fields, stack = page.unsure_bar, page.fields(), w.editor.undo_stack()
    assert "확인할 값 3개: 공약제목, 기관명, 사업기간" in bar.label.text()
    assert not bar.one_button.isEnabled()  # no marked field holds the focus: nothing to confirm blind

    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)  # 다음: to the first marked field
    qtbot.waitUntil(lambda: _focused() is fields["title"].main())
    assert bar.one_button.isEnabled() and bar.one_button.text() == "이 값 확인: 공약제목"
    qtbot.mouseClick(bar.one_button, Qt.MouseButton.LeftButton)  # this one only
    assert _marked(w) == {"org": TIP, "period": TIP}
    assert "확인할 값 2개: 기관명, 사업기간" in bar.label.text()
    assert stack.undoText() == "가져온 값 확인: 공약제목"

    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _focused() is fields["org"].main())
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter in the field
    assert _marked(w) == {"period": TIP}
    assert unsure_paths(w.editor.card()) == ["period"]
    assert "확인할 값 1개: 사업기간" in bar.label.text()

    stack.undo()  # each confirmation is one step, and undo brings the mark back
    assert _marked(w) == {"org": TIP, "period": TIP}
    stack.undo()
    assert _marked(w) == {"title": TIP, "org": TIP, "period": TIP}
    assert unsure_paths(w.editor.card()) == ["title", "org", "period"]

    fields["title"].push("중소기업·소상공인 육성 지원")  # an edit confirms its field …
    assert _marked(w) == {"org": TIP, "period": TIP}
    stack.undo()  # … and undoing the edit brings the mark back with the old value
    assert w.editor.card().title == "중소기업-소상공인 육성 지원"
    assert _marked(w) == {"title": TIP, "org": TIP, "period": TIP}
    stack.redo()
    assert _marked(w) == {"org": TIP, "period": TIP}

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)  # 모두 확인
    assert _marked(w) == {} and not bar.isVisible()
    stack.undo()
    assert _marked(w) == {"org": TIP, "period": TIP} and bar.isVisible()


def test_text_no_card_took_is_shown_copied_and_dismissed_as_one_undoable_edit(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store) -> None:  # noqa: F811
    w = open_window(store)
    _paste(qtbot, w, GURO + "\n메모: 다음 분기에 다시 볼 것\n")
    qtbot.waitUntil(lambda: w.editor.page is not None and w.editor.page.unsure_bar.isVisible())
    page = w.editor.page
    assert page is not None
    qtbot.mouseClick(page.unsure_bar.button, Qt.MouseButton.LeftButton)  # 모두 확인: no field is unsure now
    assert not page.unsure_bar.isVisible()
    panel = page.note_panel  # … and the note still shows
    assert panel.isVisible() and panel.toggle.text() == "가져오면서 넣지 못한 글 1줄"
    assert not panel.text.isVisible()  # folded
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.text.isVisible() and panel.text.toPlainText() == "메모: 다음 분기에 다시 볼 것"

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "메모: 다음 분기에 다시 볼 것"

    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)  # 지우기: an edit of the card
    assert not panel.isVisible() and NOTE_KEY not in w.editor.card().extra
    stack = w.editor.undo_stack()
    assert stack.undoText() == "가져오면서 넣지 못한 글 지우기"
    stack.undo()
    assert panel.isVisible() and w.editor.card().extra[NOTE_KEY] == "메모: 다음 분기에 다시 볼 것"
    stack.redo()
    w.save_now()
    assert NOTE_KEY not in store.get(w.editor.card().id).extra


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
    from desktop.ui.editor.marks import confirm_edited

    card = Card(extra={UNSURE_KEY: ["title", "goals", "blocks.photos", "blocks.invest.table.r1.y2024"]})
    assert not confirm_edited(card, "field:number")
    assert confirm_edited(card, "outline:@goals")
    assert confirm_edited(card, "photos:photos")
    assert not confirm_edited(card, "photos:photos")
    assert confirm_edited(card, "cell:invest:plan_total:y2024")
    assert unsure_paths(card) == ["title"]
    assert confirm_edited(card, "field:title")
    assert UNSURE_KEY not in card.extra


def _hwpx_with_a_stray_paragraph(src: Path, dst: Path, text: str) -> None:
    """The seed card's HWPX (written by python-hwpx, tests/data/seeds_hwpx/NOTICE) with one more paragraph
    at its end, a piece of text no field of the card takes."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "Contents/section0.xml":
                para = (f'<hp:p paraPrIDRef="0" styleIDRef="0" pageBreak="0" columnBreak="0" merged="0" id="7">'
                        f'<hp:run charPrIDRef="0"><hp:t>{text}</hp:t></hp:run></hp:p>')
                data = data.replace(b"</hs:sec>", para.encode() + b"</hs:sec>")
            zout.writestr(info, data)


def test_file_import_of_hwpx_reports_what_was_not_placed_and_opens_the_first_card_marked(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store, tmp_path: Path) -> None:  # noqa: F811
    from desktop.ui.mergereview import MergeReview
    from tests.ui.test_merge_review import run_import

    if SHOTS:
        _app_look()
    seed = ROOT / "tests" / "data" / "seeds_hwpx" / "guro-plan-III-2-1.hwpx"
    path = tmp_path / "구로 III-2-1.hwpx"
    _hwpx_with_a_stray_paragraph(seed, path, "메모: 다음 분기에 다시 볼 것")
    _paste(qtbot, w := open_window(store), (SEEDS / "geumjeong-2024-06-30-card-1-2-2.txt").read_text(encoding="utf-8"))
    qtbot.waitUntil(lambda: len(store.summaries()) == 1)  # the officer is looking at another card
    other = store.summaries()[0].id
    qtbot.waitUntil(lambda: w.editor.doc is not None and w.editor.card().id == other)

    def accept(d: MergeReview) -> None:
        d.accept()

    told = run_import(qtbot, w, path, accept)  # 파일 > 가져오기: the merge review, then the report
    assert len(told) == 1 and "추가 1장" in told[0]
    assert "카드에 넣지 못한 부분 1개" in told[0] and "· [문단] 메모: 다음 분기에 다시 볼 것" in told[0]
    card = next(store.get(s.id) for s in store.summaries() if s.id != other)
    assert card.number == "III-2-1" and unsure_paths(card) == ["title", "org", "period"]
    qtbot.waitUntil(lambda: w.editor.doc is not None and w.editor.card().id == card.id)  # the imported card opens
    assert _marked(w) == {"title": TIP, "org": TIP, "period": TIP}
    page = w.editor.page
    assert page is not None and page.unsure_bar.isVisible()
    assert page.note_panel.isVisible() and page.note_panel.text.toPlainText() == "메모: 다음 분기에 다시 볼 것"
    if SHOTS:
        w.resize(1280, 860)
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        qtbot.mouseClick(page.note_panel.toggle, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.unsure_bar.next_button, Qt.MouseButton.LeftButton)
        qtbot.wait(150)
        w.grab().save(str(ROOT / "docs" / "screenshots" / "import-unsure-marks.png"))


def test_file_import_of_a_hangul_document_that_is_no_card_lists_all_its_text(
        qtbot: Any, open_window: Callable[[Store], MainWindow], store: Store, said: list[str]) -> None:  # noqa: F811
    from desktop.ui import transfer

    w = open_window(store)  # hwpxlib's test document (tests/data/hwp/NOTICE): a title and a table of marks
    transfer.import_paths(w, [ROOT / "tests" / "data" / "hwp" / "hwpxlib_textextractor_Table.hwpx"])
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert "카드가 없습니다" in said[0] and "카드에 넣지 못한 부분 3개" in said[0]
    assert "· [문단] C반 기말고사" in said[0] and "이름 국어 영어 수학 개똥이 89 65 78" in said[0]
    assert store.summaries() == []
