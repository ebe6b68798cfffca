"""Never lose work: every edit reaches the store at most ~1 s later, one transaction per save.

The editor emits `changed` after each applied edit, and `typing` while text is typed that is not in
the card yet (an open table cell, 기준일, 소요예산); the first of a burst starts a 700 ms timer, later
ones push it back but never past 1 s after that first one. A save first asks the editor to put what
is being typed into the card (commit_drafts); text that is not a value yet stays in its field and
the status bar says so ("저장 안 됨: 기준일 입력 중") — it never says 저장됨 while anything typed is
outside the database. Ctrl+S, switching cards and closing call flush(). A ConflictError (someone
else saved the card on a shared database) stops and asks: keep mine, take theirs, or save mine as a
copy — never a silent overwrite.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.model import Card, new_id

if TYPE_CHECKING:
    from db.store import Store

log = logging.getLogger(__name__)

DELAY_MS = 700
MAX_BEHIND_MS = 1000
RETRY_MS = 5000
Choice = Literal["mine", "theirs", "copy"]


class EditorLike(Protocol):
    def card(self) -> Card: ...
    def set_card(self, card: Card) -> None: ...


def unsaved_text(pending: list[str]) -> str:
    return "저장 안 됨: " + ", ".join(dict.fromkeys(pending))


def ask_conflict(parent: QWidget | None, mine: Card, theirs: Card) -> Choice:
    """The user's choice when someone else saved this card meanwhile (Escape = the safe copy)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("다른 사용자가 저장한 카드")
    when = theirs.updated_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    label = f"{mine.number} {mine.title}".strip() or "이 카드"
    box.setText(f"'{label}' 카드를 다른 사용자가 {when}에 먼저 저장했습니다.")
    box.setInformativeText(
        "내가 고친 내용과 저장된 내용이 다릅니다. 어떻게 할까요?\n\n"
        "· 내 것으로 저장: 다른 사용자가 저장한 내용을 내 내용으로 바꿉니다.\n"
        "· 저장된 것 가져오기: 내가 고친 내용을 버리고 저장된 내용을 엽니다.\n"
        "· 내 것을 사본으로: 저장된 카드는 그대로 두고 내 내용을 새 카드로 저장합니다.")
    mine_b = box.addButton("내 것으로 저장", QMessageBox.ButtonRole.AcceptRole)
    theirs_b = box.addButton("저장된 것 가져오기", QMessageBox.ButtonRole.DestructiveRole)
    copy_b = box.addButton("내 것을 사본으로", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(copy_b)
    box.setEscapeButton(copy_b)
    box.exec()
    clicked = box.clickedButton()
    if clicked is mine_b:
        return "mine"
    if clicked is theirs_b:
        return "theirs"
    return "copy"


def copy_of(card: Card, suffix: str = " (사본)") -> Card:
    """A new card with the same content: new identity, version 1."""
    c = copy.deepcopy(card)
    c.id = new_id()
    c.pledge_id = new_id()
    c.version = 1
    c.title = (card.title + suffix) if suffix else card.title
    return c


class AutoSaver(QObject):
    state_changed = Signal(str, str)  # state: dirty / saved / pending / failed; Korean text for the status bar
    saved = Signal(object)  # the editor's card after a save (version bumped)
    replaced = Signal(object)  # the stored card the editor now shows instead (conflict → theirs)
    copied = Signal(object)  # a new card holding the user's edits (conflict → copy)
    waiting = Signal(object)  # the server is unreachable: this card (as edited) waits to be saved

    def __init__(self, store: Store, editor: EditorLike | None, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._editor = editor
        self._parent = parent
        self._dirty = False
        self._first = 0.0
        self._scheduled = False  # a save (or a look at the typed text) is due
        self._state = ""
        self._pending: list[str] = []  # text typed that is not a value yet (not in the database)
        self._busy = False
        self._saved_at = ""  # time of the last save in this session
        self.ask = ask_conflict  # tests replace this
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self.last_error = ""
        self.read_only = False  # the card shown is in a closed period: nothing is saved (or scheduled)
        # While the server is unreachable (desktop/ui/connection.py sets these): the status text, and
        # whether to wait for the connection watcher's word instead of retrying on a timer.
        self.offline_text: Callable[[], str] = lambda: "연결 끊김 — 저장 대기"
        self.hold_retry: Callable[[], bool] = lambda: False

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def pending(self) -> list[str]:
        """What is being typed that is not in the database ("기준일 입력 중"), as of the last flush."""
        return list(self._pending)

    def set_store(self, store: Store) -> None:
        """Save into another database from now on (the window switched); what was pending is dropped."""
        self.forget()
        self._store = store

    def set_editor(self, editor: EditorLike) -> None:
        self._editor = editor

    def mark_changed(self) -> None:
        """An edit was applied to the card."""
        if self.read_only:
            return
        self._dirty = True
        self._schedule()

    def mark_typing(self) -> None:
        """Text was typed that the card does not have yet: it is unsaved until the next flush takes it."""
        if self.read_only:
            return
        self._schedule()

    def _schedule(self) -> None:
        now = time.monotonic()
        if not self._scheduled:
            self._scheduled = True
            self._first = now
        if self._state != "dirty":
            self._emit("dirty", "변경됨")
        left_ms = (self._first - now) * 1000 + MAX_BEHIND_MS
        self._timer.start(max(0, int(min(DELAY_MS, left_ms))))

    def _emit(self, state: str, text: str) -> None:
        self._state = state
        self.state_changed.emit(state, text)

    def opened(self) -> None:
        """Another card is shown: nothing has been saved or typed in it yet, and the status says nothing."""
        self._pending = []
        self._emit("", "")

    def forget(self) -> None:
        """Drop pending state without saving (the card was replaced or deleted on purpose)."""
        self._dirty = False
        self._scheduled = False
        self._pending = []
        self._timer.stop()

    def _drafts(self) -> list[str]:
        """Ask the editor to put what is being typed into the card (edits → mark_changed)."""
        commit = getattr(self._editor, "commit_drafts", None)
        if commit is None:
            return []
        try:
            return list(commit())
        except Exception:  # a bug here must not stop the save of what the card already has
            log.exception("typed text not taken")
            return ["입력 중인 내용"]

    def flush(self) -> bool:
        """Save pending edits now, with the text being typed. True when nothing is left unsaved."""
        self._timer.stop()
        if self._editor is None or self.read_only:
            return True
        if self._busy:  # inside the conflict dialog: that path saves
            return not self._dirty
        was_pending = bool(self._pending) or self._state == "dirty"
        self._pending = self._drafts()
        self._timer.stop()  # taking the drafts restarted it
        self._scheduled = False
        if not self._dirty:
            if self._pending:
                self._emit("pending", unsaved_text(self._pending))
            elif was_pending and self._state != "failed":
                self._emit("saved", "저장됨" + self._last_saved())
            return not self._pending
        from db.errors import ConnectionLostError
        from db.store import ConflictError, StoreError

        self._busy = True
        card = self._editor.card()
        try:
            try:
                stored = self._store.save(card)
            except ConflictError:
                return self._resolve(card)
            self._after_save(card, stored)
            return not self._pending
        except ConnectionLostError as exc:
            self._offline(card, str(exc))
            return False
        except StoreError as exc:
            self._failed(str(exc))
            return False
        except Exception as exc:  # a bug must not lose the edit: keep it pending and say so
            log.exception("autosave failed")
            self._failed(f"예상하지 못한 오류 ({type(exc).__name__})")
            return False
        finally:
            self._busy = False

    def _last_saved(self) -> str:
        return f" {self._saved_at}" if self._saved_at else ""

    def _after_save(self, card: Card, stored: Card) -> None:
        card.version = stored.version
        card.updated_at = stored.updated_at
        self._dirty = False
        self.last_error = ""
        self._saved_at = time.strftime("%H:%M:%S")
        if self._pending:  # the card is saved, but not what is still being typed
            self._emit("pending", unsaved_text(self._pending))
        else:
            self._emit("saved", "저장됨 " + self._saved_at)
        self.saved.emit(card)

    def _failed(self, message: str) -> None:
        self.last_error = message
        self._emit("failed", f"저장하지 못함: {message}")
        self._timer.start(RETRY_MS)

    def _offline(self, card: Card, message: str) -> None:
        """The server is gone: the edit stays pending (and is kept on disk by whoever hears `waiting`)."""
        self.last_error = message
        self.waiting.emit(card)
        self._emit("offline", self.offline_text())
        if not self.hold_retry():
            self._timer.start(RETRY_MS)

    def _resolve(self, mine: Card) -> bool:
        theirs = self._store.get(mine.id)
        choice = self.ask(self._parent, mine, theirs)
        if choice == "mine":
            mine.version = theirs.version
            stored = self._store.save(mine)
            self._after_save(mine, stored)
            return True
        if choice == "copy":
            added = self._store.add(copy_of(mine, " (내 사본)"))
            self._dirty = False
            self._editor.set_card(theirs)
            self.replaced.emit(theirs)
            self.copied.emit(added)
            self._emit("saved", "사본으로 저장됨 " + time.strftime("%H:%M:%S"))
            return True
        self._dirty = False
        self._editor.set_card(theirs)
        self.replaced.emit(theirs)
        self._emit("saved", "저장된 내용을 열었습니다")
        return True
