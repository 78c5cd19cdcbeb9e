"""The rates the documents ask managers to report (002), over a month, a quarter or a year.

流失率 (churn): customers lost in the period (lost_at in it, lost at the cutoff) over those active
at its start. 新客户开发率: customers active at the cutoff that were not at the start (new, or won
from prospects) over reports.new_customers_per_month times the months of the period. 投诉成立率:
complaints (kind complaint) received in the period and judged by the cutoff that were judged valid
(成立), over those judged. 投诉率: complaints received in the period per 100 customers active at the
cutoff. Satisfaction by grade (大客户满意度): visits of the period rated on 1-5 that are rated
reports.satisfied_at or more, over all rated, by the grade of the customer at the cutoff. Every
record counts as it stood at the cutoff (later history entries undone).
"""

from __future__ import annotations

import datetime as dt

from ..config import Config
from .history import as_of
from .periods import Period
from .report import Section, share

RATE_COLUMNS = ["figure", "part", "whole", "amount", "target", "met"]
GRADE_COLUMNS = ["grade", "rated", "satisfied", "amount", "target", "met"]
# figure -> (its target in reports, whether the figure must stay at or below it)
TARGETS = {
    "churn_rate": ("churn_rate_target", True),
    "new_customer_rate": ("new_customer_rate_target", False),
    "valid_complaint_rate": (None, False),
    "complaints_per_100": (None, False),
}


def _at(stamp: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(stamp) if stamp else None


def _status_at(customer: dict, moment: dt.datetime) -> str | None:
    """The customer's status at `moment`; None if it was not in the archive yet."""
    created = _at(customer.get("created"))
    if created and created > moment:
        return None
    return as_of(customer, moment).get("status")


def _row(figure: str, part, whole, amount, config: Config) -> dict:
    key, at_most = TARGETS[figure]
    target = config.reports.get(key) if key else None
    target = None if target is None else round(100 * target, 1)
    met = None
    if target is not None and amount is not None:
        met = amount <= target if at_most else amount >= target
    return {
        "figure": figure,
        "part": part,
        "whole": whole,
        "amount": amount,
        "target": target,
        "met": met,
    }


def months_in(period: Period) -> int:
    start, end = period.start.date(), (period.end - dt.timedelta(days=1)).date()
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _customer_rates(
    customers: list[dict], config: Config, period: Period, cutoff
) -> tuple[list[dict], int]:
    """The churn and new-customer rates, and how many customers are active at the cutoff."""
    at_start = [_status_at(c, period.start) for c in customers]
    at_end = [_status_at(c, cutoff) for c in customers]
    active_start = sum(status == "active" for status in at_start)
    lost = sum(
        after == "lost"
        and (moment := _at(as_of(c, cutoff).get("lost_at"))) is not None
        and period.start <= moment < cutoff
        for c, after in zip(customers, at_end, strict=False)
    )
    new = sum(
        after == "active" and before != "active"
        for before, after in zip(at_start, at_end, strict=False)
    )
    planned = config.reports.get("new_customers_per_month")
    wanted = planned * months_in(period) if planned else None
    return [
        _row("churn_rate", lost, active_start, share(lost, active_start), config),
        _row("new_customer_rate", new, wanted, share(new, wanted or 0), config),
    ], sum(status == "active" for status in at_end)


def _complaint_rates(complaints, active_end: int, config: Config, period: Period, cutoff):
    received = [
        as_of(c, cutoff)
        for c in complaints
        if c.get("kind", "complaint") == "complaint"
        and period.start <= dt.datetime.fromisoformat(c["received"]) < cutoff
    ]
    judged = [c for c in received if "valid" in c.get("judgement", {})]
    valid = sum(c["judgement"]["valid"] is True for c in judged)
    per_100 = round(100 * len(received) / active_end, 2) if active_end else None
    return [
        _row("valid_complaint_rate", valid, len(judged), share(valid, len(judged)), config),
        _row("complaints_per_100", len(received), active_end, per_100, config),
    ]


def _satisfaction_by_grade(visits, customers, config: Config, period: Period, cutoff) -> list:
    grade_of = {c["id"]: as_of(c, cutoff).get("grade") for c in customers}
    satisfied_at = config.reports.get("satisfied_at", 4)
    target = config.reports.get("grade_satisfaction_target")
    counts: dict = {}
    for visit in visits:
        if (
            visit.get("satisfaction") is None
            or not period.start <= dt.datetime.fromisoformat(visit["at"]) < cutoff
        ):
            continue
        rated, satisfied = counts.get(grade_of.get(visit["customer"]), (0, 0))
        counts[grade_of.get(visit["customer"])] = (
            rated + 1,
            satisfied + (visit["satisfaction"] >= satisfied_at),
        )
    order = [*config.grades, *sorted(g for g in counts if g and g not in config.grades), None]
    rows = []
    for grade in (g for g in order if g in counts):
        rated, satisfied = counts[grade]
        amount = share(satisfied, rated)
        goal = None if target is None else round(100 * target, 1)
        met = None if goal is None or amount is None else amount >= goal
        rows.append(
            {
                "grade": grade,
                "rated": rated,
                "satisfied": satisfied,
                "amount": amount,
                "target": goal,
                "met": met,
            }
        )
    return rows


def rates(
    customers: list[dict],
    complaints: list[dict],
    visits: list[dict],
    config: Config,
    period: Period,
    now: dt.datetime,
) -> list[Section]:
    """The rates section and satisfaction by grade of `period`, measured at its cutoff."""
    cutoff = period.cutoff(now)
    customer_rows, active_end = _customer_rates(customers, config, period, cutoff)
    complaint_rows = _complaint_rates(complaints, active_end, config, period, cutoff)
    return [
        Section("rates", RATE_COLUMNS, [*customer_rows, *complaint_rows]),
        Section(
            "satisfaction_by_grade",
            GRADE_COLUMNS,
            _satisfaction_by_grade(visits, customers, config, period, cutoff),
        ),
    ]
