"""Real git repositories for tests: an isolated git configuration and a runner."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from crmctl.cli import cli
from tests.conftest import Crm


def git(cwd: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], check=False, cwd=cwd, capture_output=True, text=True)
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
