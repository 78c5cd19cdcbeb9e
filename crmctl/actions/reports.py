"""Reports a department hands in: loaded from the store, counted by the rules in `rules/`."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace

from ..archive.kinds import KINDS
from ..archive.schemas import field_schemas
from ..errors import CrmError
from ..index.customer_memo import Memo
from ..messages import _
from ..rules import complaint_ledger, complaint_lifecycle, periods, rates, service_report
from ..rules.customer_base import customer_base
from ..rules.history import as_of
from ..rules.periods import Period
from ..rules.redaction import scrubbed
from ..rules.report import Section
from . import receivables
from .customers import list_customers
from .lookup import customer_names
from .session import Session


def customer_base_report(session: Session, **filters) -> list[dict]:
    """The customer base (those `customer list` shows with these filters) by grade, status, owner,
    region."""
    config = session.config
    orders = {
        "grade": list(config.grades),
        "owner": list(config.team),
        "status": field_schemas(KINDS["customer"].schema)["status"]["enum"],
    }
    return scrubbed(customer_base(list_customers(session, **filters), orders))


def complaints_counting_in(session: Session, period: Period) -> list[dict]:
    """The complaints a period's figures can count: all but those closed with nothing stated from
    the period's start on (finished before it, received before it, owing nothing, they count in none
    of its figures). The index leaves those out undecoded: three in four of a two-year archive."""
    return session.store.records(
        KINDS["complaint"],
        where={"status": complaint_lifecycle.UNFINISHED},
        since=period.start.timestamp(),
    )


def ledger_report(session: Session, period: Period) -> list[Section]:
    """投诉台帐 of a period (a month; a week for the weekly report)."""

    with session.store.settled():
        complaints = complaints_counting_in(session, period)
        # Only the complaints received in the period are listed by their customer's name.
        names = customer_names(session.store, complaint_ledger.received_in(complaints, period))
        ledger = complaint_ledger.ledger(
            complaints, names, session.config, session.calendar, period, session.now
        )
    return _scrubbed(ledger)


def customers_share(session: Session, period: Period) -> dict:
    """Every customer's share of the month's figures added up (`service_report.combined`): kept by
    the store per customer and per group of customers, and computed only for customers whose
    records changed, or when the config, the period or the cutoff's day did."""
    config, now = session.config, session.now
    sums = session.store.memoized_sums(
        Memo("monthly", f"{config.digest}/{period.label}", period.cutoff(now).timestamp()),
        functools.partial(
            service_report.part_with_validity,
            config=config,
            calendar=session.calendar,
            period=period,
            now=now,
        ),
        service_report.combined,
    )
    return service_report.combined(sums)


def monthly_report(session: Session, period: Period) -> list[Section]:
    """服务月报 of a month; overdue follow-ups are those `crmctl due` would have shown at the
    cutoff."""
    if "satisfied_at" not in session.config.reports:
        raise CrmError(
            _(
                "crmctl.yaml has no reports.satisfied_at: the lowest visit rating "
                "(1-5) that counts as satisfied (e.g. reports: {satisfied_at: 4, "
                "satisfaction_target: 0.95})"
            )
        )
    cutoff = period.cutoff(session.now)

    with session.store.settled():
        customers = customers_share(session, period)
        complaints = [
            as_of(c, cutoff)
            for c in complaints_counting_in(session, period)
            if dt.datetime.fromisoformat(c["received"]) <= cutoff
        ]
        names = customer_names(
            session.store, complaint_ledger.received_in(complaints, period), cutoff
        )
        sections = [
            *service_report.monthly(
                customers, complaints, names, session.config, session.calendar, period, session.now
            ),
            receivables.collection_section(session, period),
            *_rates(session, period),
        ]
    return _scrubbed(sections)


def _rates(session: Session, period: Period) -> list[Section]:
    store = session.store
    return rates.rates(
        store.records(KINDS["customer"]),
        complaints_counting_in(session, period),
        store.records(KINDS["visit"], since=period.start.timestamp(), fields=RATED_VISIT),
        session.config,
        period,
        session.now,
    )


def rates_report(session: Session, period: Period) -> list[Section]:
    """流失率, 新客户开发率, 投诉成立率, 投诉率, satisfaction by grade, and 回款, 欠费率 and
    托收率 as `report monthly` counts them, of a quarter or a year."""
    with session.store.settled():
        return _scrubbed(
            [*_rates(session, period), receivables.collection_section(session, period)]
        )


def _scrubbed(sections: list[Section]) -> list[Section]:
    """A report is handed on (markdown, HTML): personal data typed into its texts (a loss reason
    with a phone number, a customer named with one) is masked, as `export --redact` masks it."""
    return [replace(section, rows=scrubbed(section.rows)) for section in sections]


RATED_VISIT = ("id", "customer", "at", "satisfaction")  # what the rates read of a visit


def quarter(session: Session, text: str | None) -> Period:
    return periods.quarter(text, session.now)


def year(session: Session, text: str | None) -> Period:
    return periods.year(text, session.now)


def month(session: Session, text: str | None) -> Period:
    return periods.month(text, session.now)


def week(session: Session, text: str | None) -> Period:
    return periods.week(text, session.now)
