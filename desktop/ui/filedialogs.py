"""Choosing files: every save dialog proposes a dated name (공약카드_2026-12-06.xlsx) in the folder used
last for that kind of file (else the last folder used at all, else 문서/Documents), and remembers the
folder chosen in the settings file, so that it is there again after a restart."""

from __future__ import annotations

import contextlib
import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

log = logging.getLogger(__name__)
ANY = "last"  # the folder used last, whatever the kind


def dated(stem: str, ext: str, today: date | None = None) -> str:
    """'공약카드', '.pdf' → '공약카드_2026-12-06.pdf'."""
    return f"{stem}_{(today or date.today()).isoformat()}{ext}"


def _folders(settings: Any) -> dict[str, Any]:
    folders = getattr(settings, "folders", None)
    return folders if isinstance(folders, dict) else {}


def start_folder(settings: Any, kind: str) -> Path:
    """Where the dialog opens: the last folder of this kind, of any kind, else the documents folder."""
    folders = _folders(settings)
    for key in (kind, ANY):
        value = folders.get(key)
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def remember(settings: Any, kind: str, folder: Path) -> None:
    if settings is None or not isinstance(getattr(settings, "folders", None), dict):
        return
    settings.folders[kind] = settings.folders[ANY] = str(folder)
    from desktop.ui.settings import save_settings

    try:
        save_settings(settings)
    except OSError:
        log.warning("last folder not saved", exc_info=True)


def save_file(parent: QWidget | None, settings: Any, kind: str, title: str, name: str,
              file_filter: str) -> Path | None:
    """The file the user chose to write, or None when cancelled. `name` is the proposed file name."""
    proposed = start_folder(settings, kind) / name
    path, _ = QFileDialog.getSaveFileName(parent, title, str(proposed), file_filter)
    if not path:
        return None
    chosen = Path(path)
    remember(settings, kind, chosen.parent)
    return chosen


def open_files(parent: QWidget | None, settings: Any, kind: str, title: str, file_filter: str) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(settings, kind)), file_filter)
    chosen = [Path(p) for p in paths]
    if chosen:
        with contextlib.suppress(Exception):
            remember(settings, kind, chosen[0].parent)
    return chosen
