"""The dashboard widget: filters (기간, 분야, 부서, 양식), then the overview's sections — 추진상황 with the
template's grouping, the evaluators' rates with their definitions and the counts behind them, 재정 by
source meaning, 진도, 분야·부서 × 추진상황, changes since the previous period, 오류/경고 — each a table
whose numbers click through to their cards, with the report's charts beside them.

It shows a Prepared period (desktop/core/overview.py): re-filtering is the core's aggregation and
filling a few small tables, no database read. The window (window.py) loads the period and handles the
clicks (the card list filtered to the cards, with a chip).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dates import fmt_date
from desktop.core.overview import SCOPE_NAMES, Cross, Filter, Overview, Prepared
from desktop.core.overview_text import SHOWN_SCOPES, as_of, money, rate_text
from desktop.ui import combos
from desktop.ui.dashboard.chartview import ChartView
from desktop.ui.dashboard.tables import ALL_COLUMNS, NUMBERS, CountTable, count_item, text_item

ALL = ""


def share(n: int, total: int) -> str:
    return "-" if not total or not n else f"{n * 100 / total:.1f}%"


class DashboardPanel(QWidget):
    cards_chosen = Signal(str, list)  # chip label, card ids
    period_chosen = Signal(object)  # a 기준일 (date) or None for the current period
    report_requested = Signal()
    site_requested = Signal()

    def __init__(self, template_labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.template_labels = template_labels
        self.prepared: Prepared | None = None
        self.overview: Overview | None = None
        self._overviews: dict[Filter, Overview] = {}  # of `prepared`: choosing a filter again costs nothing
        self.tables: dict[str, CountTable] = {}
        self.charts: dict[str, ChartView] = {}
        self._charts_due = False

        self.title = QLabel("공약 이행 현황")
        self.title.setObjectName("dashTitle")
        self.as_of = QLabel()
        self.as_of.setObjectName("mutedLabel")
        self.report_button = QPushButton("보고서 저장…")
        self.report_button.setToolTip("이행 현황 보고서(PDF, A4)를 지금 보이는 조건으로 저장합니다")
        self.report_button.clicked.connect(self.report_requested)
        self.site_button = QPushButton("공개용 내보내기…")
        self.site_button.setToolTip("홈페이지에 올릴 정적 웹 페이지 폴더를 만듭니다 (요약, 도표, 카드마다 한 쪽)")
        self.site_button.clicked.connect(self.site_requested)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.as_of)
        head.addLayout(titles, 1)
        head.addWidget(self.report_button)
        head.addWidget(self.site_button)

        self.period_box = self._combo("현재 기준일", self._on_period)
        self.period_box.setMinimumContentsLength(14)
        self.area_box = self._combo("모든 분야", self.refresh)
        self.dept_box = self._combo("모든 부서", self.refresh)
        self.template_box = self._combo("모든 양식", self.refresh)
        self.clear_button = QPushButton("조건 지우기")
        self.clear_button.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        for text, box in (("기간", self.period_box), ("분야", self.area_box), ("부서", self.dept_box),
                          ("양식", self.template_box)):
            lab = QLabel(text)
            lab.setObjectName("mutedLabel")
            filters.addWidget(lab)
            filters.addWidget(box, 1)
        filters.addWidget(self.clear_button)

        self.state = QLabel("카드를 읽는 중…")
        self.state.setObjectName("dashState")
        self.state.setWordWrap(True)
        self.state.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.progress = QProgressBar()  # reading a period never prepared (the first show after start-up)
        self.progress.setObjectName("dashProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(360)
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.setVisible(False)

        body = QWidget()
        body.setObjectName("dashBody")
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(4, 4, 12, 12)
        self.body.setSpacing(6)
        self._sections()
        self.body.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("dashScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.scroll_area = scroll
        scroll.setVisible(False)  # until the first numbers (set_prepared)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addLayout(head)
        lay.addLayout(filters)
        lay.addWidget(self.state)
        lay.addWidget(self.progress)
        lay.addWidget(scroll, 1)
        lay.addStretch(0)  # the state line and the progress stay at the top while there are no numbers

    def _combo(self, all_label: str, slot: object) -> QComboBox:
        box = QComboBox()
        box.addItem(all_label, ALL)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(5)
        box.currentIndexChanged.connect(lambda _i: slot())  # type: ignore[operator]
        return box

    # ------------------------------------------------------------ sections
    def _heading(self, text: str) -> QLabel:
        lab = QLabel(text)
        lab.setObjectName("dashHeading")
        self.body.addWidget(lab)
        return lab

    def _table(self, name: str, stretch: int = 0) -> CountTable:
        t = CountTable(stretch=stretch)
        t.setObjectName(name)
        t.cards_chosen.connect(self.cards_chosen)
        self.tables[name] = t
        self.body.addWidget(t)
        return t

    def _chart(self, name: str, make: str) -> ChartView:
        c = ChartView(make, name)
        self.charts[name] = c
        self.body.addWidget(c)
        return c

    def _note(self) -> QLabel:
        lab = QLabel()
        lab.setObjectName("dashNote")
        lab.setWordWrap(True)
        self.body.addWidget(lab)
        return lab

    def _sections(self) -> None:
        self._heading("추진상황")
        self._table("statusTable", stretch=4)
        self._table("groupTable", stretch=1)
        self._chart("statusChart", "status_bars")
        self._chart("groupChart", "group_donut")
        self._heading("이행률과 재정 비율 (평가 기준의 정의)")
        self._table("rateTable", stretch=6)
        self.rate_note = self._note()
        self.finance_heading = self._heading("재정 현황")
        self._table("financeTable", stretch=NUMBERS)
        self.finance_note = self._note()
        self._chart("financeChart", "finance_bars")
        self._heading("진도 분포")
        self._table("progressTable", stretch=ALL_COLUMNS)
        self._chart("progressChart", "progress_bars")
        self._heading("분야별 추진상황")
        self._table("areaTable", stretch=NUMBERS)
        self._chart("areaChart", "area_stacked")
        self._heading("부서별 추진상황")
        self._table("deptTable", stretch=NUMBERS)
        self.changes_heading = self._heading("지난 기준일 이후 달라진 것")
        self._table("changesTable", stretch=1)
        self._heading("오류·경고가 있는 카드")
        self._table("issueTable", stretch=2)

    # ------------------------------------------------------------ content
    def set_periods(self, items: list[tuple[str, str]], selected: date | None) -> None:
        """The period selector's entries: (label, ISO 기준일 or "" for the current period)."""
        box = self.period_box
        box.blockSignals(True)
        box.clear()
        for label, iso in items:
            box.addItem(label, iso)
        i = box.findData(selected.isoformat()) if selected is not None else 0
        box.setCurrentIndex(max(i, 0))
        box.setEnabled(len(items) > 1)
        box.blockSignals(False)

    def set_loading(self, text: str, busy: bool = False) -> None:
        """The state line over the numbers ("" hides it); `busy`: with a progress bar (nothing shown yet)."""
        self.state.setText(text)
        self.state.setVisible(bool(text))
        self.progress.setVisible(busy and self.prepared is None)
        if busy:
            self.progress.setRange(0, 0)
        self.scroll_area.setVisible(self.prepared is not None)  # no empty tables before the first numbers

    def set_progress(self, done: int, total: int) -> None:
        """The worker's report while a period is read for the first time (the numbers shown meanwhile,
        after a save, stay as they are: no progress over them)."""
        if self.prepared is not None or total < 1:
            return
        self.progress.setVisible(True)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.state.setVisible(True)
        self.state.setText(f"카드 {total:,}장을 읽는 중… {done:,}장" if done < total
                           else f"카드 {total:,}장의 현황을 계산하는 중…")

    def set_prepared(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self._overviews = {}
        labels = self.template_labels
        for box, values, names in ((self.area_box, prepared.areas(), {}), (self.dept_box, prepared.depts(), {}),
                                   (self.template_box, prepared.templates(), labels)):
            combos.refill(box, values, names)
        self.set_loading("")
        self.refresh()

    def current_filter(self) -> Filter:
        def one(box: QComboBox) -> frozenset[str] | None:
            v = box.currentData()
            return frozenset({v}) if isinstance(v, str) and v else None
        return Filter(areas=one(self.area_box), depts=one(self.dept_box), templates=one(self.template_box))

    def clear_filters(self) -> None:
        for box in (self.area_box, self.dept_box, self.template_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.refresh()

    def _on_period(self) -> None:
        iso = self.period_box.currentData()
        self.period_chosen.emit(date.fromisoformat(iso) if isinstance(iso, str) and iso else None)

    def refresh(self, charts_too: bool = True) -> None:
        """Aggregate the prepared period under the filters and show it."""
        if self.prepared is None:
            return
        chosen = self.current_filter()
        ov = self._overviews.get(chosen)
        if ov is None:
            if len(self._overviews) >= 32:
                self._overviews.clear()
            ov = self._overviews[chosen] = self.prepared.overview(chosen)
        self.overview = ov
        self.setUpdatesEnabled(False)
        try:
            orgs = ", ".join(ov.orgs) or "기관명 없음"
            flt = [box.currentText() for box in (self.area_box, self.dept_box, self.template_box)
                   if box.currentIndex() > 0]
            self.as_of.setText(f"{orgs} · {as_of(ov)} · 공약 {len(ov.cards)}건"
                               + (f" (조건: {', '.join(flt)})" if flt else ""))
            self._statuses(ov)
            self._rates(ov)
            self._finance(ov)
            self._progress(ov)
            self._cross(self.tables["areaTable"], ov.by_area, len(ov.cards))
            self._cross(self.tables["deptTable"], ov.by_dept, len(ov.cards))
            self._changes(ov)
            self._issues(ov)
        finally:
            self.setUpdatesEnabled(True)
        if charts_too:  # drawn in a worker once the numbers are on screen (it would slow their painting)
            self._charts_due = True
            QTimer.singleShot(0, self, lambda: self._charts(ov))

    def _charts(self, ov: Overview) -> None:
        if ov is self.overview:  # not when the filters changed again meanwhile
            self._charts_due = False
            for c in self.charts.values():
                c.show_overview(ov)

    def charts_pending(self) -> bool:
        """True until every chart shows the numbers shown (tests and the benchmark wait on it)."""
        return self._charts_due or any(c.pending for c in self.charts.values())

    def _statuses(self, ov: Overview) -> None:
        n = len(ov.cards)
        rows = []
        for s in ov.statuses:
            name = text_item(s.name if s.name != "-" else "- (추진상황 없음)", tip=s.definition, icon=s.color)
            rows.append([name, text_item(s.group, align="center"),
                         count_item(f"{len(s.cards)}건", s.cards, f"추진상황 {s.name} {len(s.cards)}건", s.definition),
                         text_item(share(len(s.cards), n), align="right"),
                         text_item(s.definition or "-", tip=s.definition)])
        rows.append([text_item("계"), text_item(""), count_item(f"{n}건", ov.cards, f"전체 {n}건"),
                     text_item(share(n, n), align="right"), text_item("")])
        self.tables["statusTable"].set_table(["추진상황", "묶음", "건수", "비율", "정의"], rows, total_rows=1)
        groups = []
        for g in ov.groups:
            members = " + ".join(g.statuses)
            groups.append([text_item(g.name), text_item(members),
                           count_item(f"{len(g.cards)}건", g.cards, f"{g.name}({members}) {len(g.cards)}건"),
                           text_item(share(len(g.cards), n), align="right")])
        self.tables["groupTable"].set_table(["묶음", "들어가는 추진상황", "건수", "비율"], groups)

    def _rates(self, ov: Overview) -> None:
        rows = []
        notes = []
        for r in ov.rates:
            def num(v: Decimal, count: bool = r.key == "completion") -> str:
                return f"{v}건" if count else money(v)
            rows.append([
                text_item(r.name, tip=r.definition),
                text_item(rate_text(r.percent), align="right", tip=r.definition),
                count_item(num(r.numerator), r.numerator_cards,
                           f"{r.name}의 {r.numerator_label} ({len(r.numerator_cards)}장)", r.numerator_label),
                count_item(num(r.denominator), r.cards, f"{r.name}의 {r.denominator_label} ({len(r.cards)}장)",
                           r.denominator_label),
                count_item(f"{len(r.cards)}장", r.cards, f"{r.name}에 든 카드 {len(r.cards)}장"),
                count_item(f"{len(r.excluded)}장" if r.excluded else "-", r.excluded,
                           f"{r.name}에서 빠진 카드 {len(r.excluded)}장", r.note),
                text_item(r.definition, tip=r.definition),
            ])
            if r.note:
                notes.append(f"{r.name}: {r.note}")
        unit = ov.finance.unit
        self.tables["rateTable"].set_table(
            ["지표", "비율", "분자", "분모", "카드", "빠진 카드", "정의 (분자 ÷ 분모)"], rows)
        self.rate_note.setText(f"금액 단위: {unit}. 비율은 소수 첫째 자리에서 반올림. " + " ".join(notes))

    def _finance(self, ov: Overview) -> None:
        fin = ov.finance
        self.finance_heading.setText(f"재정 현황 (재원의 뜻별, 단위: {fin.unit})")
        heads = ["재원", *[SCOPE_NAMES[s] for s in SHOWN_SCOPES]]
        rows = []
        for src in fin.sources:
            rows.append([text_item(src.meaning)] + [
                count_item(money(src.amounts[s].value), src.amounts[s].cards,
                           f"{src.meaning} {SCOPE_NAMES[s]} {money(src.amounts[s].value)}")
                for s in SHOWN_SCOPES])
        rows.append([text_item("계")] + [
            count_item(money(fin.total[s].value), fin.total[s].cards,
                       f"재정 계 {SCOPE_NAMES[s]} {money(fin.total[s].value)}") for s in SHOWN_SCOPES])
        self.tables["financeTable"].set_table(heads, rows, total_rows=1)
        notes = [f"소요는 {len(fin.records['needed'])}장, 확보(투입)는 {len(fin.records['secured'])}장, "
                 f"집행은 {len(fin.records['spent'])}장의 양식이 적는 금액입니다."]
        if fin.no_budget:
            notes.append(f"투자계획 표가 없는 양식의 카드 {len(fin.no_budget)}장은 금액이 없습니다.")
        for card, unit in fin.unknown_unit:
            f = ov.facts[card]
            notes.append(f"'{f.number or f.title}'의 표는 단위가 '{unit}'(금액 아님)이라 더하지 않았습니다.")
        self.finance_note.setText(" ".join(notes))

    def _progress(self, ov: Overview) -> None:
        n = len(ov.cards)
        rows = [[text_item("건수")] + [count_item(f"{len(ids)}건", ids, f"진도 {band} {len(ids)}건")
                                      for band, ids in ov.progress],
                [text_item("비율")] + [text_item(share(len(ids), n), align="right") for _, ids in ov.progress]]
        self.tables["progressTable"].set_table(["진도", *[band for band, _ in ov.progress]], rows)

    def _cross(self, table: CountTable, cross: Cross, n: int) -> None:
        heads = [cross.what, "계", *cross.statuses]
        rows = []
        for k in cross.keys:
            ids = cross.rows[k]
            row = [text_item(k), count_item(str(len(ids)), ids, f"{cross.what} {k} {len(ids)}건")]
            for s in cross.statuses:
                cell = cross.cells.get((k, s), [])
                row.append(count_item(str(len(cell)) if cell else "-", cell, f"{cross.what} {k} · {s} {len(cell)}건"))
            rows.append(row)
        total = [text_item("계"), count_item(str(n), [i for k in cross.keys for i in cross.rows[k]],
                                               f"{cross.what} 전체 {n}건")]
        for s in cross.statuses:
            col = cross.columns[s]
            total.append(count_item(str(len(col)) if col else "-", col, f"{cross.what} 전체 · {s} {len(col)}건"))
        rows.append(total)
        table.set_table(heads, rows, total_rows=1)

    def _changes(self, ov: Overview) -> None:
        table = self.tables["changesTable"]
        c = ov.changes
        visible = c is not None
        table.setVisible(visible)
        self.changes_heading.setVisible(visible)
        if c is None:
            return
        self.changes_heading.setText(f"지난 기준일({fmt_date(c.previous)}) 이후 달라진 것")
        rows = [[text_item("새 카드"), text_item("지난 기준일에 없던 공약"),
                 count_item(f"{len(c.added)}건", c.added, f"새 카드 {len(c.added)}건")],
                [text_item("없어진 카드"), text_item("지난 기준일에만 있던 공약 (지금 목록에는 없음)"),
                 text_item(f"{len(c.removed)}건", align="right")]]
        for t in c.statuses:
            rows.append([text_item("추진상황"), text_item(f"{t.before} → {t.after}"),
                         count_item(f"{len(t.cards)}건", t.cards, f"추진상황 {t.before} → {t.after} {len(t.cards)}건")])
        for t in c.progress:
            rows.append([text_item("진도"), text_item(f"{t.before} → {t.after}"),
                         count_item(f"{len(t.cards)}건", t.cards, f"진도 {t.before} → {t.after} {len(t.cards)}건")])
        table.set_table(["구분", "내용", "건수"], rows)

    def _issues(self, ov: Overview) -> None:
        rows = [[text_item("오류가 있는 카드"), text_item("저장할 때 검사에서 오류가 하나라도 나온 카드"),
                 count_item(f"{len(ov.errors)}건", ov.errors, f"오류가 있는 카드 {len(ov.errors)}건")],
                [text_item("경고가 있는 카드"), text_item("경고가 하나라도 있는 카드"),
                 count_item(f"{len(ov.warnings)}건", ov.warnings, f"경고가 있는 카드 {len(ov.warnings)}건")]]
        self.tables["issueTable"].set_table(["구분", "뜻", "건수"], rows)

