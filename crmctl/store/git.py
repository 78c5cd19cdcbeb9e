"""What crmctl asks of git: every git command crmctl runs is in this module."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import CrmError

DRIVER = "crmctl"  # the merge driver's name in .gitattributes and `merge.<name>.*`
DRIVER_ATTRIBUTE = f"records/**/*.yaml merge={DRIVER}"
DRIVER_LABEL = "crmctl field-by-field record merge"
MERGE_FILE_MAX_CONFLICTS = 127  # git merge-file exits with the number of conflicts, capped here
SHOWN_FILES = 10  # unmerged files named in a message; the rest are counted


class GitError(CrmError):
    pass


def _run(
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
    paths = _run(
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
        result = _run(root, "ls-files", "--unmerged", "-z", "--", ".", check=False)
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
        f"{what} left {len(files)} file(s) unmerged: {shown}. Resolve each one (keep the right "
        "value of each conflicting field and every history entry of both sides; 'crmctl check' "
        f"names them), 'git add' it, then run '{finish}'"
    )


def require_merged(root: Path) -> None:
    """Refuse to write into an archive a merge left half done: a record read now may lack a side."""
    files = unmerged(root)
    if files:
        raise GitError(unmerged_message(root, files) + "; nothing was written")


def init(root: Path) -> None:
    _run(root, "init", "--quiet")


# ----------------------------------------------------------------- committing
PENDING_COMMIT = "commit-pending.json"  # in the data root's state folder, while a commit is made


def _head(root: Path) -> str:
    result = _run(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def begin_commit(root: Path, state: Path, paths: list[Path], user: str) -> None:
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
        _run(root, "read-tree", *([head] if head else ["--empty"]), env=env)
        _run(
            root,
            "update-index",
            "--add",
            "--remove",
            "-z",
            "--stdin",
            env=env,
            input="\0".join(relative) + "\0",
        )
        if head and _run(root, "diff", "--cached", "--quiet", env=env, check=False).returncode == 0:
            return None
        _run(root, "commit", "--quiet", "--file=-", env=env, input=message)
    _run(root, "reset", "--quiet", "--", *relative)
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
        made = _run(root, "log", "--format=%B%x00", f"{pending['head']}..HEAD", check=False)
        if pending.get("message") and pending["message"].strip() in made.stdout.split("\0")[0]:
            _run(root, "reset", "--quiet", "--", *pending["paths"])
    (state / PENDING_COMMIT).unlink()
    return commit


def changed_since_head(root: Path, paths: list[Path]) -> list[str]:
    """Which of `paths` differ from HEAD already (an earlier write not committed, a hand edit)."""
    relative = [os.path.relpath(path, root) for path in paths]
    result = _run(
        root, "status", "--porcelain", "--untracked-files=all", "--", *relative, check=False
    )
    return [line[3:] for line in result.stdout.splitlines()]


@dataclass(frozen=True)
class Commit:
    commit: str
    author: str
    at: str  # ISO 8601 with offset
    subject: str
    merge: bool = False


def file_log(root: Path, path: Path) -> list[Commit]:
    """Commits that changed a record's file, oldest first: wherever the file lived (a visit moved
    to another month keeps its name, the id) and no other file (`--follow` would also follow copies
    of similar records); merges whose result differs from every parent (a conflict resolved, or
    both sides merged by the driver) included."""
    if toplevel(root) is None:
        return []
    prefix = _run(root, "rev-parse", "--show-prefix").stdout.strip()
    result = _run(
        root,
        "log",
        "--format=%H%x00%P%x00%an%x00%aI%x00%s",
        "--",
        f":(glob){prefix}records/**/{path.name}",
        check=False,
    )
    if result.returncode != 0:  # a repository without commits yet
        return []
    commits = []
    for line in reversed(result.stdout.splitlines()):
        if line:
            commit, parents, author, at, subject = line.split("\0", 4)
            commits.append(Commit(commit, author, at, subject, len(parents.split()) > 1))
    return commits


# ----------------------------------------------------------------- the merge driver
def driver_command() -> str:
    """How git starts the merge driver: the shell client beside this module, with this very Python,
    both by absolute path, so git finds them whatever its PATH (a GUI client, cron, `env -i`)."""
    script = Path(__file__).resolve().with_name("merge_driver.sh")
    return f"/bin/sh {shlex.quote(str(script))} {shlex.quote(sys.executable)} %O %A %B %P"


def driver_state(root: Path) -> str:
    """'missing' (git would merge record files line by line), 'stale' (registered for another
    installation, or the older `crmctl merge-driver` on PATH) or 'current'."""
    command = config_value(root, f"merge.{DRIVER}.driver")
    if command is None:
        return "missing"
    result = _run(root, "check-attr", "merge", "--", "records/customers/x.yaml", check=False)
    if result.returncode != 0 or not result.stdout.strip().endswith(f"merge: {DRIVER}"):
        return "missing"
    return "current" if command == driver_command() else "stale"


def driver_registered(root: Path) -> bool:
    """Whether git would merge record files with the crmctl driver."""
    return driver_state(root) != "missing"


def refresh_driver(root: Path) -> bool:
    """Re-register a driver registered for a moved or replaced installation; True if it did."""
    if config_value(root, f"merge.{DRIVER}.driver") in (None, driver_command()):
        return False
    _run(root, "config", f"merge.{DRIVER}.driver", driver_command())
    return True


def register_driver(root: Path) -> None:
    """Name the driver in the repository's config (`.gitattributes` carries the pattern)."""
    _run(root, "config", f"merge.{DRIVER}.name", DRIVER_LABEL)
    _run(root, "config", f"merge.{DRIVER}.driver", driver_command())
    # A plain `git pull` with diverged branches stops before merging (git >= 2.27 asks to choose)
    # unless pull.rebase is set; merging is what the driver is for, so choose it where nobody chose.
    if config_value(root, "pull.rebase") is None:
        _run(root, "config", "pull.rebase", "false")


def merge_text(ours: Path, base: Path, theirs: Path, labels=("ours", "theirs")) -> bool:
    """git's own line merge into `ours`, conflict markers (named by `labels`) included; True when
    it merged cleanly."""
    result = _run(
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
        raise GitError(f"git merge-file failed: {result.stderr.strip()}")
    return result.returncode == 0


# ----------------------------------------------------------------- sync
def upstream(root: Path) -> str:
    """The current branch's upstream, or a GitError saying how to set one."""
    result = _run(
        root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}", check=False
    )
    if result.returncode == 0:
        return result.stdout.strip()
    remotes = _run(root, "remote").stdout.split()
    branch = _run(root, "rev-parse", "--abbrev-ref", "HEAD", check=False).stdout.strip() or "main"
    if not remotes:
        raise GitError(
            "this repository has no remote to sync with; add one with "
            "'git remote add origin URL', then 'git push -u origin " + branch + "'"
        )
    raise GitError(
        f"branch '{branch}' has no upstream; set it with 'git push -u {remotes[0]} {branch}'"
    )


def pull(root: Path) -> tuple[bool, str]:
    """Merge the upstream in (record files through the crmctl driver); (merged cleanly?, git's
    words)."""
    result = _run(root, "pull", "--no-rebase", "--no-edit", check=False)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


# How git push says that the remote branch moved on after we fetched it.
_REMOTE_MOVED = ("fetch first", "non-fast-forward", "failed to update ref", "cannot lock ref")


def push(root: Path) -> bool:
    """Push to the upstream; False when the remote moved on meanwhile (pull again), else a
    GitError."""
    result = _run(root, "push", check=False)
    if result.returncode == 0:
        return True
    words = result.stderr + result.stdout
    if any(sign in words for sign in _REMOTE_MOVED):
        return False
    raise GitError(f"git push failed: {words.strip()}")


def uncommitted(root: Path, *paths: str) -> list[str]:
    """Changed or new files under `paths` (relative to the data root) that no commit holds yet."""
    return [
        line[3:]
        for line in _run(
            root, "status", "--porcelain", "--untracked-files=all", "--", *paths
        ).stdout.splitlines()
    ]


def tracked(root: Path, path: str) -> list[str]:
    """Files under `path` (relative to the data root) that git tracks; none outside a repository."""
    try:
        result = _run(root, "ls-files", "-z", "--", path, check=False)
    except GitError:
        return []
    return [name for name in result.stdout.split("\0") if name] if result.returncode == 0 else []


# ----------------------------------------------------------------- audit
@dataclass(frozen=True)
class FileChange:
    """A record file as one commit changed it against one of its parents (blob ids, '' if
    absent)."""

    path: str  # relative to the data root
    old: str
    new: str


@dataclass(frozen=True)
class AuditedCommit:
    commit: str
    parents: tuple[str, ...]
    author: str  # name <email>
    at: str
    message: str
    changes: dict[str, list[FileChange]]  # parent -> files changed against it


_ZERO = "0" * 40
_COMMIT_MARK = "\x01"


def audited_commits(root: Path, *revisions: str) -> list[AuditedCommit]:
    """Every commit of `revisions` (a range or a revision, oldest first) with the record files it
    changed against each parent: a merge is compared with every parent, so a side it dropped
    shows."""
    prefix = _run(root, "rev-parse", "--show-prefix").stdout.strip()
    result = _run(
        root,
        "log",
        "--reverse",
        "-m",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        f"--format={_COMMIT_MARK}%H%x00%P%x00%an <%ae>%x00%aI%x00%B%x00",
        *revisions,
        "--",
        f"{prefix}records",
    )
    commits: dict[str, AuditedCommit] = {}
    for block in result.stdout.split(_COMMIT_MARK)[1:]:
        commit, parents, author, at, message, raw = block.split("\0", 5)
        parent_list = tuple(parents.split())
        entry = commits.setdefault(
            commit, AuditedCommit(commit, parent_list, author, at, message.strip(), {})
        )
        # `log -m` shows a merge once per parent, in the order of its parents.
        against = parent_list[len(entry.changes)] if parent_list else ""
        entry.changes[against] = _raw_changes(raw, prefix)
    return list(commits.values())


def _raw_changes(raw: str, prefix: str) -> list[FileChange]:
    out = []
    for line in raw.splitlines():
        if not line.startswith(":"):
            continue
        info, path = line.split("\t", 1)
        _, _, old, new, _ = info.split(" ", 4)
        out.append(
            FileChange(
                path.removeprefix(prefix),
                "" if old == _ZERO else old,
                "" if new == _ZERO else new,
            )
        )
    return out


def blobs(root: Path, ids: list[str]) -> dict[str, bytes]:
    """The contents of git blobs, read through one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(blob for blob in ids if blob))
    if not wanted:
        return {}
    result = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=root,
        input=("\n".join(wanted) + "\n").encode(),
        capture_output=True,
        check=False,
    )
    data, out, offset = result.stdout, {}, 0
    for blob in wanted:
        end = data.index(b"\n", offset)
        header = data[offset:end].split()
        found = len(header) == len(("<blob>", "<type>", "<size>"))  # else "<blob> missing"
        size = int(header[2]) if found else 0
        out[blob] = data[end + 1 : end + 1 + size]
        offset = end + 1 + size + (1 if found else 0)
    return out


def last_commit(root: Path, path: str) -> Commit | None:
    """The last commit that changed a file (relative to `root`), or None."""
    result = _run(
        root, "log", "-1", "--format=%H%x00%an <%ae>%x00%aI%x00%s", "--", path, check=False
    )
    line = result.stdout.strip()
    return Commit(*line.split("\0", 3)) if result.returncode == 0 and line else None


def is_ancestor(root: Path, commit: str, of: str) -> bool:
    return _run(root, "merge-base", "--is-ancestor", commit, of, check=False).returncode == 0
