"""Due follow-ups as an iCalendar file (RFC 5545) that calendar apps import: one event per item."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .rules.due_item import DueItem


def _description(item: DueItem, today: dt.date) -> str:
    late = item.overdue_days(today)
    status = (
        f"overdue {late} day(s)"
        if late > 0
        else "due today"
        if late == 0
        else f"due in {-late} day(s)"
    )
    lines = (
        item.reason,
        f"{status}; owner: {item.owner or 'nobody'}",
        f"suggested time: {item.suggested_time}" if item.suggested_time else "",
        f"crmctl: {item.record_id}",
    )
    return "\n".join(line for line in lines if line)


def calendar(items: list[DueItem], now: dt.datetime) -> str:
    # icalendar does the escaping, line folding and CRLFs; imported here so other formats never pay
    # for it.
    from icalendar import Calendar, Event

    cal = Calendar()
    for key, value in (
        ("prodid", "-//crmctl//due follow-ups//EN"),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("x-wr-calname", "crmctl due"),
    ):
        cal.add(key, value)
    stamp = now.astimezone(dt.UTC)
    # A UID must stay the same while the item does, so re-importing updates events instead of adding
    # copies: it names the rule, the record and the due date, never the reason text (which ages
    # daily).
    seen: Counter = Counter()
    for item in items:
        base = f"{item.rule}-{item.record_id}-{item.due:%Y%m%d}"
        seen[base] += 1
        event = Event()
        event.add("uid", f"{base}-{seen[base]}@crmctl")
        event.add("dtstamp", stamp)
        if item.due_at:
            event.add("dtstart", item.due_at.astimezone(dt.UTC))
        else:
            event.add("dtstart", item.due)
            event.add("dtend", item.due + dt.timedelta(days=1))
        event.add(
            "summary",
            f"[{item.rule}] {item.customer_name}" + (f" ({item.owner})" if item.owner else ""),
        )
        event.add("description", _description(item, now.date()))
        event.add("categories", [item.rule])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
