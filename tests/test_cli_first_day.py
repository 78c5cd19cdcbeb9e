"""The first day of a new specialist and a new supervisor (issue 21's "How it will be checked"), on
the demo archive and on a fresh `crmctl init`: every reference and date form typed as people type
them, in Chinese and English. Natural input must work (the count of failures is zero); a wrong
value is refused naming the fix, and nothing is written then."""

from __future__ import annotations

import pytest

from tests.test_cli_corrections import editor
from tests.test_cli_helpful_defaults import on_terminal

MONDAY = "2026-12-07 09:30"  # the demo archive's "today"
LATER = "2026-12-07 11:00"

SPECIALIST_DAY = [  # chenjing (陈静): her customers, by every name people give them
    (),
    ("due", "--mine"),
    ("due", "--mine", "--within", "明天"),
    ("due", "--mine", "--within", "下周一"),
    ("due", "--mine", "--within", "friday"),
    ("due", "--mine", "--overdue", "--kind", "投诉"),
    ("due", "--owner", "me", "--kind", "次日回访"),
    ("due", "--customer", "柯桥"),
    ("customer", "list", "绍兴"),
    ("customer", "list", "--owner", "我", "--grade", "b"),
    ("customer", "show", "柯桥"),
    ("customer", "show", "shaoxing"),
    ("customer", "show", "sxkqfzc"),
    ("customer", "show", "186 9787 0881"),
    ("customer", "show", "186", "9787", "0881"),  # typed without quotes
    ("customer", "show", "１８６９７８７０８８１"),
    ("history", "柯桥"),
    ("visit", "log", "柯桥", "--channel", "电话", "--reached", "--summary", "问候, 确认下单",
     "--satisfaction", "满意", "--next", "下周五"),
    ("visit", "log", "柯桥", "--channel", "微信", "--not-reached", "--summary", "发了报价",
     "--next", "明天下午3点"),
    ("visit", "log", "柯桥", "--channel", "Phone", "--reached", "--summary", "x",
     "--next", "tomorrow 15:00", "--satisfaction", "很满意"),
    ("visit", "log", "sxkqfzc", "--channel", "phone", "--reached", "--summary", "x",
     "--next", "+2wd", "--purpose", "常规"),
    ("visit", "log", "柯桥", "--channel", "上门", "--reached", "--summary", "面谈",
     "--at", "今天 9:00", "--next", "12月8日 14:00"),
    ("visit", "log", "柯桥", "--channel", "电话", "--reached", "--summary", "x", "--next", "3天后",
     "--satisfaction", "4"),
    ("visit", "list", "--by", "陈静", "--since", "-7d"),
    ("visit", "list", "--customer", "柯桥", "--since", "上周一", "--until", "今天"),
    ("complaint", "log", "柯桥", "--summary", "地坪起砂又出现了", "--severity", "一般",
     "--category", "产品", "--channel", "来电"),
    ("complaint", "list", "--open", "--handler", "陈静"),
    ("complaint", "list", "--kind", "投诉", "--severity", "normal"),
    ("customer", "add", "嘉兴南湖五金", "--mobile", "１３９ ０５７３ ８８８８",
     "--phone", "(0573)8288.1234 转 6"),
    ("customer", "edit", "南湖五金", "--set", "region=华东"),
    ("customer", "show", "nhwj"),
    ("customer", "show", "0573-82881234"),
    ("report", "weekly"),
]  # fmt: skip

SUPERVISOR_DAY = [  # lina (李娜)
    (),
    ("due", "--owner", "陈静", "--overdue"),
    ("due", "--owner", "chenjing", "--kind", "complaint_resolve"),
    ("complaint", "list", "--open", "--severity", "重大"),
    ("complaint", "list", "--breached"),
    ("customer", "list", "--grade", "A", "--owner", "王建国"),
    ("customer", "list", "--status", "活跃", "--grade", "b1"),
    ("customer", "list", "--grade", "A类", "--owner", "刘 洋"),
    ("visit", "list", "--by", "me", "--since", "上月"),
    ("assign", "--auto", "--dry-run"),
    ("handover", "杨帆", "--auto", "--dry-run"),
    ("escalate", "--auto", "--dry-run"),
    ("report", "monthly", "--month", "2026-11", "--section", "headline"),
    ("report", "ledger", "--month", "11月"),
    ("report", "ledger", "--month", "上月"),
    ("report", "ledger", "--month", "2026年11月"),
    ("report", "quarterly"),
    ("customer", "grade"),
    ("customer", "add", "新客户甲", "--grade", "A一级", "--owner", "王建国"),
    ("history", "新客户甲"),
]


def _failing(demo, day, user) -> list[tuple]:
    return [
        (args, result.stderr)
        for args in day
        for result in [demo(*args, user=user, now=MONDAY)]
        if result.exit_code != 0
    ]


def test_a_specialists_first_day_on_the_demo_archive_fails_on_nothing(demo):
    assert _failing(demo, SPECIALIST_DAY, "chenjing") == []
    added = demo.json("customer", "show", "南湖五金")
    assert (added["mobile"], added["phone"], added["owner"]) == (
        "13905738888",
        "0573-82881234转6",
        "chenjing",
    )
    visits = demo.json("visit", "list", "--customer", "柯桥", "--since", "今天", now=LATER)
    assert sorted(v["next_followup"] for v in visits if v.get("next_followup")) == [
        "2026-12-08",
        "2026-12-08",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-18",
    ]
    assert sorted(v.get("satisfaction") for v in visits if v.get("satisfaction")) == [4, 5, 5]


def test_a_supervisors_first_day_on_the_demo_archive_fails_on_nothing(demo):
    assert _failing(demo, SUPERVISOR_DAY, "lina") == []


WRONG = [  # natural mistakes: refused (1 or 2), naming the fix, nothing written
    (("visit", "log", "柯桥", "--channel", "fax", "--reached", "--summary", "x"),
     "is not one of: phone (电话)"),
    (("visit", "log", "柯桥", "--channel", "phone", "--reached", "--summary", "x",
      "--next", "2026-02-30"), "use one of: 2026-12-08"),
    (("visit", "log", "柯桥", "--channel", "phone", "--reached", "--summary", "x",
      "--satisfaction", "还可以吧"), "is not 1-5 or one of 满意"),
    (("visit", "log", "柯桥", "--channel", "phone", "--summary", "x"),
     "--reached or --not-reached"),
    (("visit", "log", "太湖", "--channel", "phone", "--reached", "--summary", "x"),
     "湖州太湖木业有限公司  C  liuyang  137****1275"),
    (("customer", "show", "没有这家公司"), "part of the name, or its pinyin"),
    (("customer", "add", "乙", "--mobile", "1390573"), "a mobile has 11 digits from 13-19"),
    (("customer", "add", "乙", "--phone", "0573-888"), "the area code and 7 or 8 digits"),
    (("customer", "add", "大客户乙", "--grade", "A1", "--owner", "chenjing"),
     "its owner must be a manager or key-account staff"),
    (("report", "ledger", "--month", "13月"), "2026年11月, 11月, 上月"),
    (("due", "--kind", "回头客"), "cadence (等级周期回访)"),
    (("assign", "柯桥", "--to", "chenjing"), "ask your supervisor 李娜 (lina) to run it"),
]  # fmt: skip


@pytest.mark.parametrize("args, fix", WRONG)
def test_wrong_values_are_refused_naming_the_fix(demo, args, fix):
    before = demo.files()
    result = demo(*args, user="chenjing", now=MONDAY)
    assert result.exit_code in (1, 2) and fix in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and demo.files() == before


def test_a_mistaken_visit_and_judgement_are_corrected_with_history_kept(demo):
    vid = demo.ok("visit", "log", "柯桥", "--channel", "电话", "--reached", "--summary", "问候",
                  user="chenjing", now=MONDAY).strip()  # fmt: skip
    demo.ok("visit", "edit", vid, "--summary", "问候, 客户确认下单", user="chenjing", now=LATER)
    demo.ok("visit", "void", vid, "--reason", "记重了", user="lina", now=LATER)
    visit = demo.json("visit", "show", vid, now=LATER)
    assert [entry["action"] for entry in visit["history"]] == ["log", "edit", "void"]
    tid = demo.ok("complaint", "log", "柯桥", "--summary", "送货晚了", user="chenjing",
                  now=MONDAY).strip()  # fmt: skip
    demo.ok("complaint", "judge", tid, "--invalid", "--reason", "误会", user="chenjing", now=LATER)
    demo.ok("complaint", "undo", tid, user="chenjing", now=LATER)
    demo.ok("complaint", "judge", tid, "--valid", "--reason", "属实", "--department", "物流部",
            "--reply-by", "后天", user="chenjing", now=LATER)  # fmt: skip
    complaint = demo.json("complaint", "show", tid, now=LATER)
    assert [entry["action"] for entry in complaint["history"]] == [
        "receive",
        "judge",
        "undo",
        "judge",
    ]
    assert complaint["judgement"]["reply_by"] == "2026-12-09"


def test_an_editor_session_saves_an_invalid_record_then_a_valid_one(demo, tmp_path):
    command = editor(tmp_path, ("grade: B2", "grade: Z9"), ("grade: Z9", "grade: B1"))
    result = demo("edit", "柯桥", env={"EDITOR": command, "VISUAL": ""}, user="chenjing", now=LATER)
    assert result.exit_code == 0, result.stderr
    runs = (tmp_path / "runs").read_text().split("@@")
    assert "# ! " in runs[1] and "Z9" in runs[1]
    customer = demo.json("customer", "show", "柯桥", now=LATER)
    assert customer["grade"] == "B1" and list(customer["history"][-1]["changes"]) == ["grade"]


def test_a_fresh_archive_day_one(crm):
    """`crmctl init`, then a supervisor and a specialist start from nothing."""
    steps = [
        ("lina", ("customer", "add", "杭州华丰建材有限公司", "--grade", "B1", "--owner", "刘洋",
                  "--mobile", "+86 138-0571-1234")),
        ("lina", ("customer", "add", "湖州太湖木业", "--owner", "liuyang")),
        ("lina", ("customer", "add", "无锡太湖新材料", "--owner", "chenjing")),
        ("liuyang", ("customer", "add", "嘉兴南湖五金")),
        ("liuyang", ("customer", "show", "华丰")),
        ("liuyang", ("customer", "show", "hzhfjc")),
        ("liuyang", ("customer", "show", "138 0571 1234")),
        ("liuyang", ("visit", "log", "华丰", "--channel", "电话", "--reached",
                     "--summary", "首次联系", "--next", "下周一", "--purpose", "首次联系")),
        ("liuyang", ("visit", "log", "南湖", "--channel", "微信", "--reached",
                     "--summary", "加了微信", "--next", "+3d")),
        ("liuyang", ("complaint", "log", "湖州太湖", "--summary", "发票开错", "--kind", "咨询")),
        ("liuyang", ("due", "--mine", "--within", "下周五")),
        ("lina", ("due", "--owner", "刘洋")),
        ("lina", ("assign", "南湖五金", "--to", "陈静")),
        ("lina", ("report", "weekly")),
        ("lina", ("check",)),
    ]  # fmt: skip
    failing = [
        (user, args, result.stderr)
        for user, args in steps
        for result in [crm(*args, user=user)]
        if result.exit_code != 0
    ]
    assert failing == []
    ambiguous = crm("customer", "show", "太湖", user="liuyang")
    assert ambiguous.exit_code == 1 and "湖州太湖木业  -  liuyang  -" in ambiguous.stderr


def test_mass_changes_ask_on_a_terminal_and_never_without_one(demo):
    before = demo.files()
    code, _, shown = on_terminal(
        demo.root, "--as", "lina", "handover", "杨帆", "--auto", answer="n\n"
    )
    assert code == 1 and "apply these" in shown and demo.files() == before
    piped = demo("handover", "杨帆", "--auto", user="lina", now=MONDAY)
    assert piped.exit_code == 0 and "apply these" not in piped.stderr
    assert demo.files() != before
