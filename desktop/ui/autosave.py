"""Never lose work: every edit reaches the store at most ~1 s later, one transaction per save.

The editor emits `changed` after each applied edit; the first change of a burst starts a 700 ms
timer, later changes push it back but never past 1 s after that first change. Ctrl+S, switching
cards and closing call flush(). A ConflictError (someone else saved the card on a shared database)
stops and asks: keep mine, take theirs, or save mine as a copy — never a silent overwrite.
"""

from __future__ import annotations

import copy
import logging
import time
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
    state_changed = Signal(str, str)  # state: dirty / saved / failed; Korean text for the status bar
    saved = Signal(object)  # the editor's card after a save (version bumped)
    replaced = Signal(object)  # the stored card the editor now shows instead (conflict → theirs)
    copied = Signal(object)  # a new card holding the user's edits (conflict → copy)

    def __init__(self, store: Store, editor: EditorLike | None, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._editor = editor
        self._parent = parent
        self._dirty = False
        self._first = 0.0
        self._busy = False
        self.ask = ask_conflict  # tests replace this
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self.last_error = ""

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_editor(self, editor: EditorLike) -> None:
        self._editor = editor

    def mark_changed(self) -> None:
        now = time.monotonic()
        if not self._dirty:
            self._dirty = True
            self._first = now
            self.state_changed.emit("dirty", "변경됨")
        left_ms = (self._first - now) * 1000 + MAX_BEHIND_MS
        self._timer.start(max(0, int(min(DELAY_MS, left_ms))))

    def forget(self) -> None:
        """Drop pending state without saving (the card was replaced or deleted on purpose)."""
        self._dirty = False
        self._timer.stop()

    def flush(self) -> bool:
        """Save pending edits now. True when nothing is left unsaved."""
        self._timer.stop()
        if not self._dirty or self._editor is None:
            return True
        if self._busy:  # inside the conflict dialog: that path saves
            return False
        from db.store import ConflictError, StoreError

        self._busy = True
        card = self._editor.card()
        try:
            try:
                stored = self._store.save(card)
            except ConflictError:
                return self._resolve(card)
            self._after_save(card, stored)
            return True
        except StoreError as exc:
            self._failed(str(exc))
            return False
        except Exception as exc:  # a bug must not lose the edit: keep it pending and say so
            log.exception("autosave failed")
            self._failed(f"예상하지 못한 오류 ({type(exc).__name__})")
            return False
        finally:
            self._busy = False

    def _after_save(self, card: Card, stored: Card) -> None:
        card.version = stored.version
        card.updated_at = stored.updated_at
        self._dirty = False
        self.last_error = ""
        self.state_changed.emit("saved", "저장됨 " + time.strftime("%H:%M:%S"))
        self.saved.emit(card)

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.state_changed.emit("failed", f"저장하지 못함: {message}")
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
            self.state_changed.emit("saved", "사본으로 저장됨 " + time.strftime("%H:%M:%S"))
            return True
        self._dirty = False
        self._editor.set_card(theirs)
        self.replaced.emit(theirs)
        self.state_changed.emit("saved", "저장된 내용을 열었습니다")
        return True
