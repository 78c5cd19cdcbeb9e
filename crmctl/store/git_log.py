"""Reading the archive's git history: a record's commits, and what each commit changed."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import git


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
    if git.toplevel(root) is None:
        return []
    prefix = git.run(root, "rev-parse", "--show-prefix").stdout.strip()
    result = git.run(
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
    prefix = git.run(root, "rev-parse", "--show-prefix").stdout.strip()
    result = git.run(
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
    result = git.run(
        root, "log", "-1", "--format=%H%x00%an <%ae>%x00%aI%x00%s", "--", path, check=False
    )
    line = result.stdout.strip()
    return Commit(*line.split("\0", 3)) if result.returncode == 0 and line else None


def record_names(root: Path, commit: str) -> set[str]:
    """The names (ids) of the record files in a commit's tree."""
    result = git.run(root, "ls-tree", "-r", "--name-only", "-z", commit, "--", "records")
    return {
        PurePosixPath(name).stem for name in result.stdout.split("\0") if name.endswith(".yaml")
    }
