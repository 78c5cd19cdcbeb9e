"""The generated benchmark archive is a valid crmctl archive: `check` finds no error in it."""

from __future__ import annotations

import datetime as dt

from bench.generate import NOW, generate
from crmctl.archive.kinds import KINDS
from crmctl.store.records import Store
from tests.conftest import Crm


def test_a_generated_archive_passes_check_with_visits_and_complaints_in_many_states(tmp_path):
    counts = generate(tmp_path / "crm", customers=60, seed=11, workers=1)
    assert counts["customer"] == 60 and counts["visit"] > 60 and counts["complaint"] > 5
    assert 90 <= counts["receivable"] <= 150  # about two per customer
    crm = Crm(tmp_path / "crm")
    check = crm("check")
    assert check.exit_code == 0, check.stdout
    assert all(
        ": warning: " in line for line in check.stdout.splitlines()
    )  # an accidental namesake at most
    statuses = {c["status"] for c in crm.json("complaint", "list", user="wang")}
    assert (
        "closed" in statuses and len(statuses) >= 4
    )  # older ones closed, recent ones on their way
    visits = crm.json("visit", "list")
    assert len(visits) == counts["visit"] and {v["reached"] for v in visits} == {True, False}


def test_nothing_in_a_generated_archive_happens_after_the_demo_now(tmp_path):
    """A lost or edited customer's history once reached up to 300 days past "now" (a report as of
    now then saw records change after its cutoff, which no real archive has)."""
    generate(tmp_path / "crm", customers=300, seed=5, workers=1)
    store = Store(tmp_path / "crm")
    moments = [
        entry["at"]
        for kind in KINDS.values()
        for record in store.records(kind)
        for entry in record.get("history", ())
    ]
    assert moments and max(dt.datetime.fromisoformat(at) for at in moments) <= NOW
