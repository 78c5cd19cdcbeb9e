"""`crmctl completion`: the scripts, sourced in real shells, complete commands, options and
values."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from crmctl.cli import cli

from .conftest import REPO


@pytest.fixture
def shell_env(tmp_path, demo):
    """A PATH whose `crmctl` runs this checkout, and the demo archive as the data root."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "crmctl"
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m crmctl "$@"\n')
    wrapper.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "CRMCTL_ROOT": str(demo.root),
        "CRMCTL_LANG": "en",
    }


def bash_complete(env, line: str) -> list[str]:
    """What bash offers for `line` (the word being completed is its last, maybe empty), with the
    script of `crmctl completion bash` sourced."""
    script = (
        'eval "$(crmctl completion bash)"\n'
        f"COMP_LINE={line!r}\n"
        'read -ra COMP_WORDS <<< "$COMP_LINE"\n'
        '[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")\n'
        "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
        "_crmctl_completion crmctl\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_bash_completes_subcommands_and_options(shell_env):
    assert "customer" in bash_complete(shell_env, "crmctl cus")
    assert bash_complete(shell_env, "crmctl customer sh") == ["show"]
    assert "--owner" in bash_complete(shell_env, "crmctl due --ow")


def test_bash_completes_staff_codes_customers_and_complaints(shell_env, demo):
    assert bash_complete(shell_env, "crmctl due --owner liu") == ["liuyang"]
    assert "lina" in bash_complete(shell_env, "crmctl --as ")
    assert set(bash_complete(shell_env, "crmctl visit log X --channel ")) >= {"phone", "onsite"}
    assert bash_complete(shell_env, "crmctl customer add X --grade A") == ["A1", "A2"]
    names = bash_complete(shell_env, "crmctl customer show 台州")
    assert names and all("台州" in name for name in names)
    complaints = bash_complete(shell_env, "crmctl complaint show T")
    ids = (
        CliRunner()
        .invoke(cli, ["--root", str(demo.root), "--format", "ids", "complaint", "list"])
        .stdout.split()
    )
    assert complaints and set(complaints) == set(ids)


def test_outside_a_data_root_values_complete_to_nothing(shell_env, tmp_path):
    env = {**shell_env, "CRMCTL_ROOT": ""}
    result = subprocess.run(
        ["bash", "-c", 'cd / && eval "$(crmctl completion bash)" && echo ok'],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "ok"
    os.chdir(tmp_path)
    assert bash_complete(env, "crmctl due --owner ") == []


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_load_in_their_shells(shell_env, shell):
    if not shutil.which(shell):
        pytest.skip(f"{shell} is not installed")
    load = {
        "zsh": 'autoload -U compinit && compinit -u && eval "$(crmctl completion zsh)" && '
        "whence -w _crmctl_completion",
        "fish": "crmctl completion fish | source; and complete -c crmctl",
    }[shell]
    result = subprocess.run(
        [shell, "-c", load], env=shell_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "crmctl" in result.stdout or "function" in result.stdout


def test_the_script_is_the_one_click_serves():
    result = CliRunner().invoke(cli, ["completion", "bash"])
    assert result.exit_code == 0 and "_CRMCTL_COMPLETE=bash_complete" in result.stdout
    assert CliRunner().invoke(cli, ["completion", "tcsh"]).exit_code == 2
