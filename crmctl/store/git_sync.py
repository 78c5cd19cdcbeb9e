"""What `crmctl sync` asks of git: the upstream, pulling and pushing."""

from __future__ import annotations

from pathlib import Path

from . import git


def upstream(root: Path) -> str:
    """The current branch's upstream, or a GitError saying how to set one."""
    result = git.run(
        root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}", check=False
    )
    if result.returncode == 0:
        return result.stdout.strip()
    remotes = git.run(root, "remote").stdout.split()
    branch = (
        git.run(root, "rev-parse", "--abbrev-ref", "HEAD", check=False).stdout.strip() or "main"
    )
    if not remotes:
        raise git.GitError(
            "this repository has no remote to sync with; add one with "
            "'git remote add origin URL', then 'git push -u origin " + branch + "'"
        )
    raise git.GitError(
        f"branch '{branch}' has no upstream; set it with 'git push -u {remotes[0]} {branch}'"
    )


def pull(root: Path) -> tuple[bool, str]:
    """Merge the upstream in (record files through the crmctl driver); (merged cleanly?, git's
    words)."""
    result = git.run(root, "pull", "--no-rebase", "--no-edit", check=False)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


# How git push says that the remote branch moved on after we fetched it.
_REMOTE_MOVED = ("fetch first", "non-fast-forward", "failed to update ref", "cannot lock ref")


def push(root: Path) -> bool:
    """Push to the upstream; False when the remote moved on meanwhile (pull again), else a
    GitError."""
    result = git.run(root, "push", check=False)
    if result.returncode == 0:
        return True
    words = result.stderr + result.stdout
    if any(sign in words for sign in _REMOTE_MOVED):
        return False
    raise git.GitError(f"git push failed: {words.strip()}")
