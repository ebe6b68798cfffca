"""The card form (issue 4, points 2, 3 and the undo of 4). The shell codes against this interface:

    class CardEditor(QWidget):
        changed = Signal()                      # after any edit was applied to the card (undo/redo too)
        findings_changed = Signal(int, int)     # (오류, 경고) of the current card
        def __init__(self, registry: TemplateRegistry, parent=None)
        def set_card(self, card: Card) -> None  # show a card; one QUndoStack per card id (kept while the app runs)
        def card(self) -> Card                  # the current state (a Card the editor owns)
        def undo_stack(self) -> QUndoStack      # the current card's stack: re-bind after set_card
        def problems_widget(self) -> QWidget    # every finding; activating one jumps to its cell/field
        def set_read_only(self, ro: bool) -> None
        def focus_first_field(self) -> None

After a save, hand the saved card back with set_card(saved): when only version/updated_at differ,
the form keeps its state (focus, cursor, open editors) and just takes the new version.
"""

# desktop/ui/__init__.py has already made None/True/False immortal on Python < 3.12 (qtfix.py).
from desktop.ui.editor.form import CardEditor

__all__ = ["CardEditor"]
