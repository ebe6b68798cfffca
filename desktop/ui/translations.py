"""Qt's own dialogs in Korean: OK/Cancel, Yes/No, the file dialog and the print dialog come from Qt,
and stay English unless Qt's Korean catalogue (qtbase_ko.qm, shipped in the PySide6 wheel and in the
bundle, see pyinstaller.spec) is installed. A few labels that catalogue lacks are supplied here."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

log = logging.getLogger(__name__)
CATALOGUE = "qtbase_ko"

# (context, source) → Korean, for what qtbase_ko.qm (Qt 6.12) leaves English in our dialogs
MISSING = {
    ("QFileDialog", "&Look in:"): "찾는 위치(&L):",
    ("QFileDialog", "Files of &type:"): "파일 형식(&T):",
    ("QPrintSettingsOutput", "Page &Set:"): "인쇄할 쪽(&S):",
}


class _Supplement(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        return MISSING.get((context, source))  # None (a null string): ask the next catalogue

    def isEmpty(self) -> bool:
        return False


def catalogue_dirs() -> list[Path]:
    """Where qtbase_ko.qm may be: Qt's own translations folder, else beside the frozen bundle's PySide6."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs += [Path(frozen) / "PySide6" / "Qt" / "translations", Path(frozen) / "PySide6" / "translations"]
    return dirs


_installed: list[QTranslator] = []  # the translators must outlive this call (Qt does not own them)


def install_korean(app: QCoreApplication) -> bool:
    """Install Qt's Korean catalogue and the supplement once per application; False if not found."""
    if _installed and all(t.parent() is app for t in _installed):  # make_app again (tests): already in
        return len(_installed) == 2
    _installed.clear()
    qt = QTranslator(app)
    found = any(qt.load(CATALOGUE, str(d)) for d in catalogue_dirs())
    if found:
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.warning("%s.qm not found in %s: Qt's dialogs stay English", CATALOGUE, catalogue_dirs())
    supplement = _Supplement(app)
    app.installTranslator(supplement)
    _installed.append(supplement)
    return found
