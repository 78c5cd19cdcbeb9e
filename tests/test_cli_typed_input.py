"""What people type on a first day, through the CLI: dates in any form, global options after the
subcommand, and echoes that show the absolute date."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crmctl.cli import cli

MONDAY = "2026-12-07T10:00:00+08:00"
SHANTOU = "汕头潮汕家居广场"  # owned by zhoumin in the demo archive


def log(demo, *extra, lang="en"):
    return demo(
        "--lang", lang, "visit", "log", SHANTOU, "--channel", "phone", "--reached",
        "--summary", "确认订单", *extra, user="zhoumin", now=MONDAY,
    )  # fmt: skip


@pytest.mark.parametrize(
    "typed, day",
    [
        ("下周一", "2026-12-14"),
        ("周五", "2026-12-11"),
        ("本周五", "2026-12-11"),
        ("friday", "2026-12-11"),
        ("next monday", "2026-12-14"),
        ("明天", "2026-12-08"),
        ("后天", "2026-12-09"),
        ("3天后", "2026-12-10"),
        ("+2wd", "2026-12-09"),
        ("tomorrow 15:00", "2026-12-08"),
        ("2026-12-21 14:00", "2026-12-21"),
        ("12月8日 14:00", "2026-12-08"),
    ],
)
def test_next_takes_the_forms_people_type_and_echoes_the_day(demo, typed, day):
    result = log(demo, "--next", typed)
    assert result.exit_code == 0, result.stderr
    visit = demo.json("visit", "show", result.stdout.strip())
    assert visit["next_followup"] == day
    assert f"next follow-up {day} " in result.stderr  # the absolute day, with its weekday


def test_callback_echo_in_chinese(demo):
    result = log(demo, "--callback", "明天下午3点", "--next", "下周一", lang="zh")
    assert result.exit_code == 0, result.stderr
    visit = demo.json("visit", "show", result.stdout.strip())
    assert visit["callback_at"] == "2026-12-08T15:00:00+08:00"
    assert "下次回访 2026-12-14 周一 · 约定回电 2026-12-08 15:00 周二" in result.stderr
    assert result.stdout.strip() == visit["id"]  # stdout stays the id alone


def test_relative_next_counts_from_a_back_dated_visit(demo):
    result = log(demo, "--next", "+3d", "--at", "上周五下午4点")
    assert result.exit_code == 0, result.stderr
    visit = demo.json("visit", "show", result.stdout.strip())
    assert visit["at"] == "2026-12-04T16:00:00+08:00"
    assert visit["next_followup"] == "2026-12-07"


def test_a_date_not_understood_lists_the_forms_and_writes_nothing(demo):
    before = demo.files()
    result = log(demo, "--next", "someday")
    assert result.exit_code == 2
    assert "--next 'someday' is not a date or time; use one of:" in result.stderr
    assert "下周一" in result.stderr and "+2wd" in result.stderr
    assert demo.files() == before


@pytest.mark.parametrize("now", ["0001-01-01", "9999-12-31T23:59", "-1000000w"])
def test_out_of_range_now_is_refused_cleanly(demo, now):
    result = demo("due", now=None, env={"CRMCTL_NOW": now})
    assert result.exit_code == 2
    assert result.stderr.startswith("crmctl: error: --now")


def test_since_and_within_lean_the_right_way(demo):
    wednesday = "2026-11-25T10:00:00+08:00"
    since = demo.json("visit", "list", "--since", "上周一", now=wednesday)
    assert since and all(row["at"] >= "2026-11-16" for row in since)
    everything = demo.json("visit", "list", now=wednesday)
    assert len(since) < len(everything)
    due = demo.json("due", "--within", "周五", now=MONDAY)
    assert due and all(row["due"] <= "2026-12-11" for row in due)
    assert demo("due", "--within", "soon").exit_code == 2


def test_global_options_work_after_the_subcommand(demo):
    root = str(demo.root)
    before = CliRunner().invoke(cli, ["--root", root, "--as", "liuyang", "--now", MONDAY,
                                      "--format", "json", "due", "--mine"])  # fmt: skip
    after = CliRunner().invoke(cli, ["due", "--mine", "--format", "json", "--as", "liuyang",
                                     "--now", MONDAY, "--root", root])  # fmt: skip
    assert before.exit_code == after.exit_code == 0, after.stderr
    assert after.stdout == before.stdout and "liuyang" in after.stdout
    zh = CliRunner().invoke(cli, ["--root", root, "--now", MONDAY, "visit", "log", SHANTOU,
                                  "--channel", "phone", "--reached", "--summary", "x",
                                  "--as=zhoumin", "--lang", "zh"])  # fmt: skip
    assert zh.exit_code == 0, zh.stderr
    assert zh.stderr.startswith("已记录回访")
