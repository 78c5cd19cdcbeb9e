"""`crmctl audit`: commits that rewrote or bypassed a record's history, found from git alone."""

from __future__ import annotations

import json

from tests.conftest import Crm
from tests.gitrepos import git, init_archive, record_path, two_clones

LATER = "2026-11-23T11:00:00+08:00"


def hand_commit(crm: Crm, path, text: str, message: str, author: str = "Test <test@example.com>"):
    path.write_text(text, encoding="utf-8")
    git(crm.root, "commit", "-qam", message, f"--author={author}")
    return git(crm.root, "rev-parse", "HEAD").stdout.strip()


def findings(crm: Crm, *args):
    result = crm("audit", *args, fmt="json")
    return result.exit_code, json.loads(result.stdout)


def test_removed_entries_and_unrecorded_changes_are_found_with_commit_author_and_file(tmp_path):
    crm = init_archive(tmp_path / "crm")
    customer = crm.ok("--commit", "customer", "add", "张三", "--grade", "B1").strip()
    crm.ok("--commit", "customer", "edit", customer, "--set", "grade=B2", now=LATER)
    assert crm("audit").exit_code == 0
    start = git(crm.root, "rev-parse", "HEAD").stdout.strip()
    path = record_path(crm, customer)
    text = path.read_text(encoding="utf-8")
    text = text[: text.index("- at: " + LATER)]
    dropped = hand_commit(crm, path, text, "tidy", "Mallory <m@x>")
    edited = hand_commit(crm, path, text.replace("grade: B2", "grade: C"), "fix grade")

    code, found = findings(crm, f"{start}..HEAD")

    assert code == 1
    errors = [(f["commit"], f["author"], f["path"], f["message"]) for f in found]
    name = f"records/customers/{customer}.yaml"
    assert (
        dropped,
        "Mallory <m@x>",
        name,
        f"history entry {LATER} edit by lina was removed or altered",
    ) in errors
    assert (
        edited,
        "Test <test@example.com>",
        name,
        "grade changed without a history entry",
    ) in errors
    table = crm("audit", f"{start}..HEAD")
    assert f"{dropped[:10]} " in table.stdout and "Mallory <m@x>" in table.stdout
    assert crm("audit", f"{edited}..HEAD").exit_code == 0  # a range holds only its commits


def test_a_hand_edit_with_its_history_entry_is_noted_not_refused(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    git(crm.root, "config", "user.email", "li.na@example.com")
    customer = crm.ok("--commit", "customer", "add", "张三").strip()
    path = record_path(crm, customer)
    text = path.read_text(encoding="utf-8").replace(
        "updated: 2026-11-23T09:30:00+08:00", f"updated: {LATER}"
    )
    text = text.replace("status: prospect\n", "region: 杭州\nstatus: prospect\n")
    text += f"- at: {LATER}\n  by: lina\n  action: edit\n  changes:\n    region:\n      to: 杭州\n"
    commit = hand_commit(crm, path, text, "region by hand")

    code, found = findings(crm)

    assert code == 0
    assert {(f["commit"], f["severity"]) for f in found} == {(commit, "note")}
    assert "edited outside crmctl" in found[0]["message"]
    assert crm("check").exit_code == 0


def test_a_merge_that_kept_only_our_side_is_found(tmp_path, git_home):
    a, b, customer, _ = two_clones(tmp_path)
    for clone in (a, b):
        assert clone.ok("init", "--git", str(clone.root)) == ""
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    git(a.root, "push", "-q")
    b.ok("--commit", "customer", "edit", customer, "--set", "grade=C", user="wang", now=LATER)
    assert git(b.root, "pull", "--no-edit", ok=False).returncode != 0
    # The usual git advice for a conflict: take our side whole.
    name = f"records/customers/{customer}.yaml"
    git(b.root, "checkout", "--ours", name)
    git(b.root, "commit", "-qam", "merge, keeping ours")
    merge = git(b.root, "rev-parse", "HEAD").stdout.strip()

    code, found = findings(b)

    assert code == 1
    assert [(f["commit"], f["path"]) for f in found if "removed or altered" in f["message"]] == [
        (merge, name)
    ]


def test_a_commit_whose_author_is_not_its_crmctl_user_is_flagged(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    crm.ok("--commit", "customer", "add", "张三", user="wang")
    git(crm.root, "config", "user.email", "li.na@example.com")
    crm.ok("--commit", "customer", "add", "李四", user="wang")
    crm.ok("--commit", "customer", "add", "王五", user="lina")

    code, found = findings(crm)

    assert code == 0
    assert [f["message"] for f in found if f["severity"] == "warning"] == [
        "its Crmctl-User is wang, but its author is nobody on the team: a change made as someone "
        "else?",
        "its Crmctl-User is wang, but its author is staff member lina: a change made as someone "
        "else?",
    ]
