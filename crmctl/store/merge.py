"""Three-way merge of one record file, field by field: what the git merge driver does.

Two people who change different fields of the same customer, or who both append to its history,
have not disagreed, but a line merge sees neighbouring lines and stops. Here:

- a field changed on one side only takes that side's value;
- `history` keeps every entry of both sides once, in time order (it is append-only);
- `updated` takes the later time (both sides touched the record);
- lists (tags, secondary contacts) merge as sets: additions from both sides, removals from both;
- lists of mappings that carry an `id` (a receivable's payments) merge item by item, matched by id:
  items added on either side are kept, each item's fields merge as a record's do;
- nested mappings merge key by key;
- a field that points at a list item by its position (`approved_proposal: 2`) merges by the item it
  points at, and points at that item's position in the merged list;
- a field that follows from others (a receivable's state from its payments) is set again from
  the merged record, with a `merge` history entry;
- a merged record that the record's rules (passed in as `judge`) find impossible, when neither
  side was, is a conflict naming the two sides' steps: each side keeps its own fields, both keep
  every history entry;
- a field both sides changed differently is a conflict: both values stay in the file between
  git's conflict markers, so nothing is lost, nothing reads the record until a person chooses, and
  `crmctl check` names the field.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import canonical, yamlio
from ..archive.kinds import kind_of_id
from ..pointers import POINTERS
from ..rules import proposals
from ..rules.consistency import merge_settled
from . import git_driver

HISTORY = "history"
LATEST_WINS = ("updated",)
IMPOSSIBLE = "impossible: "  # a conflict that is no field's but the record's as a whole
LINES = "(lines)"
LABELS = ("ours", "theirs")


@dataclass
class Merged:
    """The merge as each side would keep it: identical except in the conflicting fields."""

    ours: dict = field(default_factory=dict)
    theirs: dict = field(default_factory=dict)

    @property
    def conflicts(self) -> list[str]:
        return [
            key
            for key in {**self.ours, **self.theirs}
            if self.ours.get(key) != self.theirs.get(key)
        ]


def merge_records(base: dict, ours: dict, theirs: dict) -> Merged:
    merged = Merged()
    for key in [*ours, *(key for key in theirs if key not in ours)]:
        mine, yours = _merge_value(key, base.get(key), ours.get(key), theirs.get(key))
        if mine is not None:
            merged.ours[key] = mine
        if yours is not None:
            merged.theirs[key] = yours
    return merged


def _merge_value(key, base, ours, theirs):
    """The value each side keeps (None: the field is absent); the two differ only on a conflict."""
    if theirs in (ours, base):
        return ours, ours
    if ours == base:
        return theirs, theirs
    if key == HISTORY and isinstance(ours, list) and isinstance(theirs, list):
        entries = sorted(
            [*ours, *(entry for entry in theirs if entry not in ours)], key=_entry_time
        )
        return entries, entries
    if key in LATEST_WINS and isinstance(ours, str) and isinstance(theirs, str):
        latest = max(ours, theirs, key=_moment)
        return latest, latest
    return _merge_contents(base, ours, theirs)


def _merge_contents(base, ours, theirs):
    """A value both sides changed: lists of mappings with ids by their ids, other lists as sets,
    mappings field by field; anything else differs (a conflict)."""
    if _identified(base, ours, theirs):
        return _merge_identified(base or [], ours, theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        merged = _merge_sets(base if isinstance(base, list) else [], ours, theirs)
        return merged, merged
    if isinstance(ours, dict) and isinstance(theirs, dict):
        inner = merge_records(base if isinstance(base, dict) else {}, ours, theirs)
        return inner.ours, inner.theirs
    return ours, theirs


def _identified(*sides) -> bool:
    """Whether every side is a list (or absent) of mappings each carrying an id."""
    lists = [side for side in sides if side is not None]
    return all(
        isinstance(side, list) and all(isinstance(item, dict) and "id" in item for item in side)
        for side in lists
    ) and any(lists)


def _merge_identified(base: list, ours: list, theirs: list):
    """Items matched by id: each merged field by field; one removed on a side where the other left
    it unchanged stays removed. The two results differ only where an item's fields conflict."""
    by_id = [{item["id"]: item for item in side} for side in (base, ours, theirs)]
    mine, yours = [], []
    for key in dict.fromkeys([*by_id[1], *by_id[2]]):
        old, left, right = (side.get(key) for side in by_id)
        if old is not None and (left is None or right is None):
            kept = right if left is None else left
            if kept == old:
                continue  # removed on one side, untouched on the other
        inner = merge_records(old or {}, left or right or {}, right or left or {})
        mine.append(inner.ours)
        yours.append(inner.theirs)
    return mine, yours


def _merge_sets(base: list, ours: list, theirs: list) -> list:
    removed = [item for item in base if item not in ours or item not in theirs]
    out = []
    for item in [*ours, *theirs]:
        if item not in out and item not in removed:
            out.append(item)
    return out


def _moment(text) -> float:
    try:
        moment = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return float("-inf")  # unreadable times sort first; `check` reports them
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def _entry_time(entry) -> float:
    return _moment(entry.get("at")) if isinstance(entry, dict) else float("-inf")


def merged_bytes(schema_name: str, merged: Merged, labels=LABELS) -> bytes:
    """The canonical file; each conflicting field appears twice, between git's conflict markers
    named by `labels` (our side, their side)."""
    if not merged.conflicts:
        return canonical.to_bytes(schema_name, merged.ours)
    ours = canonical.field_lines(schema_name, merged.ours)
    theirs = canonical.field_lines(schema_name, merged.theirs)
    start, end = (
        f"{mark} {label}\n".encode()
        for mark, label in zip(("<" * 7, ">" * 7), labels, strict=False)
    )
    out = []
    for key in canonical.key_order(schema_name, {*ours, *theirs}):
        mine, yours = ours.get(key, b""), theirs.get(key, b"")
        out.append(mine if mine == yours else b"".join((start, mine, b"=======\n", yours, end)))
    return b"".join(out)


def _read(path: Path) -> dict | None:
    """A side of the merge as a mapping; an empty file (no common ancestor) is an empty record."""
    data = path.read_bytes()
    if not data.strip():
        return {}
    try:
        body = yamlio.loads(data)
    except yamlio.YamlError:
        return None
    return body if isinstance(body, dict) else None


def _pointing_at_items(record: dict) -> dict:
    """The record with each pointer replaced by the item it points at (`{"item": …}`)."""
    out = dict(record)
    for pointer, items in POINTERS.items():
        index, listed = record.get(pointer), record.get(items)
        if isinstance(index, int) and isinstance(listed, list) and 1 <= index <= len(listed):
            out[pointer] = {"item": listed[index - 1]}
    return out


def _pointing_at_positions(record: dict) -> dict:
    for pointer, items in POINTERS.items():
        value, listed = record.get(pointer), record.get(items) or []
        if isinstance(value, dict) and set(value) == {"item"}:
            if value["item"] in listed:
                record[pointer] = listed.index(value["item"]) + 1
            else:  # the item is gone from the merged list: the record's rules report it
                record.pop(pointer)
    return record


def merge_whole(base: dict, ours: dict, theirs: dict) -> Merged:
    """`merge_records` for whole records: proposals by their ids once any side has them (every
    side upgraded to that form), pointers from before ids by what they point at."""
    sides: tuple[dict, ...] = (base, ours, theirs)
    if proposals.mixed(*sides):
        sides = tuple(proposals.upgraded(side) for side in sides)
    merged = merge_records(*(_pointing_at_items(side) for side in sides))
    return Merged(_pointing_at_positions(merged.ours), _pointing_at_positions(merged.theirs))


def _step(base: dict, side: dict) -> str:
    added = [entry for entry in side.get(HISTORY) or [] if entry not in (base.get(HISTORY) or [])]
    last = added[-1] if added and isinstance(added[-1], dict) else {}
    return f"{last.get('action', 'a change')} by {last.get('by', '?')} at {last.get('at', '?')}"


def _impossible(base, ours, theirs, merged: Merged, judge) -> tuple[Merged, str] | None:
    """The merge as a conflict of the two sides' fields when `judge` finds the merged record
    impossible and neither side alone; with the reason naming both sides' steps."""
    before = [*judge(ours), *judge(theirs)]
    new = [problem for problem in judge(merged.ours) if problem not in before]
    if not new:
        return None
    shared = {HISTORY: merged.ours[HISTORY], "updated": merged.ours.get("updated")}
    sides = Merged({**ours, **shared}, {**theirs, **shared})
    reason = (
        f"{IMPOSSIBLE}{_step(base, ours)} (ours) and {_step(base, theirs)} (theirs) cannot both "
        f"apply: {new[0]}. Keep one side with 'crmctl keep ours FILE' or 'crmctl keep theirs "
        "FILE' (every history entry of both sides stays, and an entry records the choice)"
    )
    return sides, reason


def merge_judged(kind: str, base: dict, ours: dict, theirs: dict, judge=None):
    """`merge_whole`, and the merged record judged: (the merge as each side keeps it, the
    conflicting fields or the one reason, starting with `IMPOSSIBLE`, that it cannot be)."""
    merged = merge_whole(base, ours, theirs)
    if merged.conflicts or judge is None or HISTORY not in merged.ours:
        return merged, merged.conflicts
    merged = Merged(merge_settled(kind, merged.ours), merge_settled(kind, merged.theirs))
    found = _impossible(base, ours, theirs, merged, lambda record: judge(kind, record))
    return (merged, []) if found is None else (found[0], [found[1]])


def merge_file(
    base: Path, ours: Path, theirs: Path, name: str, labels=LABELS, judge=None
) -> list[str]:
    """Merge `theirs` into `ours` in place (git's %O %A %B %P); the conflicting fields, if any.

    A file that is not a readable record falls back to git's line merge, so nothing is lost; its
    conflicts are reported as the one field `LINES`. `judge(kind name, record)` lists what is
    impossible about a whole record (its history's replay, a complaint's lifecycle); a merge it
    finds impossible is a conflict reported as one text starting with `IMPOSSIBLE`.
    """
    kind = kind_of_id(Path(name).stem)
    old, mine, yours = (_read(path) for path in (base, ours, theirs))
    if kind is None or old is None or mine is None or yours is None:
        return [] if git_driver.merge_text(ours, base, theirs, labels) else [LINES]
    merged, conflicts = merge_judged(kind.name, old, mine, yours, judge)
    _replace(ours, merged_bytes(kind.schema, merged, labels))
    return conflicts


def _replace(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a worker killed midway leaves our side intact for the
    driver that merges the file again."""
    partial = path.with_name(path.name + ".crmctl-merge")
    partial.write_bytes(data)
    os.replace(partial, path)
