"""`crmctl sync`: pull through the driver, check, push only a sound archive."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crmctl.cli import cli
from tests.gitrepos import git, init_archive, record_path, two_clones

LATER = "2026-11-23T11:00:00+08:00"


@pytest.fixture
def shared(tmp_path, git_home):
    """A bare origin holding 张三, and two plain clones (no driver registered yet: sync does it)."""
    return two_clones(tmp_path)


def origin_head(origin):
    return git(origin, "rev-parse", "main").stdout.strip()


def test_sync_registers_the_driver_merges_checks_and_pushes(shared):
    a, b, customer, origin = shared
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    first = a("sync")
    assert first.exit_code == 0, first.stderr
    assert "registered the crmctl merge driver" in first.stderr
    b.ok("--commit", "customer", "edit", customer, "--set", "region=杭州", now=LATER)

    second = b("sync")

    assert second.exit_code == 0, second.stderr
    assert "synced" in second.stderr
    assert origin_head(origin) == git(b.root, "rev-parse", "HEAD").stdout.strip()
    merged = git(origin, "show", f"main:records/customers/{customer}.yaml").stdout
    assert "grade: B2\n" in merged and "region: 杭州\n" in merged
    assert "not committed" not in second.stderr


def test_sync_refuses_uncommitted_record_changes_or_commits_them_with_commit(shared):
    a, _, customer, origin = shared
    before = origin_head(origin)
    a.ok("customer", "edit", customer, "--set", "grade=B2")

    refused = a("sync")

    name = f"records/customers/{customer}.yaml"
    assert refused.exit_code == 1
    assert f"1 changed file(s) are not committed: {name}; nothing was pulled or pushed" in (
        refused.stderr
    )
    assert "'crmctl --commit sync'" in refused.stderr and origin_head(origin) == before
    synced = a("--commit", "sync")
    assert synced.exit_code == 0, synced.stderr
    pushed = git(origin, "log", "-1", "--format=%B", "main").stdout
    assert f"Crmctl-User: lina\nCrmctl-Record: {customer}" in pushed
    assert "grade: B2" in git(origin, "show", f"main:{name}").stdout


def test_a_bad_commit_is_not_pushed_though_a_later_fix_sits_uncommitted(shared):
    a, _, customer, origin = shared
    path = record_path(a, customer)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("grade: B1", "grade: Z9"), encoding="utf-8")
    git(a.root, "commit", "-q", "-am", "hand edit")
    path.write_text(good, encoding="utf-8")  # fixed, but not committed
    before = origin_head(origin)

    assert a("sync").exit_code == 1
    assert origin_head(origin) == before


def test_sync_names_the_remote_commit_that_broke_check(shared):
    a, b, customer, origin = shared
    path = record_path(b, customer)
    path.write_text(
        path.read_text(encoding="utf-8").replace("grade: B1", "grade: Z9"), encoding="utf-8"
    )
    git(b.root, "commit", "-q", "-am", "grade by hand", "--author=Wang <wang@example.com>")
    git(b.root, "push", "-q")  # past sync: plain git
    a.ok("--commit", "customer", "add", "李四")

    result = a("sync")

    assert result.exit_code == 1
    broken = git(b.root, "rev-parse", "HEAD").stdout.strip()
    assert (
        f"records/customers/{customer}.yaml: last changed by commit {broken[:10]} of Wang "
        "<wang@example.com> (from the remote, not yours): grade by hand" in result.stderr
    )


def test_sync_refuses_outgoing_commits_that_rewrote_history(shared):
    a, _, customer, origin = shared
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2", now=LATER)
    assert a("sync").exit_code == 0
    path = record_path(a, customer)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(f"- at: {LATER}")], encoding="utf-8")
    git(a.root, "commit", "-q", "-am", "shorter history")
    before = origin_head(origin)

    result = a("sync")

    assert result.exit_code == 1
    assert f"history entry {LATER} edit by lina was removed or altered" in result.stderr
    assert origin_head(origin) == before


def test_sync_pulls_and_checks_again_when_the_remote_moves_during_it(shared):
    a, b, customer, origin = shared
    b.ok("--commit", "customer", "add", "王五")
    # The remote moves between a's pull and its push: a pre-push hook pushes b's commit first.
    hook = a.root / ".git" / "hooks" / "pre-push"
    hook.write_text(
        f"#!/bin/sh\n[ -e {a.root}/.git/moved ] && exit 0\n: > {a.root}/.git/moved\n"
        f"git -C {b.root} push -q >/dev/null 2>&1\nexit 0\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")

    result = a("sync")

    assert result.exit_code == 0, result.stderr
    assert "the remote moved while syncing: pulled and checked again" in result.stderr
    names = git(origin, "ls-tree", "-r", "--name-only", "main").stdout
    assert origin_head(origin) == git(a.root, "rev-parse", "HEAD").stdout.strip()
    assert len([n for n in names.splitlines() if n.startswith("records/customers/")]) == 2


def test_sync_pushes_nothing_after_a_conflict_and_names_the_field(shared):
    a, b, customer, origin = shared
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2")
    assert a("sync").exit_code == 0
    pushed = origin_head(origin)
    b.ok("--commit", "customer", "edit", customer, "--set", "grade=C", now=LATER)

    result = b("sync")

    assert result.exit_code == 1
    assert (
        f"records/customers/{customer}.yaml:" in result.stderr
        and "conflict in field grade" in result.stderr
    )
    assert "nothing was pushed" in result.stderr
    assert origin_head(origin) == pushed


def test_sync_refuses_to_push_an_archive_that_fails_check(shared):
    a, _, customer, origin = shared
    path = record_path(a, customer)
    path.write_text(
        path.read_text(encoding="utf-8").replace("grade: B1", "grade: Z9"), encoding="utf-8"
    )
    git(a.root, "commit", "-q", "-am", "hand edit")
    before = origin_head(origin)

    result = a("sync")

    assert result.exit_code == 1
    assert f"records/customers/{customer}.yaml:" in result.stderr and "grade" in result.stderr
    assert "nothing was pushed" in result.stderr
    assert origin_head(origin) == before


def test_sync_without_a_remote_or_upstream_says_how_to_set_one(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    no_remote = crm("sync")
    assert no_remote.exit_code == 1 and "no remote" in no_remote.stderr
    assert "git remote add origin URL" in no_remote.stderr
    git(tmp_path, "init", "-q", "--bare", "origin.git")
    git(crm.root, "remote", "add", "origin", str(tmp_path / "origin.git"))
    no_upstream = crm("sync")
    assert no_upstream.exit_code == 1 and "git push -u origin main" in no_upstream.stderr


def test_sync_outside_git_is_refused(crm, git_home):
    result = crm("sync")
    assert result.exit_code == 1 and "not in a git repository" in result.stderr


def test_git_commands_show_examples_in_their_help():
    for command in (["sync", "--help"], ["history", "--help"], ["init", "--help"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0 and "Examples:" in result.stdout
    assert "merge-driver" not in CliRunner().invoke(cli, ["--help"]).stdout  # only git runs it


def test_each_outgoing_commit_is_checked_not_only_the_last(shared):
    a, _, customer, origin = shared
    a.ok("customer", "add", "李四")  # not committed
    a.ok("--commit", "complaint", "log", "李四", "--summary", "漏发货", "--severity", "normal")
    before = origin_head(origin)

    refused = a("--commit", "sync")  # commits 李四 after the complaint that refers to him

    complaint = git(a.root, "rev-parse", "HEAD~1").stdout.strip()
    assert refused.exit_code == 1
    assert f"commit {complaint[:10]} of Test <test@example.com> (yours) brought in: " in (
        refused.stderr
    )
    assert "customer: no customer C" in refused.stderr
    assert "'git reset --soft @{upstream}', then 'crmctl --commit sync'" in refused.stderr
    assert origin_head(origin) == before
    git(a.root, "reset", "-q", "--soft", "@{upstream}")  # as the message says
    synced = a("--commit", "sync")
    assert synced.exit_code == 0, synced.stderr
    assert git(origin, "rev-list", "--count", f"{before}..main").stdout.strip() == "1"


def test_an_outgoing_commit_of_someone_else_is_named_with_its_author(shared):
    a, _, customer, origin = shared
    path = record_path(a, customer)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("grade: B1", "grade: Z9"), encoding="utf-8")
    git(a.root, "commit", "-q", "-am", "grade by hand", "--author=Wang <wang@example.com>")
    path.write_text(good, encoding="utf-8")
    git(a.root, "commit", "-q", "-am", "grade back")

    refused = a("sync")

    broken = git(a.root, "rev-parse", "HEAD~1").stdout.strip()
    assert refused.exit_code == 1
    assert (
        f"commit {broken[:10]} of Wang <wang@example.com> (someone else's: ask its author) "
        f"brought in: records/customers/{customer}.yaml:" in refused.stderr
    )
    assert "grade: 'Z9' is not a grade" in refused.stderr
