"""Thousands of keystrokes do not crash the program (PySide6 6.12 on Python 3.11, see qtfix.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_long_typing_session_survives() -> None:
    script = Path(__file__).with_name("long_session.py")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(script), "2000"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "OK 2000" in proc.stdout
