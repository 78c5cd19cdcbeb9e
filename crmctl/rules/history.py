"""The append-only history every record carries: who changed what, when, and why."""

from __future__ import annotations

import copy
import datetime as dt

from ..timeutil import iso

_NOT_TRACKED = ("id", "history", "updated", "created")


def changes(old: dict, new: dict) -> dict:
    """`{field: {from, to}}` for every top-level field that differs."""
    out = {}
    for key in [*old, *(k for k in new if k not in old)]:
        if key in _NOT_TRACKED:
            continue
        before, after = old.get(key), new.get(key)
        if before != after:
            out[key] = {k: v for k, v in (("from", before), ("to", after)) if v is not None}
    return out


def with_change(old: dict, new: dict, at, by: str, action: str, note: str | None = None) -> dict:
    """`new` with `updated` set and one history entry describing how it differs from `old`."""
    result = copy.deepcopy(new)
    entry = {
        "at": iso(at),
        "by": by,
        "action": action,
        "changes": changes(old, new) or None,
        "note": note,
    }
    result["history"] = [*old.get("history", []), {k: v for k, v in entry.items() if v is not None}]
    result["updated"] = iso(at)
    return result


def created(record: dict, at, by: str, action: str = "create", note: str | None = None) -> dict:
    entry = {"at": iso(at), "by": by, "action": action, "note": note}
    return {
        **record,
        "created": iso(at),
        "updated": iso(at),
        "history": [{k: v for k, v in entry.items() if v is not None}],
    }


def as_of(record: dict, moment) -> dict:
    """The record as it stood at `moment` (an aware datetime): the changes of later history entries undone.

    The first entry (creation or import) is always kept, so a record logged after the fact with an
    earlier date (a back-dated complaint) reads as it was logged."""
    later = [
        entry
        for entry in record.get("history", ())[1:]
        if dt.datetime.fromisoformat(entry["at"]) > moment
    ]
    if not later:
        return record
    result = copy.deepcopy(record)
    for entry in reversed(later):
        for field, change in (entry.get("changes") or {}).items():
            if "from" in change:
                result[field] = change["from"]
            else:
                result.pop(field, None)
    result["history"] = result["history"][: len(result["history"]) - len(later)]
    return result
