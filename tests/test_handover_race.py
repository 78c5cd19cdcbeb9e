"""A handover on one clone racing a complaint logged for the leaver on another: after the merge,
handing the leaver over again picks up what they were given meanwhile."""

from __future__ import annotations

from tests import test_merge_driver_reach
from tests.gitrepos import git

clones = test_merge_driver_reach.clones  # the fixture of two clones with the driver
LATER = "2026-11-23T11:00:00+08:00"


def test_a_complaint_logged_for_a_leaver_during_their_handover_can_be_handed_over(clones):
    a, b, customer = clones
    a.ok("--commit", "customer", "edit", customer, "--set", "owner=liuyang", user="wang")
    git(a.root, "push", "-q")
    git(b.root, "pull", "-q", "--no-edit")
    a.ok("--commit", "handover", "liuyang", "--to", "chenjing", user="wang")
    git(a.root, "push", "-q")
    complaint = b.ok(
        "--commit", "complaint", "log", customer, "--summary", "地板起鼓", user="liuyang", now=LATER
    ).strip()
    git(b.root, "pull", "-q", "--no-edit")
    left = b("check")
    assert left.exit_code == 1 and "crmctl handover liuyang" in left.stdout

    b.ok("--commit", "handover", "liuyang", "--to", "chenjing", user="wang", now=LATER)

    moved = b.json("complaint", "show", complaint)
    assert (moved["handler"], moved["first_responder"]) == ("chenjing", "chenjing")
    assert b("check").exit_code == 0
    again = b("handover", "liuyang", "--to", "chenjing", user="wang", now=LATER)
    assert again.exit_code == 1 and "already inactive and has nothing left" in again.stderr


def test_a_record_changed_on_one_side_and_removed_on_the_other_stops_check_and_writes(clones):
    a, b, customer = clones
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    git(a.root, "push", "-q")
    git(b.root, "rm", "-q", f"records/customers/{customer}.yaml")
    git(b.root, "commit", "-qm", "remove")

    pulled = git(b.root, "pull", "--no-edit", ok=False)

    assert "CONFLICT (modify/delete)" in pulled.stdout
    check = b("check")
    assert (
        check.exit_code == 1 and f"records/customers/{customer}.yaml: a merge left" in check.stdout
    )
    assert b("customer", "add", "王五").exit_code == 1
