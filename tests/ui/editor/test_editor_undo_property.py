"""Any sequence of edits undoes back to the card as opened, and redoes to the same end (hypothesis)."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.ui.editor import CardEditor
from desktop.ui.editor.tablemodel import TableModel

from .conftest import SAMPLE_221, open_card, sample

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("text"), st.integers(0, 30), st.text(max_size=8)),
        st.tuples(st.just("insert"), st.integers(0, 30), st.integers(0, 4)),
        st.tuples(st.just("remove"), st.integers(0, 30)),
        st.tuples(st.just("level"), st.integers(0, 30), st.integers(-1, 5)),
        st.tuples(st.just("note"), st.integers(0, 30)),
        st.tuples(st.just("move"), st.integers(0, 30), st.sampled_from([-1, 1])),
        st.tuples(st.just("cell"), st.sampled_from(["plan_national", "exec_city", "plan_total"]),
                  st.sampled_from(["y2024", "y2025", "total", "after"]),
                  st.sampled_from(["", "-", "12", "1,234.5", "△3", "l2O", "１２", "9.6"])),
        st.tuples(st.just("table"), st.integers(0, 30)),
    ),
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_undo_all_and_redo_all(qtbot, editor: CardEditor, registry, ops) -> None:  # type: ignore[no-untyped-def]
    open_card(editor, sample(registry, SAMPLE_221))
    editor.undo_stack().clear()
    start = copy.deepcopy(editor.card())
    page = editor.page
    assert page is not None
    ol = page.sections["results"].outline
    assert ol is not None
    m = ol.model
    grid: TableModel = editor.table_editor("invest").model  # type: ignore[union-attr]
    for op in ops:
        n = m.rowCount()
        kind = op[0]
        if kind == "text" and n:
            m.set_text(op[1] % n, op[2])
        elif kind == "insert":
            m.insert(op[1] % (n + 1), op[2])
        elif kind == "remove" and n:
            m.remove(op[1] % n)
        elif kind == "level" and n:
            m.set_level(op[1] % n, op[2])
        elif kind == "note" and n:
            m.toggle_note(op[1] % n)
        elif kind == "move" and n:
            m.move(op[1] % n, op[2])
        elif kind == "cell":
            grid.setData(grid.index_of(op[1], op[2]), op[3])
        elif kind == "table" and n:
            m.add_table(op[1] % n)
        assert all(0 <= it.level <= 4 for it in editor.card().block("results").items)
    end = copy.deepcopy(editor.card())
    stack = editor.undo_stack()
    while stack.canUndo():
        stack.undo()
    assert editor.card() == start
    assert m.rowCount() == len(start.block("results").items)
    while stack.canRedo():
        stack.redo()
    assert editor.card() == end
