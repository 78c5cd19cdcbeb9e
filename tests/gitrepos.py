"""Real git repositories for tests: an isolated git configuration and a runner."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmctl.cli import cli
from tests.conftest import REPO, Crm


@pytest.fixture
def git_home(tmp_path, monkeypatch) -> Path:
    """HOME with a .gitconfig of its own, no system config, and this checkout's crmctl for the merge driver."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n"
        "[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )  # no pull.rebase: as on a new user's machine
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "CRMCTL_COMMIT"):
        monkeypatch.delenv(name, raising=False)
    return home


def git(cwd: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if ok:
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
    return result


def init_archive(root: Path) -> Crm:
    """`crmctl init --git` and a first commit of what it wrote."""
    result = CliRunner().invoke(cli, ["init", "--git", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "new archive")
    return Crm(root)


def record_path(crm: Crm, record_id: str) -> Path:
    return next((crm.root / "records").rglob(f"{record_id}.yaml"))


def two_clones(tmp_path: Path) -> tuple[Crm, Crm, str, Path]:
    """A bare origin holding 张三 (B1), and two plain clones of it: (a, b, 张三's id, origin)."""
    seed = init_archive(tmp_path / "seed")
    customer = seed.ok("--commit", "customer", "add", "张三", "--grade", "B1").strip()
    git(tmp_path, "clone", "-q", "--bare", str(seed.root), "origin.git")
    for name in ("a", "b"):
        git(tmp_path, "clone", "-q", "origin.git", name)
    return Crm(tmp_path / "a"), Crm(tmp_path / "b"), customer, tmp_path / "origin.git"
