"""What a command prints about many cards: the count and the first few, the rest with --verbose."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

SHOWN = 5  # lines listed before "… 외 N건"


def verbose(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "verbose", False))


def first_few(lines: Sequence[str], args: argparse.Namespace, indent: str = "  ") -> list[str]:
    """All of `lines` with --verbose, else the first SHOWN and "… 외 N건 (--verbose로 모두 보기)"."""
    if verbose(args) or len(lines) <= SHOWN:
        return list(lines)
    return [*lines[:SHOWN], f"{indent}… 외 {len(lines) - SHOWN}건 (--verbose로 모두 보기)"]


def joined(items: Sequence[str], args: argparse.Namespace) -> str:
    """", ".join(items), cut like first_few: "a, b, c, d, e … 외 95건 (--verbose로 모두 보기)"."""
    if verbose(args) or len(items) <= SHOWN:
        return ", ".join(items)
    return ", ".join(items[:SHOWN]) + f" … 외 {len(items) - SHOWN}건 (--verbose로 모두 보기)"
