"""The monthly service report (服务月报, 001: 每月向公司提交服务月报…杜绝报喜不报忧).

Pure figures of (records as of the cutoff, config, calendar, period, now): the cutoff is the end of the
period, or `now` while it runs. Every shortfall is listed beside the figure it spoils: the key accounts
missed, the first contacts late or missing, the follow-ups overdue, the customers lost and why.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from ..config import Config
from . import contacts, due
from .calendar import WorkCalendar
from .complaint_ledger import SUMMARY_COLUMNS, ledger_rows, received_in, summary
from .due_item import DueItem
from .periods import Period, weeks_of
from .report import Section, grouped, share

HEADLINE_COLUMNS = ["figure", "amount", "target", "met"]
STAFF_COLUMNS = ["staff", "visits_logged", "reached", "not_reached", "customers_reached", "rated", "satisfied", "satisfaction_rate"]
MISSED_COLUMNS = ["customer_name", "grade", "owner", "last_contact", "record_id"]
FIRST_CONTACT_COLUMNS = ["customer_name", "owner", "rule", "due", "outcome", "record_id"]
OVERDUE_COLUMNS = ["owner", "overdue", "oldest_due", "rules"]
LOST_COLUMNS = ["customer_name", "owner", "lost_at", "lost_reason", "visited", "record_id"]
REASON_COLUMNS = ["reason", "customers"]
CATEGORY_COLUMNS = ["category", "complaints", "breached"]
WEEK_COLUMNS = ["week", "complaints", "breached"]
FIRST_CONTACT_RULES = (due.new_owner, due.handover)
HEADLINE_COMPLAINT_FIGURES = ("complaints_received", "complaints_handled", "complaints_open_at_end", "complaints_breached")
TARGETS = {"key_account_coverage": "key_account_coverage_target", "first_contact_compliance": "first_contact_target",
           "satisfaction_rate": "satisfaction_target"}  # figure -> its target under reports: in crmctl.yaml


def _in(period: Period, stamp: str) -> bool:
    return period.contains(dt.datetime.fromisoformat(stamp))


def key_accounts(customers: list[dict], config: Config) -> list[dict]:
    """Customers of a key-account grade (grades[].key_account: A一级, A二级) who are not lost."""
    return [c for c in customers if config.grades.get(c.get("grade"), {}).get("key_account") and c["status"] != "lost"]


def satisfied(visit: dict, config: Config) -> bool:
    """A rating at or above reports.satisfied_at of crmctl.yaml."""
    return visit["satisfaction"] >= config.reports["satisfied_at"]


def _staff_row(staff: str, visits: list[dict], config: Config) -> dict:
    reached = [v for v in visits if contacts.reaches_customer(v, config)]
    rated = [v for v in reached if v.get("satisfaction")]
    happy = sum(1 for v in rated if satisfied(v, config))
    return {"staff": staff, "visits_logged": len(visits), "reached": len(reached), "not_reached": len(visits) - len(reached),
            "customers_reached": len({v["customer"] for v in reached}), "rated": len(rated), "satisfied": happy,
            "satisfaction_rate": share(happy, len(rated))}


def visits_by_staff(visits: list[dict], config: Config) -> list[dict]:
    """Every active staff member in team order (none left out for having logged nothing), and anyone
    else who logged visits."""
    by_staff = dict(grouped(visits, "staff", config.team))
    shown = [s for s, member in config.team.items() if member.active or s in by_staff]
    shown += [s for s in by_staff if s not in config.team]
    return [_staff_row(staff, by_staff.get(staff, []), config) for staff in shown]


def _last_contact(visits: list[dict], config: Config) -> str | None:
    reached = [v for v in visits if contacts.reaches_customer(v, config)]
    return max(reached, key=contacts.when)["at"][:10] if reached else None


def missed_key_accounts(customers: list[dict], visits_of: dict, period: Period, config: Config) -> list[dict]:
    """Key accounts without a two-way contact in the period (必须保证优质客户的100%的回访)."""
    out = []
    for customer in key_accounts(customers, config):
        visits = visits_of.get(customer["id"], [])
        if not any(_in(period, v["at"]) and contacts.reaches_customer(v, config) for v in visits):
            out.append({"customer_name": customer["name"], "grade": customer.get("grade"), "owner": customer.get("owner"),
                        "last_contact": _last_contact(visits, config), "record_id": customer["id"]})
    return out


def _day_end(day: dt.date, tzinfo) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo)


def _before(visits: list[dict], moment: dt.datetime) -> list[dict]:
    return [v for v in visits if contacts.when(v) < moment]


def first_contacts(customers: list[dict], visits_of: dict, config: Config, calendar: WorkCalendar, period: Period,
                   now: dt.datetime) -> list[dict]:
    """New-owner and handover first contacts that fell due in the period: on time (by the end of the due
    day), late (done after it, before the cutoff) or missing. The due rules themselves decide: a rule
    that still asks for the contact given the visits up to a moment means it was not done by then."""
    cutoff = period.cutoff(now)
    out = []
    for customer in customers:
        visits = visits_of.get(customer["id"], [])
        for rule in FIRST_CONTACT_RULES:
            asked = rule(customer, [], config, calendar, cutoff)
            if not asked or not period.start.date() <= asked[0].due < cutoff.date():
                continue
            deadline = _day_end(asked[0].due, cutoff.tzinfo)
            outcome = ("on_time" if not rule(customer, _before(visits, deadline), config, calendar, cutoff)
                       else "late" if not rule(customer, _before(visits, cutoff), config, calendar, cutoff)
                       else "missing")
            out.append({"customer_name": customer["name"], "owner": customer.get("owner"), "rule": asked[0].rule,
                        "due": asked[0].due.isoformat(), "outcome": outcome, "record_id": customer["id"]})
    return sorted(out, key=lambda row: (row["due"], row["customer_name"]))


def overdue_by_owner(items: list[DueItem], cutoff: dt.datetime, config: Config) -> list[dict]:
    """Follow-ups overdue at the cutoff (what `crmctl due --overdue` said then), per owner."""
    late = [item for item in items if item.overdue_days(cutoff.date()) > 0]
    rows = []
    for owner, group in grouped([{"owner": item.owner, "item": item} for item in late], "owner", config.team):
        rules = Counter(entry["item"].rule for entry in group)
        rows.append({"owner": owner, "overdue": len(group), "oldest_due": min(e["item"].due for e in group).isoformat(),
                     "rules": ", ".join(f"{rule} {count}" for rule, count in sorted(rules.items()))})
    return rows


def lost_customers(customers: list[dict], visits_of: dict, period: Period, config: Config) -> list[dict]:
    out = []
    for customer in customers:
        if customer["status"] != "lost" or not customer.get("lost_at") or not _in(period, customer["lost_at"]):
            continue
        lost_at = dt.datetime.fromisoformat(customer["lost_at"])
        visited = any(contacts.when(v) > lost_at and contacts.reaches_customer(v, config)
                      for v in visits_of.get(customer["id"], []))
        out.append({"customer_name": customer["name"], "owner": customer.get("owner"), "lost_at": customer["lost_at"][:10],
                    "lost_reason": customer.get("lost_reason"), "visited": visited, "record_id": customer["id"]})
    return out


def _headline(figures: dict, config: Config) -> list[dict]:
    rows = []
    for figure, value in figures.items():
        target = config.reports.get(TARGETS.get(figure, ""))
        target = None if target is None else round(100 * target, 1)
        rows.append({"figure": figure, "amount": value, "target": target,
                     "met": None if target is None or value is None else value >= target})
    return rows


def _complaints(complaints: list[dict], names: dict, config: Config, calendar: WorkCalendar, period: Period,
                now: dt.datetime) -> tuple[list[dict], list[dict], list[dict]]:
    """The ledger's summary, and the month's complaints by category and by week, with those breached."""
    rows = ledger_rows(complaints, names, config, calendar, period, now)
    by_category = [{"category": value, "complaints": len(group), "breached": sum(1 for r in group if r["breaches"])}
                   for value, group in grouped(rows, "category", config.vocabulary("categories"))]
    breached = {row["id"] for row in rows if row["breaches"]}
    by_week = [{"week": week.label, "complaints": len(received), "breached": sum(1 for c in received if c["id"] in breached)}
               for week in weeks_of(period) for received in [received_in(complaints, week)]]
    return summary(complaints, rows, period, now), by_category, by_week


def monthly(records: dict[str, list[dict]], due_items: list[DueItem], config: Config, calendar: WorkCalendar,
            period: Period, now: dt.datetime) -> list[Section]:
    """The report's sections. `records` (by kind name) are as of the cutoff, `due_items` computed at it."""
    customers, complaints = records.get("customer", []), records.get("complaint", [])
    visits_of: dict = {}
    for visit in sorted(records.get("visit", []), key=contacts.when):
        visits_of.setdefault(visit["customer"], []).append(visit)
    in_period = [v for vs in visits_of.values() for v in vs if _in(period, v["at"])]
    staff = visits_by_staff(in_period, config)
    accounts, missed = key_accounts(customers, config), missed_key_accounts(customers, visits_of, period, config)
    first = first_contacts(customers, visits_of, config, calendar, period, now)
    cutoff = period.cutoff(now)
    overdue = overdue_by_owner(due_items, cutoff, config)
    lost = lost_customers(customers, visits_of, period, config)
    names = {c["id"]: c["name"] for c in customers}
    complaint_summary, by_category, by_week = _complaints(complaints, names, config, calendar, period, now)
    complaint_figures = {row["figure"]: row["amount"] for row in complaint_summary}
    rated, happy = sum(row["rated"] for row in staff), sum(row["satisfied"] for row in staff)
    on_time = sum(1 for row in first if row["outcome"] == "on_time")
    figures = {
        "visits_logged": len(in_period), "not_reached": sum(row["not_reached"] for row in staff),
        "key_accounts": len(accounts), "key_accounts_missed": len(missed),
        "key_account_coverage": share(len(accounts) - len(missed), len(accounts)),
        "first_contacts_due": len(first), "first_contacts_not_on_time": len(first) - on_time,
        "first_contact_compliance": share(on_time, len(first)),
        "overdue_followups": sum(row["overdue"] for row in overdue),
        "rated_visits": rated, "unsatisfied_visits": rated - happy, "satisfaction_rate": share(happy, rated),
        **{figure: complaint_figures[figure] for figure in HEADLINE_COMPLAINT_FIGURES},
        "customers_lost": len(lost),
    }
    reasons = [{"reason": reason, "customers": len(group)} for reason, group in grouped(lost, "lost_reason")]
    return [
        Section("headline", HEADLINE_COLUMNS, _headline(figures, config)),
        Section("visits_by_staff", STAFF_COLUMNS, staff),
        Section("key_accounts_missed", MISSED_COLUMNS, missed),
        Section("first_contacts", FIRST_CONTACT_COLUMNS, first),
        Section("overdue_by_owner", OVERDUE_COLUMNS, overdue),
        Section("complaint_figures", SUMMARY_COLUMNS, complaint_summary),
        Section("complaints_by_category", CATEGORY_COLUMNS, by_category),
        Section("complaints_by_week", WEEK_COLUMNS, by_week),
        Section("lost_customers", LOST_COLUMNS, lost),
        Section("lost_reasons", REASON_COLUMNS, reasons),
    ]
