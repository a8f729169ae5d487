"""Garbage collection paused while a merge holds thousands of records.

Imports nothing heavy: the merge command pauses collection before it imports the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while thousands of records pile up.

    Records and sessions hold no reference cycles, yet every collection walks
    all of them: with the collector on, loading grows quadratically slower.
    load_exports and summarise pause it themselves; wrap both in it (as the
    merge command does) to also skip the one full pass between them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["collector_paused"]
