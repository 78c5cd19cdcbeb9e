"""The stamps of the record files (size, mtime_ns, inode), by which the index tells a changed file
from one it has read already, and the folder listings and snapshots that make taking them cheap.

A folder's stamps are kept as one snapshot in marshal's version 2, which writes no back-references:
the same stamps in the same order always give the same bytes, so an unchanged folder is told by its
bytes, undecoded. A folder's names are kept with the folder's own (inode, mtime, ctime) and listed
again only when those change: adding, removing or renaming an entry sets a folder's mtime and ctime,
and nothing sets a ctime back (tools that restore an mtime, as rsync or tar do, change the ctime).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..archive.kinds import Kind
from ..archive.record_file import Signature, signature

# (folder, folder from the data root, its record file names)
Listed = tuple[str, str, list[str]]
SNAPSHOT_VERSION = 2
# A folder's kept listing is trusted only if the folder last changed this long before it was listed:
# a change within its timestamps' granularity (a clock tick, a second on some file systems) may
# leave them as they were.
LISTING_MARGIN_NS = 3_000_000_000
# From this many files on, a second process stats half of them: a stat is mostly interpreter work
# under the GIL, so threads gain nothing, and below this a fork costs more than it saves.
FORK_MIN_FILES = 20_000


def record_folders(folder: Path, kind: Kind) -> list[Path]:
    if not kind.month_field:
        return [folder]
    return [month for year in _subfolders(folder) for month in _subfolders(year)]


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted(
                Path(e.path)
                for e in entries
                if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")
            )
    except FileNotFoundError:
        return []


def is_record_name(name: str) -> bool:
    """Dot-files are staged writes or editor leftovers, not records."""
    return name.endswith(".yaml") and not name.startswith(".")


def listed(root: Path, kind: Kind, kept: dict[str, bytes]) -> tuple[list[Listed], dict[str, bytes]]:
    """Each record folder of a kind with its record file names, and the new listings to keep:
    {folder from the root: listing}. `kept`: the listings kept so far."""
    base = len(str(root)) + 1
    found: list[Listed] = []
    listings: dict[str, bytes] = {}
    for folder_path in record_folders(root / "records" / kind.folder, kind):
        folder, rel = str(folder_path), str(folder_path)[base:]
        since = time.time_ns()
        try:
            stat = os.stat(folder)
        except FileNotFoundError:
            continue
        own = [stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns]
        was, names = marshal.loads(kept[rel]) if rel in kept else (None, [])
        if was != own:
            try:
                names = [n for n in os.listdir(folder) if is_record_name(n)]
            except FileNotFoundError:
                continue
            if stat.st_ctime_ns < since - LISTING_MARGIN_NS:
                listings[rel] = marshal.dumps((own, names), SNAPSHOT_VERSION)
        found.append((folder, rel, names))
    return found, listings


def stamps_of(folders: list[Listed]) -> dict[str, dict[str, Signature]]:
    """{folder from the root: {file name: its stamp}} of the listed folders' files, half of them
    stat'ed by a second process when there are many."""
    if sum(len(names) for _, _, names in folders) >= FORK_MIN_FILES and hasattr(os, "fork"):
        found = _stamps_in_two(folders)
    else:
        found = [_stamps(folder, names) for folder, _, names in folders]
    return {rel: stamps for (_, rel, _), stamps in zip(folders, found, strict=True)}


def _stamps(folder: str, names: list[str]) -> dict[str, Signature]:
    """The stamp of each named file of a folder; files gone meanwhile are left out."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    found = {}
    try:
        for name in names:
            try:
                found[name] = signature(os.stat(name, dir_fd=fd))
            except FileNotFoundError:
                continue
    finally:
        os.close(fd)
    return found


def _stamps_in_two(folders: list[Listed]) -> list[dict[str, Signature]]:
    """`_stamps` of every listed folder, the second half of each folder's files stat'ed by a forked
    child."""
    with _forked(
        lambda: [_stamps(folder, names[len(names) // 2 :]) for folder, _, names in folders]
    ) as theirs:
        found = [_stamps(folder, names[: len(names) // 2]) for folder, _, names in folders]
        for mine, half in zip(found, theirs(), strict=True):
            mine.update(half)
    return found


@contextlib.contextmanager
def _forked(work: Callable[[], Any]) -> Iterator[Callable[[], Any]]:
    """Run `work()` in a forked child; the block gets a function that waits for its answer (a value
    marshal can carry). The child only works and reports back: it never touches the parent's SQLite
    or files. A block left before asking for the answer (an error, Ctrl-C) stops the child."""
    reader, writer = os.pipe()
    try:
        child = os.fork()
    except BaseException:
        os.close(reader)
        os.close(writer)
        raise
    if child == 0:
        status = 1
        try:
            os.close(reader)
            with os.fdopen(writer, "wb") as out:
                out.write(marshal.dumps(work()))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    pipe = os.fdopen(reader, "rb")
    reaped = []

    def answer():
        data = pipe.read()
        pipe.close()
        reaped.append(os.waitpid(child, 0)[1])
        if reaped[0] != 0 or not data:
            raise OSError("the process stat'ing record files failed")
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError) as exc:
            raise OSError("the process stat'ing record files failed") from exc

    try:
        yield answer
    finally:
        pipe.close()
        if not reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)


def differences(
    current: dict[str, dict[str, Signature]], stored: dict[str, dict[str, Signature]]
) -> tuple[list[str], list[str]]:
    """The files whose stamps in `current` differ from `stored` (both of the same folders), and
    the files gone."""
    changed, gone = [], []
    for folder, stamps in current.items():
        was = stored[folder]
        if stamps == was:
            continue
        changed += [f"{folder}/{name}" for name, stamp in stamps.items() if was.get(name) != stamp]
        gone += [f"{folder}/{name}" for name in was.keys() - stamps.keys()]
    return changed, gone


def snapshot(stamps: dict[str, Signature]) -> bytes:
    return marshal.dumps(stamps, SNAPSHOT_VERSION)
