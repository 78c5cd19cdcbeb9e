"""Commits crmctl makes: exactly the paths a command wrote, finished by the next command if
stopped halfway."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import git

PENDING_COMMIT = "commit-pending.json"  # in the data root's state folder, while a commit is made


def _head(root: Path) -> str:
    result = git.run(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def begin_commit(root: Path, state: Path, paths: Iterable[Path], user: str) -> None:
    """Note, before the files are written, that they are to be committed: whatever stops the
    command from here on, the next one finishes the commit (`finish_commit`)."""
    relative = [os.path.relpath(path, root) for path in paths]
    _note(state, {"head": _head(root), "paths": relative, "user": user, "message": None})


def _note(state: Path, pending: dict) -> None:
    state.mkdir(parents=True, exist_ok=True)
    partial = state / (PENDING_COMMIT + ".new")
    with open(partial, "w", encoding="utf-8") as out:
        json.dump(pending, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, state / PENDING_COMMIT)


def commit_paths(
    root: Path, paths: list[Path], message: str, state: Path | None = None
) -> str | None:
    """Commit exactly `paths` (written or removed); the commit id, or None if they match HEAD
    already.

    The commit is built in a temporary index started from HEAD, so whatever the user staged or
    changed by hand stays as it was, staged or not; afterwards only these paths' entries in the
    real index are moved to the new HEAD (what `git commit --only` does, but it also takes new
    files and files that were never tracked). With `state`, the commit is noted there until it is
    complete, so a command stopped halfway is finished by the next (`finish_commit`).
    """
    relative = [os.path.relpath(path, root) for path in paths]
    if state is not None:
        pending = _pending(state) or {"head": _head(root), "paths": relative, "user": ""}
        _note(state, {**pending, "paths": relative, "message": message})
    commit = _commit(root, relative, message)
    if state is not None:
        (state / PENDING_COMMIT).unlink()
    return commit


def _pending(state: Path) -> dict | None:
    try:
        return json.loads((state / PENDING_COMMIT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _commit(root: Path, relative: list[str], message: str) -> str | None:
    head = _head(root)
    with tempfile.TemporaryDirectory(prefix="crmctl-index-") as folder:
        env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
        git.run(root, "read-tree", *([head] if head else ["--empty"]), env=env)
        git.run(
            root,
            "update-index",
            "--add",
            "--remove",
            "-z",
            "--stdin",
            env=env,
            input="\0".join(relative) + "\0",
        )
        if (
            head
            and git.run(root, "diff", "--cached", "--quiet", env=env, check=False).returncode == 0
        ):
            return None
        git.run(root, "commit", "--quiet", "--file=-", env=env, input=message)
    git.run(root, "reset", "--quiet", "--", *relative)
    return _head(root)


def finish_commit(root: Path, state: Path) -> str | None:
    """Finish a commit a stopped command left noted: make it if git never did, else move the real
    index to it. The commit's id, or None when there was nothing to finish."""
    pending = _pending(state)
    if pending is None:
        return None
    message = pending.get("message") or (
        f"crmctl: commit a write its command did not finish committing (by {pending['user']})"
        f"\n\nCrmctl-User: {pending['user']}\n"
    )
    head = _head(root)
    if head == pending["head"]:
        commit = _commit(root, pending["paths"], message)
    else:
        commit = head
        made = git.run(root, "log", "--format=%B%x00", f"{pending['head']}..HEAD", check=False)
        if pending.get("message") and pending["message"].strip() in made.stdout.split("\0")[0]:
            git.run(root, "reset", "--quiet", "--", *pending["paths"])
    (state / PENDING_COMMIT).unlink()
    return commit


def changed_since_head(root: Path, paths: Iterable[Path]) -> list[str]:
    """Which of `paths` differ from HEAD already (an earlier write not committed, a hand edit)."""
    relative = [os.path.relpath(path, root) for path in paths]
    result = git.run(
        root, "status", "--porcelain", "--untracked-files=all", "--", *relative, check=False
    )
    return [line[3:] for line in result.stdout.splitlines()]
