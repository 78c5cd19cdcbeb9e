"""Visits per staff member (the monthly report's section): each customer's visits of the period
counted by who made them, and those counts added up into one row per staff member."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from . import contacts
from .periods import Period
from .report import share

STAFF_COLUMNS = [
    "staff",
    "visits_logged",
    "reached",
    "not_reached",
    "customers_reached",
    "rated",
    "satisfied",
    "satisfaction_rate",
]


def satisfied(visit: dict, config: Config) -> bool:
    """A rating at or above reports.satisfied_at of crmctl.yaml."""
    return visit["satisfaction"] >= config.reports["satisfied_at"]


def staff_counts(visits: list[dict], period: Period, config: Config) -> dict[str, list[int]]:
    """{staff: [logged, reached, rated, satisfied, customers reached]} of one customer's visits made
    in the period."""
    counts: dict[str, list[int]] = {}
    for visit in visits:
        if period.contains(dt.datetime.fromisoformat(visit["at"])):
            reached = contacts.reaches_customer(visit, config)
            rated = reached and bool(visit.get("satisfaction"))
            row = counts.setdefault(visit["staff"], [0, 0, 0, 0, 0])
            row[0], row[1], row[2], row[3], row[4] = (
                row[0] + 1,
                row[1] + reached,
                row[2] + rated,
                row[3] + (rated and satisfied(visit, config)),
                int(row[1] + reached > 0),
            )
    return counts


def _staff_row(
    staff: str, logged: int, reached: int, rated: int, happy: int, customers_reached: int
) -> dict:
    return {
        "staff": staff,
        "visits_logged": logged,
        "reached": reached,
        "not_reached": logged - reached,
        "customers_reached": customers_reached,
        "rated": rated,
        "satisfied": happy,
        "satisfaction_rate": share(happy, rated),
    }


def visits_by_staff(totals: dict[str, list[int]], config: Config) -> list[dict]:
    """Every active staff member in team order (none left out for having logged nothing), and anyone
    else who logged visits, from the counts of `staff_counts` added up."""
    shown = [s for s, member in config.team.items() if member.active or s in totals]
    shown += sorted(s for s in totals if s not in config.team)
    return [_staff_row(staff, *totals.get(staff, [0, 0, 0, 0, 0])) for staff in shown]
