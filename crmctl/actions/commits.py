"""One git commit per command that changed records (`--commit`, or `git.autocommit` in
crmctl.yaml)."""

from __future__ import annotations

from ..config import Staff
from ..rules.redaction import hide_text
from ..store import git_commit
from ..store.transaction import Change
from .session import Session


def _scrubbed(text: str) -> str:
    """Summaries come from actions and record names; contact details are kept out of commit
    messages, which are copied to every clone and cannot be rewritten later."""
    return hide_text(" ".join(text.split()))


def record_trailers(user: Staff, ids) -> list[str]:
    """The trailers naming the acting user and every record (`git log --grep 'Crmctl-Record: ID'`
    finds the commits of a record, also of an import of thousands)."""
    return [f"Crmctl-User: {user.id}", *(f"Crmctl-Record: {record_id}" for record_id in ids)]


def commit_message(changes: list[Change], user: Staff) -> str:
    """`crmctl: <summary> (by <user>)`, a blank line, then trailers naming the user and the
    records."""
    summary = "; ".join(_scrubbed(change.summary) for change in changes)
    ids = sorted({record_id for change in changes for record_id in change.record_ids})
    return f"crmctl: {summary} (by {user.id})\n\n" + "\n".join(record_trailers(user, ids)) + "\n"


def commit_changes(session: Session) -> str | None:
    """Commit every file this session wrote, as one commit; its id, or None when there is nothing
    to commit. Called under the write lock, before another writer can change the files."""
    changes = session.store.changes
    if not changes or not session.wants_commits:
        return None
    paths = sorted({path for change in changes for path in change.paths})
    commit = git_commit.commit_paths(
        session.root,
        paths,
        commit_message(changes, session.user),
        session.store.state_dir,
    )
    session.store.changes = []
    return commit
