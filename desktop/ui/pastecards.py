"""붙여넣어 카드 만들기 (Ctrl+Shift+V, SPEC §9): the clipboard's text — a card copied out of Hangul —
becomes cards of the matching template, stored through the merge import like any import, and the first
is opened with the fields the importer was unsure of marked. Text that is no card is said so, with
what it held; nothing is stored then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop.core.importmap import unsure_paths
from desktop.ui.importreport import unplaced_lines

if TYPE_CHECKING:
    from desktop.ui.shell import Shell as MainWindow

TITLE = "붙여넣어 카드 만들기"


def paste_cards(win: MainWindow) -> None:
    text = QGuiApplication.clipboard().text()
    if not text.strip():
        QMessageBox.information(win, TITLE, "클립보드에 글이 없습니다. 한글에서 카드를 복사한 뒤 다시 하세요.")
        return
    from desktop.core.document import DocumentError
    from desktop.core.importmap import map_document
    from desktop.core.readers.text import read_text

    try:
        result = map_document(read_text(text, "붙여넣은 글"), win.registry)
    except DocumentError as exc:
        QMessageBox.warning(win, TITLE, str(exc))
        return
    if not result.cards:
        QMessageBox.information(win, TITLE, "\n".join(
            [f"붙여넣은 글로 카드를 만들지 않았습니다: {result.why_none}.", *unplaced_lines(result.unplaced)]))
        return
    if not win.commit_pending():
        return
    from desktop.ui.transfer import merge_cards

    report = merge_cards(win, result.cards)
    if report is None:
        return
    win.reload_list(select=result.cards[0].id)
    unsure = sum(len(unsure_paths(c)) for c in result.cards)
    tail = f" — 확인할 값 {unsure}곳(노란 테두리)" if unsure else ""
    left = f", 넣지 못한 부분 {len(result.unplaced)}개는 카드 메모에" if result.unplaced else ""
    win.statusBar().showMessage(f"붙여넣은 글로 카드 {len(result.cards)}장을 만들었습니다{tail}{left}", 15000)
