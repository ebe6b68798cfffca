"""Issue 11 item 14: Qt's own dialogs (OK/Cancel, Yes/No, the file and print dialogs) are Korean in
the program, and the bundle ships the catalogue that makes them so."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QWidget

from tests.conftest import ROOT

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def english_labels(dialog: QWidget) -> list[str]:
    """Visible words of a dialog that are English (paths and file names excluded)."""
    out = []
    for w in dialog.findChildren(QLabel):
        if ENGLISH.search(w.text()) and "/" not in w.text():
            out.append(w.text())
    for box in dialog.findChildren(QComboBox):
        out += [box.itemText(i) for i in range(box.count()) if ENGLISH.search(box.itemText(i))
                and "/" not in box.itemText(i) and "(*" not in box.itemText(i)]
    return out


def test_qt_buttons_are_korean_after_start(qapp: Any) -> None:
    from desktop.ui.app import make_app

    make_app()
    make_app()  # again (tests do): installed once
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "확인"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in buttons.buttons()) == ["취소", "확인"]
    box = QMessageBox(QMessageBox.Icon.Warning, "인쇄", "그래도 인쇄할까요?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text() for b in box.buttons()) == ["아니요(&N)", "예(&Y)"]


def test_file_and_print_dialogs_have_no_english_labels(qtbot: Any) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from desktop.ui.app import make_app

    make_app()
    files = QFileDialog(None, "카드 파일로 내보내기")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)  # what Linux shows without a desktop theme
    qtbot.addWidget(files)
    assert english_labels(files) == []
    assert "파일 이름(&N):" in [w.text() for w in files.findChildren(QLabel)]
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    assert english_labels(dialog) == []


def test_the_real_program_loads_the_catalogue(tmp_path: Path) -> None:
    """A fresh process (no test set-up): make_app as `pledgecard gui` calls it."""
    code = ("from desktop.ui.app import make_app\nfrom PySide6.QtCore import QCoreApplication as C\n"
            "make_app()\nprint(C.translate('QPlatformTheme', 'Cancel'), C.translate('QFileDialog', '&Look in:'))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                       timeout=120, env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["취소", "찾는", "위치(&L):"]


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}


class _Stub:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.datas = list(kwargs.get("datas", []))
        self.binaries: list[tuple[str, str, str]] = []
        self.scripts: list[Any] = []
        self.pure: list[Any] = []


def test_the_bundle_spec_ships_the_korean_qt_catalogue() -> None:
    """pyinstaller.spec run with stand-ins for PyInstaller's classes: its data list has qtbase_ko.qm
    where the frozen program looks for it, and its filter keeps it (and drops other languages)."""
    spec = ROOT / "pyinstaller.spec"
    ns: dict[str, Any] = {"SPECPATH": str(ROOT), "Analysis": _Stub, "PYZ": _Stub, "EXE": _Stub, "COLLECT": _Stub}
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), ns)
    qm = [(src, dest) for src, dest in ns["a"].datas if src.endswith("qtbase_ko.qm")]
    assert qm, ns["a"].datas
    src, dest = qm[0]
    assert Path(src).is_file()
    from desktop.ui.translations import CATALOGUE

    assert Path(src).stem == CATALOGUE
    assert dest.replace("\\", "/") in ("PySide6/Qt/translations", "PySide6/translations")
    keep = ns["_keep"]
    assert keep(f"{dest}/qtbase_ko.qm") and not keep(f"{dest}/qtbase_de.qm")
