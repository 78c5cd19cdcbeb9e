"""The complaint ledger (投诉台帐, 001: 按月…建立客户投诉事项台帐): one row per complaint received
in a period, its counts, and received against handled.

Every figure is measured at the period's cutoff (its end, or `now` while it runs): a complaint's
state is the one its history gives at that moment (`history.as_of`), so a finished period's ledger
does not change when it is printed again later.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..config import Config
from .calendar import WorkCalendar
from .complaint_deadlines import RESOLVED, step_times, targets
from .complaint_lifecycle import STATUSES, is_invalid
from .history import as_of
from .inquiry_ledger import inquiry_sections, split
from .periods import Period
from .report import Section, grouped

ROW_COLUMNS = [
    "id",
    "received",
    "customer_name",
    "kind",
    "severity",
    "category",
    "department",
    "handler",
    "first_responder",
    "status",
    "acknowledged",
    "ack_hours",
    "resolved_at",
    "resolve_hours",
    "breaches",
    "satisfaction",
]
COUNT_COLUMNS = ["dimension", "value", "complaints", "open", "breached"]
SUMMARY_COLUMNS = ["figure", "amount"]
DIMENSIONS = ("kind", "severity", "category", "department", "status")
TARGET_NAMES = ("acknowledge", "resolve", "reply", "callback")


def received_in(complaints: list[dict], period: Period) -> list[dict]:
    return sorted(
        (c for c in complaints if period.contains(dt.datetime.fromisoformat(c["received"]))),
        key=lambda c: c["received"],
    )


def finished(complaint: dict) -> bool:
    """Handled: resolved (the customer accepted a solution), or closed as invalid (不成立)."""
    return complaint["status"] in RESOLVED or (
        is_invalid(complaint) and complaint["status"] == "closed"
    )


def finished_at(complaint: dict) -> dt.datetime | None:
    """When handling ended: the latest resolve, or for an invalid complaint its close."""
    if not finished(complaint):
        return None
    moments = step_times(complaint, "close" if is_invalid(complaint) else "resolve")
    return moments[-1] if moments else None


def _office_hours(
    calendar: WorkCalendar, start: dt.datetime, end: dt.datetime | None
) -> float | None:
    return (
        None if end is None else round(calendar.working_time(start, end) / dt.timedelta(hours=1), 1)
    )


def _stamp(moment: dt.datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else None


def ledger_row(
    complaint: dict, names: dict, config: Config, calendar: WorkCalendar, cutoff: dt.datetime
) -> dict:
    """One ledger line; `complaint` is already as of `cutoff`."""
    received = dt.datetime.fromisoformat(complaint["received"])
    judged = step_times(complaint, "judge")
    done = finished_at(complaint)
    judgement = complaint.get("judgement", {})
    return {
        "id": complaint["id"],
        "received": _stamp(received),
        "customer_name": names.get(complaint["customer"]),
        "kind": complaint["kind"],
        "severity": complaint.get("severity"),
        "category": complaint.get("category"),
        "department": judgement.get("department"),
        "handler": complaint.get("handler"),
        "first_responder": complaint["first_responder"],
        "status": complaint["status"],
        "acknowledged": _stamp(judged[0] if judged else None),
        "ack_hours": _office_hours(calendar, received, judged[0] if judged else None),
        "resolved_at": _stamp(done),
        "resolve_hours": _office_hours(calendar, received, done),
        "breaches": [
            t.name for t in targets(complaint, config, calendar, cutoff) if t.breached(cutoff)
        ],
        "satisfaction": complaint.get("callback", {}).get("satisfaction"),
    }


def ledger_rows(
    complaints: list[dict],
    names: dict,
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    now: dt.datetime,
) -> list[dict]:
    cutoff = period.cutoff(now)
    return [
        ledger_row(as_of(c, cutoff), names, config, calendar, cutoff)
        for c in received_in(complaints, period)
    ]


def counts(rows: list[dict], orders: dict[str, list]) -> list[dict]:
    """Per value of kind, severity, category, department, status: complaints, still open, breached.
    `orders` lists each dimension's values in the config's order; others follow, then "none"
    (None)."""
    out = []
    for dimension in DIMENSIONS:
        for value, group in grouped(rows, dimension, orders.get(dimension, ())):
            out.append(
                {
                    "dimension": dimension,
                    "value": value,
                    "complaints": len(group),
                    "open": sum(1 for row in group if row["resolved_at"] is None),
                    "breached": sum(1 for row in group if row["breaches"]),
                }
            )
    return out


def summary(
    complaints: list[dict], rows: list[dict], period: Period, now: dt.datetime
) -> list[dict]:
    """Received against handled, the backlog, and the bad news (breaches, unhappy customers) beside
    it."""
    handled, backlog = _handled_and_backlog(complaints, period, now)
    figures = [
        ("complaints_received", len(rows)),
        ("complaints_handled", handled),
        ("complaints_open_at_end", backlog),
        ("complaints_breached", sum(1 for row in rows if row["breaches"])),
        *_breaches_and_callbacks(rows),
    ]
    return [{"figure": figure, "amount": value} for figure, value in figures]


def _handled_and_backlog(
    complaints: list[dict], period: Period, now: dt.datetime
) -> tuple[int, int]:
    """How many complaints received by the cutoff were finished in the period, and how many were
    still unfinished at the cutoff."""
    cutoff = period.cutoff(now)
    known = [
        as_of(c, cutoff) for c in complaints if dt.datetime.fromisoformat(c["received"]) < cutoff
    ]
    ends = [finished_at(c) for c in known]
    handled = sum(1 for end in ends if end is not None and period.contains(end))
    return handled, sum(1 for c in known if not finished(c))


def _breaches_and_callbacks(rows: list[dict]) -> list[tuple[str, int]]:
    """The rows' breaches per target, and their callbacks per satisfaction level."""
    missed = Counter(name for row in rows for name in row["breaches"])
    satisfaction = Counter(row["satisfaction"] for row in rows if row["satisfaction"])
    return [
        *((f"breached_{name}", missed.get(name, 0)) for name in TARGET_NAMES),
        *(
            (f"callback_{level}", satisfaction.get(level, 0))
            for level in ("satisfied", "neutral", "unsatisfied")
        ),
    ]


def ledger(
    complaints: list[dict],
    names: dict,
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    now: dt.datetime,
) -> list[Section]:
    """The ledger's sections: the complaints, their counts, the inquiries on the light path apart
    (咨询信息报表), and the summary."""
    complaints, inquiries = split(complaints, period.cutoff(now))
    inquiry_rows, inquiry_figures = inquiry_sections(
        inquiries, names, config, calendar, period, now
    )
    rows = ledger_rows(complaints, names, config, calendar, period, now)
    orders = {
        "kind": list(config.vocabulary("complaint_kinds")),
        "severity": list(config.vocabulary("severities")),
        "category": list(config.vocabulary("categories")),
        "department": list(config.vocabulary("departments")),
        "status": list(STATUSES),
    }
    return [
        Section("ledger", ROW_COLUMNS, rows),
        Section("counts", COUNT_COLUMNS, counts(rows, orders)),
        inquiry_rows,
        Section(
            "totals", SUMMARY_COLUMNS, [*summary(complaints, rows, period, now), *inquiry_figures]
        ),
    ]
