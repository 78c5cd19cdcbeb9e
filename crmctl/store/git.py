"""What crmctl asks of git: running it, and the state of the repository (unfinished merges,
unmerged and uncommitted files). Every git command crmctl runs is in this module or a `git_*`
module beside it (commits, the merge driver, sync, history)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..errors import CrmError

SHOWN_FILES = 10  # unmerged files named in a message; the rest are counted


class GitError(CrmError):
    pass


def run(
    root: Path, *args: str, env: dict | None = None, input: str | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(
            ["git", *args],
            check=False,
            cwd=root,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            input=input,
            env={**os.environ, **env} if env else None,
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if check and result.returncode != 0:
        raise GitError(f"git {args[0]} failed: {(result.stderr or result.stdout).strip()}")
    return result


def config_value(root: Path, key: str) -> str | None:
    """A `git config` value as seen from the data root, or None (no git, no repository, unset)."""
    try:
        result = subprocess.run(
            ["git", "config", "--get", key],
            check=False,
            cwd=root,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value else None


def toplevel(root: Path) -> Path | None:
    """The work tree holding the data root, or None when it is not in a git repository (or git is
    missing)."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            check=False,
            cwd=root,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError:
        return None
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def require_repository(root: Path) -> Path:
    top = toplevel(root)
    if top is None:
        raise GitError(
            f"{root} is not in a git repository; run 'crmctl init --git {root}' (or 'git init') "
            f"first"
        )
    return top


# What a stopped git operation leaves in the git directory, what it is, and how it is finished.
_UNFINISHED = {
    "rebase-merge": ("a rebase", "git rebase --continue"),
    "rebase-apply": ("a rebase", "git rebase --continue"),
    "MERGE_HEAD": ("a merge", "git commit"),
    "CHERRY_PICK_HEAD": ("a cherry-pick", "git cherry-pick --continue"),
    "REVERT_HEAD": ("a revert", "git revert --continue"),
}


def unfinished(root: Path) -> tuple[str, str] | None:
    """The git operation stopped halfway in this repository, if any: (what, the finishing
    command)."""
    paths = run(
        root, "rev-parse", *(arg for name in _UNFINISHED for arg in ("--git-path", name))
    ).stdout.splitlines()
    for path, state in zip(paths, _UNFINISHED.values(), strict=False):
        if Path(root, path).exists():
            return state
    return None


def require_committable(root: Path) -> None:
    """Refuse while a merge or rebase is unfinished: a commit then would conclude it half done."""
    require_repository(root)
    state = unfinished(root)
    if state is not None:
        what, finish = state
        raise GitError(
            f"{what} is in progress in this repository; finish it (resolve, 'git add', "
            f"'{finish}') or abort it before changing records with --commit"
        )


def unmerged(root: Path) -> list[str]:
    """Files a merge left unmerged (a conflict, or a merge driver that failed), relative to
    `root`."""
    try:
        result = run(root, "ls-files", "--unmerged", "-z", "--", ".", check=False)
    except GitError:  # no git: nothing can be unmerged
        return []
    names = (entry.split("\t", 1)[1] for entry in result.stdout.split("\0") if "\t" in entry)
    return list(dict.fromkeys(names)) if result.returncode == 0 else []


def unmerged_message(root: Path, files: list[str]) -> str:
    """What to tell someone whose archive a merge left unmerged: the files and how to finish."""
    what, finish = unfinished(root) or ("a merge", "git commit")
    hidden = len(files) - SHOWN_FILES
    shown = ", ".join(files[:SHOWN_FILES]) + (f" and {hidden} more" if hidden > 0 else "")
    return (
        f"{what} left {len(files)} file(s) unmerged: {shown}. Resolve each one: keep one side "
        "with 'crmctl keep ours FILE' or 'crmctl keep theirs FILE' (every history entry of both "
        "sides stays), or by hand (the right value of each conflicting field and every history "
        f"entry of both sides; 'crmctl check' names them) and 'git add' it; then run '{finish}'"
    )


def require_merged(root: Path) -> None:
    """Refuse to write into an archive a merge left half done: a record read now may lack a side."""
    files = unmerged(root)
    if files:
        raise GitError(unmerged_message(root, files) + "; nothing was written")


def init(root: Path) -> None:
    run(root, "init", "--quiet")


def uncommitted(root: Path, *paths: str) -> list[str]:
    """Changed or new files under `paths` (relative to the data root) that no commit holds yet."""
    return [
        line[3:]
        for line in run(
            root, "status", "--porcelain", "--untracked-files=all", "--", *paths
        ).stdout.splitlines()
    ]


def tracked(root: Path, path: str) -> list[str]:
    """Files under `path` (relative to the data root) that git tracks; none outside a repository."""
    try:
        result = run(root, "ls-files", "-z", "--", path, check=False)
    except GitError:
        return []
    return [name for name in result.stdout.split("\0") if name] if result.returncode == 0 else []


def is_ancestor(root: Path, commit: str, of: str) -> bool:
    return run(root, "merge-base", "--is-ancestor", commit, of, check=False).returncode == 0
