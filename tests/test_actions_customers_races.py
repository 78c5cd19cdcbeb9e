"""Read-modify-write races in the customer actions: what is written follows the records as they are
under the lock, not as they were when the command started."""

from __future__ import annotations

from crmctl.actions import customers
from crmctl.actions.session import Session

NOW = "2026-11-23T09:30:00+08:00"


def test_grade_apply_uses_the_customer_as_it_is_when_the_lock_is_taken(crm):
    # annual_volume 10 with a normal margin suggests B1 (5 <= 10 < 20).
    record_id = crm.ok(
        "customer", "add", "华丰建材", "--set", "annual_volume=10", "--set", "margin=normal"
    ).strip()
    reviewer = Session(root=crm.root, now=NOW, user="lina")
    rows = customers.grade_review(reviewer)
    assert [(row["id"], row["suggested"]) for row in rows] == [(record_id, "B1")]

    crm.ok("customer", "edit", record_id, "--set", "annual_volume=3")  # meanwhile: B2 (2 <= 3 < 5)
    changed = customers.apply_grades(reviewer, rows)
    assert [c["grade"] for c in changed] == ["B2"]
    assert crm.json("customer", "show", record_id)["grade"] == "B2"


def test_grade_apply_skips_a_customer_someone_regraded_meanwhile(crm):
    record_id = crm.ok(
        "customer", "add", "华丰建材", "--set", "annual_volume=10", "--set", "margin=normal"
    ).strip()
    reviewer = Session(root=crm.root, now=NOW, user="lina")
    rows = customers.grade_review(reviewer)
    crm.ok("customer", "edit", record_id, "--set", "grade=B1")
    before = crm.files()
    assert customers.apply_grades(reviewer, rows) == []
    assert crm.files() == before  # no empty history entry, no rewrite
