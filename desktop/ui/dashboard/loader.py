"""Loading a period for the dashboard: the stored bodies read on the GUI thread (the store stays
there; a plain SELECT), parsed — only what the overview reads, and only the cards saved since the
last time — and prepared in a worker thread, so the window never waits on 1,000 cards."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

from desktop.core.overview import Prepared, prepare
from desktop.core.overview_cards import OverviewCards

if TYPE_CHECKING:
    from db.store import CardSummary, Store
    from desktop.core.templates import TemplateRegistry

log = logging.getLogger(__name__)
_RUNNING: set[QThread] = set()  # a job's thread lives until it ends, even if its window is gone


PARSE_STEP = 100  # cards parsed between two progress reports


class _Job(QThread):
    ready = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)  # cards parsed, cards to parse

    def __init__(self, work: Callable[[Callable[[int, int], None]], Prepared]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progress.emit)
        except BaseException as exc:  # shown by the GUI thread, in Korean
            self.failed.emit(exc)
        else:
            self.ready.emit(result)


def _forget(job: _Job) -> None:
    _RUNNING.discard(job)
    job.deleteLater()


class DashboardLoader(QObject):
    ready = Signal(object)  # Prepared
    failed = Signal(str)
    progress = Signal(int, int)  # cards read so far, cards to read (a period not prepared before)

    def __init__(self, store: Store, registry: TemplateRegistry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.registry = registry
        self.cache = OverviewCards(registry)
        self._job: _Job | None = None
        self._again: tuple[list[CardSummary], date | None] | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def request(self, summaries: list[CardSummary], period: date | None) -> None:
        """Prepare these cards (the list's rows of `period`, None = the current one) in a worker."""
        if self._job is not None:
            self._again = (list(summaries), period)
            return
        from db.overviewread import card_bodies, previous_period
        from db.store import StoreError

        ids = [s.id for s in summaries]
        issues = {s.id: (s.errors, s.warnings) for s in summaries}
        try:
            rows = card_bodies(self.store, self.cache.missing((s.id, s.version) for s in summaries))
            dates = [s.base_date for s in summaries if s.base_date is not None]
            previous, prev_date = previous_period(self.store, period or (max(dates) if dates else None))
        except StoreError as exc:
            self.failed.emit(f"현황을 만들 카드를 읽지 못했습니다: {exc}")
            return
        cache, registry = self.cache, self.registry

        def work(report: Callable[[int, int], None]) -> Prepared:
            for i in range(0, len(rows), PARSE_STEP):
                report(i, len(rows))
                cache.add(rows[i:i + PARSE_STEP])
            report(len(rows), len(rows))
            return prepare(cache.cards(ids), registry, issues=issues, previous=previous, previous_date=prev_date)

        job = _Job(work)
        job.progress.connect(self.progress)
        job.ready.connect(self._ready)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)  # not called once this loader (its window) is gone
        job.finished.connect(lambda: _forget(job))
        self._job = job
        _RUNNING.add(job)
        job.start()

    def _ready(self, prepared: Any) -> None:
        if self._again is None:
            self.ready.emit(prepared)

    def _failed(self, exc: BaseException) -> None:
        log.error("dashboard not prepared", exc_info=exc)
        if self._again is None:
            self.failed.emit(f"현황을 계산하지 못했습니다: {exc}")

    def _finished(self) -> None:
        self._job = None
        again, self._again = self._again, None
        if again is not None:
            self.request(*again)

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the running job ends (tests, benchmarks)."""
        job = self._job
        return job is None or job.wait(ms)
