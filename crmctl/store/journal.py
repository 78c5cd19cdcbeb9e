"""Finishing the transactions a killed writer left in `.crmctl/`, trusting only crmctl's own
journals.

An archive from a clone is untrusted input: a journal committed with `git add -f`, or a `.crmctl`
that is a symbolic link into the victim's home, could name any file to replace or delete. So a
journal is replayed only from a state directory that is crmctl's own (a real directory owned by this
user, nothing in it tracked by git), and only when every file it names has the shape crmctl gives
them: a record file under `records/` of this root (or `crmctl.yaml`), and beside it the dot-file
staged by that very transaction. Anything else is reported (by `check`) and left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from pathlib import Path, PurePosixPath

from ..archive import ids
from ..archive.kinds import KINDS
from ..archive.root import CONFIG_NAME, STATE_DIR, state_doubt
from ..problems import Problem
from . import git

JOURNAL = re.compile(r"^tx-([0-9a-f]{12})\.(journal|intent)$")
CUT_OFF = re.compile(r"^\.tx-[0-9a-f]{12}\.(journal|intent)\.tmp$")  # killed before its rename
LEFT_ALONE = "left alone; delete it if it is not crmctl's own"


class Foreign(Exception):
    """A journal crmctl did not write; the message says why."""


def state_problems(root: Path, state_dir: Path) -> list[Problem]:
    """What `check` says of the state directory: not crmctl's own, or holding files git tracks."""
    reason = state_doubt(state_dir)
    if reason:
        return [
            Problem(
                STATE_DIR,
                None,
                "",
                f"{reason}: crmctl keeps its local state there, so it uses no index and "
                f"writes nothing until it is a real directory; remove it (it is safe to delete)",
            )
        ]
    return [
        Problem(
            path,
            None,
            "",
            f"tracked by git, but {STATE_DIR}/ holds local state only and crmctl never replays a "
            f"journal from a clone; run 'git rm -r --cached {STATE_DIR}'",
        )
        for path in git.tracked(root, STATE_DIR)
    ]


def pending(state_dir: Path) -> bool:
    """Whether a transaction may have been left unfinished (cheap: no git, no reading)."""
    return state_doubt(state_dir) is None and state_dir.is_dir() and any(state_dir.glob("*tx-*"))


def recover(root: Path, state_dir: Path) -> list[Problem]:
    """Roll forward every committed journal and roll back every bare intent; the caller holds the
    lock. Returns what was left alone, and why."""
    if not pending(state_dir):
        return []
    if git.tracked(root, STATE_DIR):
        return state_problems(root, state_dir)
    left: list[Problem] = []
    for path in sorted(state_dir.iterdir()):
        match = JOURNAL.match(path.name)
        if match is None:
            if CUT_OFF.match(path.name) and path.is_file() and not path.is_symlink():
                path.unlink()
            continue
        try:
            _finish(root, path, txid=match.group(1), journal=match.group(2) == "journal")
        except Foreign as exc:
            left.append(Problem(f"{STATE_DIR}/{path.name}", None, "", f"{exc}: {LEFT_ALONE}"))
    return left


def _finish(root: Path, path: Path, txid: str, journal: bool) -> None:
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            raise Foreign("not a regular file")
        content = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise Foreign(f"not a crmctl journal ({_reason(exc)})") from None
    if journal:
        renames, removes = _journal_paths(root, content, txid)
        for staged, final in renames:
            if staged.exists():
                os.replace(staged, final)
        for removed in removes:
            with contextlib.suppress(FileNotFoundError):
                removed.unlink()
    else:
        if not isinstance(content, list):
            raise Foreign("not a crmctl intent (a list of staged files expected)")
        for staged in [_staged(root, name, txid) for name in content]:
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()
    path.unlink()


def _journal_paths(root: Path, content, txid: str) -> tuple[list[tuple[Path, Path]], list[Path]]:
    if not (
        isinstance(content, dict)
        and isinstance(content.get("renames"), list)
        and isinstance(content.get("removes"), list)
        and all(isinstance(pair, list) and len(pair) == _RENAME_PAIR for pair in content["renames"])
    ):
        raise Foreign("not a crmctl journal (renames and removes expected)")
    renames = []
    for staged, final in content["renames"]:
        target = _target(root, final, may_be_config=True)
        if staged != _staged_name(final, txid):
            raise Foreign(f"{staged!r} is not the file staged for {final!r}")
        renames.append((_staged(root, staged, txid), target))
    return renames, [_target(root, name, may_be_config=False) for name in content["removes"]]


def _staged_name(final: str, txid: str) -> str:
    where = PurePosixPath(final)
    return str(where.with_name(f".{where.name}.{txid}.tmp"))


def _staged(root: Path, name, txid: str) -> Path:
    """The staged dot-file `name` of transaction `txid`, beside a record file or crmctl.yaml."""
    where = PurePosixPath(name) if isinstance(name, str) else None
    suffix = f".{txid}.tmp"
    if where is None or not (where.name.startswith(".") and where.name.endswith(suffix)):
        raise Foreign(f"{name!r} is not a file staged by this transaction")
    final = str(where.with_name(where.name[1 : -len(suffix)]))
    _target(root, final, may_be_config=True)
    path = root / name
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.lstat(path).st_mode):
            raise Foreign(f"{name!r} is not a regular file")
    return path


def _target(root: Path, name, may_be_config: bool) -> Path:
    """The file `name` if it is a record file of this root (or crmctl.yaml), folders resolved."""
    if not isinstance(name, str):
        raise Foreign(f"{name!r} is not a file name")
    if may_be_config and name == CONFIG_NAME:
        return root / CONFIG_NAME
    if not _record_path(PurePosixPath(name)):
        raise Foreign(f"{name!r} is not a record file of this data root")
    path = root / name
    records = Path(os.path.realpath(root)) / "records"
    try:
        Path(os.path.realpath(path.parent)).relative_to(records)
    except ValueError:
        raise Foreign(f"{name!r} leads outside records/ of this data root") from None
    return path


_RENAME_PAIR = 2  # a rename is [staged path, target path]
_FLAT = len(("records", "<folder>", "<id>.yaml"))
_MONTHLY = len(("records", "visits", "<yyyy>", "<mm>", "<id>.yaml"))


def _record_path(path: PurePosixPath) -> bool:
    """`records/<folder>/<id>.yaml`, or `records/visits/<yyyy>/<mm>/<id>.yaml`."""
    parts = path.parts
    if len(parts) < _FLAT or parts[0] != "records" or path.suffix != ".yaml":
        return False
    kind = next((kind for kind in KINDS.values() if kind.folder == parts[1]), None)
    if kind is None or not (ids.is_valid(path.stem) and path.stem[0] == kind.letter):
        return False
    if kind.month_field:
        return len(parts) == _MONTHLY and _digits(parts[2], 4) and _digits(parts[3], 2)
    return len(parts) == _FLAT


def _digits(text: str, count: int) -> bool:
    return len(text) == count and text.isascii() and text.isdigit()


def _reason(exc: Exception) -> str:
    return "empty" if isinstance(exc, json.JSONDecodeError) and not exc.doc else str(exc)
