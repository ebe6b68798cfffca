"""The dashboard's two exports, with the dashboard's filters: the 이행 현황 보고서 (desktop/pdf/report.py)
and 공개용 내보내기 (desktop/publish/site.py) — the same functions as `pledgecard report` / `site`, run in
a worker (workers.Task) with Korean messages when they fail. Nothing half-written is left under the
chosen name: the report is written beside and moved over, the site into a ".part" folder first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from desktop.ui.filedialogs import dated, save_file

if TYPE_CHECKING:
    from desktop.core.overview import Filter, Prepared
    from desktop.ui.mainwindow import MainWindow

REPORT_TITLE = "이행 현황 보고서 저장"
SITE_TITLE = "공개용 내보내기"


def _prepared(win: MainWindow) -> Any:
    """A function returning the period's Prepared, to call in the worker: the dashboard's own when it
    is up to date, else prepared from the stored bodies read now (on the GUI thread)."""
    from db.overviewread import card_bodies, previous_period
    from desktop.core.overview import prepare
    from desktop.core.overview_cards import OverviewCards

    dash = win.dashboard
    ready = dash.prepared
    if ready is not None and not dash.stale and dash.loaded_period == win.period and not dash.loader.busy:
        return lambda: ready
    summaries = list(win.list.model.rows)
    rows = card_bodies(win.store, [s.id for s in summaries])
    dates = [s.base_date for s in summaries if s.base_date is not None]
    previous, prev_date = previous_period(win.store, win.period or (max(dates) if dates else None))
    issues = {s.id: (s.errors, s.warnings) for s in summaries}
    registry = win.registry

    def make() -> Prepared:
        cache = OverviewCards(registry)
        cache.add(rows)
        return prepare(cache.cards([s.id for s in summaries]), registry, issues=issues, previous=previous,
                       previous_date=prev_date)
    return make


def _start(win: MainWindow, label: str, job: Any, done: Any, failed: Any) -> None:
    from desktop.ui.workers import Task

    task = Task(win, label, job, done, failed, lambda: win.statusBar().showMessage("취소했습니다.", 5000))
    win.tasks.append(task)
    task.done.connect(lambda: win.tasks.remove(task) if task in win.tasks else None)


def _failed(win: MainWindow, title: str, where: Path, exc: BaseException) -> None:
    from desktop.ui.transfer import _error

    if isinstance(exc, OSError):
        QMessageBox.critical(win, title, f"'{where}'에 쓸 수 없습니다: {exc.strerror or exc}")
    else:
        _error(win, title, exc)


def save_report(win: MainWindow, flt: Filter, path: Path | None = None) -> None:
    """Ask for a file (unless given), then write the report of the period under `flt` in a worker."""
    if not win.commit_pending():
        return
    if path is None:
        path = save_file(win, win.settings, "report", REPORT_TITLE, dated("이행현황보고서", ".pdf"), "PDF 파일 (*.pdf)")
        if path is None:
            return
    target = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
    try:
        make = _prepared(win)
    except Exception as exc:  # StoreError: said in Korean
        _failed(win, REPORT_TITLE, target, exc)
        return
    tmp = target.with_name(target.name + ".part")

    def job(progress: Any) -> int:
        from desktop.pdf.report import write_report

        ov = make().overview(flt)
        pages = write_report(tmp, ov)
        tmp.replace(target)
        return pages

    def done(pages: int) -> None:
        win.statusBar().showMessage(f"이행 현황 보고서 {pages}쪽을 저장했습니다: {target}", 10000)

    def failed(exc: BaseException) -> None:
        tmp.unlink(missing_ok=True)
        _failed(win, REPORT_TITLE, target, exc)

    _start(win, "이행 현황 보고서를 만드는 중…", job, done, failed)


def save_site(win: MainWindow, flt: Filter, folder: Path | None = None) -> None:
    """Ask for a new folder (unless given), then write the static pages of the period under `flt`."""
    if not win.commit_pending():
        return
    if folder is None:
        folder = save_file(win, win.settings, "site", SITE_TITLE, dated("공약이행현황", ""),
                           "새 폴더 이름 (*)")
        if folder is None:
            return
    if not folder.parent.is_dir():
        QMessageBox.critical(win, SITE_TITLE, f"'{folder}': 폴더 '{folder.parent}'가 없습니다.")
        return
    from db.store import StoreError

    try:
        make = _prepared(win)
        cards = win.store.cards([s.id for s in win.list.model.rows])  # the pages show whole cards
    except StoreError as exc:
        _failed(win, SITE_TITLE, folder, exc)
        return
    registry = win.registry

    def job(progress: Any) -> int:
        from desktop.publish.site import write_site

        ov = make().overview(flt)
        kept = set(ov.cards)
        return write_site(folder, ov, [c for c in cards if c.id in kept], registry)

    def done(pages: int) -> None:
        win.statusBar().showMessage(f"공개용 페이지 {pages}쪽을 썼습니다: {folder / 'index.html'}", 10000)

    _start(win, "공개용 페이지를 만드는 중…", job, done, lambda exc: _failed(win, SITE_TITLE, folder, exc))
