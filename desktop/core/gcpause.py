"""Bulk work (listing, import, export) makes many small acyclic objects: the cyclic collector's passes
on the way cost time for nothing (a third of a workbook import)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic collector paused for the block; left as it was when the caller had it off."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
