"""Reporting periods in the window (SPEC §6.2): which period the list shows, a closed period's cards
opened read-only (a banner, the form not editable, autosave off), and the 기간 menu: 새 기준일…,
기준일 다시 열기…, the card's 기록, the 비교 views, 공약 조정… and 공약 변경 현황 저장…. A mixin of
MainWindow; it types against desktop.ui.shell.Shell. The dialogs are in perioddialogs.py; the store does the work
(db/periodstore.py) and refuses in Korean (StoreError, ClosedPeriodError), shown as is."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from desktop.core.dates import fmt_date
from desktop.ui.actions import make_action

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.ui.shell import Shell

    _Base = Shell
else:
    _Base = object

TITLE = "공약카드"


def closed_text(d: date) -> str:
    return f"{fmt_date(d)} 기준일은 닫혀 있어 읽기만 할 수 있습니다"


class PeriodActions(_Base):
    # ------------------------------------------------------------ building (called by MainWindow)
    def _build_period_banner(self) -> QFrame:
        self.period_banner = QFrame()
        self.period_banner.setObjectName("periodBanner")
        bl = QHBoxLayout(self.period_banner)
        bl.setContentsMargins(12, 6, 8, 6)
        self.period_banner_text = QLabel()
        self.period_banner_text.setObjectName("periodBannerText")
        self.period_banner_text.setWordWrap(True)
        self.period_reopen_button = QPushButton("다시 열기…")
        self.period_reopen_button.setToolTip("이 기준일을 다시 열어 고칠 수 있게 합니다 (사유를 적고 기록에 남습니다)")
        self.period_reopen_button.clicked.connect(lambda: self.reopen_period(self._banner_date))
        bl.addWidget(self.period_banner_text, 1)
        bl.addWidget(self.period_reopen_button)
        self._banner_date: date | None = None
        self.period_banner.hide()
        return self.period_banner

    def _build_period_menu(self) -> None:
        def act(text: str, slot: Any, shortcut: str = "", tip: str = "") -> QAction:
            return make_action(self, text, slot, shortcut, tip)

        self.act_new_period = act("새 기준일…", self.new_period, "",
                                  "지금 카드를 모두 새 기준일로 옮겨 새 기간을 시작합니다 (앞 기간은 닫힙니다)")
        self.act_reopen_period = act("기준일 다시 열기…", lambda: self.reopen_period(None), "",
                                     "닫힌 기준일을 사유를 적고 다시 엽니다")
        self.act_history = act("카드 기록…", self.show_history, "Ctrl+H",
                               "지금 카드가 언제, 누가, 무엇을 바꿨는지 봅니다")
        self.act_compare = act("다른 기준일과 비교…", self.compare_card, "",
                               "지금 카드를 다른 기준일의 카드와 나란히 비교합니다")
        self.act_office_compare = act("기관 전체 비교…", self.compare_office, "",
                                      "두 기준일 사이에 기관 전체에서 바뀐 것을 봅니다 (신·구 대조표)")
        self.act_adjust = act("공약 조정…", self.adjust_pledge, "",
                              "공약 자체의 공식 변경(제목·목표·사업내용·폐기)을 사유·결정 기관·일자와 함께 기록")
        self.act_adjustments = act("공약 변경 현황 저장…", self.save_adjustments, "",
                                   "공약 조정 목록을 PDF나 엑셀로 저장합니다")
        m = self.menuBar().addMenu("기간(&P)")
        for a in (self.act_new_period, self.act_reopen_period, None, self.act_history, self.act_compare,
                  self.act_office_compare, None, self.act_adjust, self.act_adjustments):
            m.addSeparator() if a is None else m.addAction(a)
        self.period_menu = m
        view = self.list.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (self.act_history, self.act_compare):
            view.addAction(a)

    # ------------------------------------------------------------ the period shown
    def choose_period(self, d: date | None) -> None:
        """Show period `d` (None: the current one) in the list."""
        if d == self.period:
            return
        if not self.commit_pending():
            self.list.set_periods(self.store.periods(), self.period)  # stay where the unsaved edit is
            return
        self.period = d
        self.reload_list()
        shown = "현재 기준일" if d is None else f"{fmt_date(d)} 기준일"
        self.statusBar().showMessage(f"{shown}의 카드를 보여 줍니다.", 5000)

    def is_closed(self, card: Card | None) -> bool:
        return card is not None and card.base_date is not None and card.base_date in self.closed_periods

    def apply_period(self, card: Card | None) -> None:
        """Before `card` is shown: read-only (form, autosave, banner) when its period is closed, or when
        this login may not change it (another department's card: the permission bar says so)."""
        refusal = self.store.permissions.edit_refusal(card) if card is not None else None
        self.permission_bar.show_refusal(refusal)
        ro = self.is_closed(card) or refusal is not None
        if self.editor is not None and ro != self.read_only:
            self.editor.set_read_only(ro)
        self.read_only = ro
        self.saver.read_only = ro
        if self.is_closed(card) and card is not None and card.base_date is not None:
            self._banner_date = card.base_date
            self.period_banner_text.setText(closed_text(card.base_date) + ". 고치려면 기준일을 다시 여세요.")
            self.period_banner.show()
        else:
            self._banner_date = None
            self.period_banner.hide()
        self.act_save.setEnabled(bool(self.current_id) and not ro)

    # ------------------------------------------------------------ 기간 menu
    def new_period(self) -> None:
        from desktop.ui.perioddialogs import NewPeriodDialog

        if not self.commit_pending():
            return
        dlg = NewPeriodDialog(self.store, self)
        if dlg.exec() != NewPeriodDialog.DialogCode.Accepted or dlg.chosen is None:
            return
        self.open_period(dlg.chosen)

    def open_period(self, d: date) -> None:
        """Store.open_period(d) off the GUI thread (1,000 cards take seconds), then show the new period."""
        from desktop.ui.workers import Task

        store = self.store

        def job(_progress: Any) -> int:
            return len(store.open_period(d))

        def done(carried: int) -> None:
            self.period = None
            self.reshow("")  # the card shown was carried: open the new period's first card
            self.statusBar().showMessage(f"새 기준일 {fmt_date(d)}을(를) 열었습니다: 카드 {carried}장을 옮겼고 "
                                         "앞 기간은 닫혔습니다.", 10000)

        def failed(exc: BaseException) -> None:
            from db.errors import StoreError

            if isinstance(exc, StoreError):
                QMessageBox.warning(self, "새 기준일", str(exc))
            else:
                QMessageBox.critical(self, "새 기준일", "새 기준일을 열지 못했습니다. 카드는 그대로입니다.\n\n"
                                     f"{type(exc).__name__}: {str(exc)[:300]}")

        task = Task(self, f"새 기준일 {fmt_date(d)}로 카드를 옮기는 중…", job, done, failed)
        task.dialog.setCancelButton(None)  # one transaction: it finishes or changes nothing
        self.tasks.append(task)
        task.done.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)

    def reopen_period(self, d: date | None) -> None:
        """Ask the reason (required), then Store.reopen_period; the card shown becomes editable."""
        from db.errors import StoreError
        from desktop.ui.perioddialogs import ReopenDialog

        closed = sorted(self.closed_periods, reverse=True)
        if not closed:
            QMessageBox.information(self, "기준일 다시 열기", "닫힌 기준일이 없습니다.")
            return
        dlg = ReopenDialog(closed, d, self)
        if dlg.exec() != ReopenDialog.DialogCode.Accepted:
            return
        base, reason = dlg.result_value()
        try:
            self.store.reopen_period(base, reason)
        except StoreError as exc:
            QMessageBox.warning(self, "기준일 다시 열기", str(exc))
            return
        self.reshow(self.current_id)  # open it again, now writable
        self.statusBar().showMessage(f"{fmt_date(base)} 기준일을 다시 열었습니다 (사유: {reason}).", 10000)

    def show_history(self) -> None:
        if not self.current_id or not self.commit_pending():
            return
        from desktop.ui.timeline import TimelineDialog

        dlg = TimelineDialog(self.store, self.current_id, self, read_only=self.read_only)
        dlg.reverted.connect(self.reload_card)
        dlg.exec()

    def reload_card(self, card_id: str) -> None:
        """The card was changed outside the form (되돌리기): show what is stored now."""
        self.saver.forget()
        self.reshow(card_id)

    def reshow(self, card_id: str) -> None:
        """Reload the list and open `card_id` (or the first card) afresh from the store, even when it
        is the card shown: its period's state or its content changed."""
        self.current_id = ""
        self.reload_list(select=card_id)
        shown = self.list.current_id()
        if not self.current_id and shown:
            self.open_card(shown)

    def compare_card(self) -> None:
        if not self.current_id or not self.commit_pending():
            return
        from desktop.ui.compare import CardCompareDialog

        CardCompareDialog(self.store, self.registry, self.current_id, self).exec()

    def adjust_pledge(self) -> None:
        """공약 조정…: ask (adjustdialog.py), change the card as decided, save it with its history entry."""
        from db.errors import StoreError
        from desktop.core.adjustments import AdjustmentError, adjust
        from desktop.ui.adjustdialog import AdjustDialog

        if not self.current_id or not self.commit_pending():
            return
        if self.read_only:
            QMessageBox.information(self, "공약 조정", "닫힌 기준일의 카드입니다. 기준일을 다시 연 뒤 조정하세요.")
            return
        card = self.store.get(self.current_id)
        dlg = AdjustDialog(card, self)
        if dlg.exec() != AdjustDialog.DialogCode.Accepted:
            return
        kind, text, reason, body, decided = dlg.value()
        try:
            rec = adjust(card, self.registry.get(card.template), kind, text, reason=reason, body=body,
                         decided=decided)
            self.store.save(card, source="adjust", note=f"공약 조정 ({rec.body}, {fmt_date(decided)})")
        except (AdjustmentError, StoreError) as exc:
            QMessageBox.warning(self, "공약 조정", f"{exc}\n\n카드는 그대로입니다.")
            return
        self.reload_card(card.id)
        self.statusBar().showMessage(f"공약 조정을 기록했습니다: {rec.what} — {rec.after}", 10000)

    def save_adjustments(self) -> None:
        """공약 변경 현황 저장…: every 조정 of the period shown, as PDF or Excel (by the name chosen)."""
        from pathlib import Path

        from desktop.core.adjustments import report
        from desktop.ui.filedialogs import dated, save_file

        path = save_file(self, self.settings, "adjustments", "공약 변경 현황 저장", dated("공약 변경 현황", ".pdf"),
                         "PDF (*.pdf);;엑셀 통합문서 (*.xlsx)")
        if path is None:
            return
        summaries = self.store.period_summaries(self.period)
        cards = self.store.cards([x.id for x in summaries]) if summaries else []
        rep = report(cards)
        found = rep.rows
        try:
            if Path(path).suffix.lower() == ".xlsx":
                from desktop.xlsx.changes import write_adjustments as write_book

                write_book(path, found, rep.book_title)
            else:
                from desktop.pdf.adjustments import write_adjustments

                write_adjustments(path.with_suffix(".pdf") if path.suffix.lower() != ".pdf" else path,
                                  found, rep.org, rep.period)
        except OSError as exc:
            QMessageBox.warning(self, "공약 변경 현황 저장", f"파일을 쓰지 못했습니다: {path}\n{exc.strerror or exc}")
            return
        self.statusBar().showMessage(f"공약 변경 현황 {len(found)}건을 저장했습니다: {path.name}", 10000)

    def compare_office(self) -> None:
        if not self.commit_pending():
            return
        from desktop.ui.officecompare import OfficeCompareDialog

        dlg = OfficeCompareDialog(self.store, self.registry, self)
        dlg.exec()
