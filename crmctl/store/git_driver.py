"""The crmctl merge driver's registration in a repository, and git's own line merge."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from . import git

DRIVER = "crmctl"  # the merge driver's name in .gitattributes and `merge.<name>.*`
DRIVER_ATTRIBUTE = f"records/**/*.yaml merge={DRIVER}"
DRIVER_LABEL = "crmctl field-by-field record merge"
MERGE_FILE_MAX_CONFLICTS = 127  # git merge-file exits with the number of conflicts, capped here


def driver_command() -> str:
    """How git starts the merge driver: the shell client beside this module, with this very Python,
    both by absolute path, so git finds them whatever its PATH (a GUI client, cron, `env -i`)."""
    script = Path(__file__).resolve().with_name("merge_driver.sh")
    return f"/bin/sh {shlex.quote(str(script))} {shlex.quote(sys.executable)} %O %A %B %P"


def driver_state(root: Path) -> str:
    """'missing' (git would merge record files line by line), 'stale' (registered for another
    installation, or the older `crmctl merge-driver` on PATH) or 'current'."""
    command = git.config_value(root, f"merge.{DRIVER}.driver")
    if command is None:
        return "missing"
    result = git.run(root, "check-attr", "merge", "--", "records/customers/x.yaml", check=False)
    if result.returncode != 0 or not result.stdout.strip().endswith(f"merge: {DRIVER}"):
        return "missing"
    return "current" if command == driver_command() else "stale"


def driver_registered(root: Path) -> bool:
    """Whether git would merge record files with the crmctl driver."""
    return driver_state(root) != "missing"


def refresh_driver(root: Path) -> bool:
    """Re-register a driver registered for a moved or replaced installation; True if it did."""
    if git.config_value(root, f"merge.{DRIVER}.driver") in (None, driver_command()):
        return False
    git.run(root, "config", f"merge.{DRIVER}.driver", driver_command())
    return True


def register_driver(root: Path) -> None:
    """Name the driver in the repository's config (`.gitattributes` carries the pattern)."""
    git.run(root, "config", f"merge.{DRIVER}.name", DRIVER_LABEL)
    git.run(root, "config", f"merge.{DRIVER}.driver", driver_command())
    # A plain `git pull` with diverged branches stops before merging (git >= 2.27 asks to choose)
    # unless pull.rebase is set; merging is what the driver is for, so choose it where nobody chose.
    if git.config_value(root, "pull.rebase") is None:
        git.run(root, "config", "pull.rebase", "false")


def merge_text(ours: Path, base: Path, theirs: Path, labels=("ours", "theirs")) -> bool:
    """git's own line merge into `ours`, conflict markers (named by `labels`) included; True when
    it merged cleanly."""
    result = git.run(
        ours.parent,
        "merge-file",
        "-L",
        labels[0],
        "-L",
        "base",
        "-L",
        labels[1],
        str(ours),
        str(base),
        str(theirs),
        check=False,
    )
    if not 0 <= result.returncode <= MERGE_FILE_MAX_CONFLICTS:
        raise git.GitError(f"git merge-file failed: {result.stderr.strip()}")
    return result.returncode == 0
