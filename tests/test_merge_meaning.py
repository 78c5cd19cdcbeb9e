"""Merges through git that keep what each side meant: approvals follow their proposal, and a
lifecycle the two sides stepped apart is a conflict naming both steps."""

from __future__ import annotations

from tests import test_merge_driver_reach
from tests.gitrepos import git, record_path

LATER = "2026-11-23T11:00:00+08:00"
clones = test_merge_driver_reach.clones  # the fixture of two clones with the driver
JUDGE = ("--reason", "施工质量问题", "--department", "production", "--reply-by", "+2d")


def shared_complaint(a, b, customer: str, *steps) -> str:
    complaint = a.ok(
        "--commit", "complaint", "log", customer, "--summary", "地板起鼓", user="liuyang"
    ).strip()
    for step, *options in steps:
        a.ok("--commit", "complaint", step, complaint, *options, user="liuyang")
    git(a.root, "push", "-q")
    git(b.root, "pull", "-q", "--no-edit")
    return complaint


def test_an_approval_made_beside_a_new_proposal_keeps_its_proposal(clones):
    a, b, customer = clones
    complaint = shared_complaint(
        a,
        b,
        customer,
        ("judge", "--valid", *JUDGE),
        ("investigate", "--root-cause", "含水率", "--responsible", "施工队"),
        ("propose", "--proposal", "免费返工"),
    )
    a.ok("--commit", "complaint", "propose", complaint, "--proposal", "折价10%", user="liuyang")
    a.ok("--commit", "complaint", "approve", complaint, "--proposal", "2", user="lina")
    git(a.root, "push", "-q")
    b.ok(
        "--commit",
        "complaint",
        "propose",
        complaint,
        "--proposal",
        "上门更换",
        user="liuyang",
        now=LATER,
    )

    pulled = git(b.root, "pull", "--no-edit")

    assert "CONFLICT" not in pulled.stdout
    merged = b.json("complaint", "show", complaint)
    assert [item["text"] for item in merged["proposals"]] == ["免费返工", "上门更换", "折价10%"]
    # 折价10%, which lina approved as number 2, by its id
    assert merged["approved_proposal"] == merged["proposals"][2]["id"]
    assert b("check").exit_code == 0
    audited = b("audit")
    assert audited.exit_code == 0, audited.stdout


def test_the_same_text_proposed_on_both_sides_stays_two_proposals(clones):
    a, b, customer = clones
    complaint = shared_complaint(
        a,
        b,
        customer,
        ("judge", "--valid", *JUDGE),
        ("investigate", "--root-cause", "含水率", "--responsible", "施工队"),
        ("propose", "--proposal", "上门更换"),
    )
    a.ok("--commit", "complaint", "propose", complaint, "--proposal", "免费返工", user="liuyang")
    a.ok("--commit", "complaint", "approve", complaint, "--proposal", "2", user="lina")
    git(a.root, "push", "-q")
    b.ok("--commit", "complaint", "propose", complaint, "--proposal", "免费返工", user="liuyang")

    pulled = git(b.root, "pull", "--no-edit")

    assert "CONFLICT" not in pulled.stdout
    merged = b.json("complaint", "show", complaint)
    ids = [item["id"] for item in merged["proposals"]]
    assert [item["text"] for item in merged["proposals"]] == ["上门更换", "免费返工", "免费返工"]
    approved = a.json("complaint", "show", complaint)["approved_proposal"]
    # the one lina saw, not the other clone's of the same text
    assert len(set(ids)) == 3 and merged["approved_proposal"] == approved == ids[2]
    assert b("check").exit_code == 0


def test_an_invalid_judgement_and_a_hold_made_apart_conflict_naming_both_steps(clones):
    a, b, customer = clones
    complaint = shared_complaint(a, b, customer)
    a.ok(
        "--commit",
        "complaint",
        "judge",
        complaint,
        "--invalid",
        "--reason",
        "非质量问题",
        user="liuyang",
    )
    git(a.root, "push", "-q")
    b.ok(
        "--commit",
        "complaint",
        "hold",
        complaint,
        "--reason",
        "等客户回复",
        user="liuyang",
        now=LATER,
    )

    pulled = git(b.root, "pull", "--no-edit", ok=False)

    assert pulled.returncode != 0
    assert (
        f"crmctl: conflict in records/complaints/{complaint}.yaml: hold by liuyang at {LATER} "
        f"(ours)" in pulled.stderr
    )
    assert "and judge by liuyang at " in pulled.stderr
    assert "cannot be on hold" in pulled.stderr
    assert b("check").exit_code == 1
    text = record_path(b, complaint).read_text(encoding="utf-8")
    assert text.count("action: judge") == text.count("action: hold") == 1
