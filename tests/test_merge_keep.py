"""`crmctl keep ours|theirs FILE`: a conflict git and the driver left is finished by a command,
with every history entry of both sides and an entry recording the choice."""

from __future__ import annotations

import datetime as dt

from crmctl.rules.history import kept_side
from tests import test_merge_driver_reach
from tests.gitrepos import git, record_path
from tests.test_merge_meaning import shared_complaint

LATER = "2026-11-23T11:00:00+08:00"
RESOLVED = "2026-11-23T12:00:00+08:00"
clones = test_merge_driver_reach.clones  # the fixture of two clones with the driver


def test_two_steps_that_cannot_both_apply_are_resolved_by_keeping_one_side(clones):
    a, b, customer = clones
    complaint = shared_complaint(a, b, customer)
    a.ok("--commit", "complaint", "judge", complaint, "--invalid", "--reason", "非质量问题",
         user="liuyang")  # fmt: skip
    git(a.root, "push", "-q")
    b.ok("--commit", "complaint", "hold", complaint, "--reason", "等客户回复", user="liuyang",
         now=LATER)  # fmt: skip
    pulled = git(b.root, "pull", "--no-edit", ok=False)
    name = f"records/complaints/{complaint}.yaml"
    assert "'crmctl keep ours FILE' or 'crmctl keep theirs FILE'" in pulled.stderr
    assert "'crmctl keep ours FILE'" in b("check").stdout

    kept = b("keep", "theirs", complaint, user="liuyang", now=RESOLVED)

    assert kept.exit_code == 0, kept.stderr
    assert kept.stdout == f"{name}\n"
    assert "no file is left unmerged: finish with 'git commit'" in kept.stderr
    record = b.json("complaint", "show", complaint, now=RESOLVED)
    assert (record["status"], record.get("hold_reason")) == ("judged", None)
    assert [entry["action"] for entry in record["history"]][-3:] == ["judge", "hold", "merge"]
    assert record["history"][-1]["changes"] == {"hold_reason": {"from": "等客户回复"}}
    checked = b("check", now=RESOLVED)
    assert checked.exit_code == 0, checked.stdout
    git(b.root, "commit", "-q", "--no-edit")
    audited = b("audit", "HEAD~1..HEAD")
    assert audited.exit_code == 0, audited.stdout


def test_a_field_both_sides_changed_keeps_ours_and_the_history_agrees(clones):
    a, b, customer = clones
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    git(a.root, "push", "-q")
    b.ok("--commit", "customer", "edit", customer, "--set", "grade=C", user="wang", now=LATER)
    assert git(b.root, "pull", "--no-edit", ok=False).returncode != 0

    kept = b("keep", "ours", customer[:8], user="wang", now=RESOLVED)

    assert kept.exit_code == 0, kept.stderr
    assert "kept ours (grade)" in kept.stderr
    text = record_path(b, customer).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and "grade: C\n" in text
    assert text.count("action: edit") == 2 and "action: merge" in text
    checked = b("check", now=RESOLVED)
    assert checked.exit_code == 0, checked.stdout
    git(b.root, "commit", "-q", "--no-edit")
    assert b("audit", "HEAD~1..HEAD").exit_code == 0
    assert b("sync", now=RESOLVED).exit_code == 0


def test_keep_names_what_is_not_unmerged(clones):
    a, _, customer = clones
    refused = a("keep", "ours", customer)
    assert refused.exit_code == 1
    assert f"{customer} names no file a merge left unmerged (unmerged: none)" in refused.stderr


def test_the_merge_entry_names_only_fields_whose_value_changed():
    one, two = {"id": "S1", "text": "返工"}, {"id": "S2", "text": "折价"}
    record = {
        "status": "approved",
        "proposals": [two, one],  # the merged order, not the order the history added them in
        "history": [
            {"at": "2026-11-02T09:00:00+08:00", "by": "lina", "action": "receive"},
            {
                "at": "2026-11-02T10:00:00+08:00",
                "by": "lina",
                "action": "propose",
                "changes": {"proposals": {"to": [one]}, "status": {"to": "proposed"}},
            },
            {
                "at": "2026-11-02T11:00:00+08:00",
                "by": "wang",
                "action": "propose",
                "changes": {"proposals": {"from": [], "to": [two]}},
            },
        ],
    }

    kept = kept_side(record, dt.datetime.fromisoformat(RESOLVED), "wang", "merge: kept ours")

    assert kept["history"][-1]["changes"] == {"status": {"from": "proposed", "to": "approved"}}


def test_a_record_removed_on_one_side_is_kept_or_removed_as_the_side_chosen(clones):
    a, b, customer = clones
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    git(a.root, "push", "-q")
    git(b.root, "rm", "-q", f"records/customers/{customer}.yaml")
    git(b.root, "commit", "-qm", "remove")
    git(b.root, "pull", "--no-edit", ok=False)
    name = f"records/customers/{customer}.yaml"

    kept = b("keep", "theirs", customer, now=RESOLVED)

    assert kept.exit_code == 0, kept.stderr
    assert "grade: B2\n" in (b.root / name).read_text(encoding="utf-8")
    assert git(b.root, "ls-files", "--unmerged").stdout == ""
    git(b.root, "reset", "-q", "--merge")
    git(b.root, "pull", "--no-edit", ok=False)

    removed = b("keep", "ours", customer, now=RESOLVED)

    assert removed.exit_code == 0, removed.stderr
    assert f"{name}: removed, as ours had it" in removed.stderr
    assert not (b.root / name).exists() and b("check").exit_code == 0
