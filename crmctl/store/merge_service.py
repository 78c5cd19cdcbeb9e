"""The merge driver's Python side: merge one record file, or serve the shell client
(merge_driver.sh).

`python -m crmctl.store.merge_service merge BASE OURS THEIRS NAME` merges one file as git's driver
(exit 0 merged, 1 left in conflict); `... serve DIR` is the worker that merges the files the client
passes through DIR/in and answers on DIR/out, until no file has come for IDLE_SECONDS.

The worker and a client take turns through DIR/turn, created exclusively by whoever goes next: a
client that cannot create it merges its file itself, and the worker creates it before it leaves, so
no request is ever written to a worker that is gone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import sys
from pathlib import Path

from ..rules.consistency import merged_record_problems
from .merge import IMPOSSIBLE, merge_file

IDLE_SECONDS = 5.0


def _labels(cwd: Path) -> tuple[str, str]:
    """The names of the two sides in conflict markers: swapped during a rebase, where git's
    'ours' is the upstream being rebased onto and 'theirs' the local commit being replayed."""
    git_dir = cwd / ".git"
    if git_dir.is_file():
        text = git_dir.read_text(encoding="utf-8", errors="replace").strip()
        git_dir = cwd / text.removeprefix("gitdir:").strip()
    if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
        return "upstream (rebasing onto)", "your commit (being rebased)"
    return "ours (this clone)", "theirs (being merged in)"


def merge_one(cwd: Path, base: str, ours: str, theirs: str, name: str) -> tuple[int, list[str]]:
    """Merge one file as git's driver: (exit status, messages for the person running git)."""
    try:
        conflicts = merge_file(
            cwd / base, cwd / ours, cwd / theirs, name, _labels(cwd), merged_record_problems
        )
    except Exception as exc:  # noqa: BLE001 - any failure must reach git as a conflict, not a merge
        return 2, [
            f"crmctl: error: the merge driver failed on {name} ({type(exc).__name__}: {exc}); "
            "git leaves it in conflict with your side only: merge it by hand"
        ]
    messages = [
        f"crmctl: conflict in {name}: {field.removeprefix(IMPOSSIBLE)}"
        if field.startswith(IMPOSSIBLE)
        else f"crmctl: conflict in field {field} of {name}: both values are kept between conflict "
        "markers"
        for field in conflicts
    ]
    return (1 if conflicts else 0), messages


def _answer(line: bytes, replies: int) -> None:
    client, cwd, *request = line.decode("utf-8", "surrogateescape").split("\t")
    status, messages = merge_one(Path(cwd), *request)
    text = "".join(f"{client} say {message}\n" for message in messages)
    os.write(replies, f"{text}{client} exit {status}\n".encode("utf-8", "surrogateescape"))


def _claim(folder: Path) -> bool:
    """Take the next turn (see the module's docstring); False when a client took it first."""
    try:
        os.close(os.open(folder / "turn", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    return True


def _clear(folder: Path, names=("pid", "in", "out", "turn")) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()


def serve(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lock = os.open(folder / "lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # another worker serves this archive
    _clear(folder)
    os.mkfifo(folder / "in", 0o600)
    os.mkfifo(folder / "out", 0o600)
    # Both ends held open for reading and writing: a client never blocks opening them while the
    # worker lives, and reads the end of file once it is gone.
    requests = os.open(folder / "in", os.O_RDWR)
    replies = os.open(folder / "out", os.O_RDWR)
    (folder / "pid.new").write_text(f"{os.getpid()}\n", encoding="ascii")
    os.replace(folder / "pid.new", folder / "pid")
    _loop(folder, requests, replies)


def _loop(folder: Path, requests: int, replies: int) -> None:
    pending = b""
    while True:
        ready, _, _ = select.select([requests], [], [], IDLE_SECONDS)
        if not ready:
            try:
                if _claim(folder):
                    break
            except OSError:  # the folder is gone
                return
            continue
        pending += os.read(requests, 1 << 16)
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            _answer(line, replies)
            _clear(folder, ("turn",))
    _clear(folder)


def main(argv: list[str]) -> int:
    match argv:
        case ["serve", folder]:
            serve(Path(folder))
            return 0
        case ["merge", base, ours, theirs, name]:
            status, messages = merge_one(Path.cwd(), base, ours, theirs, name)
            for message in messages:
                print(message, file=sys.stderr)
            return status
    print("usage: merge_service merge BASE OURS THEIRS NAME | serve DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
