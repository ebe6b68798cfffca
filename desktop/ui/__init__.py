"""The Qt application: the main window around the card form (desktop/ui/editor).

Widgets show the core and hand edits to it; nothing in here decides what a card means.
"""
