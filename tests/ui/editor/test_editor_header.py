"""The header follows the template: fitting widgets, 사업기간 with year columns, figures, dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QMessageBox, QSpinBox

from desktop.core.layout import new_card, year_of
from desktop.core.model import Figure
from desktop.core.templates import TemplateRegistry
from desktop.ui.editor import CardEditor
from desktop.ui.editor.fieldlists import ContactsField, ListField, YearsField
from desktop.ui.editor.fields import ChecksField, PercentField, StatusField
from desktop.ui.editor.typedfields import DateField, FigureField
from tests.foreign import CARD_TITLE, write_seongdong

from .conftest import SAMPLE_122, SAMPLE_221, SAMPLE_GURO, commit_text, open_card, sample


def years_of(editor: CardEditor, block: str = "invest") -> list[int]:
    t = editor.card().block(block).table
    return [y for y in (year_of(c.key) for c in t.columns) if y is not None]


def set_end(editor: CardEditor, year: int) -> None:
    f = editor.page.fields()["period"]
    assert isinstance(f, YearsField)
    f.end.setValue(year)


class Answers(list[str]):
    """What the 'drop values?' question asked, and the answer it gets."""

    reply = QMessageBox.StandardButton.No


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    asked = Answers()

    def question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return asked.reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_period_adds_year_columns_without_asking(qtbot, editor, registry, answers) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    assert years_of(editor) == [2024, 2025, 2026]
    set_end(editor, 2027)
    assert years_of(editor) == [2024, 2025, 2026, 2027]
    assert editor.card().end_year == 2027
    assert answers == []
    grid = editor.table_editor("invest").grid
    m = grid.table_model()
    assert m.data(m.index(0, m.lcols + 5)) == "2027년"  # after 2026년, before 임기후
    assert m.data(m.index(0, m.lcols + 6)) == "임기후"
    editor.undo_stack().undo()
    assert years_of(editor) == [2024, 2025, 2026] and editor.card().end_year == 2026


def test_period_asks_before_dropping_typed_values(qtbot, editor, registry, answers) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    years = editor.page.fields()["period"]
    set_end(editor, 2025)  # 2026 holds 230: ask
    assert len(answers) == 1 and "2026년" in answers[0]
    assert years_of(editor) == [2024, 2025, 2026]  # "no": the old period stays
    assert editor.card().end_year == 2026 and years.end.value() == 2026
    assert not editor.undo_stack().canUndo()

    answers.reply = QMessageBox.StandardButton.Yes
    set_end(editor, 2025)
    assert years_of(editor) == [2024, 2025]
    assert editor.card().end_year == 2025
    assert "y2026" not in editor.card().block("invest").table.row("plan_national").cells
    editor.undo_stack().undo()  # one step brings the column and its values back
    assert years_of(editor) == [2024, 2025, 2026]
    assert editor.card().block("invest").table.row("plan_national").cells["y2026"] == Decimal("230")
    assert years.end.value() == 2026


def test_years_of_an_empty_column_go_without_asking(qtbot, editor, registry, answers) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    f = editor.page.fields()["period"]
    f.start.setValue(2023)
    assert years_of(editor) == [2023, 2024, 2025, 2026]
    f.start.setValue(2024)  # 2023 is empty: no question
    assert years_of(editor) == [2024, 2025, 2026] and answers == []


def test_widgets_fit_the_field_kinds(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    f = editor.page.fields()
    assert isinstance(f["period"], YearsField) and f["period"].start.value() == 2024
    assert isinstance(f["progress"], PercentField)
    spin = f["progress"].spin
    assert (spin.minimum(), spin.maximum(), spin.suffix(), spin.value()) == (-1, 100, "%", 75)
    assert isinstance(f["status"], StatusField)
    combo = f["status"].combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "추진중", "완료"]
    assert combo.currentText() == "추진중"
    assert isinstance(f["contacts"], ContactsField) and len(f["contacts"].lines) == 3
    assert f["contacts"].lines[1]["name"].text() == "임정미"
    assert isinstance(f["related"], ListField)
    assert isinstance(f["budget"], FigureField) and f["budget"].edit.text() == "750백만원(국700 구50)"
    assert isinstance(f["base_date"], DateField) and f["base_date"].edit.text() == "2025. 9. 30."
    assert "timing" in f and f["timing"].combo.currentText() == "임기 내 완료"
    spin.setValue(-1)
    assert editor.card().progress is None and spin.text() == "-"


def test_figure_field_parses_and_refuses(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    fig = editor.page.fields()["budget"]
    fig.edit.setText("800백만원(국700 구100)")
    fig.commit()
    assert editor.card().figures["budget"] == Figure(Decimal("800"), "백만원",
                                                      [("국", Decimal("700")), ("구", Decimal("100"))])
    # The table says 750: the stated summary is now an 오류 at the field.
    assert fig.edit.property("severity") == "error" and fig.severity == "오류"
    assert "800" in fig.edit.toolTip()
    fig.edit.setText("8OO백만원")
    fig.edit.textEdited.emit("8OO백만원")  # live: red while typing
    assert fig.edit.property("severity") == "error"
    assert "읽을 수 없습니다" in fig.edit.toolTip()
    with qtbot.waitSignal(editor.notice) as told:
        fig.commit()
    assert editor.card().figures["budget"].total == Decimal("800")  # the old value stays
    assert fig.edit.text() == "800백만원(국700 구100)"
    assert "읽을 수 없습니다" in told.args[0]  # told at the field and in the status bar …
    assert "읽을 수 없습니다" not in fig.edit.toolTip() and not fig.refused  # … but no stale mark
    fig.from_table()
    assert editor.card().figures["budget"] == Figure(Decimal("750"), "백만원",
                                                      [("국", Decimal("700")), ("구", Decimal("50"))])
    assert fig.edit.property("severity") == "" and fig.severity == ""
    assert fig.edit.toolTip() == ""


def test_one_source_summary_from_the_table(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_122))
    fig = editor.page.fields()["budget"]
    assert fig.edit.text() == "9.6백만원(구비)"
    assert fig.edit.placeholderText() == "표: 9.6백만원(구비)"


def test_base_date_refused_and_accepted(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    d = editor.page.fields()["base_date"]
    d.edit.setText("2025. 13. 1.")
    with qtbot.waitSignal(editor.notice) as told:
        d.commit()
    assert editor.card().base_date == date(2025, 9, 30)
    assert d.edit.text() == "2025. 9. 30."
    assert "없는 날짜" in told.args[0]
    assert not d.edit.property("severity") and "없는 날짜" not in d.edit.toolTip()
    d.edit.setText("2025-12-31")
    d.commit()
    assert editor.card().base_date == date(2025, 12, 31)
    assert d.edit.text() == "2025. 12. 31."


def test_korean_title_typed_like_an_ime(qtbot, editor, registry) -> None:
    card = new_card(registry.get("standard"), number="3-1", title="")
    open_card(editor, card)
    editor.focus_first_field()
    title = editor.page.fields()["title"].edit
    assert title.hasFocus()
    commit_text(title, "청년 일자리 확대")
    assert editor.card().title == "청년 일자리 확대"


def test_tab_order_walks_the_header(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_221))
    f = editor.page.fields()
    editor.focus_first_field()
    order = []
    w = editor.focusWidget()
    for _ in range(12):
        order.append(w)
        w.nextInFocusChain()
        editor.focusNextChild()
        w = editor.focusWidget()
    assert order[0] is f["title"].edit
    assert order[1] is f["number"].edit
    assert order[2] is f["dept"].edit
    i_dept = order.index(f["dept"].edit)
    i_rank = order.index(f["contacts"].lines[0]["rank"])
    assert i_dept < i_rank
    # Tab does not get stuck in the header outlines: 공약목표 → 추진과제 → the first block.
    goals = editor.page.header.outlines["goals"].view
    tasks = editor.page.header.outlines["tasks"].view
    goals.setFocus()
    qtbot.keyClick(goals, Qt.Key.Key_Tab)
    assert tasks.hasFocus()
    qtbot.keyClick(tasks, Qt.Key.Key_Tab)
    assert editor.page.isAncestorOf(editor.focusWidget()) and not tasks.hasFocus()
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Backtab)
    assert tasks.hasFocus()


def test_foreign_template_opens_with_all_fields_and_tables(qtbot, editor, tmp_path) -> None:
    template_file, card_file = write_seongdong(tmp_path)
    reg = TemplateRegistry.load(extra_dirs=[template_file.parent])
    from desktop.core.cardfile import read_cards

    card = read_cards(card_file, reg)[0]
    ed = CardEditor(reg)
    qtbot.addWidget(ed)
    ed.resize(900, 760)
    ed.show()
    open_card(ed, card)
    t = reg.get("seongdong")
    fields = ed.page.fields()
    for fd in t.fields:
        assert fd.key in fields, fd.key
    assert isinstance(fields["origin"], ChecksField)
    checked = [b.text() for b in fields["origin"].findChildren(QCheckBox) if b.isChecked()]
    assert checked == ["선거공약서", "5대공약"]
    box = fields["origin"].boxes["SNS"]
    box.setChecked(True)
    assert ed.card().extra["origin"] == ["선거공약서", "5대공약", "SNS"]
    assert isinstance(fields["contacts"], ContactsField) and fields["contacts"].with_dept
    assert fields["title"].edit.text() == CARD_TITLE
    assert next(iter(fields["status"].findChildren(QComboBox))).currentText() == "정상추진"
    combo = fields["status"].combo  # 이행상황 under its groups; a heading is not a choice
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == ["", "— 완료 —", "완료", "이행후계속추진", "— 추진중 —", "정상추진", "일부추진"]
    assert not combo.model().item(1).isEnabled()
    for block in card.blocks:
        sec = ed.page.sections[block.key]
        if block.table is not None:
            assert sec.table is not None
            m = sec.table.model
            assert m.rowCount() == m.hrows + len(block.table.rows)
        if block.kind == "photos":
            assert sec.photos is not None and len(sec.photos.tiles) == 2
    inv = ed.page.sections["invest"].table
    assert inv.model.hrows == 2  # 계획액/확보액 under their year groups
    assert inv.grid.columnSpan(0, inv.model.lcols) == 2
    assert isinstance(fields["period"].start, QSpinBox)
    ed.page.grab().save("/tmp/editor-seongdong.png")


def test_guro_header_without_base_date_status_progress(qtbot, editor, registry) -> None:
    open_card(editor, sample(registry, SAMPLE_GURO))
    f = editor.page.fields()
    for key in ("number", "type", "timing", "budget_kind", "dept", "related", "period", "total_cost", "contacts"):
        assert key in f, key
    assert "status" not in f and "progress" not in f
    assert f["related"].value() == ["기획예산과", "재무과", "우리은행", "신용보증재단"]
    assert len(f["related"].chips) == 4
    f["related"].remove(1)
    assert editor.card().related == ["기획예산과", "우리은행", "신용보증재단"]
    assert len(f["related"].chips) == 3
