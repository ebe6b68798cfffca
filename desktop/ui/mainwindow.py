"""The main window: the card list beside the card form, menus, status bar, autosave.

The form itself (desktop.ui.editor.CardEditor) belongs to the form code; this window hands it a
card, docks its problems list, binds its undo stack to 편집 menu actions and saves what it reports
changed (autosave.py). File menu flows live in transfer.py and backup.py.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Card
from desktop.core.templates import TemplateRegistry
from desktop.ui.actions import make_action
from desktop.ui.autosave import AutoSaver
from desktop.ui.cardactions import CardActions
from desktop.ui.cardlist import summary_of
from desktop.ui.cardpanel import CardListPanel
from desktop.ui.geometry import decode as _unb64
from desktop.ui.geometry import encode as _b64
from desktop.ui.geometry import place
from desktop.ui.officerdialog import OfficerActions
from desktop.ui.periodactions import PeriodActions
from desktop.ui.settings import Settings, save_settings

if TYPE_CHECKING:
    from db.store import Store
    from desktop.ui.editor import CardEditor

log = logging.getLogger(__name__)
APP_TITLE = "공약카드"


def _flow(module: str, name: str, win: MainWindow) -> Any:
    """A File-menu flow, imported when first used (they pull in workers, dialogs, file formats)."""
    import importlib

    return getattr(importlib.import_module(f"desktop.ui.{module}"), name)(win)


def _sizes(value: Any) -> list[int] | None:
    if isinstance(value, list) and value and all(isinstance(v, int) and v >= 0 for v in value):
        return value
    return None


class MainWindow(PeriodActions, OfficerActions, CardActions, QMainWindow):
    card_opened = Signal(str)  # id of the card now in the editor (tests and the driver wait on it)

    def __init__(self, store: Store, registry: TemplateRegistry, settings: Settings, *,
                 editor: CardEditor | QWidget | None = None) -> None:
        super().__init__()
        self.store = store
        self.registry = registry
        self.settings = settings
        # The form is made when the first card opens (start-up shows the list first); tests pass one.
        self.editor: Any = None
        self.saver = AutoSaver(store, None, self)
        self.tasks: list[Any] = []  # running workers, kept alive until done
        self.current_id = ""
        self.counts = (0, 0)
        self.period: date | None = None  # the period the list shows: None = the current one
        self.closed_periods: set[date] = set()
        self.read_only = False  # the card shown is in a closed period
        self.use_officer()  # who the history names: 이름 and 부서 from the settings
        self._undo = QUndoGroup(self)
        self.setWindowTitle(APP_TITLE)
        self._build()
        self._build_actions()
        self._connect()
        if editor is not None:
            self._attach(editor)
        from desktop.ui import connection, live

        self.live = live.attach(self)  # a shared database: others' saves shown, connection loss survived
        self.connection = connection.attach(self, self.live)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        labels = {n: t.label for n, t in self.registry.templates.items()}
        self.list = CardListPanel(labels)
        self.list.model.templates = self.registry.templates  # headers in the cards' own words
        problems = QWidget()
        pl = QVBoxLayout(problems)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(2)
        title = QLabel("문제 목록")
        title.setObjectName("panelTitle")
        pl.addWidget(title)
        pl.addStretch(1)  # the form's problems list goes here (_attach)
        self._problems_layout = pl
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(self.list)
        self.left.addWidget(problems)
        self.left.setStretchFactor(0, 1)
        self.left.setChildrenCollapsible(False)

        self.placeholder = QLabel("왼쪽 목록에서 카드를 고르거나 새 카드를 만드세요 (Ctrl+N).")
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(4)
        rl.addWidget(self._build_period_banner())
        from desktop.ui.permissionbar import PermissionBar

        self.permission_bar = PermissionBar()  # another department's card: read-only, and why
        rl.addWidget(self.permission_bar)
        rl.addWidget(self.stack, 1)
        from desktop.ui.dashboard.window import install

        self.dashboard = install(self, rl)  # 카드 | 대시보드 tabs over the right side

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.banner = QFrame()
        self.banner.setObjectName("offerBanner")
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(12, 6, 8, 6)
        self.banner_text = QLabel()
        self.banner_yes = QPushButton("예시 카드 불러오기")
        self.banner_no = QPushButton("닫기")
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_yes)
        bl.addWidget(self.banner_no)
        self.banner.hide()

        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(8, 8, 8, 4)
        cl.setSpacing(6)
        cl.addWidget(self.banner)
        cl.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.findings_label = QLabel()
        self.findings_label.setObjectName("findingsLabel")
        self.save_label = QLabel()
        self.save_label.setObjectName("saveLabel")
        self.statusBar().addPermanentWidget(self.findings_label)
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().setSizeGripEnabled(False)
        self._show_counts(0, 0)

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        return make_action(self, text, slot, shortcut, tip)

    def _flow_slot(self, module: str, name: str) -> Any:
        return lambda: _flow(module, name, self)

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_new = self._action("새 카드", self.new_card, K.New, "기본 템플릿으로 새 카드를 만듭니다")
        self.act_new_pick = self._action("새 카드 (템플릿 고르기)…", lambda: self.new_card(ask=True))
        self.act_duplicate = self._action("복제", self.duplicate_card, "Ctrl+D", "지금 카드를 복사해 새 카드로")
        self.act_delete = self._action("삭제 (휴지통으로)", self.delete_cards, K.Delete)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list.view.addAction(self.act_delete)
        self.act_save = self._action("저장", self.save_now, K.Save, "지금 바로 저장합니다 (평소에는 자동 저장)")
        self.act_import = self._action("가져오기 (.json, .xlsx, .hwpx, .hwp, .txt)…",
                                       self._flow_slot("transfer", "import_files"), K.Open)
        self.act_paste_cards = self._action("붙여넣어 카드 만들기", self._flow_slot("pastecards", "paste_cards"),
                                            "Ctrl+Shift+V", "한글에서 복사한 카드 글로 카드를 만듭니다")
        self.act_export = self._action("카드 파일로 내보내기 (.json)…", self._flow_slot("transfer", "export_cardfile"))
        self.act_xlsx = self._action("엑셀로 내보내기 (.xlsx)…", self._flow_slot("transfer", "export_excel"))
        self.act_handout = self._action("부서별로 나눠 보내기…", self._flow_slot("deptround", "handout_to_folder"),
                                        None, "주관부서마다 카드 파일과 엑셀 통합문서를 한 폴더에 씁니다")
        self.act_collect = self._action("돌려받은 파일 모으기…", self._flow_slot("deptround", "collect_from_folder"),
                                        None, "부서에서 돌려받은 파일을 세 갈래로 병합해 가져오고 부서마다 알립니다")
        self.act_print = self._action("PDF/인쇄…", self.print_card, K.Print, "지금 카드를 미리 보고 인쇄합니다")
        self.act_book = self._action("책자 PDF…", self._flow_slot("transfer", "export_book"))
        self.act_trash = self._action("휴지통…", self.show_trash)
        self.act_backup = self._action("백업 만들기", self._flow_slot("backup", "make_backup"))
        self.act_restore = self._action("백업에서 복원…", self._flow_slot("backup", "restore_backup"))
        self.act_settings = self._action("설정…", self.show_settings, K.Preferences)
        self.act_server = self._action("데이터베이스 서버에 연결…", self._flow_slot("connectdialog", "connect_window"),
                                       None, "사무실의 PostgreSQL 서버에 로그인해 함께 씁니다")
        self.act_officer = self._action("내 정보 (이름·부서)…", self.edit_officer, None,
                                        "카드 기록에 남을 내 이름과 부서")
        self.act_quit = self._action("끝내기", self.close, "Ctrl+Q")  # StandardKey.Quit is empty on Windows
        self.act_find = self._action("찾기", self.list.focus_search, K.Find)

        self.act_undo = self._undo.createUndoAction(self, "실행 취소")
        self.act_undo.setShortcut(QKeySequence(K.Undo))
        self.act_redo = self._undo.createRedoAction(self, "다시 실행")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(K.Redo)])

        m = self.menuBar().addMenu("파일(&F)")
        for a in (self.act_new, self.act_new_pick, self.act_duplicate, self.act_delete, None, self.act_save, None,
                  self.act_import, self.act_paste_cards, self.act_export, self.act_xlsx, None,
                  self.act_handout, self.act_collect, None,
                  self.act_print, self.act_book, None,
                  self.act_trash, self.act_backup, self.act_restore, None, self.act_settings, self.act_server,
                  self.act_officer, None,
                  self.act_quit):
            m.addSeparator() if a is None else m.addAction(a)
        e = self.menuBar().addMenu("편집(&E)")
        for a in (self.act_undo, self.act_redo, None, self.act_find):
            e.addSeparator() if a is None else e.addAction(a)
        self._build_period_menu()
        self.dashboard.build_menu()
        h = self.menuBar().addMenu("도움말(&H)")
        h.addAction(self._action("정보", self.show_about))
        self._card_actions = [self.act_duplicate, self.act_delete, self.act_print, self.act_save, self.act_history,
                              self.act_compare]
        self._update_actions()

    def _connect(self) -> None:
        self.list.card_activated.connect(self.open_card)
        self.list.period_chosen.connect(self.choose_period)
        self.saver.state_changed.connect(self._on_save_state)
        self.saver.saved.connect(self._on_saved)
        self.saver.replaced.connect(self._on_replaced)
        self.saver.copied.connect(self._on_copied)
        self.banner_yes.clicked.connect(self.load_samples)
        self.banner_no.clicked.connect(self._dismiss_banner)

    def _attach(self, editor: Any) -> None:
        self.editor = editor
        self.saver.set_editor(editor)
        problems = editor.problems_widget()
        pl = self._problems_layout
        pl.removeItem(pl.itemAt(pl.count() - 1))  # the stretch holding its place
        pl.addWidget(problems, 1)
        problems.setVisible(True)  # the form keeps it hidden until it is placed
        self.stack.addWidget(editor)
        editor.changed.connect(self.saver.mark_changed)
        if hasattr(editor, "typing"):  # text typed into an open cell or field: saved within a second
            editor.typing.connect(self.saver.mark_typing)
        if hasattr(editor, "notice"):
            editor.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        editor.findings_changed.connect(self._on_findings)
        if hasattr(editor, "document_cards"):
            editor.document_cards = self._document_cards

    def _document_cards(self, card: Any) -> list[Any]:
        """The stored cards of `card`'s document (one 기관, 기준일 and 분야): its relations across cards."""
        from desktop.core.checks.cross import document_key
        from desktop.core.model import area_of_number

        key = document_key(card)
        ids = [s.id for s in self.store.summaries() if s.id != card.id and s.base_date == card.base_date
               and " ".join(s.org.split()) == key[0] and area_of_number(s.number) == key[2]]
        return [c for c in self.store.cards(ids) if document_key(c) == key] if ids else []

    def ensure_editor(self) -> Any:
        """The card form, made on first use (importing it is a good part of start-up)."""
        if self.editor is None:
            from desktop.ui.editor import CardEditor

            self._attach(CardEditor(self.registry))
        return self.editor

    # ------------------------------------------------------------ list and editor
    def reload_list(self, select: str = "") -> None:
        periods = self.store.periods()
        if self.period is not None and all(p.base_date != self.period for p in periods):
            self.period = None  # that period has no cards any more
        self.closed_periods = {p.base_date for p in periods if p.state == "closed"}
        self.list.set_periods(periods, self.period)
        self.list.set_summaries(self.store.period_summaries(self.period))
        target = select or self.current_id
        if target and self.list.select_id(target):
            return
        first = self.list.first_id()
        if first:
            self.list.select_id(first)
        else:
            self._show_nothing()

    def open_card(self, card_id: str) -> bool:
        if card_id == self.current_id:
            return True
        if not self.commit_pending():
            QMessageBox.warning(self, APP_TITLE, "지금 카드의 변경 내용을 저장하지 못해 다른 카드를 열지 않았습니다."
                                f"\n\n{self.saver.last_error}")
            if self.current_id:
                self.list.select_id(self.current_id)
            return False
        from db.store import StoreError

        try:
            card = self.store.get(card_id)
        except StoreError as exc:
            QMessageBox.critical(self, APP_TITLE, str(exc))
            return False
        self._show_card(card)
        return True

    def _show_card(self, card: Card) -> None:
        s = self.list.model.summary(card.id)
        self.current_id = card.id
        self._show_counts(*((s.errors, s.warnings) if s else (0, 0)))
        self.ensure_editor()
        self.apply_period(card)  # a closed period's card opens read-only, visibly
        self.editor.set_card(card)
        stack = self.editor.undo_stack()
        if stack not in self._undo.stacks():
            self._undo.addStack(stack)
        self._undo.setActiveStack(stack)
        self.stack.setCurrentWidget(self.editor)
        self.saver.opened()  # nothing saved yet in this card: say nothing rather than an old time
        self._set_title(card)
        self._update_actions()
        self.card_opened.emit(card.id)

    def _show_nothing(self) -> None:
        self.current_id = ""
        self.apply_period(None)
        self.stack.setCurrentWidget(self.placeholder)
        self._undo.setActiveStack(None)
        self._show_counts(0, 0)
        self.setWindowTitle(APP_TITLE)
        self._update_actions()

    def _set_title(self, card: Card) -> None:
        name = " ".join(x for x in (card.number, card.title) if x) or "(제목 없음)"
        self.setWindowTitle(f"{name} — {APP_TITLE}")

    def _update_actions(self) -> None:
        for a in self._card_actions:
            a.setEnabled(bool(self.current_id) and not (a is self.act_save and self.read_only))

    # ------------------------------------------------------------ saving
    def commit_pending(self) -> bool:
        """Let the focused field commit what is typed, then save. True when nothing is left unsaved."""
        w = QApplication.focusWidget()
        if w is not None and self.editor is not None and self.editor.isAncestorOf(w):
            w.clearFocus()  # editingFinished / commitData → the editor applies the edit → changed
            if shiboken6.isValid(w):  # a cell editor closes (and goes) when it commits
                w.setFocus(Qt.FocusReason.OtherFocusReason)
        return bool(self.saver.flush())

    def save_now(self) -> None:
        if self.commit_pending():
            self.statusBar().showMessage("저장했습니다.", 3000)

    def _on_findings(self, errors: int, warnings: int) -> None:
        self._show_counts(errors, warnings)
        s = self.list.model.summary(self.current_id)
        if s is not None and (s.errors, s.warnings) != (errors, warnings):
            self.list.upsert(dataclasses.replace(s, errors=errors, warnings=warnings))

    def _show_counts(self, errors: int, warnings: int) -> None:
        self.counts = (errors, warnings)
        lab = self.findings_label
        lab.setText(f"오류 {errors} · 경고 {warnings}")
        lab.setProperty("level", "error" if errors else "warning" if warnings else "")
        lab.style().unpolish(lab)
        lab.style().polish(lab)

    def _on_save_state(self, state: str, text: str) -> None:
        lab = self.save_label
        lab.setText(text)
        lab.setProperty("state", state)
        lab.style().unpolish(lab)
        lab.style().polish(lab)

    def _on_saved(self, card: Card) -> None:
        self.list.upsert(summary_of(card, *self.counts))
        if card.id == self.current_id:
            self._set_title(card)

    def _on_replaced(self, card: Card) -> None:
        self.list.upsert(summary_of(card, *self.counts))

    def _on_copied(self, card: Card) -> None:
        self.list.upsert(summary_of(card, *self.counts))
        self.list.select_id(card.id)

    # ------------------------------------------------------------ window state
    def save_window_state(self) -> None:
        self.settings.window = {
            **self.settings.window,  # the print preview's size lives here too
            "geometry": _b64(self.saveGeometry()),
            "main_splitter": self.splitter.sizes(),
            "left_splitter": self.left.sizes(),
            "list_header": _b64(self.list.view.horizontalHeader().saveState()),
            "selected": self.current_id,
        }
        save_settings(self.settings)

    def restore_window_state(self) -> str:
        """Geometry and splitters as last closed; returns the card id that was selected."""
        w = self.settings.window
        place(self, QSize(1280, 800), w.get("geometry"))  # as last closed if it fits the screen, else fitted
        self.splitter.setSizes(_sizes(w.get("main_splitter")) or [500, 780])
        self.left.setSizes(_sizes(w.get("left_splitter")) or [560, 150])
        hdr = _unb64(w.get("list_header"))
        if hdr is not None:
            self.list.view.horizontalHeader().restoreState(hdr)
        sel = w.get("selected")
        return sel if isinstance(sel, str) else ""

    def start(self, select: str = "", *, defer_open: bool = False) -> None:
        """Fill the list, restore layout and selection (or select `select`), then the quiet chores.

        defer_open: the selected card opens in the form on the first event-loop turn, after the window
        with its list has been shown (the program's start; tests and screenshots open it at once).
        """
        selected = self.restore_window_state()
        if defer_open:
            self.list.card_activated.disconnect(self.open_card)
        try:
            self.reload_list(select=select or selected)
        finally:
            if defer_open:
                self.list.card_activated.connect(self.open_card)
                first = self.list.current_id()
                if first:
                    QTimer.singleShot(0, lambda: self.open_card(first))
        self.list.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.offer_samples()
        QTimer.singleShot(1500, self.daily_backup)

    def _kept_offline(self) -> bool:
        """The server is gone and the open card's edits wait on this PC (desktop/ui/connection.py)."""
        return self.connection is not None and self.connection.kept(self.current_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.commit_pending() and not self._kept_offline() and not _flow("transfer", "rescue_unsaved", self):
            event.ignore()
            return
        if self.live is not None:
            self.live.stop()
        try:
            self.save_window_state()
        except OSError:
            log.exception("window state not saved")
        event.accept()
