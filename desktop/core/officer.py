"""The officer's 이름 and 부서 in the settings file the window uses (desktop.core.paths.settings_path()),
recorded as "who" in every history entry (SPEC §6.2). Plain JSON, no Qt: the command line reads and
writes them here; the window's settings (desktop/ui/settings.py) keep these keys as they find them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAME_KEY, DEPT_KEY = "officer_name", "officer_dept"
MAX_LEN = 200  # the history's who/dept columns


class OfficerError(ValueError):
    """The settings file could not be written (Korean, names the file)."""


@dataclass(frozen=True)
class Officer:
    name: str = ""
    dept: str = ""

    @property
    def known(self) -> bool:
        return bool(self.name.strip())


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _text(v: Any) -> str:
    return " ".join(v.split())[:MAX_LEN] if isinstance(v, str) else ""


def read_officer(path: Path | None = None) -> Officer:
    """이름 and 부서 as set (empty when not set or the file is unreadable: never fatal)."""
    from desktop.core.paths import settings_path

    raw = _read(path or settings_path())
    return Officer(_text(raw.get(NAME_KEY)), _text(raw.get(DEPT_KEY)))


def write_officer(officer: Officer, path: Path | None = None) -> Officer:
    """Store 이름 and 부서, keeping every other setting as it is (written atomically)."""
    from desktop.core.paths import settings_path

    p = path or settings_path()
    raw = _read(p)
    clean = Officer(_text(officer.name), _text(officer.dept))
    raw[NAME_KEY], raw[DEPT_KEY] = clean.name, clean.dept
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(p.name + ".tmp")  # as the window writes it (the user's umask, one rename)
        tmp.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, p)
    except OSError as exc:
        raise OfficerError(f"설정 파일 '{p}'에 쓰지 못했습니다 ({exc.strerror or exc})") from None
    return clean
