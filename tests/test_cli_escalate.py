"""Escalation through the CLI: by hand up to the top, and `--auto` by the config's timed levels."""

# Monday; a normal complaint received now must be resolved by 11-30 09:30.
NOW = "2026-11-23T09:30:00+08:00"


def complaint(crm, user="liuyang", severity="normal", now=NOW):
    cid = crm.ok("customer", "add", f"华丰建材{severity}", "--owner", "liuyang", now=now).strip()
    return crm.ok(
        "complaint", "log", cid, "--summary", "送货延迟", "--category", "delivery",
        "--severity", severity, user=user, now=now,
    ).strip()  # fmt: skip


def judged(crm, user="liuyang", reply_by="2026-12-04"):
    """A complaint acknowledged at once, its reply promised for Friday 12-04."""
    tid = complaint(crm, user)
    crm.ok(
        "complaint", "judge", tid, "--valid", "--reason", "成立", "--department", "logistics",
        "--reply-by", reply_by, user=user,
    )  # fmt: skip
    return tid


def test_escalation_by_hand_climbs_the_chain_to_the_top(crm):
    tid = complaint(crm)
    assert "needs --reason" in crm("escalate", tid, user="liuyang").stderr
    assert crm.ok("escalate", tid, "--reason", "客户要求主管出面", user="liuyang").strip() == tid
    crm.ok("escalate", tid, "--reason", "需要经理协调物流部", user="lina")
    record = crm.json("complaint", "show", tid)
    assert (record["handler"], record["first_responder"]) == ("wang", "liuyang")
    assert [(e["action"], e["changes"]["handler"]) for e in record["history"][1:]] == [
        ("escalate", {"from": "liuyang", "to": "lina"}),
        ("escalate", {"from": "lina", "to": "wang"}),
    ]
    before = crm.files()
    result = crm("escalate", tid, "--reason", "再上报", user="wang")
    assert (
        result.exit_code == 1
        and "王建国 (wang) is at the top of the reports_to chain" in result.stderr
    )
    assert crm.files() == before
    # the first responder still owes the reply: still allowed to work the complaint
    assert (
        crm.ok("complaint", "reply", tid, "--text", "已告知客户经理在协调", user="liuyang").strip()
        == tid
    )


def test_auto_escalation_applies_each_level_once_and_is_idempotent(crm):
    tid = judged(crm)
    # level 1 (supervisor) once the target is missed; level 2 (manager) one working day later: 12-01
    # 09:30
    assert crm.json("escalate", "--auto", now="2026-11-30T09:00:00+08:00") == []
    dry = crm.json("escalate", "--auto", "--dry-run", now="2026-12-01T10:00:00+08:00")
    assert [(row["level"], row["from"], row["to"]) for row in dry] == [
        (1, "liuyang", "lina"),
        (2, "lina", "wang"),
    ]
    before = crm.files()
    assert crm.ok("escalate", "--auto", now="2026-12-01T10:00:00+08:00", user="wang").strip() == tid
    record = crm.json("complaint", "show", tid, now="2026-12-01T10:00:00+08:00")
    assert (record["handler"], record["escalated"], record["breaches"]) == (
        "wang",
        {"resolve": 2},
        ["resolve"],
    )
    assert [e["note"].split(":")[0] for e in record["history"] if e["action"] == "escalate"] == [
        "level 1",
        "level 2",
    ]
    after = crm.files()
    assert after != before
    assert crm.ok("escalate", "--auto", now="2026-12-01T10:00:00+08:00", user="wang") == ""
    assert crm.files() == after


def test_auto_escalation_after_the_first_level_only(crm):
    tid = judged(crm)
    crm.ok("escalate", "--auto", now="2026-11-30T10:00:00+08:00")
    assert crm.json("complaint", "show", tid, now="2026-11-30T10:00:00+08:00")["handler"] == "lina"
    later = crm.json("escalate", "--auto", now="2026-12-01T10:00:00+08:00")
    assert [(row["level"], row["from"], row["to"]) for row in later] == [(2, "lina", "wang")]


def test_a_crisis_left_unjudged_escalates_first(crm):
    # Friday 17:50: a normal complaint and a crisis, neither judged
    friday = "2026-11-27T17:50:00+08:00"
    normal = complaint(crm, severity="normal", now=friday)
    crisis = complaint(crm, severity="crisis", now=friday)
    assert crm.json("complaint", "show", crisis, now=friday)["handler"] == "wang"
    # the crisis (1 clock hour) is missed at 18:50, but starts with the manager: nothing to climb
    assert crm.json("escalate", "--auto", now="2026-11-27T19:00:00+08:00") == []
    # handed to a specialist, the crisis's missed acknowledgement goes straight back to a manager
    # that evening (a crisis does not wait for Monday); the normal one's (1wd: Monday 17:50) waits
    crm.ok("assign", crisis, "--to", "liuyang", now="2026-11-27T19:00:00+08:00")
    rows = crm.json("escalate", "--auto", now="2026-11-27T19:01:00+08:00")
    assert [(row["id"], row["missed"], row["level"], row["to"]) for row in rows] == [
        (crisis, "acknowledge", 1, "wang"),
    ]
    monday = "2026-11-30T18:01:00+08:00"
    rows = crm.json("escalate", "--auto", now=monday)
    assert [(row["id"], row["missed"], row["level"], row["to"]) for row in rows] == [
        (normal, "acknowledge", 1, "lina"),
    ]
    assert crm.json("complaint", "show", crisis, now=monday)["escalated"] == {"acknowledge": 1}
    assert crm.json("escalate", "--auto", now=monday) == []


def test_a_missed_promised_reply_escalates_once_per_level(crm):
    tid = judged(crm, reply_by="2026-11-24")
    # the reply promised for Tuesday is due by 18:00; level 2 one working day later
    assert crm.json("escalate", "--auto", now="2026-11-24T17:59:00+08:00") == []
    rows = crm.json("escalate", "--auto", now="2026-11-24T18:01:00+08:00")
    assert [(row["missed"], row["level"], row["to"]) for row in rows] == [("reply", 1, "lina")]
    rows = crm.json("escalate", "--auto", now="2026-11-25T18:01:00+08:00")
    assert [(row["missed"], row["level"], row["to"]) for row in rows] == [("reply", 2, "wang")]
    record = crm.json("complaint", "show", tid, now="2026-11-25T18:01:00+08:00")
    assert (record["escalated"], record["first_responder"]) == ({"reply": 2}, "liuyang")
