"""The merge driver runs however git is started, and a merge it could not do stops crmctl too."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmctl.cli import cli
from crmctl.store import git_driver
from tests.conftest import REPO, Crm
from tests.gitrepos import git, init_archive, record_path

LATER = "2026-11-23T11:00:00+08:00"
SCRIPT = REPO / "crmctl" / "store" / "merge_driver.sh"


@pytest.fixture
def clones(tmp_path, git_home):
    """Two clones of an archive holding 张三, each with the driver registered by `init --git`."""
    seed = init_archive(tmp_path / "seed")
    customer = seed.ok("--commit", "customer", "add", "张三", "--grade", "B1").strip()
    git(tmp_path, "clone", "-q", "--bare", str(seed.root), "origin.git")
    out = []
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", "origin.git", name)
        result = CliRunner().invoke(cli, ["init", "--git", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
        out.append(Crm(tmp_path / name))
    return out[0], out[1], customer


def bare_git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """git as a GUI client or cron starts it: no PATH, no PYTHONPATH, nothing but a home."""
    env = {"HOME": os.environ["HOME"], "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(
        ["/usr/bin/git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def diverge(a: Crm, b: Crm, customer: str, b_grade: str = "B1") -> None:
    a.ok("--commit", "customer", "edit", customer, "--set", "region=杭州")
    git(a.root, "push", "-q")
    b.ok(
        "--commit",
        "customer",
        "edit",
        customer,
        "--set",
        f"grade={b_grade}",
        "--set",
        "email=z@example.com",
        user="wang",
        now=LATER,
    )


def test_git_started_without_path_merges_through_the_driver(clones):
    a, b, customer = clones
    diverge(a, b, customer, "B2")

    pulled = bare_git(b.root, "pull", "--no-edit")

    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    merged = b.json("customer", "show", customer)
    assert (merged["region"], merged["grade"], merged["email"]) == ("杭州", "B2", "z@example.com")
    assert [entry["by"] for entry in merged["history"]] == ["lina", "lina", "wang"]
    assert b("check").exit_code == 0


def test_a_driver_git_cannot_run_leaves_the_file_unmerged_and_crmctl_refuses(clones):
    a, b, customer = clones
    diverge(a, b, customer, "B2")
    # What archives registered before: a bare `crmctl`, which git without PATH does not find.
    git(b.root, "config", "merge.crmctl.driver", "crmctl merge-driver %O %A %B %P")

    pulled = bare_git(b.root, "pull", "--no-edit")

    path = f"records/customers/{customer}.yaml"
    assert pulled.returncode != 0 and f"Merge conflict in {path}" in pulled.stdout
    check = b("check")
    assert check.exit_code == 1
    assert f"{path}: a merge left 1 file(s) unmerged: {path}" in check.stdout
    assert "then run 'git commit'" in check.stdout
    files = b.files()
    refused = b("customer", "edit", customer, "--set", "grade=C")
    assert refused.exit_code == 1 and f"unmerged: {path}" in refused.stderr
    assert b.files() == files
    # `check` found the stale registration and replaced it with one git finds without PATH.
    assert git(b.root, "config", "merge.crmctl.driver").stdout.strip().startswith("/bin/sh /")


def test_a_moved_installation_is_registered_again_by_the_next_write(clones):
    a, b, customer = clones
    git(b.root, "config", "merge.crmctl.driver", "/bin/sh /gone/merge_driver.sh /gone/python %O")

    b.ok("customer", "edit", customer, "--set", "grade=B2")

    registered = git(b.root, "config", "merge.crmctl.driver").stdout.strip()
    assert registered == f"/bin/sh {SCRIPT} {sys.executable} %O %A %B %P"


def test_a_conflict_during_a_rebase_names_the_sides_as_they_are_and_how_to_finish(clones):
    a, b, customer = clones
    diverge(a, b, customer)
    a_grade = git(a.root, "pull", "-q")  # nothing new: a is ahead
    assert a_grade.returncode == 0
    a.ok("--commit", "customer", "edit", customer, "--set", "email=a@example.com")
    git(a.root, "push", "-q")

    pulled = git(b.root, "pull", "--rebase", ok=False)

    assert pulled.returncode != 0
    text = record_path(b, customer).read_text(encoding="utf-8")
    assert "<<<<<<< upstream (rebasing onto)\nemail: a@example.com\n" in text
    assert ">>>>>>> your commit (being rebased)\n" in text
    refused = b("customer", "add", "王五")
    assert refused.exit_code == 1 and "a rebase left 1 file(s) unmerged" in refused.stderr
    assert "'git rebase --continue'" in refused.stderr


def test_the_shell_client_hands_files_to_a_running_worker(tmp_path, git_home):
    root = init_archive(tmp_path / "crm")
    customer = root.ok("customer", "add", "张三").strip()
    base = record_path(root, customer).read_bytes()
    (root.root / "base").write_bytes(base)
    (root.root / "ours").write_bytes(
        base.replace(b"status: prospect", b"region: x\nstatus: prospect")
    )
    (root.root / "theirs").write_bytes(base.replace(b"status: prospect", b"status: active"))
    folder = root.root / ".crmctl" / "merge"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "crmctl.store.merge_service", "serve", str(folder)], env=env
    )
    try:
        deadline = time.monotonic() + 20
        while not (folder / "pid").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        name = f"records/customers/{customer}.yaml"
        # A Python that does not exist: only the worker can have merged the file.
        served = subprocess.run(
            ["/bin/sh", str(SCRIPT), "/no/python", "base", "ours", "theirs", name],
            cwd=root.root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert served.returncode == 0, served.stderr
        merged = (root.root / "ours").read_bytes()
        assert b"region: x\n" in merged and b"status: active\n" in merged
        (root.root / "theirs").write_bytes(base.replace(b"status: prospect", b"status: lost"))
        # The worker frees its turn just after answering; a client that comes before that merges
        # its file itself, which this test's missing Python would turn into a failure.
        while (folder / "turn").exists() and time.monotonic() < deadline + 20:
            time.sleep(0.02)
        conflict = subprocess.run(
            ["/bin/sh", str(SCRIPT), "/no/python", "base", "ours", "theirs", name],
            cwd=root.root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert conflict.returncode == 1
        assert f"crmctl: conflict in field status of {name}" in conflict.stderr
    finally:
        worker.terminate()
        worker.wait()
    assert git_driver.driver_state(root.root) == "current"


def _merge_inputs(tmp_path) -> tuple[Crm, str]:
    """An archive holding three sides of 张三 to merge (ours adds a region, theirs activates)."""
    root = init_archive(tmp_path / "crm")
    customer = root.ok("customer", "add", "张三").strip()
    base = record_path(root, customer).read_bytes()
    (root.root / "base").write_bytes(base)
    (root.root / "ours").write_bytes(
        base.replace(b"status: prospect", b"region: x\nstatus: prospect")
    )
    (root.root / "theirs").write_bytes(base.replace(b"status: prospect", b"status: active"))
    return root, f"records/customers/{customer}.yaml"


def _driver(root: Crm, name: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["/bin/sh", str(SCRIPT), sys.executable, "base", "ours", "theirs", name],
        cwd=root.root,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, **env},
    )


def _pipes(root: Crm) -> Path:
    """The pipes a worker leaves for a client that finds it alive (its pid is the test's)."""
    folder = root.root / ".crmctl" / "merge"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "in")
    os.mkfifo(folder / "out")
    return folder


def test_a_worker_killed_at_hand_off_does_not_hang_the_merge(tmp_path, git_home):
    root, name = _merge_inputs(tmp_path)
    # Alive when the client looks, gone before it hands the file over: nobody reads the pipes.
    folder = _pipes(root)
    worker = subprocess.Popen(["/bin/sleep", "1"])
    (folder / "pid").write_text(f"{worker.pid}\n", encoding="ascii")

    try:
        merged = _driver(root, name)
    finally:
        worker.kill()
    assert merged.returncode == 0, merged.stderr
    assert f"the merge worker stopped before answering for {name}: merging it here" in (
        merged.stderr
    )
    assert b"region: x\n" in (root.root / "ours").read_bytes()
    assert b"status: active\n" in (root.root / "ours").read_bytes()


HUNG_WORKER = """
import os, sys, time
for name in ("in", "out"):
    os.open(os.path.join(sys.argv[1], name), os.O_RDWR)
time.sleep(120)
"""


def test_a_hung_worker_is_stopped_after_the_timeout_and_the_file_merged(tmp_path, git_home):
    root, name = _merge_inputs(tmp_path)
    folder = _pipes(root)
    worker = subprocess.Popen([sys.executable, "-c", HUNG_WORKER, str(folder)])
    (folder / "pid").write_text(f"{worker.pid}\n", encoding="ascii")

    started = time.monotonic()
    try:
        merged = _driver(root, name, CRMCTL_MERGE_TIMEOUT="2")
        assert worker.wait(timeout=30) == -9  # killed by the client's watcher
    finally:
        worker.kill()
    assert time.monotonic() - started < 30
    assert merged.returncode == 0, merged.stderr
    assert b"status: active\n" in (root.root / "ours").read_bytes()
