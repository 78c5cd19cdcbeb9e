"""`crmctl history`: record history entries and git commits, in time order."""

from __future__ import annotations

from tests.gitrepos import git, init_archive


def test_history_interleaves_record_entries_and_commits(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    # Back-dated with --now, so the record's entries are days before the commits that carry them.
    customer = crm.ok(
        "--commit", "customer", "add", "张三", now="2026-11-20T09:00:00+08:00"
    ).strip()
    crm.ok(
        "customer",
        "edit",
        customer,
        "--set",
        "grade=B1",
        "--note",
        "首次评级",
        now="2026-11-21T09:00:00+08:00",
    )
    git(crm.root, "commit", "-q", "-am", "hand commit")
    crm.ok("customer", "add", "李四")  # another file: its commit is not in 张三's history
    git(crm.root, "add", "-A")
    git(crm.root, "commit", "-q", "-m", "someone else")

    rows = crm.json("history", "张三")

    assert [(row["source"], row["action"]) for row in rows] == [
        ("record", "create"),
        ("record", "edit"),
        ("git", "commit"),
        ("git", "commit"),
    ]
    assert rows[1]["changes"] == {"grade": {"to": "B1"}} and rows[1]["note"] == "首次评级"
    assert [row["message"] for row in rows[2:]] == [
        f"crmctl: create customer {customer} 张三 (by lina)",
        "hand commit",
    ]
    assert rows[2]["by"] == "Test" and len(rows[2]["commit"]) == 40
    table = crm.ok("history", customer)
    assert "grade ∅ → B1  (首次评级)" in table and "hand commit" in table


def test_history_outside_git_shows_the_record_entries(crm):
    customer = crm.ok("customer", "add", "张三").strip()
    assert [row["source"] for row in crm.json("history", customer)] == ["record"]


def test_history_of_an_unknown_record_says_so(crm):
    result = crm("history", "C0000")
    assert result.exit_code == 1 and "no customer 'C0000'" in result.stderr


def test_history_shows_only_the_records_commits_and_the_merges_that_changed_it(tmp_path, git_home):
    from tests.gitrepos import two_clones

    a, b, customer, _ = two_clones(tmp_path)
    for clone in (a, b):
        clone.ok("init", "--git", str(clone.root))
    # Near-copies of the same customer, made and changed beside it: none of their commits is its.
    for name in ("张三丰", "张三二"):
        other = a.ok("--commit", "customer", "add", name, "--grade", "B1", "--owner", "wang")
        other = other.strip()
        a.ok("--commit", "customer", "edit", other, "--set", "region=杭州")
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    git(a.root, "push", "-q")
    b.ok(
        "--commit",
        "customer",
        "edit",
        customer,
        "--set",
        "region=宁波",
        now="2026-11-23T11:00:00+08:00",
    )
    git(b.root, "pull", "-q", "--no-edit")

    rows = [row for row in b.json("history", customer) if row["source"] == "git"]

    assert [row["action"] for row in rows] == ["commit", "commit", "commit", "merge"]
    assert all(customer in row["message"] for row in rows[:3])
    assert rows[3]["message"].startswith("Merge branch")
