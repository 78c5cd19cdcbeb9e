"""Start-up: `crmctl --help` and a command's `--help` load no use case, store, rule or heavy
library."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crmctl.cli import COMMANDS, cli

# What the help may load of crmctl: the command line, its messages and the output helpers.
HELP_MODULES = {
    "crmctl",
    "crmctl.__main__",
    "crmctl.cli",
    "crmctl.cli.common",
    "crmctl.cli.localized",
    "crmctl.errors",
    "crmctl.lazy",
    "crmctl.messages",
    "crmctl.messages.zh_cli",
    "crmctl.messages.zh_commands",
    "crmctl.messages.zh_errors",
    "crmctl.messages.zh_help",
    "crmctl.messages.zh_help_commands",
    "crmctl.messages.zh_actions",
    "crmctl.messages.zh_click",
    "crmctl.messages.zh_history",
    "crmctl.messages.zh_reasons",
    "crmctl.messages.zh_report",
    "crmctl.labels",
    "crmctl.render",
    "crmctl.screen",
}
BELOW_CLI = tuple(
    f"crmctl.{layer}." for layer in ("actions", "store", "index", "transfer", "archive")
)
HEAVY = ("yaml", "sqlite3", "jsonschema", "fastjsonschema", "openpyxl", "icalendar", "dateutil")


def imported(*args: str, env=None) -> set[str]:
    """The modules `python -m crmctl ARGS` imports, as -X importtime lists them."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crmctl", *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {
        line.rpartition("|")[2].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_help_loads_only_the_command_line(lang):
    modules = imported("--help", env={"CRMCTL_LANG": lang})
    ours = {name for name in modules if name == "crmctl" or name.startswith("crmctl.")}
    assert ours <= HELP_MODULES, sorted(ours - HELP_MODULES)
    assert not [name for name in modules if name.split(".")[0] in HEAVY]


@pytest.mark.parametrize("command", ["customer", "due", "visit", "complaint", "check", "assign"])
def test_a_commands_help_loads_no_use_case_or_store(command):
    modules = imported(command, "--help")
    assert not [
        name for name in modules if name.startswith(BELOW_CLI) or name.split(".")[0] in HEAVY
    ]


def test_the_listing_of_commands_names_every_command_that_loads():
    for name, (_module, _attribute, summary) in COMMANDS.items():
        command = cli.get_command(None, name)
        assert command is not None and command.name == name
        assert command.hidden == (summary is None)


def test_showing_a_customer_loads_no_commit_machinery_nor_masking_patterns(demo, tmp_path):
    env = {"CRMCTL_ROOT": str(demo.root), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert "fastjsonschema" in imported("customer", "show", "C1K94ADGY0EX3SDX", env=env)
    modules = imported("customer", "show", "C1K94ADGY0EX3SDX", env=env)  # the check is kept now
    assert "crmctl.store.records" in modules  # the command did read the archive
    assert not {"crmctl.actions.commits", "crmctl.rules.redaction", "fastjsonschema"} & modules
