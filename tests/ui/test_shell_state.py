"""Settings and the window layout live in one JSON file in the data folder and come back; the
worker runs jobs off the GUI thread with progress and cancel; errors reach the user in Korean."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from db.store import Store
from desktop.core.paths import settings_path
from desktop.core.templates import TemplateRegistry
from desktop.ui.mainwindow import MainWindow
from desktop.ui.settings import Settings, SettingsDialog, load_settings, save_settings
from desktop.ui.workers import Task
from tests.ui.test_shell import add_cards, make_editor, registry, store  # noqa: F401 - fixtures


def test_settings_round_trip_keeps_unknown_keys(_private_home: Path) -> None:
    path = settings_path()
    assert path.parent == _private_home
    path.write_text(json.dumps({"org": "금정구", "print": {"margin": 15}}), encoding="utf-8")
    s = load_settings()
    assert s.org == "금정구" and s.doc_title == ""
    s.doc_title = "구청장 공약사항 관리카드"
    save_settings(s)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["print"] == {"margin": 15}  # a newer program's key survives
    assert load_settings().doc_title == "구청장 공약사항 관리카드"


def test_broken_settings_file_falls_back_to_defaults(_private_home: Path) -> None:
    settings_path().write_text("{ not json", encoding="utf-8")
    assert load_settings() == Settings()
    assert settings_path().with_name("settings.json.broken").exists()


def test_settings_dialog_persists(qtbot: Any, registry: TemplateRegistry) -> None:  # noqa: F811
    dlg = SettingsDialog(load_settings(), registry)
    qtbot.addWidget(dlg)
    dlg.org.setText("구로구")
    dlg.doc_title.setText("구청장 공약 실천계획")
    dlg.template.setCurrentIndex(dlg.template.findData("guro"))
    dlg.new_org.setText("구로구청")
    dlg.database.setText("postgresql://pledge@db.intra/cards")
    save_settings(dlg.result_settings())
    s = load_settings()
    assert (s.org, s.doc_title, s.default_template, s.new_org, s.database) == (
        "구로구", "구청장 공약 실천계획", "guro", "구로구청", "postgresql://pledge@db.intra/cards")
    assert s.new_card_doc_title("템플릿 제목") == "구청장 공약 실천계획"
    again = SettingsDialog(s, registry)
    qtbot.addWidget(again)
    assert again.template.currentData() == "guro" and again.org.text() == "구로구"


def test_window_state_round_trips(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    cards = add_cards(store, registry)

    def open_win() -> MainWindow:
        w = MainWindow(store, registry, load_settings(), editor=make_editor(registry))
        qtbot.addWidget(w)
        w.start()
        w.show()
        return w

    w = open_win()
    w.resize(760, 600)  # within the offscreen screen (800×800): restoring clamps to the screen
    qtbot.waitUntil(lambda: w.width() == 760)
    w.splitter.setSizes([300, 440])
    qtbot.wait(20)
    w.list.select_id(cards["2-2-1"].id)
    sizes = w.splitter.sizes()
    w.close()
    raw = json.loads(settings_path().read_text(encoding="utf-8"))
    assert raw["window"]["selected"] == cards["2-2-1"].id
    assert "HKEY" not in settings_path().read_text(encoding="utf-8")

    w2 = open_win()
    assert w2.current_id == cards["2-2-1"].id
    assert w2.editor.card().id == cards["2-2-1"].id
    qtbot.waitUntil(lambda: w2.width() == 760)
    assert (w2.width(), w2.height()) == (760, 600)
    assert all(abs(a - b) <= 2 for a, b in zip(w2.splitter.sizes(), sizes, strict=True)), w2.splitter.sizes()


def test_worker_reports_progress_and_result(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[Any] = []
    gui_thread = threading.get_ident()

    def job(progress: Any) -> str:
        assert threading.get_ident() != gui_thread  # off the GUI thread
        for i in range(3):
            progress(i + 1, 3)
        return "끝"

    task = Task(parent, "만드는 중…", job, seen.append, seen.append)
    qtbot.waitUntil(lambda: seen == ["끝"], timeout=5000)
    assert task.wait()


def test_worker_cancel_stops_the_job(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    outcome: list[str] = []

    def job(progress: Any) -> str:
        started.set()
        for i in range(10_000):
            if not progress(i, 10_000):
                return "stopped"
            threading.Event().wait(0.001)
        return "finished"

    task = Task(parent, "만드는 중…", job, lambda r: outcome.append("done"), lambda e: outcome.append("error"),
                lambda: outcome.append("cancelled"))
    assert started.wait(5)
    qtbot.waitUntil(task.dialog.isVisible, timeout=5000)  # shown once the job takes a while
    from PySide6.QtWidgets import QPushButton

    button = task.dialog.findChild(QPushButton)
    assert button.text() == "취소"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]


def test_worker_error_comes_back_to_the_gui(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[BaseException] = []

    def job(progress: Any) -> None:
        raise ValueError("시트 '총괄표' B3: 숫자가 아닙니다")

    Task(parent, "읽는 중…", job, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "시트 '총괄표' B3: 숫자가 아닙니다"


def test_unexpected_error_is_logged_and_told_in_korean(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> None:
    from desktop.ui import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.setup_logging()
    app.install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert shown and shown[0].startswith("예상하지 못한 오류가 생겼습니다. 저장된 카드는 안전합니다.")
    assert "Traceback" not in shown[0]
    import logging

    for h in logging.getLogger().handlers:
        h.flush()
    log = app.log_file().read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log and "Traceback" in log
    for h in list(logging.getLogger().handlers):
        if getattr(h, "baseFilename", "") == str(app.log_file()):
            logging.getLogger().removeHandler(h)
            h.close()


def test_app_registers_the_bundled_korean_font(qapp: Any) -> None:
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    from desktop.ui.app import make_app

    app = make_app()
    family = app.font().family()
    assert "Nanum" in family or "나눔" in family
    assert family in QFontDatabase.families()
    assert QFontMetrics(app.font()).inFontUcs4(ord("공"))  # Hangul has glyphs
    assert "#c62828" in app.styleSheet() and "@" not in app.styleSheet().replace("@NAME", "")


def test_status_bar_counts_and_save_state(qtbot: Any, store: Store, registry: TemplateRegistry) -> None:  # noqa: F811
    add_cards(store, registry)
    w = MainWindow(store, registry, load_settings(), editor=make_editor(registry))
    qtbot.addWidget(w)
    w.start()
    w.editor.findings_changed.emit(2, 1)
    assert w.findings_label.text() == "오류 2 · 경고 1"
    assert w.findings_label.property("level") == "error"
    assert w.list.model.summary(w.current_id).errors == 2  # the list follows the open card
    from desktop.ui import palette
    from desktop.ui.cardlist import COL_FINDINGS

    cell = w.list.view.currentIndex().siblingAtColumn(COL_FINDINGS)
    assert cell.data() == "2 / 1"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).name() == palette.ERROR  # red is for 오류
    assert w.save_label.text() == ""  # opening a card saved nothing: no 저장됨 with the card's old time
    assert w.list.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
