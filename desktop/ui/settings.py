"""Settings: one JSON file in the data folder (desktop.core.paths.settings_path()).

Never QSettings: on Windows that writes the registry, and a portable copy on a USB stick must carry
its settings and window layout with it. Unknown keys are kept so that a newer program's settings
survive an older one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.paths import settings_path
from desktop.core.templates import TemplateRegistry

log = logging.getLogger(__name__)


@dataclass
class Settings:
    org: str = ""  # 기관명 of the office using the program
    doc_title: str = ""  # 문서 제목 ("구청장 공약사항 관리카드")
    database: str = ""  # path or SQLAlchemy URL; empty = the default file in the data folder
    default_template: str = ""  # template of new cards; empty = ask when there are several
    new_org: str = ""  # 기관명 for new cards; empty = org above, then the template's
    new_doc_title: str = ""  # 문서 제목 for new cards; empty = doc_title above, then the template's
    samples_offered: bool = False
    officer_asked: bool = False  # 이름·부서 asked once at the first start (desktop/ui/officerdialog.py)
    last_backup: str = ""  # ISO date of the last automatic backup
    window: dict[str, Any] = field(default_factory=dict)  # geometry, splitters, selection (see mainwindow)
    folders: dict[str, Any] = field(default_factory=dict)  # last folder per kind of file (filedialogs.py)
    other: dict[str, Any] = field(default_factory=dict)  # keys this version does not know, kept as read

    def new_card_org(self, template_org: str) -> str:
        return self.new_org or self.org or template_org

    def new_card_doc_title(self, template_title: str) -> str:
        return self.new_doc_title or self.doc_title or template_title


def load_settings(path: Path | None = None) -> Settings:
    """The settings as saved; defaults when the file is missing or unreadable (never fatal)."""
    p = path or settings_path()
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", p, exc)
        with contextlib.suppress(OSError):  # keep the broken file for a look, out of the way
            p.replace(p.with_name(p.name + ".broken"))
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    s = Settings()
    known = {f.name for f in fields(Settings)} - {"other"}
    for key, value in raw.items():
        if key not in known:
            s.other[key] = value
            continue
        default = getattr(s, key)
        if isinstance(default, bool):
            if isinstance(value, bool):
                setattr(s, key, value)
        elif isinstance(default, str):
            if isinstance(value, str):
                setattr(s, key, value)
        elif isinstance(default, dict) and isinstance(value, dict):
            setattr(s, key, value)
    return s


def save_settings(s: Settings, path: Path | None = None) -> None:
    """Write atomically (a temporary file, then rename): a crash never leaves half a file."""
    p = path or settings_path()
    data = {k: v for k, v in asdict(s).items() if k != "other"}
    data = {**s.other, **data}
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, p)


class SettingsDialog(QDialog):
    """설정: 기관, 새 카드의 기본값, 데이터베이스 위치 (다시 시작하면 적용)."""

    def __init__(self, settings: Settings, registry: TemplateRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("설정")
        self.setMinimumWidth(520)
        self._settings = settings

        self.org = QLineEdit(settings.org)
        self.org.setPlaceholderText("예: 금정구")
        self.doc_title = QLineEdit(settings.doc_title)
        self.doc_title.setPlaceholderText("예: 구청장 공약사항 관리카드")
        office = QGroupBox("기관")
        f1 = QFormLayout(office)
        f1.addRow("기관명", self.org)
        f1.addRow("문서 제목", self.doc_title)

        self.template = QComboBox()
        self.template.addItem("매번 묻기", "")
        for name in registry.names():
            self.template.addItem(registry.templates[name].label, name)
        i = self.template.findData(settings.default_template)
        self.template.setCurrentIndex(max(i, 0))
        self.new_org = QLineEdit(settings.new_org)
        self.new_org.setPlaceholderText("비우면 위의 기관명")
        self.new_doc_title = QLineEdit(settings.new_doc_title)
        self.new_doc_title.setPlaceholderText("비우면 위의 문서 제목")
        newcard = QGroupBox("새 카드")
        f2 = QFormLayout(newcard)
        f2.addRow("기본 템플릿", self.template)
        f2.addRow("기관명", self.new_org)
        f2.addRow("문서 제목", self.new_doc_title)

        self.database = QLineEdit(settings.database)
        self.database.setPlaceholderText("비우면 데이터 폴더의 기본 파일 (또는 postgresql://… 주소)")
        browse = QPushButton("찾아보기…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        db = QGroupBox("데이터베이스")
        f3 = QVBoxLayout(db)
        f3.addLayout(row)
        note = QLabel("파일 경로나 데이터베이스 주소입니다. 바꾸면 프로그램을 다시 시작할 때 적용됩니다.")
        note.setObjectName("mutedLabel")
        note.setWordWrap(True)
        f3.addWidget(note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("확인")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("취소")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(office)
        lay.addWidget(newcard)
        lay.addWidget(db)
        lay.addStretch(1)
        lay.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "데이터베이스 파일", self.database.text() or "pledgecard.sqlite3",
            "SQLite 데이터베이스 (*.sqlite3 *.sqlite *.db);;모든 파일 (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText(path)

    def result_settings(self) -> Settings:
        """The settings with this dialog's values (the caller saves them)."""
        s = self._settings
        s.org = self.org.text().strip()
        s.doc_title = self.doc_title.text().strip()
        s.default_template = str(self.template.currentData() or "")
        s.new_org = self.new_org.text().strip()
        s.new_doc_title = self.new_doc_title.text().strip()
        s.database = self.database.text().strip()
        return s
