"""Options that take a code of crmctl.yaml take its zh or en label too, in any case; an unknown
value lists the accepted ones in the user's language. Staff by id, email or name, in any case."""

from __future__ import annotations

NOW = "2026-11-23T09:30:00+08:00"
LATER = "2026-11-24T10:00:00+08:00"


def test_a_complaint_lived_through_in_labels(crm):
    cid = crm.ok(
        "customer", "add", "杭州华丰建材有限公司", "--owner", "LiuYang", "--grade", "b一级 潜力客户"
    ).strip()
    assert crm.json("customer", "show", cid)["grade"] == "B1"
    tid = crm.ok(
        "complaint", "log", cid, "--summary", "送货晚了", "--kind", "投诉",
        "--severity", "一般投诉", "--category", "物流配送", "--channel", "来电", user="liuyang",
    ).strip()  # fmt: skip
    record = crm.json("complaint", "show", tid)
    assert (record["kind"], record["severity"], record["category"], record["channel"]) == (
        "complaint", "normal", "delivery", "phone",
    )  # fmt: skip
    steps = [
        (
            "judge",
            "--valid",
            "--reason",
            "司机绕路",
            "--department",
            "物流部",
            "--reply-by",
            "后天",
        ),
        ("investigate", "--root-cause", "排班", "--responsible", "车队", "--cause", "Delivery"),
        ("propose", "--proposal", "道歉"),
    ]
    for step, *options in steps:
        crm.ok("complaint", step, tid, *options, user="liuyang")
    crm.ok("complaint", "approve", tid, "--proposal", "1", user="李娜")
    crm.ok("complaint", "implement", tid, "--actions", "已道歉", user="liuyang", now=LATER)
    crm.ok("complaint", "resolve", tid, "--acceptance", "电话确认", user="liuyang", now=LATER)
    crm.ok("complaint", "callback", tid, "--satisfaction", "满意", user="liuyang", now=LATER)
    record = crm.json("complaint", "show", tid, now=LATER)
    assert record["judgement"]["department"] == "logistics"
    assert record["judgement"]["reply_by"] == "2026-11-25"
    assert record["callback"]["satisfaction"] == "satisfied"
    listed = crm.json("complaint", "list", "--status", "已回访", "--severity", "NORMAL")
    assert [row["id"] for row in listed] == [tid]


def test_visits_and_filters_take_labels(crm):
    cid = crm.ok("customer", "add", "湖州太湖木业", "--owner", "liuyang", "--grade", "b2").strip()
    vid = crm.ok(
        "visit", "log", cid, "--channel", "电话", "--purpose", "常规回访", "--reached",
        "--summary", "x", user="liuyang",
    ).strip()  # fmt: skip
    visit = crm.json("visit", "show", vid)
    assert (visit["channel"], visit["purpose"]) == ("phone", "routine")
    assert [v["id"] for v in crm.json("visit", "list", "--channel", "Phone")] == [vid]
    assert [v["id"] for v in crm.json("visit", "list", "--channel", "微信")] == []
    assert [c["id"] for c in crm.json("customer", "list", "--grade", "b")] == [cid]
    assert [c["id"] for c in crm.json("customer", "list", "--status", "潜在")] == [cid]


def test_an_unknown_value_lists_the_accepted_ones_in_the_users_language(crm):
    cid = crm.ok("customer", "add", "甲", "--owner", "liuyang").strip()
    args = ("visit", "log", cid, "--channel", "电报", "--reached", "--summary", "x")
    before = crm.files()
    english = crm(*args, user="liuyang")
    assert english.exit_code == 2
    assert "--channel '电报' is not one of: phone (电话), onsite (上门 / on-site)" in english.stderr
    chinese = crm("--lang", "zh", *args, user="liuyang")
    assert chinese.exit_code == 2
    assert "--channel 没有 '电报' 这一项；可选：电话 (phone)、上门 (onsite)" in chinese.stderr
    assert crm.files() == before


def test_staff_by_id_name_or_email_in_any_case(crm):
    assert crm("customer", "list", "--owner", "LIUYANG").exit_code == 0
    result = crm("customer", "list", "--owner", "陈某")
    assert result.exit_code == 1 and "(team: wang 王建国, lina 李娜" in result.stderr


def test_set_takes_labels_and_staff_names_for_code_fields(crm):
    cid = crm.ok(
        "customer", "add", "乙", "--set", "owner=刘洋", "--set", "source=老客户介绍"
    ).strip()
    crm.ok("customer", "edit", cid, "--set", "status=活跃", "--set", "grade=B二级", user="lina")
    record = crm.json("customer", "show", cid)
    assert (record["owner"], record["source"], record["status"], record["grade"]) == (
        "liuyang", "referral", "active", "B2",
    )  # fmt: skip
    result = crm("customer", "edit", cid, "--set", "status=睡眠")
    assert (
        result.exit_code == 2
        and "--set status '睡眠' is not one of: active (活跃)" in result.stderr
    )
