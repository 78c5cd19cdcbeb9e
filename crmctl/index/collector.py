"""Pausing Python's cyclic garbage collector while the index's JSON texts are decoded in bulk."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """Decoding 100,000 records or kept answers makes millions of objects and none are cyclic: the
    cyclic collector would only walk them over and over while they are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
