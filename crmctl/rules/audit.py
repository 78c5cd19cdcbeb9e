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
    old, new = _entries(before), _entries(after)
    problems = [
        f"history entry {_describe(entry)} was removed or altered"
        for entry in old
        if entry not in new
    ]
    added = [entry for entry in new if entry not in old]
    return problems + [
        f"{field} changed without a history entry"
        for field in _changed_fields(before, after)
        if not _explained(before, after, field, added)
    ]


def _entries(record: dict) -> list:
    """The record's history entries (none if it holds something else)."""
    history = record.get(HISTORY)
    return history if isinstance(history, list) else []


def _changed_fields(before: dict, after: dict) -> list[str]:
    """The fields whose values (or pointed items) differ, in the order the records hold them."""
    fields = [*before, *(key for key in after if key not in before)]
    return [
        field
        for field in fields
        if field not in _NOT_FIELDS and _pointed(before, field) != _pointed(after, field)
    ]


def _explained(before: dict, after: dict, field: str, added: list) -> bool:
    """Whether the entries added change the field to what `after` holds."""
    changes = field_changes(added, field)
    return bool(changes) and _as_changed(before, after, field, changes)
