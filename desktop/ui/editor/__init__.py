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

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# desktop/ui/__init__.py has already made None/True/False immortal on Python < 3.12 (qtfix.py).
if TYPE_CHECKING:
    from desktop.ui.editor.form import CardEditor

__all__ = ["CardEditor"]


def __getattr__(name: str) -> Any:
    """CardEditor, imported when first asked for. Every window module imports this package (for
    qtfix, from desktop/ui/__init__.py): importing the form with it was ~0.2 s of every start, before
    the list could show, though the form is only made when the first card opens (after the paint)."""
    if name == "CardEditor":
        from desktop.ui.editor.form import CardEditor

        return CardEditor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
