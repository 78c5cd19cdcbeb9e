"""Finding the data root: `--root`, else CRMCTL_ROOT, else walking up like git looks for `.git`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import CrmError

CONFIG_NAME = "crmctl.yaml"
STATE_DIR = ".crmctl"  # local state, git-ignored: lock, transaction journals, index; safe to delete


class NoDataRoot(CrmError):
    pass


def find_root(explicit: str | None, start: Path | None = None) -> Path:
    """The data root directory; `explicit` comes from --root or CRMCTL_ROOT (click merges both)."""
    if explicit:
        root = Path(explicit).expanduser()
        if not (root / CONFIG_NAME).is_file():
            raise NoDataRoot(
                f"{root} is not a crmctl data root (no {CONFIG_NAME} there); "
                f"create one with 'crmctl init {root}'"
            )
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise NoDataRoot(
        f"not inside a crmctl data root (no {CONFIG_NAME} in {here} or any parent); "
        "run 'crmctl init DIR' to create one, or pass --root DIR (or set CRMCTL_ROOT)"
    )


def inside(root: str | Path, path: str | Path) -> bool:
    """Whether `path`, with symlinks followed, stays within the data root."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
        return True
    except ValueError:
        return False


def links_under(root: Path, folder: str) -> list[tuple[str, str]]:
    """Every symbolic link below `root/folder` but record files (the index reports those), as (path
    from the root, its target); a linked folder from a clone could lead readers out of the root."""
    found: list[tuple[str, str]] = []
    pending = [root / folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_symlink() and not entry.name.endswith(".yaml"):
                        found.append((os.path.relpath(entry.path, root), os.readlink(entry.path)))
                    elif entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
        except (FileNotFoundError, NotADirectoryError):
            continue
    return sorted(found)


def state_doubt(state_dir: Path) -> str | None:
    """Why `.crmctl` cannot be crmctl's own (git aside), or None: a symbolic link from a clone could
    lead crmctl to write, or delete, files anywhere."""
    try:
        info = os.lstat(state_dir)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return f"{STATE_DIR} is a symbolic link (to {os.readlink(state_dir)})"
    if not stat.S_ISDIR(info.st_mode):
        return f"{STATE_DIR} is not a directory"
    if info.st_uid != os.getuid():
        return f"{STATE_DIR} belongs to another user (uid {info.st_uid})"
    with os.scandir(state_dir) as entries:  # crmctl makes no links: one would lead its writes out
        for entry in entries:
            if entry.is_symlink():
                return f"{STATE_DIR}/{entry.name} is a symbolic link (to {os.readlink(entry.path)})"
    return None
