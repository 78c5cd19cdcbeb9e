"""Timestamps as crmctl writes them (ISO 8601 with offset) and the forms people type."""
from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil import tz as dateutil_tz

from .errors import UsageError


@functools.cache
def zone(name: str) -> dt.tzinfo:
    # dateutil carries its own copy of the zone database, so this works where the OS has none.
    found = dateutil_tz.gettz(name)
    if found is None:
        raise UsageError(f"unknown time zone '{name}' (use an IANA name such as Asia/Shanghai)")
    return found


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_timestamp(text: str, tzinfo: dt.tzinfo, what: str = "timestamp") -> dt.datetime:
    """`2026-11-23T10:15`, `2026-11-23 10:15:00+08:00` or a date (09:00 that day); naive means local."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            moment = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(9, 0))
        else:
            moment = dt.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        raise UsageError(f"{what} '{text}' is not a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM[+08:00])") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tzinfo)
    return moment


def parse_date(text: str, today: dt.date, what: str = "date") -> dt.date:
    """`2026-11-30`, or relative to today: `+3d`, `+2w`, `today`, `tomorrow`."""
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "tomorrow":
        return today + dt.timedelta(days=1)
    relative = re.fullmatch(r"\+(\d+)([dw])", value)
    if relative:
        days = int(relative.group(1)) * (7 if relative.group(2) == "w" else 1)
        return today + dt.timedelta(days=days)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what} '{text}' is not a date (YYYY-MM-DD, +Nd, +Nw, today, tomorrow)") from None
