"""Filter combo boxes whose first item is "모든 …": refilled with new values, the choice kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QComboBox


def refill(box: QComboBox, values: Iterable[str], labels: Mapping[str, str]) -> None:
    """Replace every item after the first by `values` (shown by `labels`, else as they are); the current
    choice stays when it is still there, else "모든 …"; no change signal is sent."""
    current = box.currentData()
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for v in values:
        box.addItem(labels.get(v, v), v)
    box.setCurrentIndex(max(box.findData(current), 0))
    box.blockSignals(False)
