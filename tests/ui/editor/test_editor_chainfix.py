"""계산값으로 바꾸기 fixes the whole chain of totals (issue 11 item 17): one cell replaced left 총계 and
the header 소요예산 disagreeing (2 errors became 3). Now the chain is listed (old → new) in a dialog
and replaced in one undo step, and the errors go to 0."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.core import checks
from desktop.ui.editor.figuretext import format_figure
from desktop.ui.editor.problems import FINDING_ROLE

from .conftest import SAMPLE_221, open_card, sample
from .test_editor_tables import answer_dialog


def slipped(registry):  # type: ignore[no-untyped-def]
    """2-2-1 with a deliberate slip: 소요예산 국비 2025년 300 where the stated totals still say 250."""
    card = sample(registry, SAMPLE_221)
    card.block("invest").table.row("plan_national").cells["y2025"] = Decimal(300)
    return card


def errors(editor) -> int:  # type: ignore[no-untyped-def]
    return checks.counts(editor.doc.findings)[0]


def click_replace(qtbot, editor, row: str, col: str) -> None:  # type: ignore[no-untyped-def]
    problems = editor.problems_widget()
    items = [problems.list.item(i) for i in range(problems.list.count())]
    it = next(i for i in items if (i.data(FINDING_ROLE).place.row, i.data(FINDING_ROLE).place.col) == (row, col))
    problems.list.setCurrentItem(it)
    qtbot.mouseClick(problems.replace_btn, Qt.MouseButton.LeftButton)


def test_the_chain_is_listed_replaced_in_one_step_and_errors_drop_to_zero(qtbot, editor, registry) -> None:
    open_card(editor, slipped(registry))
    before = editor.card()
    import copy
    before = copy.deepcopy(before)
    assert errors(editor) == 2  # 국비 계 700 ≠ 750, 총계 2025년 250 ≠ 300
    stack = editor.undo_stack()
    depth = stack.count()

    asked = answer_dialog("모두 바꾸기")
    click_replace(qtbot, editor, "plan_national", "total")
    assert asked, "the changes are shown before anything is done"
    listed = asked[0]
    for line in ("투자계획 소요예산 국비 계: 700 → 750", "투자계획 소요예산 총계 2025년: 250 → 300",
                 "투자계획 소요예산 총계 계: 750 → 800", "소요예산: 750백만원(국700 구50) → 800백만원(국750 구50)"):
        assert line in listed

    assert errors(editor) == 0  # not up to 3, as one cell alone did
    table = editor.card().block("invest").table
    assert "total" not in table.row("plan_national").cells  # computed again, follows its parts
    assert format_figure(editor.card().figures["budget"]) == "800백만원(국750 구50)"
    budget = editor.page.fields()["budget"]
    assert budget.main().text() == "800백만원(국750 구50)"  # the header field shows it
    assert stack.count() == depth + 1

    stack.undo()  # one undo restores all of it
    assert editor.card() == before
    assert errors(editor) == 2
    assert budget.main().text() == "750백만원(국700 구50)"


def test_cancel_changes_nothing_and_this_cell_only_is_the_old_way(qtbot, editor, registry) -> None:
    open_card(editor, slipped(registry))
    import copy
    before = copy.deepcopy(editor.card())
    answer_dialog("취소")
    click_replace(qtbot, editor, "plan_national", "total")
    assert editor.card() == before and not editor.undo_stack().canUndo()

    answer_dialog("이 칸만")
    click_replace(qtbot, editor, "plan_national", "total")
    assert "total" not in editor.card().block("invest").table.row("plan_national").cells
    assert editor.card().figures == before.figures
