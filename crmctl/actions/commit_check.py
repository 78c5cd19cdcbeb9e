"""What `sync` checks of each commit it is about to push, not only of the archive they leave: every
record file a commit wrote must hold no problem `check` would report that the file did not have
before it (in a parent). A commit that broke a record is refused even when a later one repaired
it, since every pushed commit is somebody's checkout, bisect step or audited state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from ..archive import yamlio
from ..archive.kinds import kind_of_id
from ..archive.record_file import parse_record
from ..config import Config
from ..problems import Problem, field_name
from ..rules.consistency import RULES, Missing
from ..rules.history import out_of_order
from ..store import git_log
from .check import NOTHING_KNOWN


@dataclass(frozen=True)
class Broken:
    """A problem a commit brought into a record file."""

    commit: git_log.AuditedCommit
    problem: Problem


def _written(commit: git_log.AuditedCommit):
    """(path, new blob, its blobs in the parents) of each record file the commit wrote itself: a
    merge's files that differ from every parent (what the merge made), not those it took whole
    from one side, which that side's commits answer for."""
    by_parent = [{change.path: change for change in changes} for changes in commit.changes.values()]
    for path, change in (by_parent[0] if by_parent else {}).items():
        kind = kind_of_id(PurePosixPath(path).stem)
        if kind is None or not change.new or not all(path in seen for seen in by_parent):
            continue
        yield path, change.new, [seen[path].old for seen in by_parent]


def _problems(path: str, data: bytes, config: Config) -> list[tuple[Problem, Missing | None]]:
    """What `check` says of one record file's bytes, references unresolved (`Missing`)."""
    kind = kind_of_id(PurePosixPath(path).stem)
    if kind is None:
        return []
    record, problems = parse_record(kind, path, data)
    out: list[tuple[Problem, Missing | None]] = [(problem, None) for problem in problems]
    rule = RULES.get(kind.name)
    if record is None or rule is None:
        return out
    for issue in [*rule(record, config, NOTHING_KNOWN), *out_of_order(record)]:
        where, message = issue
        problem = Problem(path, yamlio.line_of(data, where), field_name(where), message)
        out.append((problem, issue if isinstance(issue, Missing) else None))
    return out


def broken_commits(root, config: Config, revisions: str) -> list[Broken]:
    """Each problem a commit of `revisions` (oldest first) brought into a record it wrote."""
    commits = git_log.audited_commits(root, revisions)
    written = {commit.commit: list(_written(commit)) for commit in commits}
    contents = git_log.blobs(
        root,
        [blob for files in written.values() for _, new, olds in files for blob in (new, *olds)],
    )
    out = []
    for commit in commits:
        names: set[str] | None = None  # the ids in the commit's tree, read once it is needed
        for path, new, olds in written[commit.commit]:
            before = {
                (problem.field, problem.message)
                for old in olds
                if old
                for problem, _ in _problems(path, contents[old], config)
            }
            for problem, missing in _problems(path, contents[new], config):
                if (problem.field, problem.message) in before:
                    continue
                if missing is not None:
                    names = git_log.record_names(root, commit.commit) if names is None else names
                    if missing.target in names:
                        continue
                out.append(Broken(commit, problem))
    return out
