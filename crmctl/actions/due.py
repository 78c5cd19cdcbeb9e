"""`crmctl due`: what falls due, gathered from every follow-up source and filtered for one person."""
from __future__ import annotations

from ..rules import complaint_deadlines, due
from ..rules.calendar import parse_duration
from ..rules.due_item import DueItem
from ..rules.grading import in_grade_family
from ..store.kinds import KINDS
from .session import Session

# Each source: (records by kind name, config, calendar, now) -> [DueItem].
SOURCES = [due.customer_followups, complaint_deadlines.due_source]


def _sort_key(item: DueItem):
    return item.due, item.due_at.isoformat() if item.due_at else "", item.customer_name, item.rule


def open_items(records: dict[str, list[dict]], config, calendar, now) -> list[DueItem]:
    """Every open follow-up of every source at `now`, unfiltered (records by kind name)."""
    return [item for source in SOURCES for item in source(records, config, calendar, now)]


def due_items(session: Session, owners=(), within: str | None = None, overdue: bool = False, kinds=(),
              grades=()) -> list[DueItem]:
    """Open follow-ups, most overdue first. Without `within`, followups.due_horizon of crmctl.yaml
    bounds how far ahead to look (no bound if it is not set); `overdue` keeps only what is late."""
    owners = session.config.staff_ids(owners)
    records = {name: session.store.records(kind) for name, kind in KINDS.items()}
    items = open_items(records, session.config, session.calendar, session.now)
    horizon = within or session.config.followups.get("due_horizon")
    last_day = session.calendar.due_date(session.today, parse_duration(horizon)) if horizon else None
    return sorted((
        item for item in items
        if (not owners or item.owner in owners)
        and (last_day is None or item.due <= last_day)
        and (not overdue or item.overdue_days(session.today) > 0)
        and (not kinds or any(item.rule == kind or item.rule.startswith(f"{kind}_") for kind in kinds))
        and (not grades or any(in_grade_family(item.grade, grade) for grade in grades))
    ), key=_sort_key)
