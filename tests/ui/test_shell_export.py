"""File menu exports run in a worker with progress: the Excel workbook and the PDF book are written
(whole, never half), and the workbook comes back through the import preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from db.store import Store
from desktop.core.templates import TemplateRegistry
from desktop.ui import transfer
from desktop.ui.mainwindow import MainWindow
from tests.ui.test_shell import add_cards, answer_dialogs, make_editor, registry, store  # noqa: F401


@pytest.fixture
def win(qtbot: Any, store: Store, registry: TemplateRegistry) -> MainWindow:  # noqa: F811
    from desktop.ui.settings import load_settings

    add_cards(store, registry)
    w = MainWindow(store, registry, load_settings(), editor=make_editor(registry))
    qtbot.addWidget(w)
    w.start()
    return w


def test_excel_export_in_a_worker_then_import_round_trip(qtbot: Any, win: MainWindow, store: Store,  # noqa: F811
                                                         tmp_path: Path) -> None:
    pytest.importorskip("desktop.xlsx")
    out = tmp_path / "제출.xlsx"
    ids = win.list.visible_ids()
    transfer._write_in_worker(win, "엑셀 통합문서를 만드는 중…", ids, out, "xlsx")
    qtbot.waitUntil(lambda: not win.tasks, timeout=30_000)
    assert out.exists() and not out.with_name(out.name + ".part").exists()
    assert "카드 5장을 저장했습니다" in win.statusBar().currentMessage()

    seen: dict[str, str] = {}
    told: list[str] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, transfer.MergeReview):
            seen.update({d.cards.item(r, 0).text(): d.cards.item(r, 2).text() for r in range(d.cards.rowCount())})
            d.accept()
        elif isinstance(d, QMessageBox):
            told.append(d.text())
            d.accept()
            return True
        return False

    answer_dialogs(answer)
    transfer.import_paths(win, [out])
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert len(seen) == 5
    assert set(seen.values()) <= {"변경 없음", "갱신", "추가"}
    assert len(store.summaries()) >= 5


def test_book_pdf_in_a_worker(qtbot: Any, win: MainWindow, tmp_path: Path) -> None:
    pytest.importorskip("desktop.pdf")
    out = tmp_path / "책자.pdf"
    transfer._write_in_worker(win, "책자 PDF를 만드는 중…", win.list.visible_ids(), out, "pdf")
    qtbot.waitUntil(lambda: not win.tasks, timeout=30_000)
    assert out.read_bytes().startswith(b"%PDF")
    assert not out.with_name(out.name + ".part").exists()


def test_cancelled_book_leaves_no_file(qtbot: Any, win: MainWindow, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("desktop.pdf")
    out = tmp_path / "책자.pdf"
    transfer._write_in_worker(win, "책자 PDF를 만드는 중…", win.list.visible_ids(), out, "pdf")
    task = win.tasks[0]
    task.cancel()  # before the first progress report: the job stops at once
    qtbot.waitUntil(lambda: not win.tasks, timeout=30_000)
    assert not out.exists() and not out.with_name(out.name + ".part").exists()
    assert win.statusBar().currentMessage() == "취소했습니다."


def test_book_pdf_with_a_print_worker_from_the_app(qtbot: Any, win: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    """The book export's thread starts a print worker process (which lays out all but the first two
    cards) and stops it when cancelled: the file is the one-process book, or nothing."""
    import multiprocessing

    from desktop.pdf import parallel, worker

    real_front = worker.Claims.front
    monkeypatch.setattr(worker.Claims, "front", lambda self, i: i < 2 and real_front(self, i))
    monkeypatch.setenv(parallel.ENV, "1")
    out = tmp_path / "책자.pdf"
    transfer._write_in_worker(win, "책자 PDF를 만드는 중…", win.list.visible_ids(), out, "pdf")
    qtbot.waitUntil(lambda: not win.tasks, timeout=60_000)
    assert not [r for r in caplog.records if r.name == parallel.__name__]
    monkeypatch.setenv(parallel.ENV, "0")
    alone = tmp_path / "혼자.pdf"
    transfer._write_in_worker(win, "책자 PDF를 만드는 중…", win.list.visible_ids(), alone, "pdf")
    qtbot.waitUntil(lambda: not win.tasks, timeout=60_000)
    from tests.pdf.helpers import page_texts

    assert page_texts(out) == page_texts(alone) and len(page_texts(out)) > 5

    monkeypatch.setenv(parallel.ENV, "1")
    again = tmp_path / "취소.pdf"
    transfer._write_in_worker(win, "책자 PDF를 만드는 중…", win.list.visible_ids(), again, "pdf")
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=30_000)
    win.tasks[0].cancel()
    qtbot.waitUntil(lambda: not win.tasks, timeout=60_000)
    assert not again.exists() and not multiprocessing.active_children()


def test_book_pdf_names_the_cards_it_could_not_lay_out(qtbot: Any, win: MainWindow, store: Store,  # noqa: F811
                                                       registry: TemplateRegistry, tmp_path: Path,  # noqa: F811
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11 item 9: the book is written with a notice page for a card that cannot be laid out; the
    window said only "저장했습니다" — now it names the card by 관리번호, in Korean."""
    pytest.importorskip("desktop.pdf")
    from desktop.pdf import parallel
    from tests.pdf.test_long_tables import impossible_card

    monkeypatch.setenv(parallel.ENV, "0")  # laid out in this process: quicker, the same message
    bad = store.add(impossible_card(registry))
    told: list[tuple[str, str]] = []

    def answer(d: QWidget) -> bool:
        if isinstance(d, QMessageBox):
            told.append((d.text(), d.informativeText()))
            d.accept()
            return True
        return False

    answer_dialogs(answer)
    out = tmp_path / "책자.pdf"
    transfer._write_in_worker(win, "책자 PDF를 만드는 중…", [*win.list.visible_ids(), bad.id], out, "pdf")
    qtbot.waitUntil(lambda: not win.tasks and bool(told), timeout=60_000)
    assert out.read_bytes().startswith(b"%PDF")
    text, more = told[0]
    assert text.startswith("책자 PDF를 저장했지만 카드 1건은 인쇄하지 못했습니다") and "99-9" in text
    assert "한 쪽보다 큰 칸" in more and str(out) in more
