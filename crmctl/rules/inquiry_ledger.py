"""The inquiry report (咨询信息报表, 002): inquiries and lookups on the light path, counted apart
from complaints, with the share answered in time (by deadlines.inquiry)."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from .calendar import WorkCalendar
from .complaint_deadlines import targets
from .complaint_lifecycle import is_light
from .history import as_of
from .periods import Period
from .report import Section, share

INQUIRY_COLUMNS = [
    "id",
    "received",
    "customer_name",
    "kind",
    "handler",
    "status",
    "answered",
    "answered_by",
    "in_time",
]


def _stamp(moment: dt.datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else None


def split(complaints: list[dict], cutoff: dt.datetime) -> tuple[list[dict], list[dict]]:
    """(complaints, inquiries on the light path), each as it stood at the cutoff."""
    light = {c["id"] for c in complaints if is_light(as_of(c, cutoff))}
    return (
        [c for c in complaints if c["id"] not in light],
        [c for c in complaints if c["id"] in light],
    )


def _row(inquiry: dict, names: dict, config: Config, calendar: WorkCalendar, cutoff) -> dict:
    found = targets(inquiry, config, calendar, cutoff)
    (target,) = found if found else (None,)
    answered = target.met_at if target else None
    return {
        "id": inquiry["id"],
        "received": _stamp(dt.datetime.fromisoformat(inquiry["received"])),
        "customer_name": names.get(inquiry["customer"], inquiry["customer"]),
        "kind": inquiry["kind"],
        "handler": inquiry.get("handler"),
        "status": inquiry["status"],
        "answered": _stamp(answered),
        "answered_by": inquiry.get("answer", {}).get("by"),
        "in_time": None if target is None else not target.breached(cutoff),
    }


def inquiry_sections(
    inquiries: list[dict],
    names: dict,
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    now: dt.datetime,
) -> tuple[Section, list[dict]]:
    """The inquiries received in the period, and their figures for the totals."""
    cutoff = period.cutoff(now)
    received = sorted(
        (c for c in inquiries if period.contains(dt.datetime.fromisoformat(c["received"]))),
        key=lambda c: c["received"],
    )
    rows = [_row(as_of(c, cutoff), names, config, calendar, cutoff) for c in received]
    answered = sum(1 for row in rows if row["answered"])
    in_time = sum(1 for row in rows if row["answered"] and row["in_time"])
    figures = [
        ("inquiries_received", len(rows)),
        ("inquiries_answered", answered),
        ("inquiries_answered_in_time", in_time),
        ("inquiries_in_time_share", share(in_time, len(rows))),
    ]
    return Section("inquiries", INQUIRY_COLUMNS, rows), [
        {"figure": figure, "amount": value} for figure, value in figures
    ]
