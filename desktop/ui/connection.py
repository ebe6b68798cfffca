"""Connection loss on a shared database never loses typing (issue 14).

When the server cannot be reached, the autosaver's save fails with ConnectionLostError: the card as
edited goes to the outbox (db/outbox.py, card files on this PC), the status bar says
"연결 끊김 — n건 저장 대기" and the window stays usable (the open card can still be edited, printed
and exported from memory). When the listener (desktop/ui/live.py) is connected again the waiting
saves are written — the open card through the autosaver, so a card someone else saved meanwhile
meets the version check and its usual question. Closing while disconnected keeps the outbox; the next
start writes it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from db.outbox import Outbox, folder_for

if TYPE_CHECKING:
    from desktop.core.model import Card
    from desktop.ui.live import LiveUpdates
    from desktop.ui.shell import Shell as MainWindow

log = logging.getLogger(__name__)


class ConnectionWatch(QObject):
    def __init__(self, win: MainWindow, live: LiveUpdates) -> None:
        super().__init__(win)
        self.win = win
        self.live = live
        self.outbox = Outbox(folder_for(win.store.url))
        self.up = True
        self.label = QLabel()
        self.label.setObjectName("connLabel")
        self.label.hide()
        win.statusBar().insertPermanentWidget(0, self.label)
        saver = win.saver
        saver.offline_text = lambda: "이 PC에 보관함 — 연결되면 저장"  # the count is on the left (self.label)
        saver.hold_retry = lambda: not self.live.bridge.up  # the listener says when the server is back
        saver.waiting.connect(self.keep)
        saver.saved.connect(self.done)
        saver.replaced.connect(self.done)
        live.bridge.connection.connect(self.on_connection)
        self.draining = False
        if len(self.outbox):  # saves kept by an earlier run that closed while disconnected
            QTimer.singleShot(0, self.drain)
        self.show_state()

    # ------------------------------------------------------------ state
    def text(self) -> str:
        return f"연결 끊김 — {len(self.outbox)}건 저장 대기"

    def show_state(self) -> None:
        n = len(self.outbox)
        lab = self.label
        if not self.up:
            lab.setText(self.text())
            lab.setToolTip("데이터베이스 서버에 연결할 수 없습니다. 편집한 내용은 이 PC에 보관했다가 "
                           "다시 연결되면 저장합니다 (프로그램을 닫아도 남습니다).")
            state = "offline"
        elif n:
            lab.setText(f"저장 대기 {n}건")
            lab.setToolTip("보관해 둔 편집을 데이터베이스에 저장하는 중입니다.")
            state = "waiting"
        else:
            lab.hide()
            return
        lab.setProperty("state", state)
        lab.style().unpolish(lab)
        lab.style().polish(lab)
        lab.show()

    def keep(self, card: Card) -> None:
        """The autosaver could not reach the server: keep the card as edited on this PC."""
        self.up = False
        try:
            self.outbox.put(card)
        except OSError as exc:  # the card is still in the form; the status says it is not kept
            log.error("pending save not kept: %s", exc)
            self.win.statusBar().showMessage(f"저장 대기 카드를 이 PC에 보관하지 못했습니다: {exc}", 10000)
        self.show_state()

    def done(self, card: Card) -> None:
        """Saved (or replaced by the stored card after the version check): nothing waits for it."""
        self.up = self.live.bridge.up
        if card.id in self.outbox:
            self.outbox.remove(card.id)
        self.show_state()

    @property
    def offline(self) -> bool:
        return not self.up

    def kept(self, card_id: str) -> bool:
        """Whether the open card's unsaved state is safe on this PC (closing may go ahead)."""
        return bool(card_id) and card_id in self.outbox and self.win.saver.dirty

    def on_connection(self, up: bool) -> None:
        self.up = up
        self.show_state()
        if up:
            self.drain()

    # ------------------------------------------------------------ writing what waits
    def drain(self) -> None:
        """Write the waiting saves: the open card by the autosaver (its conflict question), the others
        directly; one someone else saved meanwhile is opened with the kept edits, and the autosaver asks."""
        from db.errors import ConnectionLostError
        from db.store import ConflictError, StoreError

        if self.draining:
            return
        self.draining = True
        win = self.win
        written = 0
        try:
            if win.current_id and win.saver.dirty and not win.saver.flush():
                return
            for card in self.outbox.cards(win.registry):
                if card.id == win.current_id and win.saver.dirty:
                    continue
                try:
                    win.store.save(card)
                except ConflictError:
                    self._ask(card)
                    return
                except ConnectionLostError:
                    self.up = False
                    return
                except StoreError as exc:  # refused (a closed period, a purged card): kept, and said
                    win.statusBar().showMessage(f"보관해 둔 카드를 저장하지 못했습니다: {exc}", 15000)
                    continue
                self.outbox.remove(card.id)
                written += 1
                if card.id == win.current_id:
                    win.editor.set_card(card)
            if written:
                win.statusBar().showMessage(f"다시 연결되어 보관해 둔 카드 {written}장을 저장했습니다.", 8000)
                self.live.refresh_soon()
        finally:
            self.draining = False
            self.show_state()

    def _ask(self, card: Card) -> None:
        """Someone else saved this card while it waited: open it with the kept edits; the save meets the
        version check and the autosaver asks (keep mine, take theirs, or a copy)."""
        win = self.win
        if not win.open_card(card.id):
            return
        win.editor.set_card(card)
        win.saver.mark_changed()
        win.saver.flush()


def memory_cards(win: MainWindow, ids: list[str]) -> list[Card]:
    """The cards an export can take without the server: the open card as edited, and the kept ones."""
    import copy

    found: dict[str, Card] = {}
    watch = getattr(win, "connection", None)
    if watch is not None:
        for c in watch.outbox.cards(win.registry):
            found[c.id] = c
    if win.current_id and win.editor is not None:
        found[win.current_id] = copy.deepcopy(win.editor.card())
    return [found[i] for i in ids if i in found]


def attach(win: MainWindow, live: LiveUpdates | None) -> ConnectionWatch | None:
    return ConnectionWatch(win, live) if live is not None else None
