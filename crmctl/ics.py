"""Due follow-ups as an iCalendar file (RFC 5545) that calendar apps import: one event per item."""
from __future__ import annotations

import datetime as dt
import hashlib

from .rules.due_item import DueItem

_LINE_OCTETS = 75  # RFC 5545 3.1: fold content lines longer than this


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Split a content line into CRLF + space continued pieces, never inside a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > _LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _event(item: DueItem, stamp: str, today: dt.date) -> list[str]:
    late = item.overdue_days(today)
    status = f"overdue {late} day(s)" if late > 0 else "due today" if late == 0 else f"due in {-late} day(s)"
    uid = hashlib.sha1(f"{item.rule}|{item.record_id}|{item.reason}".encode()).hexdigest()[:20]
    description = "\n".join(line for line in (
        item.reason, f"{status}; owner: {item.owner or 'nobody'}",
        f"suggested time: {item.suggested_time}" if item.suggested_time else "", f"crmctl: {item.record_id}") if line)
    if item.due_at:
        when = [f"DTSTART:{_utc(item.due_at)}"]
    else:
        when = [f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}", f"DTEND;VALUE=DATE:{item.due + dt.timedelta(days=1):%Y%m%d}"]
    return [
        "BEGIN:VEVENT", f"UID:{uid}-{item.due:%Y%m%d}@crmctl", f"DTSTAMP:{stamp}", *when,
        f"SUMMARY:{_text(f'[{item.rule}] {item.customer_name}' + (f' ({item.owner})' if item.owner else ''))}",
        f"DESCRIPTION:{_text(description)}", f"CATEGORIES:{_text(item.rule)}", "TRANSP:TRANSPARENT", "END:VEVENT",
    ]


def calendar(items: list[DueItem], now: dt.datetime) -> str:
    stamp = _utc(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//crmctl//due follow-ups//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:crmctl due"]
    for item in items:
        lines.extend(_event(item, stamp, now.date()))
    lines.append("END:VCALENDAR")
    return "".join(f"{_fold(line)}\r\n" for line in lines)
