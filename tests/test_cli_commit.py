"""`--commit` and `git.autocommit`: one commit per change, holding exactly the files it touched."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO
from tests.gitrepos import git, init_archive, record_path


def head_files(root):
    return git(root, "show", "--name-only", "--format=", "HEAD").stdout.split()


def test_commit_holds_only_the_touched_file_and_leaves_the_users_work_alone(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    other = crm.ok("--commit", "customer", "add", "李四").strip()
    # The user's own work in progress: a staged file, a staged record edit and an unstaged one.
    (crm.root / "notes.txt").write_text("draft\n", encoding="utf-8")
    git(crm.root, "add", "notes.txt")
    other_path = record_path(crm, other)
    other_path.write_text(
        other_path.read_text(encoding="utf-8") + "notes: staged by hand\n", encoding="utf-8"
    )
    git(crm.root, "add", str(other_path))
    (crm.root / "crmctl.yaml").write_text(
        (crm.root / "crmctl.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    before = git(crm.root, "rev-parse", "HEAD").stdout

    new = crm.ok("--commit", "customer", "add", "张三", "--grade", "B1").strip()

    assert git(crm.root, "rev-parse", "HEAD~1").stdout == before
    assert head_files(crm.root) == [f"records/customers/{new}.yaml"]
    staged = git(crm.root, "diff", "--cached", "--name-only").stdout.split()
    assert sorted(staged) == ["notes.txt", f"records/customers/{other}.yaml"]
    assert git(crm.root, "diff", "--name-only").stdout.split() == ["crmctl.yaml"]
    assert (
        "notes: staged by hand" in git(crm.root, "show", f":records/customers/{other}.yaml").stdout
    )


def test_commit_message_names_action_user_and_ids_but_no_contact_details(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    record_id = crm.ok(
        "--commit",
        "customer",
        "add",
        "张三",
        "--mobile",
        "13805711234",
        "--email",
        "zs@example.com",
        user="liuyang",
    ).strip()
    message = git(crm.root, "log", "-1", "--format=%B").stdout
    assert message.splitlines()[0] == f"crmctl: create customer {record_id} 张三 (by liuyang)"
    trailers = git(crm.root, "log", "-1", "--format=%(trailers:only,unfold)").stdout.split("\n")
    assert "Crmctl-User: liuyang" in trailers and f"Crmctl-Record: {record_id}" in trailers
    assert "13805711234" not in message and "zs@example.com" not in message


def test_one_transaction_over_many_records_is_one_commit(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    ids = [
        crm.ok(
            "customer",
            "add",
            name,
            "--grade",
            "D",
            "--owner",
            "wang",
            "--set",
            "annual_volume=60",
            "--set",
            "credit=good",
        ).strip()
        for name in ("甲公司", "乙公司")
    ]
    git(crm.root, "add", "-A")
    git(crm.root, "commit", "-q", "-m", "two customers")

    crm.ok("--commit", "customer", "grade", "--apply")

    assert sorted(head_files(crm.root)) == sorted(f"records/customers/{i}.yaml" for i in ids)
    assert (
        git(crm.root, "log", "-1", "--format=%s").stdout.strip()
        == "crmctl: grade 2 customer records (by lina)"
    )
    assert git(crm.root, "status", "--porcelain").stdout == ""


def test_autocommit_in_the_config_commits_and_no_commit_overrides_it(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    config = crm.root / "crmctl.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true"),
        encoding="utf-8",
    )
    git(crm.root, "commit", "-q", "-am", "autocommit on")

    crm.ok("customer", "add", "张三")
    assert git(crm.root, "rev-list", "--count", "HEAD").stdout.strip() == "3"
    crm.ok("--no-commit", "customer", "add", "李四")
    assert git(crm.root, "rev-list", "--count", "HEAD").stdout.strip() == "3"
    assert git(crm.root, "status", "--porcelain").stdout.startswith("?? records/customers/")


def test_the_environment_variable_turns_committing_on(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    record_id = crm.ok("customer", "add", "张三", env={"CRMCTL_COMMIT": "1"}).strip()
    assert head_files(crm.root) == [f"records/customers/{record_id}.yaml"]


def test_commit_outside_a_repository_is_refused_before_anything_is_written(crm, git_home):
    result = crm("--commit", "customer", "add", "张三")
    assert result.exit_code == 1
    assert "is not in a git repository" in result.stderr and "crmctl init --git" in result.stderr
    assert crm.files() == {}


def test_a_command_that_writes_nothing_makes_no_commit(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    crm.ok("--commit", "customer", "list")
    assert git(crm.root, "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_concurrent_committing_writers_never_revert_each_other(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "crmctl",
                "--root",
                str(crm.root),
                "--as",
                "lina",
                "--commit",
                "customer",
                "add",
                f"客户{n}",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    assert [writer.wait(timeout=60) for writer in writers] == [0] * 4
    assert len(git(crm.root, "ls-tree", "HEAD", "records/customers/").stdout.splitlines()) == 4
    assert git(crm.root, "rev-list", "--count", "HEAD").stdout.strip() == "5"
    assert git(crm.root, "status", "--porcelain").stdout == ""


def test_records_of_other_kinds_are_committed_by_the_same_mechanism(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    customer = crm.ok("--commit", "customer", "add", "张三", "--owner", "liuyang").strip()

    visit = crm.ok(
        "--commit",
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "问候",
        user="liuyang",
    ).strip()

    assert head_files(crm.root) == [f"records/visits/2026/11/{visit}.yaml"]
    assert (
        git(crm.root, "log", "-1", "--format=%s").stdout.strip()
        == f"crmctl: log visit {visit} for 张三 (by liuyang)"
    )


def test_a_handover_commits_the_records_and_the_team_file_together(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    customer = crm.ok("--commit", "customer", "add", "张三", "--owner", "liuyang").strip()

    crm.ok("--commit", "handover", "liuyang", "--to", "chenjing")

    assert head_files(crm.root) == ["crmctl.yaml", f"records/customers/{customer}.yaml"]
    subject = git(crm.root, "log", "-1", "--format=%s").stdout.strip()
    assert subject == f"crmctl: handover customer {customer} 张三; update crmctl.yaml (by lina)"
