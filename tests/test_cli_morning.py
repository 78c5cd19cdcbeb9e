"""A bare `crmctl`: the acting user's day in a data root, how to start outside one."""

from __future__ import annotations

import json

from click.testing import CliRunner

from crmctl.cli import cli
from crmctl.cli.morning import TOP
from crmctl.messages import catalogue
from crmctl.rules import collection, complaint_deadlines
from crmctl.rules import due as rules_due

from .conftest import NOW

TODAY = NOW[:10]


def due_json(demo, *args, user="liuyang"):
    result = demo("due", "--within", TODAY, *args, user=user, fmt="json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout or "[]")


def test_the_day_of_a_specialist_is_their_due_work_and_complaints(demo):
    result = demo(user="liuyang")
    assert result.exit_code == 0, result.stderr
    mine = due_json(demo, "--mine")
    overdue = sum(1 for item in mine if item["overdue_days"] > 0)
    assert (
        f"Due today or overdue: {len(mine)} ({overdue} overdue, {len(mine) - overdue} today)"
        in (result.stdout)
    )
    for item in mine[:TOP]:
        assert item["record_id"] in result.stdout
    handled = demo("complaint", "list", "--handler", "liuyang", "--open", user="liuyang", fmt="ids")
    for complaint in handled.stdout.split():
        assert complaint in result.stdout
    assert "Team:" not in result.stdout


def test_a_supervisor_sees_one_line_of_team_totals(demo):
    result = demo(user="lina")
    everyone = due_json(demo, user="lina")
    overdue = sum(1 for item in everyone if item["overdue_days"] > 0)
    team = [line for line in result.stdout.splitlines() if line.startswith("Team:")]
    assert team == [team[0]] and team[0].startswith(
        f"Team: {overdue} overdue, {len(everyone) - overdue} due today;"
    )


def test_the_day_in_chinese_names_the_rules_in_chinese(demo):
    result = demo("--lang", "zh", user="liuyang")
    assert "今天到期或已逾期" in result.stdout and "Due today" not in result.stdout
    assert "新负责人首次联系" in result.stdout and "new_owner" not in result.stdout


def test_the_day_as_json(demo):
    day = json.loads(demo(user="liuyang", fmt="json").stdout)
    assert day["user"] == "liuyang" and len(day["due"]) == len(due_json(demo, "--mine"))
    assert sum(day["per_rule"].values()) == len(day["due"])


def test_outside_a_data_root_it_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CRMCTL_ROOT", raising=False)
    result = CliRunner().invoke(cli, ["--lang", "en"])
    assert result.exit_code == 0
    assert "crmctl init DIR" in result.stderr and result.stdout == ""


def test_every_due_rule_has_a_chinese_name():
    rules = [
        *rules_due.RULE_NAMES,
        *complaint_deadlines.RULE_NAMES.values(),
        *collection.RULE_NAMES,
    ]
    assert [rule for rule in rules if rule not in catalogue()] == []
