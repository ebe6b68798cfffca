"""The Qt application: the main window around the card form (desktop/ui/editor).

Widgets show the core and hand edits to it; nothing in here decides what a card means.
"""

from desktop.ui.editor.qtfix import immortalize_singletons

# PySide6 6.12.0 on Python < 3.12 returns None/True/False without a reference: without this, a few
# thousand Qt calls (the shell's as much as the form's) abort the interpreter. Done before any
# widget module is imported; a no-op on 3.12+, which scripts/setup prefers.
immortalize_singletons()
