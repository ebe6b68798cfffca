"""Where the user's data lives: the data folder (platformdirs), or data/ beside the program in
portable mode (a file named `portable` beside the executable, for use from a USB stick)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "pledgecard"


def program_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def is_portable() -> bool:
    return (program_dir() / "portable").exists()


def data_dir() -> Path:
    """The folder for the database, backups, settings and user templates (created on demand)."""
    env = os.environ.get("PLEDGECARD_HOME")
    if env:
        d = Path(env)
    elif is_portable():
        d = program_dir() / "data"
    else:
        from platformdirs import user_data_dir

        d = Path(user_data_dir(APP, appauthor=False, roaming=True))
    d.mkdir(parents=True, exist_ok=True)
    return d


def default_db_path() -> Path:
    return data_dir() / "pledgecard.sqlite3"


def backups_dir() -> Path:
    return data_dir() / "backups"


def user_templates_dir() -> Path:
    return data_dir() / "templates"


def settings_path() -> Path:
    return data_dir() / "settings.json"
