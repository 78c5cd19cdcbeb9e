"""`crmctl sync`: commit (or refuse) pending changes, pull (record files merged by the crmctl
driver), check each commit about to be pushed and the archive they leave, and push only if all
pass; retry once if the remote moved."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..archive.kinds import kind_of_id
from ..archive.root import CONFIG_NAME
from ..messages import _
from ..problems import Problem
from ..store import git, git_commit, git_driver, git_log, git_sync
from ..store.init_root import register_merge_driver
from .audit import Finding, audit
from .check import check_archive
from .commit_check import Broken, broken_commits
from .commits import record_trailers
from .session import Session

UPSTREAM = "@{upstream}"


@dataclass
class SyncResult:
    registered: bool = False  # the merge driver had to be registered first (a fresh clone)
    committed: str | None = None  # the commit of pending changes (`crmctl --commit sync`)
    conflicted: list[str] = field(default_factory=list)  # files the pull left unmerged
    problems: list[Problem] = field(default_factory=list)  # what `check` found after the pull
    rewritten: list[Finding] = field(default_factory=list)  # outgoing commits `audit` refuses
    broken: list[Broken] = field(default_factory=list)  # problems outgoing commits brought in
    culprits: dict[str, git_log.Commit] = field(
        default_factory=dict
    )  # failing path -> its last commit
    theirs: set[str] = field(default_factory=set)  # culprit commits that came from the remote
    pushed: bool = False
    retried: bool = False  # the remote moved between the pull and the push

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]


def sync(session: Session) -> SyncResult:
    root = session.root
    git.require_repository(root)
    git.require_merged(root)
    result = SyncResult()
    if not git_driver.driver_registered(root):
        register_merge_driver(root)
        result.registered = True
    else:
        git_driver.refresh_driver(root)
    git_sync.upstream(root)
    result.committed = _commit_pending(session)
    for attempt in range(2):
        if not _pulled_and_checked(session, result):
            return result
        if git_sync.push(root):
            result.pushed = True
            return result
        result.retried = attempt == 0
    raise git.GitError(_("the remote moved again while syncing; run 'crmctl sync' once more"))


def _commit_pending(session: Session) -> str | None:
    """Commit changed record files and crmctl.yaml as one commit (`--commit`), else refuse them:
    a sync that pushed around them would leave them behind unchecked."""
    pending = git.uncommitted(session.root, "records", CONFIG_NAME)
    if not pending:
        return None
    if not session.wants_commits:
        shown = ", ".join(pending[: git.SHOWN_FILES]) + (
            " …" if len(pending) > git.SHOWN_FILES else ""
        )
        raise git.GitError(
            _(
                "{pending} changed file(s) are not committed: {shown}; nothing was "
                "pulled or pushed. Commit them as one commit with 'crmctl --commit "
                "sync', or commit or stash them with git first",
                pending=len(pending),
                shown=shown,
            )
        )
    ids = sorted({name.rsplit("/", 1)[-1].removesuffix(".yaml") for name in pending})
    user = session.user
    message = (
        f"crmctl: sync {len(pending)} changed file(s) (by {user.id})\n\n"
        + "\n".join(record_trailers(user, [i for i in ids if kind_of_id(i)]))
        + "\n"
    )
    return git_commit.commit_paths(session.root, [session.root / name for name in pending], message)


def _pulled_and_checked(session: Session, result: SyncResult) -> bool:
    """Pull, then check the archive as the outgoing commits leave it (the working tree is clean,
    so it is HEAD) and audit those commits; False (and why, in `result`) when nothing may go."""
    root = session.root
    merged, output = git_sync.pull(root)
    if not merged:
        result.conflicted = git.unmerged(root)
        if not result.conflicted:
            raise git.GitError(_("git pull failed: {output}", output=output))
    result.problems = check_archive(root, session.store, session.clock)
    if result.conflicted:
        return False
    outgoing = f"{UPSTREAM}..HEAD"
    result.rewritten = [
        finding for finding in audit(session, outgoing) if finding.severity == "error"
    ]
    if not result.errors:  # else the archive's own problems come first
        result.broken = broken_commits(root, session.config, outgoing)
    if result.errors:
        for path in dict.fromkeys(problem.path for problem in result.errors):
            commit = git_log.last_commit(root, path)
            if commit is not None:
                result.culprits[path] = commit
                if git.is_ancestor(root, commit.commit, UPSTREAM):
                    result.theirs.add(commit.commit)
    return not result.errors and not result.rewritten and not result.broken


def is_mine(session: Session, author: str) -> bool:
    """Whether a commit's author (`name <email>`) is this repository's git user."""
    email = git.config_value(session.root, "user.email")
    return email is not None and author.endswith(f"<{email}>")
