"""The data root's write lock: read-modify-write of records happens while holding it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path

from ..errors import CrmError


class LockTimeout(CrmError):
    pass


@contextlib.contextmanager
def exclusive(path: Path, timeout: float):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"another crmctl command has held the archive lock ({path}) for over "
                        f"{timeout:g}s; "
                        "try again, or raise CRMCTL_LOCK_TIMEOUT"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
        yield
    finally:
        os.close(fd)  # closing releases the flock
