"""Whole complaint lives through the CLI, at fixed times (2026-11-23 is a Monday; office
09:00-12:00, 14:30-18:00)."""

import json

NOW = "2026-11-23T09:30:00+08:00"


def customer(crm, name="杭州华丰建材有限公司", owner="liuyang"):
    return crm.ok("customer", "add", name, "--owner", owner, "--set", "status=active").strip()


def log(crm, customer_id, *options, user="liuyang", summary="地板起鼓"):
    return crm.ok(
        "complaint", "log", customer_id, "--summary", summary, *options, user=user
    ).strip()


def show(crm, complaint_id, now=NOW):
    return crm.json("complaint", "show", complaint_id, now=now)


def refused(crm, *args, user="liuyang", now=NOW, code=1):
    """Run a command that must fail with `code` and write nothing; returns its stderr."""
    before = crm.files()
    result = crm(*args, user=user, now=now)
    assert result.exit_code == code, result.stderr
    assert crm.files() == before
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_valid_complaint_from_receipt_to_closing(crm):
    cid = customer(crm)
    tid = log(crm, cid, "--severity", "major", "--category", "product", "--channel", "phone")
    steps = [
        (
            "judge",
            "--valid",
            "--reason",
            "施工质量问题",
            "--department",
            "production",
            "--reply-by",
            "+2d",
        ),
        ("investigate", "--root-cause", "基层含水率过高", "--responsible", "施工队张工"),
        ("propose", "--proposal", "免费返工", "--proposal", "折价10%"),
    ]
    for step, *options in steps:
        assert crm.ok("complaint", step, tid, *options, user="liuyang").strip() == tid
    error = refused(crm, "complaint", "approve", tid, "--proposal", "1")
    assert "specialist; approving a complaint solution is for supervisors and managers" in error
    crm.ok("complaint", "approve", tid, "--proposal", "2", user="lina")
    later = "2026-11-24T10:00:00+08:00"
    for step, *options in [
        (
            "implement",
            "--actions",
            "已返工",
            "--compensation",
            "赠送保养",
            "--penalty",
            "罚款500元",
        ),
        ("resolve", "--acceptance", "客户电话确认"),
        ("callback", "--satisfaction", "satisfied", "--comment", "很满意"),
        ("reply", "--text", "已告知返工结果"),
        ("close", "--summary", "返工完成", "--improvement", "加强基层验收"),
    ]:
        crm.ok("complaint", step, tid, *options, user="liuyang", now=later)
    record = show(crm, tid, now=later)
    assert (record["status"], record["first_responder"], record["handler"]) == (
        "closed",
        "liuyang",
        "liuyang",
    )
    assert record["approved_proposal"] == record["proposals"][1]["id"]
    assert record["judgement"]["reply_by"] == "2026-11-25"
    assert record["callback"] == {"satisfaction": "satisfied", "note": "很满意"}
    assert [entry["action"] for entry in record["history"]] == [
        "receive",
        "judge",
        "investigate",
        "propose",
        "approve",
        "implement",
        "resolve",
        "callback",
        "reply",
        "close",
    ]
    assert record["history"][4]["by"] == "lina"
    assert record["breaches"] == [] and all(d["met_at"] for d in record["deadlines"])
    assert record["allowed"] == []
    # nothing wrong; an ungraded active customer is only warned about (it has no cadence)
    assert all(" warning: " in line for line in crm.ok("check", user=None).splitlines())


def test_an_invalid_complaint_is_answered_and_closed(crm):
    tid = log(crm, customer(crm), "--kind", "suggestion")
    crm.ok("complaint", "judge", tid, "--invalid", "--reason", "属正常现象", user="liuyang")
    error = refused(crm, "complaint", "investigate", tid, "--root-cause", "x", "--responsible", "y")
    assert "is judged: 'investigate' is not allowed now; allowed: close, reply" in error
    assert "before the reply to the customer is logged" in refused(
        crm, "complaint", "close", tid, "--summary", "ok"
    )
    crm.ok("complaint", "reply", tid, "--text", "已婉转说明", user="liuyang")
    crm.ok("complaint", "close", tid, "--summary", "客户理解", user="liuyang")
    record = show(crm, tid)
    assert record["status"] == "closed" and record["judgement"] == {
        "valid": False,
        "reason": "属正常现象",
    }


def test_steps_out_of_order_say_what_is_allowed_and_write_nothing(crm):
    tid = log(crm, customer(crm))
    error = refused(crm, "complaint", "approve", tid, "--proposal", "1", user="lina")
    assert (
        f"complaint {tid} is received: 'approve' is not allowed now; allowed: judge, hold, reply"
        in error
    )
    assert "allowed: judge" in refused(crm, "complaint", "close", tid, "--summary", "x")
    assert "judging a valid complaint needs --department, --reply-by" in refused(
        crm, "complaint", "judge", tid, "--valid", "--reason", "成立"
    )


def test_invalid_complaints_are_refused_and_nothing_is_written(crm):
    cid = customer(crm)
    assert "--severity 'huge' is not one of: normal (一般投诉)" in refused(
        crm, "complaint", "log", cid, "--summary", "x", "--severity", "huge", code=2
    )
    assert "--category 'noise' is not one of: product (产品质量 / product/quality)" in refused(
        crm, "complaint", "log", cid, "--summary", "x", "--category", "noise", code=2
    )
    assert "no customer '不存在公司'" in refused(
        crm, "complaint", "log", "不存在公司", "--summary", "x"
    )
    assert "not a visit id: V123" in refused(
        crm, "complaint", "log", cid, "--summary", "x", "--visit", "V123", code=2
    )
    assert "needs --summary" in refused(crm, "complaint", "log", cid, "--summary", " ")


def test_the_receiver_is_first_responder_and_a_crisis_starts_with_a_manager(crm):
    cid = customer(crm, owner="chenjing")
    assert "no visit V1M830CDE0BSJC0A" in refused(
        crm,
        "complaint",
        "log",
        cid,
        "--summary",
        "x",
        "--visit",
        "V1M830CDE0BSJC0A",
        user="chenjing",
    )
    visit = crm.ok(
        "visit",
        "log",
        cid,
        "--channel",
        "onsite",
        "--reached",
        "--summary",
        "上门时客户投诉地板开裂",
        user="chenjing",
    ).strip()
    tid = log(crm, cid, "--severity", "crisis", "--visit", visit.lower(), user="chenjing")
    record = show(crm, tid)
    assert (record["first_responder"], record["handler"], record["visits"]) == (
        "chenjing",
        "wang",
        [visit],
    )
    # acknowledgement of a crisis: 1 h
    assert record["deadlines"][0] == {
        "target": "acknowledge",
        "owner": "wang",
        "due_at": "2026-11-23T10:30:00+08:00",
        "met_at": None,
        "breached": False,
    }


def test_specialists_work_only_their_own_complaints(crm):
    tid = log(crm, customer(crm))
    assert "may work only complaints they handle or first received" in refused(
        crm, "complaint", "judge", tid, "--invalid", "--reason", "x", user="chenjing"
    )


def test_hold_and_resume_push_the_resolution_target_back(crm):
    tid = log(crm, customer(crm))
    # normal: 5 working days of 6.5 h from Monday 09:30 -> Monday 11-30 09:30
    assert show(crm, tid)["deadlines"][1]["due_at"] == "2026-11-30T09:30:00+08:00"
    crm.ok(
        "complaint",
        "hold",
        tid,
        "--reason",
        "等待生产部检测",
        user="liuyang",
        now="2026-11-24T09:00:00+08:00",
    )
    held = show(crm, tid, now="2026-11-24T15:00:00+08:00")
    assert held["hold_reason"] == "等待生产部检测" and held["allowed"] == ["resume", "reply"]
    assert "allowed: resume, reply" in refused(
        crm,
        "complaint",
        "judge",
        tid,
        "--invalid",
        "--reason",
        "x",
        now="2026-11-24T15:00:00+08:00",
    )
    crm.ok("complaint", "resume", tid, user="liuyang", now="2026-11-25T09:00:00+08:00")
    # paused Tue 09:00 -> Wed 09:00: one working day of office time -> Tuesday 12-01 09:30
    resumed = show(crm, tid, now="2026-11-25T09:00:00+08:00")
    assert "hold_reason" not in resumed
    assert resumed["deadlines"][1]["due_at"] == "2026-12-01T09:30:00+08:00"


def test_list_filters_by_status_handler_first_responder_and_breach(crm):
    cid = customer(crm)
    first = log(crm, cid)
    second = log(crm, cid, "--severity", "major", user="chenjing")
    crm.ok("complaint", "judge", first, "--invalid", "--reason", "x", user="liuyang")

    def ids(*filters, now=NOW):
        return [row["id"] for row in crm.json("complaint", "list", *filters, now=now)]

    assert ids() == [first, second]
    assert ids("--status", "received") == [second]
    assert ids("--first-responder", "chenjing") == ids("--handler", "chenjing") == [second]
    assert ids("--customer", "杭州华丰建材有限公司", "--open") == [first, second]
    # 4 office hours to acknowledge a major complaint received Mon 09:30: due 16:00 (the lunch break
    # does not count); the invalid one was acknowledged
    assert ids("--breached", now="2026-11-23T15:59:00+08:00") == []
    assert ids("--breached", now="2026-11-23T16:01:00+08:00") == [second]
    assert json.loads(
        crm.ok("complaint", "list", "--breached", fmt="json", now="2026-11-23T16:01:00+08:00")
    )[0]["breaches"] == ["acknowledge"]


def test_every_complaint_command_shows_examples(crm):
    commands = [
        "log",
        "show",
        "list",
        "judge",
        "investigate",
        "propose",
        "approve",
        "implement",
        "resolve",
        "callback",
        "close",
        "reopen",
        "reply",
        "hold",
        "resume",
    ]
    for command in [("complaint", name) for name in commands] + [
        ("assign",),
        ("escalate",),
        ("handover",),
    ]:
        assert "Examples:\n    crmctl " in crm.ok(*command, "--help"), command


def test_show_prints_the_timeline_for_people(crm):
    tid = log(crm, customer(crm))
    crm.ok("complaint", "hold", tid, "--reason", "等待客户提供照片", user="liuyang")
    text = crm.ok("complaint", "show", tid)
    assert "deadline.resolve      2026-11-30T09:30:00+08:00 (liuyang, open)" in text
    assert "history:\n  2026-11-23T09:30:00+08:00  liuyang    receive" in text
    assert "liuyang    hold       hold_reason ∅ → 等待客户提供照片  (等待客户提供照片)" in text


def test_deadlines_show_in_due_for_the_handler_and_the_reply_for_the_first_responder(crm):
    tid = log(crm, customer(crm), "--severity", "major")
    crm.ok("escalate", tid, "--reason", "客户要求主管处理", user="liuyang")
    crm.ok(
        "complaint",
        "judge",
        tid,
        "--valid",
        "--reason",
        "成立",
        "--department",
        "service",
        "--reply-by",
        "2026-11-24",
        user="lina",
    )

    def due(owner, now=NOW):
        rows = crm.json("due", "--kind", "complaint", "--owner", owner, "--within", "7d", now=now)
        return [(row["rule"], row["record_id"], row["due_at"], row["warning"]) for row in rows]

    # major: 2 working days to resolve, Monday 09:30 -> Wednesday 09:30; the reply promised for
    # Tuesday, by 18:00
    assert due("lina") == [("complaint_resolve", tid, "2026-11-25T09:30:00+08:00", False)]
    assert due("liuyang") == [("complaint_reply", tid, "2026-11-24T18:00:00+08:00", False)]
    crm.ok("complaint", "reply", tid, "--text", "已告知处理进度", user="liuyang")
    assert due("liuyang") == []
    # Tuesday 16:00: 2.5 office hours left of 13, under the 20% left at warn_at 0.8
    assert due("lina", now="2026-11-24T16:00:00+08:00") == [
        ("complaint_resolve", tid, "2026-11-25T09:30:00+08:00", True)
    ]


def test_list_in_chinese_names_the_missed_deadlines_in_chinese(crm):
    log(crm, customer(crm), "--severity", "major")
    # major: acknowledge within 4h of Mon 09:30 (13:30), resolve within 2wd (Wed 09:30): at Wed
    # 10:00 both missed
    table = crm.ok("--lang", "zh", "complaint", "list", now="2026-11-25T10:00:00+08:00")
    assert "受理, 解决" in table.splitlines()[-1] and "acknowledge" not in table


def test_list_names_handler_and_first_responder_as_as_does_and_refuses_a_stranger(demo):
    for option, user in (("--handler", "wang"), ("--first-responder", "zhoumin")):
        by_id = demo.json("complaint", "list", option, user)
        assert (
            by_id
            and demo.json("complaint", "list", option, {"wang": "王建国", "zhoumin": "周敏"}[user])
            == by_id
        )
        result = demo("complaint", "list", option, "nobody")
        assert result.exit_code == 1 and "no staff member 'nobody'" in result.stderr


def test_complaint_list_mine_is_what_i_handle_or_first_responded_to(crm):
    crm.ok("customer", "add", "华丰建材", "--owner", "liuyang", user="wang")
    mine = crm.ok("complaint", "log", "华丰建材", "--summary", "送货晚了", user="liuyang").strip()
    other = crm.ok("complaint", "log", "华丰建材", "--summary", "发票错误", user="lina").strip()
    assert crm.ok("complaint", "list", "--mine", user="liuyang", fmt="ids").split() == [mine]
    assert crm.ok("complaint", "list", "--open", "--mine", user="lina", fmt="ids").split() == [
        other
    ]
    assert crm.ok("complaint", "list", "--mine", user="chenjing", fmt="ids") == ""
