"""Slow work (PDF book, Excel export and reading) off the GUI thread, with progress and cancel.

The job is a plain function `job(progress) -> result` where `progress(done, total) -> bool` returns
False once the user pressed 취소 — the signature desktop.pdf.render_cards and
desktop.xlsx.export_workbook take. The job never touches widgets or the store; results and errors
come back to the GUI thread through queued signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """Raised by a job (or by the progress callback's caller) when the user cancelled."""


class _Thread(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    errored = Signal(object)

    def __init__(self, job: Callable[[Progress], Any], cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except BaseException as exc:  # the GUI thread decides how to show it
            self.errored.emit(exc)
        else:
            self.succeeded.emit(result)


class Task(QObject):
    """One running job and its progress dialog. Keep a reference until `done` fires (the window does)."""

    done = Signal()

    def __init__(self, parent: QWidget, label: str, job: Callable[[Progress], Any],
                 on_success: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 on_cancel: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self._on_success, self._on_error, self._on_cancel = on_success, on_error, on_cancel
        self.dialog = QProgressDialog(label, "취소", 0, 0, parent)
        self.dialog.setWindowTitle("공약카드")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick jobs finish without a flashing dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.thread = _Thread(job, self.cancel_event)
        self.thread.progressed.connect(self._progressed)
        self.thread.succeeded.connect(self._succeeded)
        self.thread.errored.connect(self._errored)
        self.thread.finished.connect(self._finished)
        self.thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()
        self.dialog.setLabelText("취소하는 중…")

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _succeeded(self, result: Any) -> None:
        if self.cancelled:
            if self._on_cancel:
                self._on_cancel()
            return
        self._on_success(result)

    def _errored(self, exc: BaseException) -> None:
        if self.cancelled or isinstance(exc, Cancelled):
            if self._on_cancel:
                self._on_cancel()
            return
        self._on_error(exc)

    def _finished(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.done.emit()

    def wait(self, ms: int = 30_000) -> bool:
        return self.thread.wait(ms)
