"""Every reading command, in every output format, at the ends of the clock crmctl reckons with:
an answer or a clean `crmctl: error:`, never a traceback; JSON that parses; ids that are ids."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from crmctl.cli import cli
from tests.conftest import REPO

CUSTOMER, COMPLAINT, VISIT, PLAN = (
    "C1K94ADGY0EX3SDX",
    "T1M3JWZQ4091JDPM",
    "V1KAX1J7W0AQZJPX",
    "P1M3JVV38022X8B9",
)
COMMANDS = [
    [],
    ["check"],
    ["due"],
    ["due", "--within", "400d"],
    ["due", "--overdue", "--mine"],
    ["customer", "list"],
    ["customer", "show", CUSTOMER],
    ["customer", "grade", "--all"],
    ["visit", "list"],
    ["visit", "show", VISIT],
    ["complaint", "list", "--breached"],
    ["complaint", "show", COMPLAINT],
    ["history", CUSTOMER],
    ["history", COMPLAINT],
    ["plan", "list"],
    ["plan", "show", PLAN],
    ["receivable", "list"],
    ["report", "customers"],
    ["report", "aging"],
    ["report", "plan", PLAN],
    ["report", "monthly"],
    ["report", "weekly"],
    ["report", "ledger"],
    ["report", "quarterly"],
    ["report", "yearly"],
    ["assign", "--auto", "--dry-run"],
    ["escalate", "--auto", "--dry-run"],
    ["handover", "liuyang", "--auto", "--dry-run"],
    ["export", "customers", "--redact"],
    ["export", "visits"],
    ["export", "complaints"],
]
NOWS = ["1000-01-01T00:00:00+14:00", "2026-11-23T09:30:00+08:00", "9998-12-31T23:59:59-14:00"]
ID = re.compile(r"^[CTVPR][0-9A-Z]{15}$")


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("every") / "demo"
    root.mkdir()
    shutil.copy(REPO / "crmctl.yaml", root / "crmctl.yaml")
    shutil.copytree(REPO / "records", root / "records")
    return root


@pytest.mark.parametrize("now", NOWS)
@pytest.mark.parametrize("fmt", ["ids", "json"])
def test_every_reading_command_answers_or_refuses_cleanly(demo_root, now, fmt):
    for args in COMMANDS:
        result = CliRunner().invoke(
            cli,
            ["--root", str(demo_root), "--as", "wang", "--now", now, "--format", fmt, *args],
            catch_exceptions=False,
        )
        said = (args, result.stderr[-300:])
        assert result.exit_code in (0, 1, 2), said
        if result.exit_code:
            assert result.stderr.startswith("crmctl: error: ") or args == ["check"], said
        elif fmt == "json" and args[:1] != ["export"]:
            json.loads(result.stdout)
        elif fmt == "ids" and args[:1] != ["export"]:  # export's own --format decides
            assert all(ID.match(line) for line in result.stdout.splitlines()), said
