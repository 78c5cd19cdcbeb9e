"""The append-only history every record carries: who changed what, when, and why."""

from __future__ import annotations

import copy
import datetime as dt

from ..errors import CrmError
from ..timeutil import iso

_NOT_TRACKED = ("id", "history", "updated", "created")
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
    return out


def with_change(old: dict, new: dict, at, by: str, action: str, note: str | None = None) -> dict:
    """`new` with `updated` set and one history entry describing how it differs from `old`; refused
    when `at` is well before the last entry, so that history stays in the order it happened."""
    _after_last(old.get("history") or [], at)
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


def _after_last(history: list, at) -> None:
    last = _moment(history[-1].get("at")) if history and isinstance(history[-1], dict) else None
    if last is not None and at < last - CLOCK_SLACK:
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
    """Each history entry well before the one it follows (`check`): written by a clock gone wrong."""
    out, last = [], None
    for index, entry in enumerate(record.get("history") or []):
        at = _moment(entry.get("at")) if isinstance(entry, dict) else None
        if at is None:
            continue
        if last is not None and at < last - CLOCK_SLACK:
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
    """Each history entry dated well after `now` (`check`): written under a clock set ahead."""
    return [
        (
            ("history", index, "at"),
            f"{entry['at']} is {_span(at - now)} in the future: the clock of the machine that "
            "wrote it was wrong",
        )
        for index, entry in enumerate(record.get("history") or [])
        if isinstance(entry, dict)
        and (at := _moment(entry.get("at"))) is not None
        and at - now > FUTURE_SLACK
    ]


def _moment(text) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def _span(delta: dt.timedelta) -> str:
    days = delta.days
    if days >= 365:
        return f"{days // 365} year(s)"
    return f"{days} day(s)" if days else f"{delta.seconds // 3600} hour(s)"
