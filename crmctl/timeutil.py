"""Timestamps as crmctl writes them (ISO 8601 with offset) and the forms people type."""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

from .errors import Refusal, UsageError


@functools.cache
def zone(name: str) -> dt.tzinfo:
    # zoneinfo converts in C, about forty times faster than dateutil: the due rules convert every
    # visit's time (ten seconds a run at 100,000 customers with dateutil). dateutil carries its own
    # copy of the zone database, so it still answers where the OS has none.
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    from dateutil import tz as dateutil_tz  # only for a zone the OS does not have

    found = dateutil_tz.gettz(name)
    if found is None:
        raise UsageError(f"unknown time zone '{name}' (use an IANA name such as Asia/Shanghai)")
    return found


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_timestamp(text: str, tzinfo: dt.tzinfo, what: str = "timestamp") -> dt.datetime:
    """`2026-11-23T10:15`, `2026-11-23 10:15:00+08:00` or a date (09:00 that day); naive means
    local."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            moment = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(9, 0))
        else:
            moment = dt.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        raise UsageError(
            f"{what} '{text}' is not a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM[+08:00])"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tzinfo)
    return moment


# Excel counts days from 1899-12-30 (its day 60 is the non-existent 1900-02-29, so earlier serials
# are off by one; no birthday or customer date lies before March 1900).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_SERIALS = range(61, 2958466)  # 1900-03-01 .. 9999-12-31
EXCEL_SERIAL_DIGITS = len(str(_EXCEL_SERIALS.stop))
_TYPED_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*T?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
)  # and a time of day, if any


def parse_typed_date(value) -> dt.date:
    """A date as people type it or spreadsheets store it: 2026-11-23, 2026/11/23, 2026.11.23,
    2026年11月23日, 20261123, an Excel serial day number (46349) or a spreadsheet date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    serial = text.removesuffix(".0")  # a number cell read as 46349.0
    try:
        if (
            serial.isdigit()
            and len(serial) <= EXCEL_SERIAL_DIGITS
            and int(serial) in _EXCEL_SERIALS
        ):
            return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
        if text.isdigit() and len(text) == len("YYYYMMDD"):
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        match = _TYPED_DATE.fullmatch(text)
        if match:
            return dt.date(*map(int, match.groups()[:3]))
    except ValueError:
        pass
    raise Refusal(
        "'{text}' is not a date (2026-11-23, 2026/11/23, 2026年11月23日 or a spreadsheet date)",
        text=text,
    )


def parse_typed_timestamp(value, tzinfo: dt.tzinfo) -> dt.datetime:
    """A moment as people type it or spreadsheets store it: what `parse_timestamp` reads, a date of
    `parse_typed_date` followed by HH:MM[:SS] (2026/11/20 14:30, 2026年11月20日 14:30), a
    spreadsheet date-time cell, or a date alone (09:00 that day, as `parse_timestamp`). Naive means
    local."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tzinfo)
    text = str(value).strip()
    try:
        return parse_timestamp(text, tzinfo)
    except UsageError:
        pass
    match = _TYPED_DATE.fullmatch(text)
    if match and match.group(4):
        year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=tzinfo)
    return parse_timestamp(parse_typed_date(value).isoformat(), tzinfo)
