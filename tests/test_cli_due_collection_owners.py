"""`due --owner` reads only the receivables whose follow-ups can be that person's; what it shows is
exactly what `due` shows for them: the collector's chases, the supervisor's escalations, the
owner's reconciliations."""

from __future__ import annotations

NOW = "2026-12-21T10:00:00+08:00"  # INV-2026-1001 is 42 days late: escalated


def test_each_owner_sees_exactly_their_share_of_every_collection_item(demo):
    # a specialist's customer owes too: liuyang chases, lina (whom liuyang reports to) escalates
    args = ("receivable", "add", "高峰先生", "X-1", "800", "--issued", "2026-10-01")
    demo.ok(*args, "--due", "2026-10-15", user="wang", now="2026-10-02T10:00:00+08:00")
    team = demo.json("due", "--kind", "receivable", "--kind", "reconciliation", now=NOW)
    everyone = sorted((item["rule"], item["owner"], item["record_id"]) for item in team)
    assert {rule for rule, _, _ in everyone} >= {
        "receivable_chase",
        "receivable_escalation",
        "reconciliation",
    }
    owners = sorted({owner for _, owner, _ in everyone})
    shares = []
    for owner in owners:
        mine = demo.json(
            "due", "--owner", owner, "--kind", "receivable", "--kind", "reconciliation", now=NOW
        )
        shares += sorted((item["rule"], item["owner"], item["record_id"]) for item in mine)
        assert {item["owner"] for item in mine} == {owner}
    assert sorted(shares) == everyone
