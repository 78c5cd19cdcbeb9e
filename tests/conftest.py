"""Shared fixtures: throwaway data roots and a CLI runner. Tests never touch the demo archive."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmctl.cli import cli
from crmctl.index import index
from crmctl.store import config_file

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-23T09:30:00+08:00"  # a Monday


def is_cache(path) -> bool:
    """A local cache of what commands read (the query index, the config's validation digest):
    rebuilt from the files whenever they differ, so reading may refresh it without writing
    anything."""
    name = Path(path).name
    return Path(path).parent.name == ".crmctl" and (
        name.startswith(index.FILE_NAME) or name == config_file.CACHE_NAME
    )


class Crm:
    """Runs crmctl against one data root, as `user`, at a fixed `now`."""

    def __init__(self, root: Path):
        self.root = root

    def __call__(self, *args, user="lina", now=NOW, fmt=None, input=None, env=None):
        options = ["--root", str(self.root)]
        options += ["--as", user] if user else []
        options += ["--now", now] if now else []
        options += ["--format", fmt] if fmt else []
        return CliRunner().invoke(
            cli, [*options, *map(str, args)], input=input, env=env, catch_exceptions=False
        )

    def ok(self, *args, **kwargs):
        """Run, assert exit 0, return stdout."""
        result = self(*args, **kwargs)
        assert result.exit_code == 0, (
            f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        )
        return result.stdout

    def json(self, *args, **kwargs):
        return json.loads(self.ok(*args, fmt="json", **kwargs))

    def files(self) -> dict[str, bytes]:
        """Every file under records/ with its bytes, to prove that nothing was written."""
        return {
            p.relative_to(self.root).as_posix(): p.read_bytes()
            for p in sorted((self.root / "records").rglob("*"))
            if p.is_file()
        }


def age_files(where: Path, seconds: int = 3600) -> None:
    """Date a record file, or every record file of a data root, `seconds` back, as in a clone made
    earlier: a file changed within seconds of a read is read again by every command (the index's
    racy-stamp rule), which a test counting reads must not see."""
    then = time.time_ns() - seconds * 10**9
    for path in [where] if where.is_file() else (where / "records").rglob("*.yaml"):
        os.utime(path, ns=(then, then))


@pytest.fixture
def crm(tmp_path) -> Crm:
    """A fresh data root from `crmctl init` (sample team, no records)."""
    root = tmp_path / "crm"
    result = CliRunner().invoke(cli, ["init", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return Crm(root)


@pytest.fixture
def demo(tmp_path) -> Crm:
    """A copy of the demo archive shipped at the project root."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(REPO / "crmctl.yaml", root / "crmctl.yaml")
    shutil.copytree(REPO / "records", root / "records")
    return Crm(root)


def run_crmctl(*args, cwd=None, env=None, input=None, timeout=60):
    """crmctl in a real subprocess (for locks, signals, exit codes as a shell sees them)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crmctl", *map(str, args)],
        check=False,
        cwd=cwd,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def told(result) -> str:
    """What an import said on standard error after the line saying how it read the file."""
    lines = result.stderr.splitlines(keepends=True)
    said = lines and lines[0].startswith(("reading ", "读取 "))
    return "".join(lines[1:] if said else lines)


@pytest.fixture
def git_home(tmp_path, monkeypatch) -> Path:
    """HOME with a .gitconfig of its own, no system config, and this checkout's crmctl for the merge
    driver."""
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
