"""Reports decode only the complaints a period can count (`reports.complaints_counting_in`): every
figure equals the rules run over every complaint of the archive."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.generate import generate
from crmctl.actions import reports
from crmctl.actions.session import Session
from crmctl.rules import complaint_ledger, rates, service_report
from crmctl.rules.history import as_of
from crmctl.store.kinds import KINDS
from tests.conftest import NOW

COMPLAINT = KINDS["complaint"]
PERIODS = [
    ("month", None),
    ("month", "2026-10"),
    ("month", "2025-12"),
    ("week", None),
    ("week", "2026-W40"),
]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports") / "crm"
    generate(root, customers=1500, seed=11, workers=1)
    return root


def _period(session, kind, label):
    return getattr(reports, kind)(session, label)


@pytest.mark.parametrize("kind, label", PERIODS)
@pytest.mark.parametrize("index", [True, False])
def test_the_ledger_of_the_complaints_counting_equals_the_ledger_of_all(root, kind, label, index):
    session = Session(root, now=NOW)
    if not index:
        session.store.index = None
    period = _period(session, kind, label)
    every = session.store.records(COMPLAINT)
    assert len(reports.complaints_counting_in(session, period)) < len(every)  # some are left out
    names = {c["id"]: c["name"] for c in session.store.records(KINDS["customer"])}
    assert reports.ledger_report(session, period) == complaint_ledger.ledger(
        every, names, session.config, session.calendar, period, session.now
    )


@pytest.mark.parametrize("label", [None, "2026-10", "2025-12"])
def test_the_monthly_report_counts_the_complaints_as_over_all_of_them(root, label):
    session = Session(root, now=NOW)
    period = reports.month(session, label)
    cutoff = period.cutoff(session.now)
    every = [
        as_of(c, cutoff)
        for c in session.store.records(COMPLAINT)
        if dt.datetime.fromisoformat(c["received"]) <= cutoff
    ]
    names = {
        c["id"]: as_of(c, cutoff)["name"]
        for c in session.store.records(KINDS["customer"])
        if dt.datetime.fromisoformat(c["created"]) <= cutoff
    }
    expected = service_report.monthly(
        reports.customers_share(session, period),
        every,
        names,
        session.config,
        session.calendar,
        period,
        session.now,
    )
    *found, collection, rate_figures, by_grade = reports.monthly_report(session, period)
    assert found == expected
    assert collection.name == "collection"  # receivables' figures, tested apart
    # the rates over the complaints the report reads are those over all of them
    assert [rate_figures, by_grade] == rates.rates(
        session.store.records(KINDS["customer"]),
        session.store.records(COMPLAINT),
        session.store.records(KINDS["visit"]),
        session.config,
        period,
        session.now,
    )
    handled = {row["figure"]: row["amount"] for row in found[0].rows}["complaints_handled"]
    assert handled > 0  # complaints finished in the month count, though closed now
