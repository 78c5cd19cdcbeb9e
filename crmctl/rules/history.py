"""The append-only history every record carries: who changed what, when, and why."""

from __future__ import annotations

import copy
import datetime as dt

from ..errors import CrmError
from ..pointers import POINTERS
from ..timeutil import iso
from . import proposals

HISTORY = "history"
_NOT_TRACKED = ("id", HISTORY, "updated", "created")
# Clocks of a team's machines differ by minutes: an entry more than this before the one it follows,
# or after the clock it is checked against, was written by a clock gone wrong.
CLOCK_SLACK = dt.timedelta(hours=1)
FUTURE_SLACK = dt.timedelta(days=1)


class ClockError(CrmError):
    """The clock a write would date its history entry by cannot be right."""


def changes(old: dict, new: dict) -> dict:
    """`{field: {from, to}}` for every top-level field that differs."""
    out = {}
    for key in [*old, *(k for k in new if k not in old)]:
        if key in _NOT_TRACKED:
            continue
        before, after = old.get(key), new.get(key)
        if before != after:
            out[key] = {k: v for k, v in (("from", before), ("to", after)) if v is not None}
            item = _item(new, key)
            if item is not None:
                out[key]["item"] = item
    return out


def _item(record: dict, pointer: str):
    """The list item a pointer field of `record` numbers, if it is one and numbers one."""
    listed, position = record.get(POINTERS.get(pointer, "")), record.get(pointer)
    if isinstance(listed, list) and isinstance(position, int) and 1 <= position <= len(listed):
        return listed[position - 1]
    return None


def with_change(old: dict, new: dict, at, by: str, action: str, note: str | None = None) -> dict:
    """`new` with `updated` set and one history entry describing how it differs from `old`; refused
    when `at` is well before the last entry, so that history stays in the order it happened."""
    _after_last(old.get("history") or [], at)
    new = proposals.upgraded(new)  # a complaint from before proposal ids gets them now
    result = copy.deepcopy(new)
    entry = {
        "at": iso(at),
        "by": by,
        "action": action,
        "changes": changes(proposals.upgraded(old), new) or None,
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
    """The record as it stood at `moment` (an aware datetime): the changes of later history entries
    undone.

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
        result = reverted(result, entry)
    result["history"] = result["history"][: len(result["history"]) - len(later)]
    return result


def _after_last(history: list, at) -> None:
    last = _moment(history[-1].get("at")) if history and isinstance(history[-1], dict) else None
    if last is not None and last - at > CLOCK_SLACK:
        raise ClockError(
            f"the clock says {iso(at)}, {_span(last - at)} before this record's last change "
            f"(history[{len(history) - 1}] at {history[-1]['at']}): is this machine's clock, or "
            "--now, wrong? History is kept in the order things happened"
        )


def clock_ahead(now: dt.datetime, clock: dt.datetime) -> str | None:
    """Why a write dated `now` (from --now) cannot be made on a machine whose clock says `clock`."""
    if now - clock <= FUTURE_SLACK:
        return None
    return (
        f"--now {iso(now)} is {_span(now - clock)} ahead of this machine's clock ({iso(clock)}): "
        "a history entry cannot be dated in the future; back-date with --now, never forward-date"
    )


def out_of_order(record: dict) -> list[tuple[tuple, str]]:
    """Each history entry well before the one it follows (`check`): written by a clock gone
    wrong."""
    out, last = [], None
    for index, entry in enumerate(record.get("history") or []):
        at = _moment(entry.get("at")) if isinstance(entry, dict) else None
        if at is None:
            continue
        if last is not None and last - at > CLOCK_SLACK:
            out.append(
                (
                    ("history", index, "at"),
                    f"{_span(last - at)} before the entry it follows: the clock of the machine "
                    "that wrote one of them was wrong",
                )
            )
        last = at if last is None else max(last, at)
    return out


def in_future(record: dict, now: dt.datetime) -> list[tuple[tuple, str]]:
    """Each history entry, and `created` or `updated`, dated well after `now` (`check`): written
    under a clock set ahead, or by hand."""
    dated: list[tuple[tuple, object]] = [
        (("history", index, "at"), entry.get("at"))
        for index, entry in enumerate(record.get("history") or [])
        if isinstance(entry, dict)
    ]
    dated += [((stamp,), record.get(stamp)) for stamp in ("created", "updated")]
    return [
        (
            path,
            f"{text} is {_span(at - now)} in the future: the clock of the machine that "
            "wrote it was wrong",
        )
        for path, text in dated
        if (at := _moment(text)) is not None and at - now > FUTURE_SLACK
    ]


def _moment(text) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


DAYS_A_YEAR = 365


def _span(delta: dt.timedelta) -> str:
    days = delta.days
    if days >= DAYS_A_YEAR:
        return f"{days // DAYS_A_YEAR} year(s)"
    return f"{days} day(s)" if days else f"{delta.seconds // 3600} hour(s)"


# Every action a crmctl command writes into a history entry.
ACTIONS = frozenset(
    {
        "create", "edit", "lose", "grade", "import", "log", "receive", "link_visit",
        "judge", "investigate", "propose", "approve", "implement", "resolve", "callback", "close",
        "reopen", "hold", "resume", "reply", "assign", "handover", "escalate", "answer", "convert",
        "bill", "pay", "write_off", "reverse", "merge", "void", "undo",
    }
)  # fmt: skip


CREATING = frozenset({"create", "import", "log", "receive", "bill"})


def _instant(text) -> float | None:
    try:
        moment = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None  # the schema reports an unreadable time
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def _last_changes(entries: list) -> dict[str, tuple[int, dict]]:
    """Per field, the last entry that changed it: (its index, its `{from, to}`)."""
    last: dict[str, tuple[int, dict]] = {}
    for index, entry in enumerate(entries):
        for field, change in (
            (entry.get("changes") if isinstance(entry, dict) else None) or {}
        ).items():
            if isinstance(change, dict):
                last[field] = (index, change)
    return last


def _entry_problems(entries: list, team) -> list[tuple[tuple, str]]:
    """Entries by people not on the team, or with actions crmctl never writes (their time order is
    `out_of_order`'s)."""
    problems: list[tuple[tuple, str]] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        if entry.get("by") not in team:
            problems.append(
                ((HISTORY, index, "by"), f"'{entry.get('by')}' is not on the team in crmctl.yaml")
            )
        if entry.get("action") not in ACTIONS:
            problems.append(
                (
                    (HISTORY, index, "action"),
                    f"'{entry.get('action')}' is not an action crmctl writes",
                )
            )
    return problems


def with_list_change(value: list, change: dict) -> list:
    """`value` with the items one change of a list field added and removed: how the merge driver
    merges lists (tags, payments), so both sides' additions count."""
    before, after = change.get("from") or [], change.get("to") or []
    kept = [item for item in value if item in after or item not in before]
    return kept + [item for item in after if item not in before and item not in kept]


def replayed(start, changes: list[dict]):
    """A field's value after `changes` (its `{from, to}` in order) from `start`: the last `to`, or
    for a list, every change's additions and removals."""
    value = start
    for change in changes:
        before, after = change.get("from"), change.get("to")
        if isinstance(before, list | None) and isinstance(after, list | None) and (before or after):
            value = with_list_change(
                value if isinstance(value, list) else list(before or []), change
            )
        else:
            value = after
    return value or None if isinstance(value, list) else value


def field_changes(entries: list, field: str) -> list[dict]:
    return [
        change
        for entry in entries
        if isinstance(entry, dict)
        for change in [
            ((entry.get("changes") or {}) if isinstance(entry.get("changes"), dict) else {}).get(
                field
            )
        ]
        if isinstance(change, dict)
    ]


def _pointed_item(entries: list, index: int, pointer: str, items: str):
    """The list item a pointer set by `entries[index]` numbered: the item the entry names, or in
    entries written before items were named, the item at its position in the list as it stood
    then."""
    named = entries[index]["changes"][pointer]
    if isinstance(named, dict) and "item" in named:
        return named["item"]
    changes = field_changes(entries[:index], items)
    listed = replayed(changes[0].get("from"), changes) if changes else None
    change = entries[index]["changes"][pointer]
    position = change.get("to") if isinstance(change, dict) else None
    if isinstance(listed, list) and isinstance(position, int) and 1 <= position <= len(listed):
        return listed[position - 1]
    return None


def _expected(record: dict, entries: list, field: str, index: int):
    changes = field_changes(entries, field)
    expected = replayed(changes[0].get("from"), changes)
    if field in POINTERS and expected is not None:
        item = _pointed_item(entries, index, field, POINTERS[field])
        listed = record.get(POINTERS[field])
        if isinstance(listed, list) and item in listed:
            return listed.index(item) + 1
    return expected


def replay_problems(record: dict, entries: list) -> list[tuple[tuple, str]]:
    """Each field a history entry changed holds what its entries replay to; a pointer
    (`approved_proposal`) the position of the item it pointed at when it was set."""
    problems: list[tuple[tuple, str]] = []
    for field, (index, _) in _last_changes(entries).items():
        if field in _NOT_TRACKED:
            continue
        expected = _expected(record, entries, field, index)
        if not proposals.same(field, record.get(field), expected):
            entry = entries[index]
            problems.append(
                (
                    (field,),
                    f"differs from what its history replays to ({expected!r}; last changed by "
                    f"history[{index}], {entry.get('action')} by {entry.get('by')} at "
                    f"{entry.get('at')}): changed without a history entry? Change it through "
                    f"crmctl "
                    "(which records it), or put back the value the history gives",
                )
            )
    return problems


def as_replayed(record: dict) -> dict:
    """The record with each field its history changed set to what the history replays to: what a
    merge entry (`kept_side`) changes from."""
    history = record.get(HISTORY)
    entries = history if isinstance(history, list) else []
    out = dict(record)
    for field, (index, _) in _last_changes(entries).items():
        if field in _NOT_TRACKED:
            continue
        expected = _expected(record, entries, field, index)
        if expected is None:
            out.pop(field, None)
        elif not proposals.same(field, record.get(field), expected):
            out[field] = expected
    return out


def kept_side(record: dict, at, by: str, note: str) -> dict:
    """A record a merge could not combine, resolved to one side's fields: its history (every entry
    of both sides) gets an entry (action: merge) whose changes take each field from what the
    history replays to (the other side's step, where it came last) to the value kept."""
    return with_change(as_replayed(record), record, at, by, "merge", note)


def _stamp_problems(record: dict, entries: list) -> list[tuple[tuple, str]]:
    dated = [
        (entry.get("action"), _instant(entry.get("at")))
        for entry in entries
        if isinstance(entry, dict)
    ]
    problems: list[tuple[tuple, str]] = []
    created, updated = _instant(record.get("created")), _instant(record.get("updated"))
    # An import may put a complaint's earlier steps before the entry that created the record.
    creations = [at for action, at in dated if action in CREATING and at is not None]
    if created is not None and creations and created > min(creations):
        problems.append(
            (("created",), f"{record['created']} is after the entry that created the record")
        )
    times = [at for _, at in dated if at is not None]
    if updated is not None and times and updated < max(times):
        problems.append((("updated",), f"{record['updated']} is before the last history entry"))
    return problems


def history_problems(record: dict, team) -> list[tuple[tuple, str]]:
    """What `check` finds wrong with a record's history: entries by people not on `team` (ids of
    staff, leavers included), with actions crmctl never writes; fields that
    differ from what the history replays to; `created`/`updated` that disagree with it."""
    entries = record.get(HISTORY)
    if not isinstance(entries, list):
        return []
    return [
        *_entry_problems(entries, team),
        *replay_problems(record, entries),
        *_stamp_problems(record, entries),
    ]


UNDO = "undo"


def entry_time(entry: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(entry["at"])


def standing(entries) -> list[dict]:
    """The history entries that stand: each `undo` takes back the latest standing entry before it
    (never the first, the record's creation), and counts for nothing itself."""
    out: list[dict] = []
    for entry in entries:
        if entry["action"] != UNDO:
            out.append(entry)
        elif len(out) > 1:
            out.pop()
    return out


def last_step(record: dict) -> dict | None:
    """The latest standing entry, which `undo` takes back; None if only the creation stands."""
    entries = standing(record.get("history", ()))
    return entries[-1] if len(entries) > 1 else None


def reverted(record: dict, entry: dict) -> dict:
    """The record with the changes of `entry` taken back (its history as it is)."""
    result = copy.deepcopy(record)
    for field, change in (entry.get("changes") or {}).items():
        if "from" in change:
            result[field] = change["from"]
        else:
            result.pop(field, None)
    return result
