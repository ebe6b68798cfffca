"""File menu flows: import (.json/.xlsx, and .hwpx/.hwp/.txt documents made into cards — SPEC §9 — all merged
three ways after the merge review), card-file and Excel
export, the PDF book, first-start samples, and rescuing unsaved edits to a card file when the database refuses them.

Heavy libraries (openpyxl, ReportLab) are imported when first used; slow work runs in workers.py.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QWidget,
)

from desktop.core.model import Card
from desktop.core.resources import resource_path
from desktop.ui.filedialogs import dated, open_files, save_file
from desktop.ui.mergereview import MergeReview
from desktop.ui.workers import Task

if TYPE_CHECKING:
    from db.mergestore import MergeReport
    from desktop.core.importmap import Piece
    from desktop.core.merge import Choice
    from desktop.ui.shell import Shell as MainWindow  # what these flows use of the window
    from desktop.xlsx import UnreadPhoto

log = logging.getLogger(__name__)
TITLE = "공약카드"


def file_name(card: Card, ext: str) -> str:
    """A file name from 관리번호, 제목 and today's date, safe on Windows."""
    base = " ".join(x for x in (card.number, card.title) if x) or "카드"
    return dated(re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", base)[:80].strip(), ext)


def sample_files() -> list[Path]:
    return sorted(resource_path("samples").glob("*.json"))


def _error(parent: QWidget, what: str, exc: BaseException) -> None:
    """Korean errors of the core are shown as they are; anything else is logged and named briefly."""
    from desktop.core.cardfile import CardFileError

    korean = isinstance(exc, (CardFileError, OSError, ValueError)) or (type(exc).__name__.endswith("Error") and any(
        "\uac00" <= ch <= "\ud7a3" for ch in str(exc)))
    if isinstance(exc, OSError) and not korean:
        text = f"파일을 읽거나 쓸 수 없습니다: {exc.strerror or exc}"
    elif korean:
        text = str(exc)
    else:
        log.error("%s failed", what, exc_info=exc)
        text = f"예상하지 못한 오류가 생겼습니다 ({type(exc).__name__}). 저장된 카드는 그대로입니다."
    QMessageBox.critical(parent, what, text)


# ---------------------------------------------------------------- which cards

def choose_ids(win: MainWindow, what: str, *, default_all: bool = False) -> list[str] | None:
    """The cards an export applies to: this card, the selected ones, or every card in the list."""
    selected = win.list.selected_ids()
    shown = win.list.visible_ids()
    if not shown and not win.current_id:
        QMessageBox.information(win, what, "목록에 카드가 없습니다.")
        return None
    if len(shown) <= 1 and len(selected) <= 1:
        return [win.current_id] if win.current_id else shown
    box = QMessageBox(win)
    box.setWindowTitle(what)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"어떤 카드를 {what}할까요?")
    options: list[tuple[Any, list[str]]] = []
    if win.current_id and not default_all:
        options.append((box.addButton("이 카드만", QMessageBox.ButtonRole.AcceptRole), [win.current_id]))
    if len(selected) > 1:
        options.append((box.addButton(f"선택한 카드 {len(selected)}장", QMessageBox.ButtonRole.AcceptRole), selected))
    options.append((box.addButton(f"목록의 카드 {len(shown)}장", QMessageBox.ButtonRole.AcceptRole), shown))
    if win.current_id and default_all:
        options.append((box.addButton("이 카드만", QMessageBox.ButtonRole.AcceptRole), [win.current_id]))
    cancel = box.addButton("취소", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(options[0][0])
    box.exec()
    if box.clickedButton() is cancel:
        return None
    return next((ids for b, ids in options if b is box.clickedButton()), None)


def _errors_of(win: MainWindow, ids: list[str]) -> list[str]:
    out = []
    for cid in ids:
        s = win.list.model.summary(cid)
        errors = win.counts[0] if cid == win.current_id else (s.errors if s else 0)
        if errors and s is not None:
            out.append(f"{s.number} {s.title}: 오류 {errors}건".strip())
    return out


# ---------------------------------------------------------------- import

IMPORT_FILTER = ("가져올 수 있는 파일 (*.json *.xlsx *.hwpx *.hwp *.txt);;카드 파일 (*.json);;엑셀 통합문서 (*.xlsx);;"
                 "한글 문서 (*.hwpx *.hwp);;텍스트 (*.txt);;모든 파일 (*)")


def import_files(win: MainWindow) -> None:
    paths = open_files(win, win.settings, "import", "가져오기", IMPORT_FILTER)
    if paths:
        import_paths(win, paths)


def import_paths(win: MainWindow, paths: list[Path], *, preview: bool = True) -> None:

    unread: list[UnreadPhoto] = []  # a workbook's photos that cannot be read: reported, stored ones kept
    unplaced: list[Piece] = []  # what documents held that no card took (kept in the cards' notes)
    documents: list[Path] = []  # the text / HWPX / HWP files among them
    registry = win.registry

    def read(progress: Any) -> list[Card]:
        from desktop.commands.docimport import DOCUMENT_KINDS, file_kind, read_document_file
        from desktop.core.cardfile import read_cards

        cards: list[Card] = []
        for i, p in enumerate(paths):
            if not progress(i, len(paths)):
                return []
            kind = file_kind(p)  # by the bytes: an HWPX saved as .hwp exists
            if kind in DOCUMENT_KINDS:
                documents.append(p)
                got = read_document_file(p, registry)
                cards.extend(got.cards)
                unplaced.extend(got.unplaced)
            elif kind == "workbook":
                from desktop.xlsx import read_workbook

                cards.extend(read_workbook(p, win.registry, unread=unread))
            else:
                cards.extend(read_cards(p, win.registry))
        return cards

    source = paths[0].name if len(paths) == 1 else f"파일 {len(paths)}개"
    _run(win, "카드를 읽는 중…", read,
         lambda cards: _import(win, source, cards, preview, unread, unplaced, documents=bool(documents)),
         lambda exc: _error(win, "가져오기", exc))


def _import(win: MainWindow, source: str, cards: list[Card], preview: bool, unread: list[UnreadPhoto],
            unplaced: list[Piece] | None = None, *, documents: bool = False) -> None:
    """Merge what was read (SPEC §6.3): a dry run first, the merge review, then the write with the choices.

    Cards made from documents (SPEC §9) carry marks to confirm: the first of them written opens, with
    its marks, instead of the card that was open; the report lists what no card took."""
    from desktop.ui.importreport import unplaced_lines

    if not cards:
        QMessageBox.information(win, "가져오기", "\n".join([f"{source}에 카드가 없습니다.", *unplaced_lines(unplaced)]))
        return
    if not win.commit_pending():
        return
    if unread:
        from desktop.xlsx import keep_stored_photos

        keep_stored_photos(cards, unread, win.store.find)
    choices: dict[str, dict[str, Choice]] = {}
    other_office = False
    if preview:
        planned = merge_cards(win, cards, dry_run=True)
        if planned is None:
            return
        if planned.other_office:  # SPEC §6.3: another office's new cards only when the officer says so
            other_office = ask_other_office(win, cards, planned.other_office)
            if other_office:
                planned = merge_cards(win, cards, dry_run=True, other_office=True)
                if planned is None:
                    return
        dlg = MergeReview(source, cards, planned, win)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            win.statusBar().showMessage("가져오기를 취소했습니다: 아무것도 바뀌지 않았습니다.", 8000)
            return
        choices = dlg.choices()
    report = merge_cards(win, cards, choices=choices, other_office=other_office)
    if report is None:
        return
    current = win.current_id
    if current in report.changed_ids:
        win.current_id = ""  # reopen: the import changed it
    written = set(report.changed_ids)
    first_made = next((c.id for c in cards if c.id in written), "") if documents else ""
    win.reload_list(select=first_made or current or (report.changed_ids[0] if report.added else ""))
    lines = [report_line(report)]
    lines += [f"· {label}: {why}" for label, why in report.skipped[:10]]
    if report.open:
        lines.append(f"\n고르지 않은 충돌 {report.open}곳은 여기 것을 그대로 두었습니다.")
    lines += unplaced_lines(unplaced)
    if unread:
        lines.append(f"\n읽을 수 없는 사진 {len(unread)}장 (저장된 사진이 있으면 그대로 두었습니다):")
        lines += [f"· {u}" for u in unread[:10]] + ([f"… 외 {len(unread) - 10}장"] if len(unread) > 10 else [])
        QMessageBox.warning(win, "가져오기", "\n".join(lines))
    elif preview:
        QMessageBox.information(win, "가져오기", "\n".join(lines))
    win.statusBar().showMessage("가져왔습니다: " + lines[0], 8000)


def ask_other_office(win: MainWindow, cards: list[Card], ids: list[str]) -> bool:
    """Whether to take the new cards that came from another office's database (named, by 기관명)."""
    chosen = [c for c in cards if c.id in set(ids)]
    orgs = ", ".join(sorted({c.org or "기관명 없음" for c in chosen}))
    shown = "\n".join(f"· {c.number or '(관리번호 없음)'} {c.title}" for c in chosen[:8])
    more = f"\n… 외 {len(chosen) - 8}장" if len(chosen) > 8 else ""
    answer = QMessageBox.question(
        win, "다른 기관의 카드",
        f"다른 기관({orgs})의 데이터베이스에서 온 새 카드가 {len(chosen)}장 있습니다:\n{shown}{more}\n\n"
        "이 카드들도 이 데이터베이스에 새 카드로 받을까요? (아니요: 건너뛰고 나머지만 가져옵니다)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def merge_cards(win: MainWindow, cards: list[Card], *, choices: dict[str, dict[str, Choice]] | None = None,
                dry_run: bool = False, other_office: bool = False) -> MergeReport | None:
    """Store.merge_import; None (after saying so in Korean) when the store refuses: nothing changed."""
    from db.store import StoreError

    try:
        return win.store.merge_import(cards, "keep", choices=choices, dry_run=dry_run, other_office=other_office)
    except StoreError as exc:
        QMessageBox.critical(win, "가져오기", f"아무것도 가져오지 않았습니다: {exc}")
        return None


def report_line(report: MergeReport) -> str:
    n_conf = sum(len(c.conflicts) for c in report.conflicts)
    theirs = sum(1 for cc in report.conflicts for c in cc.conflicts if c.chosen == "theirs")
    conf = f", 충돌 {n_conf}곳 (들어온 것 {theirs}곳, 여기 것 {n_conf - theirs}곳)" if n_conf else ""
    return (f"추가 {len(report.added)}장, 갱신 {len(report.taken)}장, 병합 {len(report.merged)}장, "
            f"변경 없음 {len(report.unchanged)}장, 건너뜀 {len(report.skipped)}장{conf}")



def import_samples(win: MainWindow) -> None:
    import_paths(win, sample_files(), preview=False)


# ---------------------------------------------------------------- export

def export_cardfile(win: MainWindow) -> None:
    ids = choose_ids(win, "내보내기")
    offline = win.connection is not None and win.connection.offline
    if not ids or not (win.commit_pending() or offline):
        return
    from db.errors import ConnectionLostError

    try:
        cards = win.store.stamp(win.store.cards(ids))  # each card's revisions: the base of a later merge
    except ConnectionLostError:  # the server is gone: what this window holds (desktop/ui/connection.py)
        from desktop.ui.connection import memory_cards

        cards = memory_cards(win, ids)
        if not cards:
            QMessageBox.warning(win, TITLE, "데이터베이스 서버에 연결할 수 없어 내보낼 카드를 읽지 못했습니다. "
                                "열려 있는 카드만 내보낼 수 있습니다.")
            return
    default = file_name(cards[0], ".json") if len(cards) == 1 else dated("공약카드", ".json")
    path = save_file(win, win.settings, "json", "카드 파일로 내보내기", default, "카드 파일 (*.json)")
    if path is None:
        return
    from desktop.core.cardfile import write_cards

    try:
        write_cards(path, cards)
    except Exception as exc:
        _error(win, "내보내기", exc)
        return
    win.statusBar().showMessage(f"카드 {len(cards)}장을 내보냈습니다: {path}", 8000)


def export_excel(win: MainWindow) -> None:
    _export(win, "엑셀로 내보내기", "엑셀로 내보내기", dated("공약카드", ".xlsx"), "엑셀 통합문서 (*.xlsx)",
            "엑셀 통합문서를 만드는 중…", "xlsx")


def export_book(win: MainWindow) -> None:
    _export(win, "책자 PDF로 인쇄", "책자 PDF", dated("공약카드 책자", ".pdf"), "PDF 파일 (*.pdf)",
            "책자 PDF를 만드는 중…", "pdf")


def _export(win: MainWindow, what: str, dialog_title: str, default: str, file_filter: str, busy: str,
            kind: str) -> None:
    """Choose cards (all by default), confirm cards with 오류, choose a file, write it in a worker."""
    ids = choose_ids(win, what, default_all=True)
    if not ids or not win.commit_pending():
        return
    from desktop.ui.print_preview import confirm_errors

    if not confirm_errors(win, what, _errors_of(win, ids)):
        return
    path = save_file(win, win.settings, kind, dialog_title, default, file_filter)
    if path is not None:
        _write_in_worker(win, busy, ids, path, kind)


def _write_in_worker(win: MainWindow, label: str, ids: list[str], path: Path, kind: str) -> None:
    from desktop.pdf.compose import PrintStats

    cards = win.store.cards(ids)  # read here: the store stays on the GUI thread
    if kind == "xlsx":
        win.store.stamp(cards)  # each card's revisions: the base of a later merge
    registry = win.registry
    tmp = path.with_name(path.name + ".part")
    stats = PrintStats()  # filled by the worker; read here after it has finished

    def job(progress: Any) -> Path:
        if kind == "xlsx":
            from desktop.xlsx import export_workbook

            export_workbook(cards, registry, tmp, progress=progress)
        else:
            from desktop.pdf import render_cards

            render_cards(cards, registry, tmp, progress=progress, stats=stats)
        return tmp

    def done(result: Path) -> None:
        try:
            result.replace(path)
        except OSError as exc:
            QMessageBox.critical(win, TITLE, f"'{path}'에 저장하지 못했습니다: {exc.strerror}")
            return
        win.statusBar().showMessage(f"카드 {len(cards)}장을 저장했습니다: {path}", 10000)
        if stats.unprintable:
            _say_unprintable(win, path, stats.unprintable)

    def cleanup() -> None:
        tmp.unlink(missing_ok=True)
        win.statusBar().showMessage("취소했습니다.", 5000)

    def failed(exc: BaseException) -> None:
        tmp.unlink(missing_ok=True)
        _error(win, TITLE, exc)

    _run(win, label, job, done, failed, cleanup)


def _say_unprintable(win: MainWindow, path: Path, names: list[str]) -> None:
    """A book was written, but some cards could not be laid out: they hold a notice page instead."""
    from desktop.pdf.compose import UNPRINTABLE, UNPRINTABLE_HINT

    shown = names[:15] + ([f"… 그 밖에 {len(names) - 15}건"] if len(names) > 15 else [])
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE,
                      f"책자 PDF를 저장했지만 카드 {len(names)}건은 인쇄하지 못했습니다:\n\n"
                      + "\n".join(f"· {n}" for n in shown), QMessageBox.StandardButton.Ok, win)
    box.setInformativeText(f"{UNPRINTABLE}. 책자에는 그 자리에 안내 쪽만 넣었습니다.\n"
                           f"{UNPRINTABLE_HINT}\n\n파일: {path}")
    box.exec()


def _run(win: MainWindow, label: str, job: Any, done: Any, failed: Any, cancelled: Any = None) -> Task:
    task = Task(win, label, job, done, failed, cancelled)
    win.tasks.append(task)
    task.done.connect(lambda: win.tasks.remove(task) if task in win.tasks else None)
    return task


# ---------------------------------------------------------------- closing with unsaved edits

def rescue_unsaved(win: MainWindow) -> bool:
    """The database refused the last edits: save them to a card file, or close anyway. False = stay open."""
    box = QMessageBox(win)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("저장하지 못한 변경")
    box.setText("지금 카드의 마지막 변경 내용을 데이터베이스에 저장하지 못했습니다.")
    box.setInformativeText(f"{win.saver.last_error}\n\n카드 파일로 저장해 두면 나중에 가져올 수 있습니다.")
    to_file = box.addButton("카드 파일로 저장…", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("저장하지 않고 끝내기", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("취소", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(to_file)
    box.exec()
    if box.clickedButton() is discard:
        return True
    if box.clickedButton() is not to_file:
        return False
    card = win.editor.card()
    path = save_file(win, win.settings, "json", "카드 파일로 저장", file_name(card, ".json"), "카드 파일 (*.json)")
    if path is None:
        return False
    from desktop.core.cardfile import write_cards

    try:
        write_cards(path, [card])
    except OSError as exc:
        QMessageBox.critical(win, TITLE, f"'{path}'에 저장하지 못했습니다: {exc.strerror}")
        return False
    win.saver.forget()
    return True

