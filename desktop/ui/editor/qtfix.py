"""Work-arounds for PySide6 6.12 defects met by the form.

`QModelIndex.data(role)` (and every other Qt call that hands Python an *invalid* QVariant, e.g.
QStandardItemModel.data, QListWidgetItem.data of a role never set) returns None without taking a
reference to it: each such call drops None's reference count by one, and after a few thousand the
interpreter aborts ("Fatal Python error: none_dealloc"). Measured here: 1,000 calls → −1,000.
The form's models are Python classes, so their data() is called directly, never through the index.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex


def idata(index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
    """index.data(role) for a Python model, without the round trip through QVariant."""
    model = index.model()
    if model is None or not index.isValid():
        return None
    return model.data(QModelIndex(index) if isinstance(index, QPersistentModelIndex) else index, role)


def immortalize_singletons() -> None:
    """Make None, True and False effectively immortal on Python < 3.12.

    The PySide6 6.12.0 wheels (cp310-abi3) return None/True/False from C++ calls without taking a
    reference — correct on Python ≥ 3.12, where these objects are immortal, but on 3.10/3.11 every
    void Qt call (setText, setEnabled, update …) drops None's count by one, and after a few thousand
    calls the interpreter aborts ("Fatal Python error: none_dealloc"). Measured here: 200,000
    QLineEdit.setEnabled calls crash 3.11.7 after ~5,000 and run clean on 3.12.1 with the same
    wheel. The singletons are never freed anyway; a huge count keeps them alive for good. No-op on
    3.12+.
    """
    import ctypes
    import sys

    if sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        ref = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field (non-debug build)
        if ref.value < 1 << 40:
            ref.value += 1 << 40
