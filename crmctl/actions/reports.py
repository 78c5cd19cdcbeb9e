"""Reports a department hands in: loaded from the store, counted by the rules in `rules/`."""
from __future__ import annotations

import datetime as dt
import operator

from ..errors import CrmError
from ..rules import complaint_deadlines, complaint_ledger, periods, service_report
from ..rules.customer_base import customer_base
from ..rules.history import as_of
from ..rules.periods import Period
from ..rules.report import Section
from ..store.kinds import KINDS
from ..store.schemas import field_schemas
from .customers import list_customers
from .due import customer_items, open_items
from .session import Session


def customer_base_report(session: Session, **filters) -> list[dict]:
    """The customer base (those `customer list` shows with these filters) by grade, status, owner, region."""
    config = session.config
    orders = {"grade": list(config.grades), "owner": list(config.team),
              "status": field_schemas(KINDS["customer"].schema)["status"]["enum"]}
    return customer_base(list_customers(session, **filters), orders)


def _customer_names(session: Session) -> dict[str, str]:
    return {customer["id"]: customer["name"] for customer in session.store.records(KINDS["customer"])}


def ledger_report(session: Session, period: Period) -> list[Section]:
    """投诉台帐 of a period (a month; a week for the weekly report)."""
    return complaint_ledger.ledger(session.store.records(KINDS["complaint"]), _customer_names(session), session.config,
                                   session.calendar, period, session.now)


def records_at(session: Session, cutoff: dt.datetime) -> tuple[dict[str, list[dict]], bool]:
    """Every record as it stood at `cutoff`: customers created by then, visits made by then, complaints
    received by then, each with the changes of later history entries undone; and whether every
    customer and visit stood then as it stands now (nothing created or changed since)."""
    def before(stamp: str) -> bool:
        return dt.datetime.fromisoformat(stamp) <= cutoff

    store = session.store
    now = {name: store.records(KINDS[name]) for name in ("customer", "visit")}
    records = {
        "customer": [as_of(c, cutoff) for c in now["customer"] if before(c["created"])],
        "visit": [v for v in now["visit"] if before(v["at"])],
        "complaint": [as_of(c, cutoff) for c in store.records(KINDS["complaint"]) if before(c["received"])],
    }
    unchanged = all(len(records[name]) == len(found) and all(map(operator.is_, records[name], found))
                    for name, found in now.items())
    return records, unchanged


def monthly_report(session: Session, period: Period) -> list[Section]:
    """服务月报 of a month; overdue follow-ups are those `crmctl due` would have shown at the cutoff."""
    config, calendar = session.config, session.calendar
    if "satisfied_at" not in config.reports:
        raise CrmError("crmctl.yaml has no reports.satisfied_at: the lowest visit rating (1-5) that counts as "
                       "satisfied (e.g. reports: {satisfied_at: 4, satisfaction_target: 0.95})")
    cutoff = period.cutoff(session.now)
    with session.store.settled():
        records, unchanged = records_at(session, cutoff)
        if unchanged and cutoff == session.now:
            # The records then are the records now: the customers' follow-ups are those `due` keeps.
            # The report counts only what is overdue at the cutoff, so later ones are not read.
            items = (customer_items(session, cutoff.date() - dt.timedelta(days=1), set())
                     + complaint_deadlines.due_source(records, config, calendar, cutoff))
        else:
            items = open_items(records, config, calendar, cutoff)
    return service_report.monthly(records, items, config, calendar, period, session.now)


def month(session: Session, text: str | None) -> Period:
    return periods.month(text, session.now)


def week(session: Session, text: str | None) -> Period:
    return periods.week(text, session.now)
