"""One git commit per command that changed records (`--commit`, or `git.autocommit` in crmctl.yaml)."""

from __future__ import annotations

from ..config import Staff
from ..rules.redaction import hide_text
from ..store import git
from ..store.records import Change
from .session import Session

MAX_RECORD_TRAILERS = 50  # an import of thousands names its count instead of every id


def _scrubbed(text: str) -> str:
    """Summaries come from actions and record names; contact details are kept out of commit messages,
    which are copied to every clone and cannot be rewritten later."""
    return hide_text(" ".join(text.split()))


def commit_message(changes: list[Change], user: Staff) -> str:
    """`crmctl: <summary> (by <user>)`, a blank line, then trailers naming the user and the records."""
    summary = "; ".join(_scrubbed(change.summary) for change in changes)
    ids = sorted({record_id for change in changes for record_id in change.record_ids})
    trailers = [f"Crmctl-User: {user.id}"]
    if len(ids) > MAX_RECORD_TRAILERS:
        trailers.append(f"Crmctl-Records: {len(ids)}")
    else:
        trailers += [f"Crmctl-Record: {record_id}" for record_id in ids]
    return f"crmctl: {summary} (by {user.id})\n\n" + "\n".join(trailers) + "\n"


def commit_changes(session: Session) -> str | None:
    """Commit every file this session wrote, as one commit; its id, or None when there is nothing to commit."""
    changes = session.store.changes
    if not changes or not session.wants_commits:
        return None
    paths = sorted({path for change in changes for path in change.paths})
    # Under the write lock: commits built from HEAD one after another, so none reverts another's files.
    with session.store.locked():
        commit = git.commit_paths(session.root, paths, commit_message(changes, session.user))
    session.store.changes = []
    return commit
