"""The generated benchmark archive is a valid crmctl archive: `check` finds no error in it."""
from __future__ import annotations

from bench.generate import generate
from tests.conftest import Crm


def test_a_generated_archive_passes_check_with_visits_and_complaints_in_many_states(tmp_path):
    counts = generate(tmp_path / "crm", customers=60, seed=11, workers=1)
    assert counts["customer"] == 60 and counts["visit"] > 60 and counts["complaint"] > 5
    crm = Crm(tmp_path / "crm")
    check = crm("check")
    assert check.exit_code == 0, check.stdout
    assert all(": warning: " in line for line in check.stdout.splitlines())  # an accidental namesake at most
    statuses = {c["status"] for c in crm.json("complaint", "list", user="wang")}
    assert "closed" in statuses and len(statuses) >= 4  # older ones closed, recent ones on their way
    visits = crm.json("visit", "list")
    assert len(visits) == counts["visit"] and {v["reached"] for v in visits} == {True, False}
