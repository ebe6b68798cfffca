"""Live updates in the window on a shared PostgreSQL database (SPEC §6.4, issue 14).

The listener (db/notify.py) runs in its own thread; LiveBridge passes its notices and its connection
state to the GUI thread as Qt signals. Another program's save refreshes the list within a moment
(the changed rows re-read when that is all it takes, else the whole list), and when it is the card
open here a bar says so: 다른 사용자(login)가 변경함 — [다시 불러오기] [비교]. 비교 is the merge review
(desktop/ui/mergereview.py) between what is open here (with what is being typed) and the stored card;
the version check of every save stays as it was. This program's own saves say nothing.
"""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from db.notify import Change, Listener

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.ui.shell import Shell as MainWindow

log = logging.getLogger(__name__)
REFRESH_MS = 100  # notices within this time are read together (an import sends one per card)
TITLE = "공약카드"


class LiveBridge(QObject):
    """The listener's notices and state, delivered on the GUI thread (queued across threads)."""

    changed = Signal(object)  # db.notify.Change
    connection = Signal(bool)  # True: listening (again); False: the server cannot be reached

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.listener: Listener | None = None

    def start(self, url: Any) -> None:
        self.listener = Listener(url, self.changed.emit, self.connection.emit).start()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    @property
    def up(self) -> bool:
        return self.listener is not None and self.listener.connected.is_set()


class ChangedBar(QFrame):
    """Above the open card: someone else changed it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changedBar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 8, 6)
        self.text = QLabel()
        self.text.setObjectName("changedBarText")
        self.text.setWordWrap(True)
        self.reload = QPushButton("다시 불러오기")
        self.reload.setToolTip("다른 사용자가 저장한 내용을 엽니다")
        self.compare = QPushButton("비교")
        self.compare.setToolTip("내가 연 내용과 저장된 내용을 곳마다 나란히 보고 골라 합칩니다")
        lay.addWidget(self.text, 1)
        lay.addWidget(self.reload)
        lay.addWidget(self.compare)
        self.hide()


class LiveUpdates(QObject):
    """The window's side of live updates. Made only for a shared (PostgreSQL) database."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.bridge = LiveBridge(self)
        self.bar = ChangedBar()
        right = win.stack.parentWidget().layout()
        right.insertWidget(1, self.bar)  # under the closed-period banner, above the card
        self.bar.reload.clicked.connect(self.reload_card)
        self.bar.compare.clicked.connect(self.compare_card)
        self.bar_version: int | None = None  # the stored version the bar speaks of
        self.base_rev = ""  # the revision the open card was loaded or last saved as (the merge's base)
        self._ids: set[str] = set()
        self._full = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self.bridge.changed.connect(self.on_change)
        self.bridge.connection.connect(self.on_connection)
        win.card_opened.connect(self._opened)
        win.saver.saved.connect(self._saved)
        win.saver.replaced.connect(self._saved)
        self.refreshed = 0  # list refreshes done (tests and the bench wait on it)
        self.review: QWidget | None = None  # the 비교 dialog while it is open
        self._starting = QTimer(self)
        self._starting.setSingleShot(True)
        self._starting.timeout.connect(self.start)

    def start(self) -> None:
        self._starting.stop()
        self.bridge.start(self.win.store.url)

    def start_soon(self) -> None:
        """Listen from the next event-loop turn on: at the program's start, once the window with its
        list is up (the listener's connection then does not hold up the first paint). Its first
        connection re-reads the list (on_connection), so a save made meanwhile is not missed."""
        self._starting.start(0)

    def stop(self) -> None:
        self._starting.stop()
        self.bridge.stop()

    # ------------------------------------------------------------ notices
    def on_change(self, ch: Change) -> None:
        if ch.own:
            return
        self._ids.add(ch.card_id)
        if ch.op != "update" or ch.deleted:
            self._full = True
        self._timer.start(REFRESH_MS)
        if ch.card_id == self.win.current_id and self.win.editor is not None:
            mine = self.win.editor.card()
            if ch.deleted or ch.version != mine.version:
                self.show_bar(ch)

    def on_connection(self, up: bool) -> None:
        if up:  # notices sent while not listening are lost: read the list again
            self._full = True
            self._timer.start(REFRESH_MS)

    def refresh_soon(self) -> None:
        self._full = True
        self._timer.start(REFRESH_MS)

    def refresh(self) -> None:
        from db.errors import StoreError

        ids, full = self._ids, self._full
        self._ids, self._full = set(), False
        try:
            if full or not self._refresh_rows(ids):
                self._refresh_all()
        except StoreError as exc:  # the server went away meanwhile: the connection state says so
            log.info("list not refreshed: %s", exc)
            return
        self.refreshed += 1

    def _refresh_rows(self, ids: set[str]) -> bool:
        """Re-read just these rows; False when the list needs more than that (a card new to it, a
        기준일 changed: which card is each pledge's current one may differ)."""
        from db.models import CardRow

        model = self.win.list.model
        known = {i: model.summary(i) for i in ids}
        if not ids or any(s is None for s in known.values()):
            return False
        rows = self.win.store.summaries(narrow=lambda q: q.where(CardRow.id.in_(sorted(ids))))
        if {r.id for r in rows} != ids:
            return False
        for r in rows:
            old = known[r.id]
            if old is None or (old.base_date, old.pledge_id) != (r.base_date, r.pledge_id):
                return False
        for r in rows:
            if r.id == self.win.current_id:  # the open card's counts are the form's, as it shows them
                r.errors, r.warnings = self.win.counts
            self.win.list.upsert(r)
        return True

    def _refresh_all(self) -> None:
        win = self.win
        periods = win.store.periods()
        if win.period is not None and all(p.base_date != win.period for p in periods):
            win.period = None
        win.closed_periods = {p.base_date for p in periods if p.state == "closed"}
        win.list.set_periods(periods, win.period)
        win.list.set_summaries(win.store.period_summaries(win.period))  # the open card stays selected

    # ------------------------------------------------------------ the bar
    def show_bar(self, ch: Change) -> None:
        who = ch.login or "이름 모름"
        if ch.deleted:
            self.bar.text.setText(f"다른 사용자({who})가 이 카드를 휴지통으로 옮겼거나 지웠습니다.")
        else:
            self.bar.text.setText(f"다른 사용자({who})가 변경함 — 저장된 판 {ch.version}. "
                                  "다시 불러오거나 내 것과 비교해 합칠 수 있습니다.")
        self.bar.compare.setEnabled(not ch.deleted)
        self.bar.reload.setEnabled(not ch.deleted)
        self.bar_version = ch.version
        self.bar.show()

    def hide_bar(self) -> None:
        self.bar.hide()
        self.bar_version = None

    def _opened(self, _card_id: str) -> None:
        self.hide_bar()
        self._remember_base()

    def _saved(self, card: Card) -> None:
        if card.id == self.win.current_id:  # saved (through the version check) or replaced: settled
            self._remember_base()
            self.hide_bar()

    def _remember_base(self) -> None:
        from db.revisions import revision_of_card

        if self.win.editor is not None and self.win.current_id:
            self.base_rev = revision_of_card(self.win.editor.card())

    def reload_card(self) -> None:
        """다시 불러오기: the stored card replaces what is open (asked first when edits would be lost)."""
        from db.errors import StoreError

        win = self.win
        if not win.current_id:
            return
        win.saver.read_only = True  # no autosave meanwhile: the saved card is about to replace this one
        try:
            if win.saver.dirty and QMessageBox.question(
                    win, TITLE, "저장하지 않은 내 변경이 있습니다. 버리고 다른 사용자가 저장한 내용을 열까요?\n\n"
                    "(합치려면 '아니요'를 누르고 '비교'를 쓰세요)") != QMessageBox.StandardButton.Yes:
                return
            try:
                card = win.store.get(win.current_id)
            except StoreError as exc:
                QMessageBox.critical(win, TITLE, str(exc))
                return
            win.saver.forget()
        finally:
            win.saver.read_only = win.read_only
        self._show(card)
        win.statusBar().showMessage("다른 사용자가 저장한 내용을 열었습니다.", 5000)

    def _show(self, card: Card) -> None:
        from desktop.ui.cardlist import summary_of

        win = self.win
        win.current_id = ""  # open again even though it is the same id
        win._show_card(card)
        win.list.upsert(summary_of(card, *win.counts))

    def compare_card(self) -> None:
        """비교: the merge review of what is open here (들어온 것) against the stored card (여기)."""
        from db.errors import StoreError
        from desktop.ui.mergereview import MergeReview

        win = self.win
        if not win.current_id or win.editor is None:
            return
        win.saver.read_only = True  # the dialog runs the event loop: no autosave (and conflict) meanwhile
        try:
            commit = getattr(win.editor, "commit_drafts", None)
            if commit is not None:
                commit()  # what is being typed is part of mine
            mine = copy.deepcopy(win.editor.card())
            if self.base_rev:
                from db.revisions import revision_of_card

                mine.revisions = [revision_of_card(mine), self.base_rev]
            try:
                planned = win.store.merge_import([mine], "keep", dry_run=True)
            except StoreError as exc:
                QMessageBox.critical(win, TITLE, str(exc))
                return
            dlg = MergeReview("다른 사용자가 저장한 카드와 내가 연 카드", [mine], planned, win,
                              title="다른 사용자의 변경과 비교", accept_text="합쳐서 저장")
            dlg.setObjectName("liveCompare")
            dlg.places.setHorizontalHeaderLabels(["곳", "저장된 것 (다른 사용자)", "내 것", "기준 (내가 연 판)",
                                                  "고르기"])
            self.review = dlg
            if dlg.exec() != MergeReview.DialogCode.Accepted:
                return
            try:
                win.store.merge_import([mine], "keep", choices=dlg.choices(), source="merge")
                card = win.store.get(mine.id)
            except StoreError as exc:
                QMessageBox.critical(win, TITLE, str(exc))
                return
            win.saver.forget()
        finally:
            win.saver.read_only = win.read_only
            self.review = None
        self._show(card)
        win.statusBar().showMessage("다른 사용자의 변경과 합쳐 저장했습니다.", 5000)


def attach(win: MainWindow) -> LiveUpdates | None:
    """Live updates for the window's database when it is a shared one; None for an SQLite file."""
    if not getattr(win.store, "shared", False):
        return None
    live = LiveUpdates(win)
    live.start_soon()
    return live
