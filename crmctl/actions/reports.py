"""Reports a department hands in: loaded from the store, counted by the rules in `rules/`."""
from __future__ import annotations

import datetime as dt

from ..errors import CrmError
from ..rules import complaint_ledger, periods, service_report
from ..rules.customer_base import customer_base
from ..rules.history import as_of
from ..rules.periods import Period
from ..rules.report import Section
from ..store.kinds import KINDS
from ..store.schemas import field_schemas
from .customers import list_customers
from .due import open_items
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


def records_at(session: Session, cutoff: dt.datetime) -> dict[str, list[dict]]:
    """Every record as it stood at `cutoff`: customers created by then, visits made by then, complaints
    received by then, each with the changes of later history entries undone."""
    def before(stamp: str) -> bool:
        return dt.datetime.fromisoformat(stamp) <= cutoff

    store = session.store
    return {
        "customer": [as_of(c, cutoff) for c in store.records(KINDS["customer"]) if before(c["created"])],
        "visit": [v for v in store.records(KINDS["visit"]) if before(v["at"])],
        "complaint": [as_of(c, cutoff) for c in store.records(KINDS["complaint"]) if before(c["received"])],
    }


def monthly_report(session: Session, period: Period) -> list[Section]:
    """服务月报 of a month; overdue follow-ups are those `crmctl due` would have shown at the cutoff."""
    config = session.config
    if "satisfied_at" not in config.reports:
        raise CrmError("crmctl.yaml has no reports.satisfied_at: the lowest visit rating (1-5) that counts as "
                       "satisfied (e.g. reports: {satisfied_at: 4, satisfaction_target: 0.95})")
    cutoff = period.cutoff(session.now)
    records = records_at(session, cutoff)
    items = open_items(records, config, session.calendar, cutoff)
    return service_report.monthly(records, items, config, session.calendar, period, session.now)


def month(session: Session, text: str | None) -> Period:
    return periods.month(text, session.now)


def week(session: Session, text: str | None) -> Period:
    return periods.week(text, session.now)
