"""Tables on a terminal (crmctl/cli/terminal.py, crmctl/fitting.py): as wide as the terminal, short
ids, late rows coloured, a pager for long output; piped output complete and plain."""

from __future__ import annotations

import re

import pytest

from tests.conftest import NOW, run_crmctl
from tests.terminals import ANSI, on_terminal, widest

LISTINGS = [
    ["due"],
    ["due", "--mine"],
    ["report", "ledger", "--month", "2026-11"],
    ["visit", "list"],
    ["complaint", "list"],
    ["customer", "list"],
    ["receivable", "list"],
]
FULL_ID = re.compile(r"\b[CTVRP][0-9A-Z]{15}\b")


@pytest.fixture
def env(demo):
    return {"CRMCTL_ROOT": str(demo.root), "CRMCTL_NOW": NOW, "CRMCTL_USER": "liuyang"}


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_fits_terminals_of_80_and_120_columns_in_both_languages(env, args):
    for lang in ("en", "zh"):
        for columns in (80, 120):
            shown = on_terminal("--lang", lang, *args, columns=columns, env=env)
            assert widest(shown) <= columns, shown
            assert not FULL_ID.search(shown)  # ids in their short form


def test_long_text_is_shortened_with_an_ellipsis_not_only_dropped(env):
    piped = run_crmctl("due", env=env).stdout
    assert widest(piped) > 200
    shown = on_terminal("due", columns=80, env=env)
    reasons = [line for line in shown.splitlines()[2:] if "…" in line]
    assert len(reasons) == len(shown.splitlines()) - 2  # every row's reason is cut


def test_wide_and_piped_tables_keep_every_column_and_whole_ids(env):
    piped = run_crmctl("due", "--mine", env={**env, "COLUMNS": "40"})
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout
    assert "owner" in piped.stdout.splitlines()[0] and FULL_ID.search(piped.stdout)
    assert "…" not in piped.stdout
    wide = on_terminal("due", "--mine", "--wide", "--color", "never", columns=80, env=env)
    assert wide.replace("\n", "") == piped.stdout.replace("\n", "")


def test_short_ids_on_a_terminal_are_taken_back_by_commands(env):
    shown = on_terminal("due", "--mine", columns=80, env=env)
    short = ANSI.sub("", shown.splitlines()[2]).split()[-1]
    assert len(short) <= 8
    assert run_crmctl("history", short, env=env).returncode == 0


def test_due_under_mine_drops_the_owner_column_on_a_terminal(env):
    headers = on_terminal("due", "--mine", columns=200, env=env).splitlines()[0]
    assert "owner" not in headers and "customer" in headers
    assert "owner" in on_terminal("due", columns=200, env=env).splitlines()[0]


def test_late_rows_are_red_on_a_terminal_unless_no_color_or_never(env):
    shown = on_terminal("due", "--mine", columns=120, env=env)
    late = [line for line in shown.splitlines() if line.startswith("\x1b[31m")]
    assert late and all(line.endswith("\x1b[0m") for line in late)
    assert "\x1b[" not in shown.splitlines()[0]  # the header is not coloured
    for plain in (
        on_terminal("due", "--mine", columns=120, env={**env, "NO_COLOR": "1"}),
        on_terminal("due", "--mine", "--color", "never", columns=120, env=env),
        on_terminal("due", "--mine", columns=120, env={**env, "CRMCTL_COLOR": "never"}),
    ):
        assert "\x1b[" not in plain and ANSI.sub("", shown) == plain
    forced = run_crmctl("due", "--mine", "--color=always", env=env).stdout
    assert "\x1b[31m" in forced and FULL_ID.search(forced)  # piped: coloured but complete


def test_complaints_past_a_deadline_are_red_and_closed_ones_are_not(env):
    shown = on_terminal("complaint", "list", columns=200, env=env)
    rows = shown.splitlines()[2:]
    assert any(line.startswith("\x1b[31m") for line in rows)
    closed = [line for line in rows if " closed " in line]
    assert closed and not any(line.startswith("\x1b[") for line in closed)


def test_output_longer_than_the_screen_goes_through_the_pager_on_a_terminal_only(env):
    pager = {**env, "PAGER": "sed 's/^/PAGED:/'"}
    long = on_terminal("visit", "list", columns=80, lines=20, env=pager)
    assert long.splitlines()[0].startswith("PAGED:")
    short = on_terminal("due", "--mine", "--overdue", columns=80, lines=60, env=pager)
    assert "PAGED:" not in short
    piped = run_crmctl("visit", "list", env=pager).stdout
    assert "PAGED:" not in piped


def test_a_missing_pager_shows_the_output_anyway(env):
    shown = on_terminal(
        "visit", "list", columns=80, lines=10, env={**env, "PAGER": "no-such-pager-here"}
    )
    assert len(shown.splitlines()) > 10 and widest(shown) <= 80


def test_color_is_a_global_option_after_the_command_too(env):
    result = run_crmctl("due", "--mine", "--color", "always", env=env)
    assert result.returncode == 0 and "\x1b[31m" in result.stdout
    assert run_crmctl("due", "--color", "sometimes", env=env).returncode == 2


def test_a_plan_asked_about_on_a_terminal_fits_it_too(env):
    piped = run_crmctl("--as", "lina", "handover", "liuyang", "--auto", "--dry-run", env=env)
    assert widest(piped.stdout) > 100
    shown = on_terminal(
        "--as", "lina", "handover", "liuyang", "--auto", columns=80, env=env, typed=b"n\n", code=1
    )
    assert "nothing changed" in shown and "first responder: the h…" in shown
    assert widest(shown) <= 80
