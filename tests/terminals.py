"""crmctl run on a real pseudo-terminal of a given size, as a person at a terminal runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios

from crmctl.screen import text_width
from tests.conftest import REPO

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def on_terminal(
    *args, columns: int = 80, lines: int = 40, env=None, typed: bytes = b"", code: int = 0
) -> str:
    """What `crmctl ARGS` shows on a terminal `columns` wide and `lines` high (stdout and stderr
    both on it; line ends as written, CRLF turned back into LF), `typed` typed ahead, and its exit
    code `code`."""
    timeout = 60
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "PAGER": "cat", **(env or {})}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "CRMCTL_COLOR", "CRMCTL_WIDE"):
        if name not in (env or {}):
            full_env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "crmctl", *map(str, args)],
        stdin=follower, stdout=follower, stderr=follower, env=full_env,
    )  # fmt: skip
    os.close(follower)
    os.write(leader, typed)
    shown = bytearray()
    while True:
        ready, _, _ = select.select([leader], [], [], timeout)
        if not ready:
            process.kill()
            raise TimeoutError(f"crmctl {args} still running after {timeout} s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's last writer closed it
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout) == code, shown.decode(errors="replace")
    return shown.decode().replace("\r\n", "\n")


def widest(text: str) -> int:
    """The widest line of a terminal's text, in columns, colour codes left out."""
    return max(text_width(ANSI.sub("", line)) for line in text.splitlines())
