"""The form with the formats of issue 15: 이행상황 as grouped check boxes (checked as the card says, one at
a time), a table standing alone in an outline (no mark), a single-row table without a row-label column."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from desktop.core.cardfile import read_cards
from desktop.ui.editor.fields import ChecksField
from desktop.ui.editor.outlinemodel import MARK_ROLE
from tests.conftest import ROOT
from tests.ui.editor.conftest import open_card

FORMATS = ROOT / "resources" / "samples" / "formats"


def test_status_as_grouped_check_boxes(qtbot, editor, registry, tmp_path) -> None:
    (card,) = read_cards(FORMATS / "seongdong-card-2021-06-30-1-3.json", registry)
    open_card(editor, card)
    status = editor.page.fields()["status"]
    assert isinstance(status, ChecksField)
    boxes = status.boxes
    assert list(boxes) == ["완료", "이행후계속추진", "정상추진", "일부추진"]
    assert [b.isChecked() for b in boxes.values()] == [False, False, True, False]  # the card's 정상추진
    labels = [w.text() for w in status.findChildren(type(status.findChild(QCheckBox)))]
    assert labels == list(boxes)
    boxes["일부추진"].click()
    assert editor.card().status == "일부추진"
    assert [b.isChecked() for b in boxes.values()] == [False, False, False, True]  # one at a time
    boxes["일부추진"].click()
    assert editor.card().status == ""
    boxes["정상추진"].click()
    assert editor.card().status == "정상추진"
    assert editor.page.grab().save(str(tmp_path / "issue15-seongdong-card-form.png"))  # docs/screenshots


def test_tables_alone_and_single_row_tables(qtbot, editor, registry, tmp_path) -> None:
    cards = read_cards(FORMATS / "dept-report-2024-06-30-도시재생과.json", registry)
    page = cards[1]
    open_card(editor, page)
    money = editor.page.table_editor("money", ())
    assert money is not None
    m = money.model
    assert m.lcols == 0 and m.columnCount() == 3 and m.rowCount() == 2  # header + the one row, no label column
    assert m.data(m.index(1, 0)) in ("34,962", "34962")
    results = editor.page.sections["results"].outline
    assert results is not None
    om = results.model
    marks = [om.data(om.index(i, 0), MARK_ROLE) for i in range(om.rowCount())]
    assert marks == ["□", "□", "", "※"]  # the table standing alone has no mark
    assert results.tables.get(2) is not None
    assert editor.page.grab().save(str(tmp_path / "issue15-dept-project-form.png"))
    open_card(editor, cards[0])
    staff = editor.page.table_editor("staff", ())
    assert staff is not None
    from desktop.ui.editor.typedfields import DateField

    assert len(editor.page.header.findChildren(DateField)) == 1  # 기준일 once, though the print places it
    assert editor.page.grab().save(str(tmp_path / "issue15-dept-report-form.png"))


def test_the_form_checks_a_summary_against_its_documents_pages(qtbot, editor, registry) -> None:
    from decimal import Decimal

    cards = read_cards(FORMATS / "dept-report-2024-06-30-도시재생과.json", registry)
    summary, pages = cards[0], cards[1:]
    money = pages[1].block("money").table
    assert money is not None
    money.rows[0].cells["budget"] = Decimal(93800)  # the page says otherwise than the summary lists
    asked: list[str] = []

    def others(card):
        asked.append(card.id)
        return cards

    editor.document_cards = others
    open_card(editor, summary)
    found = editor.doc.findings
    codes = [f.code for f in found]
    assert codes == ["document.eq"], codes
    assert asked == [summary.id]
    open_card(editor, pages[0])  # a page's template relates it to nothing: the others are not read
    assert asked == [summary.id]
