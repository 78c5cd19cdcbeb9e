"""`crmctl sync`: pull (record files merged by the crmctl driver), check, and push only a sound archive."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Problem
from ..store import git
from ..store.init_root import register_merge_driver
from ..store.root import CONFIG_NAME
from .check import check_archive
from .session import Session


@dataclass
class SyncResult:
    registered: bool = False  # the merge driver had to be registered first (a fresh clone)
    conflicted: list[str] = field(default_factory=list)  # files the pull left unmerged
    problems: list[Problem] = field(default_factory=list)  # what `check` found after the pull
    pushed: bool = False
    uncommitted: list[str] = field(
        default_factory=list
    )  # record files changed but not committed: not pushed

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]


def sync(session: Session) -> SyncResult:
    root = session.root
    git.require_repository(root)
    result = SyncResult()
    if not git.driver_registered(root):
        register_merge_driver(root)
        result.registered = True
    else:
        git.refresh_driver(root)
    git.upstream(root)
    merged, output = git.pull(root)
    if not merged:
        result.conflicted = git.unmerged(root)
        if not result.conflicted:
            raise git.GitError(f"git pull failed: {output}")
    result.problems = check_archive(root, session.store, session.clock)
    if not result.conflicted and not result.errors:
        git.push(root)
        result.pushed = True
        result.uncommitted = git.uncommitted(root, "records", CONFIG_NAME)
    return result
