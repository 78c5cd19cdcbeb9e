"""What commands print under --lang zh: due reasons and rule names, history actions and changes
as sentences, complaint parts, plans and click's own usage errors, all in Chinese."""

from __future__ import annotations

import json
import re

import pytest

from crmctl.cli.common import App
from crmctl.messages.sentences import told

NOW = "2026-11-23T09:30:00+08:00"
CUSTOMER, COMPLAINT = "C1K94ADGY0EX3SDX", "T1M3JWZQ4091JDPM"
# What a reason keeps as typed: record numbers, currencies, durations, config keys and codes.
KEPT = re.compile(r"[A-Z]+-[\w-]+|CNY|USD|\b\d+(?:wd|wh|[dwhm])\b|\b[a-z]+_[a-z_]+\b|—")


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{4,}", KEPT.sub(" ", text))


def test_every_reason_of_the_demo_is_told_in_chinese(demo):
    rows = json.loads(demo.ok("due", fmt="json", user="wang", now=NOW))
    names = App(str(demo.root), "wang", NOW, "table", None).names
    left = {row["reason"]: english_words(told(row["reason"], names)) for row in rows}
    assert {reason: words for reason, words in left.items() if words} == {}
    assert len({row["rule"] for row in rows}) >= 12  # most rules are covered by the demo


def test_a_sentence_no_template_matches_is_shown_as_it_is():
    assert told("something else entirely") == "something else entirely"
    assert told("地板起鼓 — normal: acknowledge within 1wd") == "地板起鼓 — normal: 1wd 内受理确认"
    assert (
        told("A1 大客户: every 7d; never reached; in the archive since 2026-11-02")
        == "A1 大客户: 每 7d 回访一次; 从未联系上; 2026-11-02 起在档"
    )


def test_due_speaks_chinese_in_its_table_and_keeps_codes_in_json(demo):
    table = demo.ok("--lang", "zh", "due", user="wang", now=NOW)
    assert "等级周期回访" in table and "最后联系" in table and "新负责人首次联系" in table
    assert "every " not in table and "last contact" not in table
    rows = json.loads(demo.ok("--lang", "zh", "due", fmt="json", user="wang", now=NOW))
    assert {"cadence", "new_owner"} <= {row["rule"] for row in rows}


def test_history_actions_and_changes_read_as_sentences(demo):
    demo.ok("customer", "edit", CUSTOMER, "--set", "grade=B1", user="wang", now=NOW)
    shown = demo.ok("--lang", "zh", "history", CUSTOMER, user="wang", now=NOW)
    assert "等级 B2 → B1" in shown and "修改" in shown and "新建" in shown and "记录" in shown
    assert not re.search(r"\b(create|edit|record|grade)\b", shown)
    english = demo.ok("history", CUSTOMER, user="wang", now=NOW)
    assert "grade B2 → B1" in english and "edit" in english


def test_a_complaints_parts_and_timeline_are_named_in_chinese(demo):
    shown = demo.ok("--lang", "zh", "complaint", "show", COMPLAINT, user="wang", now=NOW)
    assert "投诉内容" in shown and "判断·是否成立" in shown and "期限·解决" in shown
    assert "已超时" in shown and "{'valid'" not in shown and "BREACHED" not in shown
    assert "判断 ∅ → {" in shown and "是否成立: 是" in shown
    assert not re.search(r"judgement|proposal|deadline\.", shown)


def test_a_plan_names_people_and_says_why_in_chinese(demo):
    shown = demo.ok("--lang", "zh", "handover", "liuyang", "--auto", "--dry-run", user="wang")
    assert "刘洋" in shown and "负荷" in shown and "权重" in shown and "原为" in shown
    assert not re.search(r"\b(load|weight|customer|owner|liuyang)\b", shown)


def test_clicks_own_usage_errors_are_in_chinese(demo):
    result = demo("--lang", "zh", "customer", "list", "--nosuchoption")
    assert result.exit_code == 2 and "没有选项 '--nosuchoption'" in result.stderr
    assert "Try " not in result.stderr and "Error" not in result.stderr
    result = demo("--lang", "zh", "visit", "log", CUSTOMER, "--channel", "phone", "--reached")
    assert result.exit_code == 2 and "缺少选项 '--summary'" in result.stderr
    result = demo("customer", "list", "--nosuchoption")
    assert "No such option: --nosuchoption" in result.stderr or "No such option" in result.stderr


@pytest.mark.parametrize("lang, prefix", [("en", "crmctl: error: "), ("zh", "crmctl: 错误: ")])
@pytest.mark.parametrize(
    "args",
    [
        ["customer", "list", "--nosuchoption"],
        ["--format", "xx", "due"],
        ["frob"],
        ["customer", "show"],
        ["visit", "log", CUSTOMER, "--channel", "phone"],
    ],
)
def test_a_usage_error_starts_as_every_other_error(demo, lang, prefix, args):
    result = demo("--lang", lang, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(prefix), result.stderr
    assert "\nError: " not in result.stderr and "\n错误: " not in result.stderr


def test_check_findings_are_told_in_chinese_and_stay_english_in_json(demo):
    record = demo.root / "records" / "customers" / f"{CUSTOMER}.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("owner: yangfan", "owner: nobody") + "bogus: 1\n", "utf-8")
    result = demo("--lang", "zh", "check")
    assert result.exit_code == 1
    assert "owner: 'nobody' 不是 crmctl.yaml 中的团队成员" in result.stdout
    assert "bogus: 未知字段 'bogus'" in result.stdout and "2 个错误, 0 个警告" in result.stderr
    problems = json.loads(demo("--lang", "zh", "check", fmt="json").stdout)
    assert "'nobody' is not on the team in crmctl.yaml" in [p["message"] for p in problems]


def test_warnings_about_unreadable_files_are_told_in_chinese(demo):
    (demo.root / "records" / "customers" / f"{CUSTOMER}.yaml").write_text("name: [\n", "utf-8")
    result = demo("--lang", "zh", "customer", "list", user="wang", now=NOW)
    assert result.exit_code == 0
    assert f"crmctl: 警告: records/customers/{CUSTOMER}.yaml:2: YAML 格式错误: " in result.stderr
    assert "有 1 个记录文件无法读取" in result.stderr
    assert "malformed YAML" in demo("customer", "list", user="wang", now=NOW).stderr
