"""Escalation through the CLI: by hand up to the top, and `--auto` by the config's timed levels."""

NOW = "2026-11-23T09:30:00+08:00"  # Monday; a normal complaint received now must be resolved by 11-30 09:30


def complaint(crm, user="liuyang"):
    cid = crm.ok("customer", "add", "杭州华丰建材有限公司", "--owner", "liuyang").strip()
    return crm.ok(
        "complaint", "log", cid, "--summary", "送货延迟", "--category", "delivery", user=user
    ).strip()


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
    tid = complaint(crm)
    # level 1 (supervisor) once the target is missed; level 2 (manager) one working day later: 12-01 09:30
    assert crm.json("escalate", "--auto", now="2026-11-30T09:00:00+08:00") == []
    dry = crm.json("escalate", "--auto", "--dry-run", now="2026-12-01T10:00:00+08:00")
    assert [(row["level"], row["from"], row["to"]) for row in dry] == [
        (1, "liuyang", "lina"),
        (2, "lina", "wang"),
    ]
    before = crm.files()
    assert crm.ok("escalate", "--auto", now="2026-12-01T10:00:00+08:00", user="wang").strip() == tid
    record = crm.json("complaint", "show", tid, now="2026-12-01T10:00:00+08:00")
    assert (record["handler"], record["escalation_level"], record["breaches"]) == (
        "wang",
        2,
        ["acknowledge", "resolve"],
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
    tid = complaint(crm)
    crm.ok("escalate", "--auto", now="2026-11-30T10:00:00+08:00")
    assert crm.json("complaint", "show", tid, now="2026-11-30T10:00:00+08:00")["handler"] == "lina"
    later = crm.json("escalate", "--auto", now="2026-12-01T10:00:00+08:00")
    assert [(row["level"], row["from"], row["to"]) for row in later] == [(2, "lina", "wang")]
