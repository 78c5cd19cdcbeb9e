"""The documented server-side guard (crmctl/store/pre-receive.sh) in a real bare repository."""

from __future__ import annotations

import shlex
import sys

from tests.conftest import REPO
from tests.gitrepos import git, record_path, two_clones

HOOK = REPO / "crmctl" / "store" / "pre-receive.sh"
LATER = "2026-11-23T11:00:00+08:00"


def guarded(tmp_path):
    a, b, customer, origin = two_clones(tmp_path)
    hook = origin / "hooks" / "pre-receive"
    hook.write_text(
        f"#!/bin/sh\nCRMCTL={shlex.quote(sys.executable + ' -m crmctl')}\nexport CRMCTL\n"
        f"exec /bin/sh {HOOK}\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    return a, b, customer, origin


def test_the_hook_accepts_sound_commits_and_refuses_rewritten_history(tmp_path, git_home):
    a, _, customer, origin = guarded(tmp_path)
    a.ok("--commit", "customer", "edit", customer, "--set", "grade=B2", now=LATER)
    assert git(a.root, "push", "-q", ok=False).returncode == 0
    path = record_path(a, customer)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(f"- at: {LATER}")], encoding="utf-8")
    git(a.root, "commit", "-q", "-am", "shorter history")
    before = git(origin, "rev-parse", "main").stdout

    pushed = git(a.root, "push", ok=False)

    assert pushed.returncode != 0
    assert f"history entry {LATER} edit by lina was removed or altered" in pushed.stderr
    assert "crmctl: refusing refs/heads/main" in pushed.stderr
    assert git(origin, "rev-parse", "main").stdout == before


def test_the_hook_refuses_a_new_branch_that_fails_check(tmp_path, git_home):
    a, _, customer, origin = guarded(tmp_path)
    path = record_path(a, customer)
    path.write_text(
        path.read_text(encoding="utf-8").replace("grade: B1", "grade: Z9"), encoding="utf-8"
    )
    git(a.root, "commit", "-q", "-am", "grade by hand")

    pushed = git(a.root, "push", "origin", "HEAD:refs/heads/topic", ok=False)

    assert pushed.returncode != 0
    assert f"records/customers/{customer}.yaml" in pushed.stderr and "grade" in pushed.stderr
    assert git(origin, "branch", "--list", "topic").stdout == ""
