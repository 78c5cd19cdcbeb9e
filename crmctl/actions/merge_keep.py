"""`crmctl keep ours|theirs FILE…`: finish a merge of record files git left unmerged by keeping
one side's fields, every history entry of both sides, and an entry recording the choice."""

from __future__ import annotations

from ..store import git, merge_resolution
from ..store.merge_resolution import Kept
from .session import Session


def keep(session: Session, side: str, refs: tuple[str, ...]) -> tuple[list[Kept], str | None]:
    """The files resolved, and the command that finishes the merge once none is left unmerged."""
    root = session.root
    git.require_repository(root)
    names = list(dict.fromkeys(merge_resolution.unmerged_file(root, ref) for ref in refs))
    user = session.user.id
    kept = [merge_resolution.keep(root, name, side, session.now, user) for name in names]
    state = git.unfinished(root)
    return kept, (state[1] if state and not git.unmerged(root) else None)
