"""`crmctl due`: what falls due, gathered from every follow-up source and filtered for one person."""
from __future__ import annotations

import datetime as dt
import functools

from ..rules import complaint_deadlines, due
from ..rules.calendar import parse_duration
from ..rules.complaint_lifecycle import STATUSES
from ..rules.due_item import DueItem
from ..rules.grading import in_grade_family
from ..store.customer_memo import Memo
from ..store.kinds import KINDS
from .session import Session

OPEN_COMPLAINTS = [status for status in STATUSES if status != "closed"]


def _sort_key(item: DueItem):
    return item.due, item.due_at.isoformat() if item.due_at else "", item.customer_name, item.rule


def _followup_entries(config, calendar, now: dt.datetime, customers: list[dict],
                      visits: list[dict]) -> list[tuple[str, str, str, list[dict]]]:
    """Each customer's follow-ups as the index keeps them (see store/customer_memo.py); a customer whose
    file is missing or broken owes none until its file is back (the change of its row drops the entry)."""
    visits_of = due.visits_by_customer(visits)
    today = now.date().isoformat()
    return [*((customer["id"], today, due.unchanged_until(customer, config, now.date()).isoformat(),
               [item.as_json() for item in due.followups_of(customer, visits_of[customer["id"]], config, calendar,
                                                            now)])
              for customer in customers),
            *((unknown, today, dt.date.max.isoformat(), []) for unknown in due.unknown_customers(customers, visits_of))]


def _customer_items(session: Session, last_day: dt.date | None, owners: set[str]) -> list[DueItem]:
    """The customers' follow-ups due by `last_day`: kept in the index per customer, and computed
    only for customers whose records or the config changed since (or whose occasion has passed)."""
    config, calendar, now = session.config, session.calendar, session.now
    today = now.date().isoformat()
    kept = session.store.customer_answers(Memo("followups", config.digest, today),
                                          functools.partial(_followup_entries, config, calendar, now),
                                          last_day.isoformat() if last_day else None, sorted(owners) if owners else None)
    if kept is not None:
        return [DueItem.from_json(item) for item in kept]
    records = {name: session.store.records(KINDS[name]) for name in ("customer", "visit")}
    return due.customer_followups(records, config, calendar, now)


def _complaint_items(session: Session, owners: set[str]) -> list[DueItem]:
    store = session.store
    # Only complaints whose items could be shown are read: open ones, or, for some owners, theirs.
    chosen = {field: owners for field in complaint_deadlines.OWNER_FIELDS} if owners else {"status": OPEN_COMPLAINTS}
    complaints = store.records(KINDS["complaint"], where=chosen)
    customers = store.records(KINDS["customer"], where={"id": sorted({c["customer"] for c in complaints})})
    return complaint_deadlines.complaint_due_items(complaints, {customer["id"]: customer for customer in customers},
                                                   session.config, session.calendar, session.now)


def due_items(session: Session, owners=(), within: str | None = None, overdue: bool = False, kinds=(),
              grades=()) -> list[DueItem]:
    """Open follow-ups, most overdue first. Without `within`, followups.due_horizon of crmctl.yaml
    bounds how far ahead to look (no bound if it is not set); `overdue` keeps only what is late."""
    owners = session.config.staff_ids(owners)
    horizon = within or session.config.followups.get("due_horizon")
    last_day = session.calendar.due_date(session.today, parse_duration(horizon)) if horizon else None
    with session.store.settled():
        items = _customer_items(session, last_day, owners) + _complaint_items(session, owners)
    return sorted((
        item for item in items
        if (not owners or item.owner in owners)
        and (last_day is None or item.due <= last_day)
        and (not overdue or item.overdue_days(session.today) > 0)
        and (not kinds or any(item.rule == kind or item.rule.startswith(f"{kind}_") for kind in kinds))
        and (not grades or any(in_grade_family(item.grade, grade) for grade in grades))
    ), key=_sort_key)
