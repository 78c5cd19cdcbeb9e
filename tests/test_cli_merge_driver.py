"""Two clones of one archive changing the same customer, merged by plain `git pull` through the
driver."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crmctl.archive import canonical, yamlio
from crmctl.cli import cli
from tests.conftest import Crm
from tests.gitrepos import git, init_archive, record_path

LATER = "2026-11-23T11:00:00+08:00"


@pytest.fixture
def clones(tmp_path, git_home):
    """A shared archive holding 张三 (B1, tag 会员), and two clones of it with the driver
    registered."""
    seed = init_archive(tmp_path / "seed")
    customer = seed.ok(
        "--commit",
        "customer",
        "add",
        "张三",
        "--grade",
        "B1",
        "--owner",
        "liuyang",
        "--set",
        "tags=会员",
    ).strip()
    git(tmp_path, "clone", "-q", "--bare", str(seed.root), "origin.git")
    out = []
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", "origin.git", name)
        result = CliRunner().invoke(
            cli, ["init", "--git", str(tmp_path / name)], catch_exceptions=False
        )
        assert result.exit_code == 0, result.stderr
        out.append(Crm(tmp_path / name))
    return out[0], out[1], customer


def test_changes_to_different_fields_and_new_records_merge_without_conflict(clones):
    a, b, customer = clones
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2", "--set", "tags=会员,优质")
    added_a = a.ok("--commit", "customer", "add", "李四").strip()
    git(a.root, "push", "-q")
    b.ok(
        "--commit",
        "customer",
        "edit",
        customer,
        "--set",
        "region=杭州",
        "--set",
        "tags=会员,经销商",
        user="wang",
        now=LATER,
    )
    added_b = b.ok("--commit", "customer", "add", "王五", now=LATER).strip()

    pulled = git(b.root, "pull", "--no-edit")

    assert "CONFLICT" not in pulled.stdout
    record = b.json("customer", "show", customer)
    assert (record["grade"], record["region"]) == ("B2", "杭州")
    assert sorted(record["tags"]) == sorted(["会员", "优质", "经销商"])
    assert [(entry["by"], entry["action"]) for entry in record["history"]] == [
        ("lina", "create"),
        ("lina", "edit"),
        ("wang", "edit"),
    ]
    assert record["updated"] == LATER
    assert {added_a, added_b} <= {row["id"] for row in b.json("customer", "list")}
    data = record_path(b, customer).read_bytes()
    assert data == canonical.to_bytes("customer", yamlio.loads(data))
    assert b("check").exit_code == 0
    assert b("audit").exit_code == 0  # the merge commit added both sides' entries, lost none
    assert git(b.root, "status", "--porcelain").stdout == ""


def test_the_same_field_changed_differently_is_a_conflict_git_reports_and_check_names(clones):
    a, b, customer = clones
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    git(a.root, "push", "-q")
    b.ok(
        "--commit",
        "customer",
        "edit",
        customer,
        "--set",
        "grade=C",
        "--set",
        "region=杭州",
        now=LATER,
    )

    pulled = git(b.root, "pull", "--no-edit", ok=False)

    assert (
        pulled.returncode != 0
        and f"CONFLICT (content): Merge conflict in records/customers/{customer}.yaml"
        in pulled.stdout
    )
    text = record_path(b, customer).read_text(encoding="utf-8")
    assert "grade: C\n" in text and "grade: B2\n" in text and "region: 杭州\n" in text
    line = text.splitlines().index("<<<<<<< ours (this clone)") + 1
    check = b("check")
    assert check.exit_code == 1
    assert f"records/customers/{customer}.yaml:{line}: conflict in field grade" in check.stdout
    refused = b("customer", "edit", customer, "--set", "grade=D")
    assert refused.exit_code == 1 and "conflict in field grade" in refused.stderr
    files = b.files()
    mid_merge = b("--commit", "customer", "add", "王五")
    assert mid_merge.exit_code == 1 and "a merge left 1 file(s) unmerged" in mid_merge.stderr
    assert f"records/customers/{customer}.yaml" in mid_merge.stderr
    assert "then run 'git commit'" in mid_merge.stderr
    assert b.files() == files


def test_without_the_driver_check_warns_and_says_how_to_register_it(tmp_path, git_home):
    seed = init_archive(tmp_path / "seed")
    seed.ok("--commit", "customer", "add", "张三")
    git(tmp_path, "clone", "-q", str(seed.root), "clone")
    clone = Crm(tmp_path / "clone")

    result = clone("check")

    assert result.exit_code == 0
    assert ".gitattributes: warning: the crmctl merge driver is not registered" in result.stdout
    assert "crmctl init --git" in result.stdout
    assert "not registered" not in seed("check").stdout


def test_visits_on_both_sides_and_a_complaint_advanced_on_both_sides_merge(clones):
    a, b, customer = clones
    complaint = a.ok(
        "--commit", "complaint", "log", customer, "--summary", "地板起鼓", user="liuyang"
    ).strip()
    git(a.root, "push", "-q")
    git(b.root, "pull", "-q", "--no-edit")
    a.ok(
        "--commit",
        "complaint",
        "judge",
        complaint,
        "--valid",
        "--reason",
        "施工质量问题",
        "--department",
        "production",
        "--reply-by",
        "+3d",
    )
    visit_a = a.ok(
        "--commit",
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "致歉",
        user="liuyang",
    ).strip()
    git(a.root, "push", "-q")
    b.ok("--commit", "assign", complaint, "--to", "chenjing", now=LATER)
    visit_b = b.ok(
        "--commit",
        "visit",
        "log",
        customer,
        "--channel",
        "onsite",
        "--reached",
        "--summary",
        "上门查看",
        user="liuyang",
        now=LATER,
    ).strip()

    pulled = git(b.root, "pull", "--no-edit")

    assert "CONFLICT" not in pulled.stdout
    merged = b.json("complaint", "show", complaint)
    assert merged["handler"] == "chenjing" and merged["status"] != "received"
    assert [entry["action"] for entry in merged["history"]][-2:] == ["judge", "assign"]
    assert {visit_a, visit_b} <= {row["id"] for row in b.json("visit", "list")}
    assert b("check").exit_code == 0
