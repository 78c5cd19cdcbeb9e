"""Complaint deadlines: acknowledgement, resolution, the promised reply and the callback.

Everything here is derived from the complaint's history (when it was received, judged, held,
resumed, resolved, replied to, called back), never from stored counters. A breach is derived too,
and stays a breach: the history is append-only, and a hold that starts after a target was missed
does not move that target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calendar import Duration, WorkCalendar, parse_duration
from .complaint_lifecycle import CLOSED_ELSEWHERE, is_invalid, is_light
from .due_item import DueItem
from .history import standing

if TYPE_CHECKING:
    from ..config import Config

RULE_NAMES = {
    "acknowledge": "complaint_ack",
    "resolve": "complaint_resolve",
    "reply": "complaint_reply",
    "callback": "complaint_callback",
    "answer": "inquiry_answer",
}
RESOLVED = ("resolved", "followed_up", "closed")


@dataclass(frozen=True)
class Target:
    name: str  # acknowledge, resolve, reply, callback
    owner: str | None  # who must meet it: the handler, or the first responder for the reply
    due_at: dt.datetime
    met_at: dt.datetime | None
    length: dt.timedelta  # the whole allowance, in the measure below
    working: bool  # measured in office time (else elapsed time)
    basis: str  # for people: "major: 2wd from receipt"

    def breached(self, now: dt.datetime) -> bool:
        return (self.met_at or now) > self.due_at

    def remaining(self, calendar: WorkCalendar, now: dt.datetime) -> dt.timedelta:
        if self.working:
            return calendar.working_time(now, self.due_at)
        return self.due_at - now


def _at(entry: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(entry["at"])


def step_times(complaint: dict, action: str) -> list[dt.datetime]:
    return [
        _at(entry) for entry in standing(complaint.get("history", ())) if entry["action"] == action
    ]


def pauses(complaint: dict, now: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """(start, end) of every hold; one still running ends `now`."""
    spans, start = [], None
    for entry in standing(complaint.get("history", ())):
        if entry["action"] == "hold" and start is None:
            start = _at(entry)
        elif entry["action"] == "resume" and start is not None:
            spans.append((start, _at(entry)))
            start = None
    if start is not None:
        spans.append((start, max(start, now)))
    return spans


def _length(calendar: WorkCalendar, duration: Duration) -> dt.timedelta:
    if duration.unit == "wd":
        return calendar.day_length * duration.amount
    if duration.unit == "wh":
        return dt.timedelta(hours=duration.amount)
    return calendar.add(dt.datetime(2000, 1, 1), duration) - dt.datetime(2000, 1, 1)


def _add_office_time(calendar: WorkCalendar, start: dt.datetime, span: dt.timedelta) -> dt.datetime:
    moment = calendar.add(start, Duration(span / dt.timedelta(hours=1), "wh"))
    # hours as a float lose a microsecond now and then; records keep whole seconds
    return (moment + dt.timedelta(microseconds=500_000)).replace(microsecond=0)


def resolution_due(
    complaint: dict, calendar: WorkCalendar, duration: Duration, now: dt.datetime
) -> dt.datetime:
    """The resolution target, pushed back by the office time of every hold that began before it."""
    due = calendar.add(dt.datetime.fromisoformat(complaint["received"]), duration)
    for start, end in pauses(complaint, now):
        if start < due:
            due = _add_office_time(calendar, due, calendar.working_time(start, end))
    return due


def answer_target(complaint: dict, config: Config, calendar: WorkCalendar) -> list[Target]:
    """An inquiry's answer: by the close of the working day in which deadlines.inquiry of working
    time after receipt ends (0wd: the same working day, or the next one after hours)."""
    limit = config.deadlines.get("inquiry")
    if limit is None:
        return []
    received = dt.datetime.fromisoformat(complaint["received"])
    reached = calendar.add(received, parse_duration(limit))
    day = calendar.roll_forward(reached.date())
    if reached.timetz().replace(tzinfo=None) >= calendar.office_hours[-1][1]:
        day = calendar.add_working_days(reached.date(), 1)
    due = dt.datetime.combine(day, calendar.office_hours[-1][1], received.tzinfo)
    answered = step_times(complaint, "answer")
    return [
        Target(
            "answer",
            complaint.get("handler"),
            due,
            answered[0] if answered else None,
            calendar.working_time(received, due),
            True,
            f"{complaint['kind']}: answer within the working day ({limit})",
        )
    ]


def targets(
    complaint: dict, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[Target]:
    """Every deadline the complaint has had so far, met or not; none for a complaint closed in
    another system before crmctl (imported history), whose steps crmctl never saw."""
    if is_light(complaint):
        return answer_target(complaint, config, calendar)
    rules = config.deadlines["severities"].get(complaint.get("severity"))
    if rules is None or complaint.get(CLOSED_ELSEWHERE):
        return []
    received = dt.datetime.fromisoformat(complaint["received"])
    handler, severity = complaint.get("handler"), complaint.get("severity")
    out = []
    acknowledge = parse_duration(rules["acknowledge"])
    judged = step_times(complaint, "judge")
    out.append(
        Target(
            "acknowledge",
            handler,
            calendar.add(received, acknowledge),
            judged[0] if judged else None,
            _length(calendar, acknowledge),
            acknowledge.working,
            f"{severity}: acknowledge within {acknowledge}",
        )
    )
    resolved = step_times(complaint, "resolve")[-1:] if complaint["status"] in RESOLVED else []
    if not is_invalid(complaint):
        resolve = parse_duration(rules["resolve"])
        out.append(
            Target(
                "resolve",
                handler,
                resolution_due(complaint, calendar, resolve, now),
                resolved[0] if resolved else None,
                _length(calendar, resolve),
                resolve.working,
                f"{severity}: resolve within {resolve} of receipt, holds excluded",
            )
        )
    reply_by = complaint.get("judgement", {}).get("reply_by")
    if reply_by:
        # a date promised on a rest day or holiday is met by the close of the next working day
        promised = dt.datetime.combine(
            calendar.roll_forward(dt.date.fromisoformat(reply_by)),
            calendar.office_hours[-1][1],
            received.tzinfo,
        )
        replies = step_times(complaint, "reply")
        out.append(
            Target(
                "reply",
                complaint["first_responder"],
                promised,
                replies[0] if replies else None,
                calendar.working_time((judged or [received])[0], promised),
                True,
                f"reply promised to the customer by {reply_by} (首问负责制)",
            )
        )
    if resolved:
        callback = parse_duration(config.deadlines["callback"])
        called = [moment for moment in step_times(complaint, "callback") if moment >= resolved[0]]
        out.append(
            Target(
                "callback",
                handler,
                calendar.add(resolved[0], callback),
                called[0] if called else None,
                _length(calendar, callback),
                callback.working,
                f"callback within {callback} of resolution",
            )
        )
    return out


def breaches(
    complaint: dict, config: Config, calendar: WorkCalendar, now: dt.datetime
) -> list[str]:
    """The targets missed, whether or not they have been met since."""
    return [
        target.name for target in targets(complaint, config, calendar, now) if target.breached(now)
    ]


def _span_text(span: dt.timedelta) -> str:
    hours, minutes = divmod(round(span.total_seconds() / 60), 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


# Who owes a complaint's targets: its handler, and for the promised reply its first responder.
OWNER_FIELDS = ("handler", "first_responder")
CUSTOMER_FIELDS = ("id", "name", "grade")  # what an item tells of the complaint's customer


def complaint_due_items(
    complaints: list[dict],
    customers_by_id: dict,
    config: Config,
    calendar: WorkCalendar,
    now: dt.datetime,
) -> list[DueItem]:
    """What open complaints still owe: one item per unmet target, to its owner."""
    warn_at = config.escalation["warn_at"]
    items = []
    for complaint in complaints:
        if complaint["status"] == "closed":
            continue
        customer = customers_by_id.get(complaint["customer"], {})
        for target in targets(complaint, config, calendar, now):
            if target.met_at is not None:
                continue
            breached = target.breached(now)
            remaining = target.remaining(calendar, now)
            warning = not breached and remaining <= target.length * (1 - warn_at)
            held = f"; on hold: {complaint['hold_reason']}" if complaint.get("hold_reason") else ""
            office = " of office time" if target.working else ""
            near = f"; warning: {_span_text(remaining)}{office} left" if warning else ""
            items.append(
                DueItem(
                    rule=RULE_NAMES[target.name],
                    record_id=complaint["id"],
                    customer_id=complaint["customer"],
                    customer_name=customer.get("name", complaint["customer"]),
                    owner=target.owner,
                    due=target.due_at.date(),
                    due_at=target.due_at,
                    grade=customer.get("grade"),
                    warning=warning,
                    reason=f"{complaint['summary'].splitlines()[0][:60]} — "
                    f"{target.basis}{held}{near}",
                )
            )
    return items
