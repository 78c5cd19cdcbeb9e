"""Files a command writes for people (`export -o`, `report monthly --html`): whole or not at all."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


@contextlib.contextmanager
def atomic_output(path: str | Path):
    """A binary stream whose bytes replace `path` only once the block ends cleanly: a failure (a
    full disk, a value the format cannot hold) leaves the old file as it was and no staged one."""
    target = Path(path)
    staged = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(staged, "wb") as stream:
            yield stream
        os.replace(staged, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
