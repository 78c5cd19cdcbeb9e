"""The monthly service report (服务月报, 001: 每月向公司提交服务月报…杜绝报喜不报忧).

Pure figures of (records, config, calendar, period, now), measured at the cutoff: the end of the
period, or `now` while it runs. Every shortfall is listed beside the figure it spoils: the key
accounts missed, the first contacts late or missing, the follow-ups overdue, the customers lost and
why.

Every customer figure is a sum over customers, so the report is made in steps: `customer_part` gives
one customer's share, `combined` adds shares up into one of the same shape (the index keeps each
customer's and each group of customers' sums, see index/customer_memo.py), and `monthly` reads the
figures off the whole archive's share and counts the complaints.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

from ..config import Config
from . import complaint_deadlines, contacts, due
from .calendar import WorkCalendar
from .complaint_ledger import SUMMARY_COLUMNS, ledger_rows, received_in, summary
from .due_item import DueItem
from .history import as_of
from .inquiry_ledger import inquiry_sections, split
from .periods import Period, weeks_of
from .report import Section, grouped, share
from .staff_visits import STAFF_COLUMNS, staff_counts, visits_by_staff

HEADLINE_COLUMNS = ["figure", "amount", "target", "met"]
MISSED_COLUMNS = ["customer_name", "grade", "owner", "last_contact", "record_id"]
FIRST_CONTACT_COLUMNS = ["customer_name", "owner", "rule", "due", "outcome", "record_id"]
OVERDUE_COLUMNS = ["owner", "overdue", "oldest_due", "rules"]
LOST_COLUMNS = ["customer_name", "owner", "lost_at", "lost_reason", "visited", "record_id"]
REASON_COLUMNS = ["reason", "customers"]
CATEGORY_COLUMNS = ["category", "complaints", "breached"]
WEEK_COLUMNS = ["week", "complaints", "breached"]
FIRST_CONTACT_RULES = (due.new_owner, due.handover)
HEADLINE_COMPLAINT_FIGURES = (
    "complaints_received",
    "complaints_handled",
    "complaints_open_at_end",
    "complaints_breached",
)
TARGETS = {
    "key_account_coverage": "key_account_coverage_target",
    "first_contact_compliance": "first_contact_target",
    "satisfaction_rate": "satisfaction_target",
}  # figure -> its target under reports: in crmctl.yaml


def _in(period: Period, stamp: str) -> bool:
    return period.contains(dt.datetime.fromisoformat(stamp))


def is_key_account(customer: dict, config: Config) -> bool:
    """Of a key-account grade (grades[].key_account: A一级, A二级) and not lost."""
    return (
        bool(config.grades.get(customer.get("grade"), {}).get("key_account"))
        and customer["status"] != "lost"
    )


def _last_contact(visits: list[dict], config: Config) -> str | None:
    reached = [v for v in visits if contacts.reaches_customer(v, config)]
    return max(reached, key=contacts.when)["at"][:10] if reached else None


def _missed(customer: dict, visits: list[dict], period: Period, config: Config) -> dict | None:
    """A key account without a two-way contact in the period (必须保证优质客户的100%的回访)."""
    if any(_in(period, v["at"]) and contacts.reaches_customer(v, config) for v in visits):
        return None
    return {
        "customer_name": customer["name"],
        "grade": customer.get("grade"),
        "owner": customer.get("owner"),
        "last_contact": _last_contact(visits, config),
        "record_id": customer["id"],
    }


def _day_end(day: dt.date, tzinfo) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo)


def _before(visits: list[dict], moment: dt.datetime) -> list[dict]:
    return [v for v in visits if contacts.when(v) < moment]


def _first_contacts(
    customer: dict,
    visits: list[dict],
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    cutoff: dt.datetime,
) -> tuple[list[dict], list[dt.date]]:
    """New-owner and handover first contacts that fell due in the period: on time (by the end of the
    due day), late (done after it, by the cutoff) or missing; and the days from which those falling
    due later count. The due rules themselves decide: a rule that still asks for the contact given
    the visits up to a moment means it was not done by then."""
    out, later = [], []
    for rule in FIRST_CONTACT_RULES:
        asked = rule(customer, [], config, calendar, cutoff)
        if not asked or asked[0].due < period.start.date():
            continue
        if asked[0].due >= cutoff.date():
            later.append(asked[0].due + dt.timedelta(days=1))
            continue
        deadline = _day_end(asked[0].due, cutoff.tzinfo)
        # `visits` are those made by the cutoff, one made at the cutoff included, as everywhere
        # else.
        outcome = (
            "on_time"
            if not rule(customer, _before(visits, deadline), config, calendar, cutoff)
            else "late"
            if not rule(customer, visits, config, calendar, cutoff)
            else "missing"
        )
        out.append(
            {
                "customer_name": customer["name"],
                "owner": customer.get("owner"),
                "rule": asked[0].rule,
                "due": asked[0].due.isoformat(),
                "outcome": outcome,
                "record_id": customer["id"],
            }
        )
    return out, later


def overdue_by_owner(late: list[list], config: Config) -> list[dict]:
    """Follow-ups overdue at the cutoff (what `crmctl due --overdue` said then), per owner, from
    their tally (`overdue_at`)."""
    by_owner: dict = {}  # owner -> (Counter of rules, oldest due)
    for owner, rule, count, day in late:
        if owner not in by_owner:
            by_owner[owner] = (Counter(), [day])
        rules, oldest = by_owner[owner]
        rules[rule] += count
        oldest[0] = min(oldest[0], day)
    rows = []
    for owner, _ in grouped(
        [{"owner": owner} for owner in by_owner], "owner", config.team
    ):  # team order
        rules, oldest = by_owner[owner]
        rows.append(
            {
                "owner": owner,
                "overdue": sum(rules.values()),
                "oldest_due": oldest[0],
                "rules": ", ".join(f"{rule} {count}" for rule, count in sorted(rules.items())),
            }
        )
    return rows


def overdue_at(items: list[DueItem], cutoff: dt.datetime) -> list[list]:
    """The items overdue at the cutoff, tallied: [owner, rule, how many, the oldest due day] (a
    list, not a dict by owner: an item may have no owner, and JSON keys are text)."""
    return _tallied(
        [item.owner, item.rule, 1, item.due.isoformat()]
        for item in items
        if item.overdue_days(cutoff.date()) > 0
    )


def _tallied(late) -> list[list]:
    tally: dict = {}
    for owner, rule, count, day in late:
        if (owner, rule) in tally:
            row = tally[owner, rule]
            row[2], row[3] = row[2] + count, min(row[3], day)
        else:
            tally[owner, rule] = [owner, rule, count, day]
    return list(tally.values())


def _lost(customer: dict, visits: list[dict], period: Period, config: Config) -> dict | None:
    if (
        customer["status"] != "lost"
        or not customer.get("lost_at")
        or not _in(period, customer["lost_at"])
    ):
        return None
    lost_at = dt.datetime.fromisoformat(customer["lost_at"])
    visited = any(
        contacts.when(v) > lost_at and contacts.reaches_customer(v, config) for v in visits
    )
    return {
        "customer_name": customer["name"],
        "owner": customer.get("owner"),
        "lost_at": customer["lost_at"][:10],
        "lost_reason": customer.get("lost_reason"),
        "visited": visited,
        "record_id": customer["id"],
    }


def customer_part(
    customer: dict,
    visits: list[dict],
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    now: dt.datetime,
) -> dict:
    """One customer's share of the month's figures, in JSON values (so it can be kept): its visits
    of the period by staff member and, if it existed at the cutoff, as it stood then: whether it is
    a key account and one missed, its first contacts due, its loss, its follow-ups overdue at the
    cutoff. `visits` are the customer's now (oldest first); those after the cutoff do not count.
    Figures that are naught are left out (100,000 shares are added up for a cold report)."""
    return part_with_validity(customer["id"], customer, visits, config, calendar, period, now)[0][0]


def part_with_validity(
    customer_id: str,
    customer: dict | None,
    visits: list[dict],
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    now: dt.datetime,
) -> tuple[list[dict], float, float]:
    """[`customer_part`] (for a customer id whose file is missing or unreadable: its visits' staff
    counts alone), and the moments (POSIX seconds) between which it is the answer: from the start of
    the cutoff's day, or the last stamp of the customer's records before the cutoff (created, a
    history entry, a visit), until their next stamp, or the first day on which a follow-up it owes
    falls overdue, a first contact of the period falls due or an occasion passes (the part counts by
    day). Its visits may come in any order."""
    cutoff = period.cutoff(now)
    visits = sorted(visits, key=contacts.when)
    made = [v for v in contacts.counted(visits) if contacts.when(v) <= cutoff]
    part = {"staff": staff_counts(made, period, config)}
    days: list[dt.date] = []  # from which the part may change
    if customer is not None and dt.datetime.fromisoformat(customer["created"]) <= cutoff:
        standing, days = _standing(as_of(customer, cutoff), made, config, calendar, period, cutoff)
        part |= standing
    since, until = _span(customer, visits, cutoff, days)
    return [{field: value for field, value in part.items() if value}], since, until


def _standing(
    then: dict,
    made: list[dict],
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    cutoff: dt.datetime,
) -> tuple[dict, list[dt.date]]:
    """The figures of a customer as it stood at the cutoff (`then`), and the days from which they
    may change: a first contact falling due, an occasion passing, a follow-up falling overdue."""
    key_account = is_key_account(then, config)
    items = due.followups_of(then, made, config, calendar, cutoff)
    first, later = _first_contacts(then, made, config, calendar, period, cutoff)
    missed = _missed(then, made, period, config) if key_account else None
    lost = _lost(then, made, period, config)
    figures = {
        "key_accounts": int(key_account),
        "missed": [missed] if missed else [],
        "first": first,
        "lost": [lost] if lost else [],
        "overdue": overdue_at(items, cutoff),
    }
    days = [
        *later,
        due.unchanged_until(then, made, config, cutoff.date()),
        *(item.due + dt.timedelta(days=1) for item in items if item.due >= cutoff.date()),
    ]
    return figures, days


def _span(
    customer: dict | None, visits: list[dict], cutoff: dt.datetime, days: list[dt.date]
) -> tuple[float, float]:
    """The moments (POSIX seconds) between which the part holds: from the cutoff's day or the last
    stamp of the customer's records before the cutoff, until their next stamp or the first of
    `days`."""
    since = dt.datetime.combine(cutoff.date(), dt.time(), cutoff.tzinfo).timestamp()
    until = (
        dt.datetime.combine(min(days), dt.time(), cutoff.tzinfo).timestamp() if days else math.inf
    )
    stamps = (
        (customer["created"], *(entry["at"] for entry in customer.get("history", ())))
        if customer
        else ()
    )
    for stamp in (*stamps, *(v["at"] for v in visits)):
        moment = dt.datetime.fromisoformat(stamp).timestamp()
        if moment <= cutoff.timestamp():
            since = max(since, moment)
        else:
            until = min(until, moment)
    return since, until


def combined(parts) -> dict:
    """The share of many customers: the sum of their shares (`customer_part`, or sums of those), in
    the same shape. Counts add up, lists of rows join, overdue tallies merge."""
    staff: dict[str, list[int]] = {}
    rows: dict[str, list[dict]] = {"missed": [], "first": [], "lost": []}
    accounts, late = 0, []
    for part in parts:
        for member, counts in part.get("staff", {}).items():
            if member in staff:
                staff[member] = [a + b for a, b in zip(staff[member], counts, strict=False)]
            else:
                staff[member] = list(counts)
        accounts += part.get("key_accounts", 0)
        for field, found in rows.items():
            found.extend(part.get(field, ()))
        late.extend(part.get("overdue", ()))
    total = {"staff": staff, "key_accounts": accounts, **rows, "overdue": _tallied(late)}
    return {field: value for field, value in total.items() if value}


def _headline(figures: dict, config: Config) -> list[dict]:
    rows = []
    for figure, value in figures.items():
        target = config.reports.get(TARGETS.get(figure, ""))
        target = None if target is None else round(100 * target, 1)
        rows.append(
            {
                "figure": figure,
                "amount": value,
                "target": target,
                "met": None if target is None or value is None else value >= target,
            }
        )
    return rows


def _complaints(
    complaints: list[dict],
    names: dict,
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    now: dt.datetime,
) -> tuple[list[dict], list[dict], list[dict]]:
    """The ledger's summary, and the month's complaints by category and by week, with those
    breached."""
    rows = ledger_rows(complaints, names, config, calendar, period, now)
    by_category = [
        {
            "category": value,
            "complaints": len(group),
            "breached": sum(1 for r in group if r["breaches"]),
        }
        for value, group in grouped(rows, "category", config.vocabulary("categories"))
    ]
    breached = {row["id"] for row in rows if row["breaches"]}
    month = received_in(complaints, period)  # a week of the report is cut to the month
    by_week = [
        {
            "week": week.label,
            "complaints": len(received),
            "breached": sum(1 for c in received if c["id"] in breached),
        }
        for week in weeks_of(period)
        for received in [received_in(month, week)]
    ]
    return summary(complaints, rows, period, now), by_category, by_week


def monthly(
    customers: dict,
    complaints: list[dict],
    names: dict,
    config: Config,
    calendar: WorkCalendar,
    period: Period,
    now: dt.datetime,
) -> list[Section]:
    """The report's sections from every customer's share (`combined`), the complaints received by
    the cutoff as they stood then, and their customers' names then."""
    staff = visits_by_staff(customers.get("staff", {}), config)
    accounts = customers.get("key_accounts", 0)
    missed = sorted(customers.get("missed", ()), key=lambda row: row["record_id"])
    first = sorted(
        customers.get("first", ()),
        key=lambda row: (row["due"], row["customer_name"], row["record_id"], row["rule"]),
    )
    cutoff = period.cutoff(now)
    owed = complaint_deadlines.complaint_due_items(complaints, {}, config, calendar, cutoff)
    overdue = overdue_by_owner([*customers.get("overdue", ()), *overdue_at(owed, cutoff)], config)
    lost = sorted(customers.get("lost", ()), key=lambda row: row["record_id"])
    # inquiries and lookups on their light path are counted apart (002: 咨询信息报表)
    complaints, inquiries = split(complaints, cutoff)
    complaint_summary, by_category, by_week = _complaints(
        complaints, names, config, calendar, period, now
    )
    _, inquiry_figures = inquiry_sections(inquiries, names, config, calendar, period, now)
    complaint_figures = {row["figure"]: row["amount"] for row in complaint_summary}
    rated, happy = sum(row["rated"] for row in staff), sum(row["satisfied"] for row in staff)
    on_time = sum(1 for row in first if row["outcome"] == "on_time")
    figures = {
        "visits_logged": sum(row["visits_logged"] for row in staff),
        "not_reached": sum(row["not_reached"] for row in staff),
        "key_accounts": accounts,
        "key_accounts_missed": len(missed),
        "key_account_coverage": share(accounts - len(missed), accounts),
        "first_contacts_due": len(first),
        "first_contacts_not_on_time": len(first) - on_time,
        "first_contact_compliance": share(on_time, len(first)),
        "overdue_followups": sum(row["overdue"] for row in overdue),
        "rated_visits": rated,
        "unsatisfied_visits": rated - happy,
        "satisfaction_rate": share(happy, rated),
        **{figure: complaint_figures[figure] for figure in HEADLINE_COMPLAINT_FIGURES},
        "customers_lost": len(lost),
    }
    reasons = [
        {"reason": reason, "customers": len(group)}
        for reason, group in grouped(lost, "lost_reason")
    ]
    return [
        Section("headline", HEADLINE_COLUMNS, _headline(figures, config)),
        Section("visits_by_staff", STAFF_COLUMNS, staff),
        Section("key_accounts_missed", MISSED_COLUMNS, missed),
        Section("first_contacts", FIRST_CONTACT_COLUMNS, first),
        Section("overdue_by_owner", OVERDUE_COLUMNS, overdue),
        Section("complaint_figures", SUMMARY_COLUMNS, complaint_summary),
        Section("complaints_by_category", CATEGORY_COLUMNS, by_category),
        Section("complaints_by_week", WEEK_COLUMNS, by_week),
        Section("inquiry_figures", SUMMARY_COLUMNS, inquiry_figures),
        Section("lost_customers", LOST_COLUMNS, lost),
        Section("lost_reasons", REASON_COLUMNS, reasons),
    ]
