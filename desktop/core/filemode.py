"""The mode a new file gets under the user's umask — for files written through a private temp file
(tempfile.mkstemp makes them 0600) that then take the exported file's place."""

from __future__ import annotations

import os
from pathlib import Path


def umask() -> int:
    """The process umask, read without changing it where the system tells it (Linux /proc); elsewhere
    set and put back at once."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8) & 0o777
    except (OSError, ValueError, IndexError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def give_user_mode(path: str | os.PathLike[str]) -> None:
    """chmod a finished file to what open() would have created: 0666 less the umask (0644 usually)."""
    os.chmod(path, 0o666 & ~umask())
