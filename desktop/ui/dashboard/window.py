"""The dashboard in the main window: a 카드 | 대시보드 tab bar over the right side, the dashboard kept
up to date with the list (the period shown, saves, imports), its numbers clicking through to the card
list (filtered to those cards, with a "대시보드에서: …" chip and a way back), and its two actions —
이행 현황 보고서 (PDF) and 공개용 내보내기 (a folder of static pages) — run off the GUI thread."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QTabBar

from desktop.ui.actions import make_action

if TYPE_CHECKING:
    from desktop.core.overview import Prepared
    from desktop.ui.dashboard.loader import DashboardLoader
    from desktop.ui.dashboard.panel import DashboardPanel
    from desktop.ui.mainwindow import MainWindow

CARD_TAB, DASH_TAB = 0, 1
REFRESH_MS = 400  # after a save or an import, the dashboard is prepared again once things settle


class Dashboard(QObject):
    def __init__(self, win: MainWindow, right: QBoxLayout) -> None:
        super().__init__(win)
        self.win = win
        self._panel: DashboardPanel | None = None  # made when first shown (it imports the charts)
        self._loader: DashboardLoader | None = None
        self.tabs = QTabBar()
        self.tabs.setObjectName("viewTabs")
        self.tabs.addTab("카드")
        self.tabs.addTab("대시보드")
        self.tabs.setTabToolTip(DASH_TAB, "기관 전체의 추진상황·재정·변동을 한눈에 봅니다 (Ctrl+2)")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        right.insertWidget(0, self.tabs)
        self.stale = True
        self.loaded_period: date | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._load_if_shown)
        self.tabs.currentChanged.connect(self._tab)
        win.stack.currentChanged.connect(self._stack)
        model = win.list.model
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            sig.connect(self._changed)
        win.list.view.clicked.connect(self._list_clicked)
        win.list.back_to_dashboard.connect(self.show)

    @property
    def panel(self) -> DashboardPanel:
        if self._panel is None:
            from desktop.ui.dashboard.panel import DashboardPanel

            win = self.win
            p = self._panel = DashboardPanel({n: t.label for n, t in win.registry.templates.items()})
            win.stack.addWidget(p)
            p.cards_chosen.connect(self.show_cards)
            p.period_chosen.connect(self._choose_period)
            p.report_requested.connect(lambda: self._export("report"))
            p.site_requested.connect(lambda: self._export("site"))
        return self._panel

    @property
    def loader(self) -> DashboardLoader:
        if self._loader is None:
            from desktop.ui.dashboard.loader import DashboardLoader

            self._loader = DashboardLoader(self.win.store, self.win.registry, self)
            self._loader.ready.connect(self._prepared)
            self._loader.failed.connect(lambda text: self.panel.set_loading(text))
            self._loader.progress.connect(lambda done, total: self.panel.set_progress(done, total))
        return self._loader

    def build_menu(self) -> None:
        """보기 menu: 카드 / 대시보드, and the overview's two exports."""
        win = self.win

        def act(text: str, slot: Any, shortcut: str = "", tip: str = "") -> QAction:
            return make_action(win, text, slot, shortcut, tip)

        self.act_cards = act("카드", lambda: self.tabs.setCurrentIndex(CARD_TAB), "Ctrl+1")
        self.act_dashboard = act("대시보드", self.show, "Ctrl+2", "기관 전체의 이행 현황을 봅니다")
        self.act_report = act("이행 현황 보고서 저장…", lambda: self._export("report"), "",
                              "이행 현황 보고서(PDF, A4)를 대시보드의 조건으로 저장합니다")
        self.act_site = act("공개용 내보내기…", lambda: self._export("site"), "",
                            "홈페이지에 올릴 정적 웹 페이지 폴더를 만듭니다")
        m = win.menuBar().addMenu("보기(&V)")
        for a in (self.act_cards, self.act_dashboard, None, self.act_report, self.act_site):
            m.addSeparator() if a is None else m.addAction(a)
        self.menu = m

    # ------------------------------------------------------------ showing
    def show(self) -> None:
        self.tabs.setCurrentIndex(DASH_TAB)

    @property
    def shown(self) -> bool:
        return self._panel is not None and self.win.stack.currentWidget() is self._panel

    def _tab(self, index: int) -> None:
        win = self.win
        if index == DASH_TAB:
            win.stack.setCurrentWidget(self.panel)
            self._load_if_shown()
        elif self.shown:
            win.stack.setCurrentWidget(win.editor if win.current_id and win.editor is not None else win.placeholder)

    def _stack(self, _index: int) -> None:
        want = DASH_TAB if self.shown else CARD_TAB
        if self.tabs.currentIndex() != want:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(want)
            self.tabs.blockSignals(False)

    def _list_clicked(self) -> None:
        """A click on the list while the dashboard shows: the card it points at, in the form."""
        if self.shown and self.win.current_id:
            self.tabs.setCurrentIndex(CARD_TAB)

    # ------------------------------------------------------------ loading
    def _changed(self, *_: object) -> None:
        self.stale = True
        if self.shown:
            self._timer.start()

    def _load_if_shown(self) -> None:
        if self.shown and (self.stale or self.loaded_period != self.win.period):
            self.load()

    def load(self) -> None:
        """Prepare the period the list shows (in a worker); the panel shows it when ready."""
        win = self.win
        self.stale = False
        self.loaded_period = win.period
        self._periods()
        if self.panel.prepared is None:
            self.panel.set_loading("카드를 읽는 중…", busy=True)
            if self.shown:  # painted before the bodies are read (the first show after start-up)
                self.panel.repaint()
        self.loader.request(list(win.list.model.rows), win.period)

    def _periods(self) -> None:
        box = self.win.list.period_box
        self.panel.set_periods([(box.itemText(i), str(box.itemData(i) or "")) for i in range(box.count())],
                               self.win.period)

    def prefetch(self) -> None:
        """After start-up: prepare the current period before the dashboard is first asked for."""
        if self.prepared is None and (self._loader is None or not self._loader.busy):
            self.load()

    @property
    def prepared(self) -> Prepared | None:
        return self._panel.prepared if self._panel is not None else None

    def _prepared(self, prepared: Prepared) -> None:
        self.panel.set_prepared(prepared)

    def _choose_period(self, d: date | None) -> None:
        self.win.choose_period(d)  # the list shows that period (and opens its first card in the form)
        self.show()  # the user is on the dashboard: stay there
        self._load_if_shown()
        self._periods()  # refused (an unsaved edit): the selector shows the list's period again

    # ------------------------------------------------------------ click-through
    def show_cards(self, label: str, ids: list[str]) -> None:
        """The card list shows exactly these cards, under a chip saying where they came from."""
        self.win.list.show_ids(label, ids)

    # ------------------------------------------------------------ exports
    def _export(self, kind: str) -> None:
        from desktop.ui.dashboard.exports import save_report, save_site

        (save_report if kind == "report" else save_site)(self.win, self.panel.current_filter())


def install(win: MainWindow, right: QBoxLayout) -> Dashboard:
    return Dashboard(win, right)
