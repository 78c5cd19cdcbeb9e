"""`--commit` writes: committed under the write lock, never sweeping in earlier uncommitted changes,
and a command killed at any step of its commit is finished by the next command."""

from __future__ import annotations

import os
import signal

from click.testing import CliRunner

from crmctl.cli import cli
from crmctl.store import git as store_git
from crmctl.store import git_commit
from tests.conftest import NOW
from tests.gitrepos import git, init_archive, record_path

LATER = "2026-11-23T11:00:00+08:00"


def test_a_commit_write_refuses_a_file_an_earlier_write_left_uncommitted(tmp_path, git_home):
    crm = init_archive(tmp_path / "crm")
    customer = crm.ok("--commit", "customer", "add", "张三").strip()
    crm.ok("--no-commit", "customer", "edit", customer, "--set", "region=杭州")
    files = crm.files()

    refused = crm("--commit", "customer", "edit", customer, "--set", "grade=B2", now=LATER)

    assert refused.exit_code == 1
    assert (
        f"records/customers/{customer}.yaml already differ from the last commit" in refused.stderr
    )
    assert crm.files() == files
    assert "region" not in git(crm.root, "show", f"HEAD:records/customers/{customer}.yaml").stdout


def _killed_at(step: int, root, customer: str) -> bool:
    """Run a `--commit` edit in a forked child that SIGKILLs itself before its `step`-th git
    command; False once `step` is past the last one (the command completed)."""
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        try:
            count = 0
            real = store_git.run

            def run(*args, **kwargs):
                nonlocal count
                count += 1
                if count > step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)

            store_git.run = run
            arguments = ["--root", str(root), "--as", "lina", "--now", LATER, "--commit"]
            CliRunner().invoke(cli, [*arguments, "customer", "edit", customer, "--set", "grade=B2"])
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def test_a_commit_killed_at_each_step_is_finished_by_the_next_command(tmp_path, git_home):
    step = 0
    while True:
        crm = init_archive(tmp_path / f"crm{step}")
        customer = crm.ok("--commit", "customer", "add", "张三", now=NOW).strip()
        name = f"records/customers/{customer}.yaml"
        if not _killed_at(step, crm.root, customer):
            break
        crm.ok("--commit", "customer", "add", "李四")  # the next command

        assert not (crm.root / ".crmctl" / git_commit.PENDING_COMMIT).exists(), step
        assert git(crm.root, "status", "--porcelain").stdout == "", step
        written = "grade: B2" in record_path(crm, customer).read_text(encoding="utf-8")
        assert written == ("grade: B2" in git(crm.root, "show", f"HEAD:{name}").stdout), step
        log = git(crm.root, "log", "--format=%s", "--", name).stdout.splitlines()
        assert len(log) == 1 + written, (step, log)
        step += 1
    assert step >= 6  # every git command of the commit was a place to die
