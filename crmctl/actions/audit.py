"""`crmctl audit [REV-RANGE]`: prove from git that every record's history only ever grew."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath

from ..archive import yamlio
from ..archive.kinds import kind_of_id
from ..rules.audit import change_problems
from ..store import git_log
from .session import Session

_USER_TRAILER = re.compile(r"^Crmctl-User: *(\S+)\s*$", re.M)


@dataclass(frozen=True)
class Finding:
    commit: str
    author: str
    at: str
    path: str
    message: str
    severity: str = "error"  # "warning": reported, the audit still passes; "note": for the record

    def as_dict(self) -> dict:
        return asdict(self)


def _record(data: bytes | None):
    """A side of a change as a mapping, None when absent; a string when it cannot be read."""
    if data is None:
        return None
    try:
        body = yamlio.loads(data)
    except yamlio.YamlError as exc:
        return f"unreadable ({exc.message}, line {exc.line})"
    return body if isinstance(body, dict) else "not a record"


def _pairs(changes: list[git_log.FileChange]):
    """(path, old blob, new blob) per record: a record moved to another folder (a visit whose
    month changed) is one change, not a removal and an addition."""
    by_id: dict[str, list[git_log.FileChange]] = {}
    for change in changes:
        name = PurePosixPath(change.path)
        if name.suffix == ".yaml" and kind_of_id(name.stem) is not None:
            by_id.setdefault(name.stem, []).append(change)
    for found in by_id.values():
        old = next((change.old for change in found if change.old), "")
        new = next((change.new for change in found if change.new), "")
        path = next((change.path for change in found if change.new), found[0].path)
        yield path, old, new


def _trailer_user(message: str) -> str | None:
    match = _USER_TRAILER.search(message)
    return match.group(1) if match else None


def _author_problems(session: Session, commit: git_log.AuditedCommit) -> list[Finding]:
    user = _trailer_user(commit.message)
    if user is None:
        return []
    name, _, email = commit.author.rpartition(" <")
    staff = session.config.identify(email.rstrip(">")) or session.config.identify(name)
    if staff is not None and staff.id == user:
        return []
    who = f"staff member {staff.id}" if staff is not None else "nobody on the team"
    return [
        Finding(
            commit.commit,
            commit.author,
            commit.at,
            "",
            f"its Crmctl-User is {user}, but its author is {who}: a change made as someone else?",
            "warning",
        )
    ]


def audit(session: Session, *revisions: str) -> list[Finding]:
    commits = git_log.audited_commits(session.root, *(revisions or ("HEAD",)))
    wanted = [
        blob
        for commit in commits
        for changes in commit.changes.values()
        for _, old, new in _pairs(changes)
        for blob in (old, new)
    ]
    contents = git_log.blobs(session.root, wanted)
    findings: list[Finding] = []
    for commit in commits:
        found = []
        for changes in commit.changes.values():
            for path, old, new in _pairs(changes):
                found += _judged(commit, path, contents.get(old), contents.get(new))
        findings += found
        findings += _author_problems(session, commit)
        if not found and len(commit.parents) <= 1 and _trailer_user(commit.message) is None:
            findings.append(
                Finding(
                    commit.commit,
                    commit.author,
                    commit.at,
                    "",
                    "edited outside crmctl (no Crmctl-User trailer); every history entry kept",
                    "note",
                )
            )
    return findings


def _judged(commit: git_log.AuditedCommit, path: str, old: bytes | None, new: bytes | None):
    before, after = _record(old), _record(new)
    if isinstance(after, str):
        messages = [f"the record is {after}"]
    elif isinstance(before, str):
        messages = []  # a commit that repairs an unreadable file is judged by what it wrote
    else:
        messages = change_problems(before, after)
    return [Finding(commit.commit, commit.author, commit.at, path, m) for m in messages]
