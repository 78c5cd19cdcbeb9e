"""Reading one record file: parsed, validated, and the file signature the index keys it on."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from ..problems import Problem, field_name
from . import conflict_markers, ids, yamlio
from .kinds import Kind
from .root import inside
from .schemas import validate

MAX_RECORD_BYTES = 1 << 20  # far above any real record; refuses giant or hostile files unread

Signature = tuple[int, int, int]  # size, mtime_ns, inode: any edit, replacement or copy changes one
# A file whose mtime is not this much older than the moment it was read may change again within
# the same timestamp (one-second file systems; FAT's two seconds) without changing its signature.
RACY_NS = 2_000_000_000


def signature(stat: os.stat_result) -> Signature:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def unmatchable(stamp: Signature) -> Signature:
    """A signature no stat gives (its size negative), so the file is read again next time; `as_read`
    recovers the signature it was made from."""
    return -1 - stamp[0], stamp[1], stamp[2]


def as_read(stamp: Signature) -> Signature:
    """The signature of the file as it was read (undoing `unmatchable`)."""
    size, mtime_ns, inode = stamp
    return (size if size >= 0 else -1 - size), mtime_ns, inode


def trusted(stamp: Signature, read_at_ns: int) -> Signature:
    """The signature to key a file read at `read_at_ns` on: `unmatchable` unless its mtime is
    safely older than the read (git's "racy" rule)."""
    return stamp if stamp[1] < read_at_ns - RACY_NS else unmatchable(stamp)


def record_id(where: str) -> str:
    """The id a record file's name gives (its name without `.yaml`)."""
    return where.rpartition("/")[2].removesuffix(".yaml")


def read_record(
    root: str | Path, kind: Kind, where: str
) -> tuple[dict | None, list[Problem], Signature | None]:
    """The record (with its id) of the file at `where` (its path from the data root, as problems
    name it) or the problems that stop it, and the signature of the bytes read (taken before
    reading, so a change made meanwhile shows as a changed signature next time), `unmatchable`
    when it cannot prove the file unchanged (a failed read, a racy mtime); the signature is None
    when the file vanished. Plain strings and one lstat: a cold build reads 314,000 files,
    where pathlib's parsing and a second stat cost ~15% of a worker's time."""
    path = os.path.join(root, where)
    name = record_id(where)

    def problem(message, line=None, field="", failed=False):
        try:
            stamp = signature(os.stat(path))
        except OSError:
            stamp = None
        if stamp is not None and failed:  # a read that failed proves nothing of the next one
            stamp = unmatchable(stamp)
        return None, [Problem(where, line, field, message)], stamp

    try:
        info = os.lstat(path)
    except OSError:
        info = None  # reported below, where it is read
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not inside(root, path):
            return problem("is a symbolic link pointing outside the data root; refusing to read it")
        info = None  # its target is stat'ed below
    if not ids.is_valid(name) or name[0] != kind.letter:
        return problem(
            f"file name is not a {kind.name} id ({kind.letter} followed by 15 characters)"
        )
    try:
        info = info or os.stat(path)  # before opening: opening a FIFO would block
        stamp = signature(info)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return None, [Problem(where, None, "", "is not a regular file")], stamp
        if stamp[0] > MAX_RECORD_BYTES:
            return (
                None,
                [
                    Problem(
                        where,
                        None,
                        "",
                        f"file is {stamp[0]} bytes, over the {MAX_RECORD_BYTES}-byte "
                        "limit for one record",
                    )
                ],
                stamp,
            )
        with open(path, "rb") as handle:
            data = handle.read()
        stamp = trusted(stamp, time.time_ns())
    except FileNotFoundError:
        return None, [Problem(where, None, "", "cannot read: No such file or directory")], None
    except OSError as exc:
        return problem(f"cannot read: {exc.strerror}", failed=True)
    record, problems = parse_record(kind, where, data)
    return record, problems, stamp


def parse_record(kind: Kind, where: str, data: bytes) -> tuple[dict | None, list[Problem]]:
    """The record (with its id) in `data`, the bytes of the file at `where`, or the problems that
    stop it: conflict markers, YAML, the schema."""
    blocks = conflict_markers.conflicts(data)
    if blocks:  # every conflicted field, not just the first
        return None, [
            Problem(where, line, "", conflict_markers.conflict_message(field))
            for line, field in blocks
        ]
    try:
        body = yamlio.loads(data)
    except yamlio.YamlError as exc:
        return None, [Problem(where, exc.line, "", exc.message)]
    if not isinstance(body, dict):
        return None, [Problem(where, 1, "", "a record file must be a mapping of fields")]
    issues = validate(kind.schema, body)
    if issues:
        return None, [
            Problem(where, yamlio.line_of(data, issue.path), field_name(issue.path), issue.message)
            for issue in issues
        ]
    return {"id": record_id(where), **body}, []
