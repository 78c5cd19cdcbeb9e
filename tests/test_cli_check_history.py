"""`check` proves every record's history in the working tree, and advises rightly on conflicts in
it."""

from __future__ import annotations

from tests.gitrepos import record_path

LATER = "2026-11-23T11:00:00+08:00"


def test_a_field_edited_by_hand_after_crmctl_changed_it_fails_check(crm):
    customer = crm.ok("customer", "add", "张三", "--grade", "B1", "--owner", "wang").strip()
    crm.ok("customer", "edit", customer, "--set", "grade=A2", now=LATER)
    path = record_path(crm, customer)
    path.write_text(path.read_text(encoding="utf-8").replace("grade: A2", "grade: C"), "utf-8")

    result = crm("check")

    assert result.exit_code == 1
    assert (
        f"records/customers/{customer}.yaml:2: grade: differs from what its history"
        in result.stdout
    )
    assert (
        f"replays to ('A2'; last changed by history[1], edit by lina at {LATER})" in result.stdout
    )


def test_a_conflict_in_history_says_to_keep_both_sides_entries(crm):
    customer = crm.ok("customer", "add", "张三").strip()
    path = record_path(crm, customer)
    text = path.read_text(encoding="utf-8")
    head, entries = text.split("history:\n")
    path.write_text(
        f"{head}history:\n{entries}<<<<<<< ours\n- at: {LATER}\n  by: lina\n  action: edit\n"
        f"=======\n- at: {LATER}\n  by: wang\n  action: edit\n>>>>>>> theirs\n",
        encoding="utf-8",
    )

    result = crm("check")

    assert result.exit_code == 1
    assert "conflict in field history: both sides of a merge added entries; keep every entry" in (
        result.stdout
    )
    assert "keep the right value" not in result.stdout
