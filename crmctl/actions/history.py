"""`crmctl history`: a record's own history entries and the git commits that touched its file."""

from __future__ import annotations

import datetime as dt

from ..archive.kinds import KINDS, kind_of_id
from ..store import git_log
from ..timeutil import iso
from .lookup import find_customer, find_record, resolve_id
from .session import Session


def locate(session: Session, ref: str):
    """The record `ref` names: an id or id prefix of any kind, else a customer name or phone."""
    kind = kind_of_id(ref)
    if kind is not None and resolve_id(session.store, kind, ref):
        return kind, find_record(session.store, kind, ref)
    return KINDS["customer"], find_customer(session.store, ref)


def _sort_key(row: dict) -> float:
    moment = dt.datetime.fromisoformat(row["at"])
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def _local(timestamp: str, tz: dt.tzinfo) -> str:
    # git dates carry the committer's offset; shown in the archive's zone they read like the history
    # entries
    return iso(dt.datetime.fromisoformat(timestamp).astimezone(tz))


def record_history(session: Session, ref: str) -> tuple[dict, list[dict]]:
    """The record, and its history rows (record entries and commits) oldest first."""
    kind, record = locate(session, ref)
    rows = [
        {
            "at": entry["at"],
            "source": "record",
            "by": entry["by"],
            "action": entry["action"],
            "changes": entry.get("changes"),
            "note": entry.get("note"),
            "commit": None,
            "message": None,
        }
        for entry in record.get("history", [])
    ]
    path = session.store.existing_path(kind, record["id"])
    rows += [
        {
            "at": _local(commit.at, session.tz),
            "source": "git",
            "by": commit.author,
            "action": "merge" if commit.merge else "commit",
            "changes": None,
            "note": None,
            "commit": commit.commit,
            "message": commit.subject,
        }
        for commit in (git_log.file_log(session.root, path) if path else [])
    ]
    return record, sorted(rows, key=_sort_key)
