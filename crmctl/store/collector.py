"""Pausing Python's cyclic garbage collector while the index's JSON texts are decoded in bulk."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """Decoding 100,000 records or kept answers makes millions of objects and none are cyclic: the
    cyclic collector would only walk them over and over, while decoding and then at every later
    collection. So it pauses while they are made, and they are frozen out of its sight (refcounting
    still frees them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
