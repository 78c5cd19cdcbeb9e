"""What one commit did to one record's history, judged from the record before and after it.

A record's history only ever grows: every entry of the record before the commit is still there,
unchanged, and every field the commit changed is named by an entry the commit added. A merge is
judged against each of its parents, so a side that a conflict resolution dropped shows up.
"""

from __future__ import annotations

from ..pointers import POINTERS
from .history import HISTORY, field_changes, replayed
from .proposals import mixed, same, upgraded

_NOT_FIELDS = ("id", HISTORY, "updated")


def _describe(entry) -> str:
    if not isinstance(entry, dict):
        return repr(entry)
    return f"{entry.get('at')} {entry.get('action')} by {entry.get('by')}"


def _pointed(record: dict, field: str):
    """A field's value; for a pointer, the item it points at (a merge may renumber it)."""
    value, listed = record.get(field), record.get(POINTERS.get(field, ""))
    if field in POINTERS and isinstance(value, int) and isinstance(listed, list):
        return ("item", listed[value - 1] if 1 <= value <= len(listed) else None)
    return value


def _as_changed(before: dict, after: dict, field: str, changes: list[dict]) -> bool:
    """Whether `after` holds what `changes` (the added entries') made of `before`'s field: for a
    pointer, the item the last change named."""
    if field in POINTERS and "item" in changes[-1] and isinstance(after.get(field), int):
        return _pointed(after, field) == ("item", changes[-1]["item"])
    return same(field, after.get(field), replayed(before.get(field), changes))


def change_problems(before: dict | None, after: dict | None) -> list[str]:
    """Why a change of a record from `before` to `after` is not one crmctl (or a careful person
    following its history) would make; `None` is a missing file."""
    if before is None or after is None:
        return ["the record was removed"] if after is None and before is not None else []
    if mixed(before, after):  # proposals given ids: a new form, not a change
        before, after = upgraded(before), upgraded(after)
    old = before.get(HISTORY) if isinstance(before.get(HISTORY), list) else []
    new = after.get(HISTORY) if isinstance(after.get(HISTORY), list) else []
    problems = [
        f"history entry {_describe(entry)} was removed or altered"
        for entry in old
        if entry not in new
    ]
    added = [entry for entry in new if entry not in old]
    fields = [*before, *(key for key in after if key not in before)]
    for field in fields:
        if field in _NOT_FIELDS or _pointed(before, field) == _pointed(after, field):
            continue
        changes = field_changes(added, field)
        if not changes or not _as_changed(before, after, field, changes):
            problems.append(f"{field} changed without a history entry")
    return problems
