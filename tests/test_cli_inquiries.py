"""Inquiries and lookups (咨询, 查询) on their light path: received → answered → closed, answered
the same working day (deadlines.inquiry 0wd), converted into a complaint when they are one, and
counted apart in the ledger and the weekly report (咨询信息报表)."""

FRIDAY = "2026-11-27T16:00:00+08:00"
MONDAY = "2026-11-30T10:00:00+08:00"


def customer(crm):
    return crm.ok("customer", "add", "华丰建材", "--owner", "liuyang", now=FRIDAY).strip()


def inquiry(crm, customer_id, kind="inquiry", now=FRIDAY):
    return crm.ok(
        "complaint", "log", customer_id, "--kind", kind, "--summary", "保修期多久",
        user="liuyang", now=now,
    ).strip()  # fmt: skip


def test_an_inquiry_is_answered_the_same_working_day_and_closed(crm):
    tid = inquiry(crm, customer(crm))
    record = crm.json("complaint", "show", tid, now=FRIDAY)
    assert (record.get("severity"), record["status"], record["allowed"]) == (
        None,
        "received",
        ["answer", "convert"],
    )
    assert [(d["target"], d["due_at"]) for d in record["deadlines"]] == [
        ("answer", "2026-11-27T18:00:00+08:00")
    ]
    due = crm.json("due", "--owner", "liuyang", "--kind", "inquiry_answer", now=FRIDAY)
    assert [(row["record_id"], row["due"]) for row in due] == [(tid, "2026-11-27")]
    judged = crm(
        "complaint", "judge", tid, "--invalid", "--reason", "x", user="liuyang", now=FRIDAY
    )
    assert judged.exit_code == 1 and "allowed: answer, convert" in judged.stderr
    crm.ok("complaint", "answer", tid, "--text", "两年", user="liuyang",
           now="2026-11-27T17:00:00+08:00")  # fmt: skip
    crm.ok("complaint", "close", tid, user="liuyang", now="2026-11-27T17:05:00+08:00")
    record = crm.json("complaint", "show", tid, now=MONDAY)
    assert record["status"] == "closed" and record["answer"] == {"text": "两年", "by": "liuyang"}
    assert (
        record["breaches"] == [] and crm.json("due", "--kind", "inquiry_answer", now=MONDAY) == []
    )
    assert all(" warning: " in line for line in crm.ok("check", user=None).splitlines())


def test_after_office_hours_the_answer_is_due_the_next_working_day(crm):
    tid = inquiry(crm, customer(crm), now="2026-11-27T19:00:00+08:00")
    deadlines = crm.json("complaint", "show", tid, now=MONDAY)["deadlines"]
    assert deadlines[0]["due_at"] == "2026-11-30T18:00:00+08:00"


def test_a_lookup_that_is_really_a_complaint_is_converted_with_its_history(crm):
    tid = inquiry(crm, customer(crm), kind="lookup")
    crm.ok("complaint", "convert", tid, "--severity", "major", user="liuyang", now=FRIDAY)
    record = crm.json("complaint", "show", tid, now=FRIDAY)
    assert (record["kind"], record["severity"], record["status"]) == (
        "complaint",
        "major",
        "received",
    )
    assert [entry["action"] for entry in record["history"]] == ["receive", "convert"]
    assert record["history"][1]["changes"]["kind"] == {"from": "lookup", "to": "complaint"}
    # the complaint's targets count from the original receipt: 4 office hours from Friday 16:00
    assert record["deadlines"][0] == {
        "target": "acknowledge",
        "owner": "liuyang",
        "due_at": "2026-11-30T11:00:00+08:00",
        "met_at": None,
        "breached": False,
    }
    assert "judge" in record["allowed"]


def test_the_ledger_and_the_weekly_report_count_inquiries_apart(crm):
    customer_id = customer(crm)
    answered = inquiry(crm, customer_id)
    late = inquiry(crm, customer_id, kind="lookup")
    converted = inquiry(crm, customer_id)
    crm.ok(
        "complaint", "answer", answered, "--text", "两年", user="liuyang", now="2026-11-27T17:00"
    )
    crm.ok("complaint", "answer", late, "--text", "已发货", user="liuyang", now=MONDAY)
    crm.ok("complaint", "convert", converted, user="liuyang", now="2026-11-27T17:30")
    report = crm.json("report", "ledger", "--month", "2026-11", now="2026-12-01T10:00:00+08:00")
    sections = report["sections"]
    assert [row["id"] for row in sections["ledger"]] == [converted]
    assert [(row["id"], row["answered_by"], row["in_time"]) for row in sections["inquiries"]] == [
        (answered, "liuyang", True),
        (late, "liuyang", False),
    ]
    totals = {row["figure"]: row["amount"] for row in sections["totals"]}
    assert (totals["complaints_received"], totals["inquiries_received"]) == (1, 2)
    assert (totals["inquiries_answered_in_time"], totals["inquiries_in_time_share"]) == (1, 50.0)

    # the week ends Sunday 11-29: the lookup answered on Monday was not answered at its cutoff
    weekly = crm.json("report", "weekly", "--week", "2026-W48", now="2026-12-01T10:00:00+08:00")
    rows = weekly["sections"]["inquiries"]
    assert [(row["id"], row["answered"], row["in_time"]) for row in rows] == [
        (answered, "2026-11-27 17:00", True),
        (late, None, False),
    ]


def test_the_monthly_report_counts_inquiries_apart_from_complaints(crm):
    """Recomputed by hand: in November one complaint, one inquiry converted into a complaint, one
    inquiry answered the same day and one lookup answered on Monday, too late."""
    customer_id = customer(crm)
    complaint = crm.ok(
        "complaint", "log", customer_id, "--summary", "门板开裂", "--severity", "normal",
        user="liuyang", now=FRIDAY,
    ).strip()  # fmt: skip
    answered, late, converted = (
        inquiry(crm, customer_id),
        inquiry(crm, customer_id, kind="lookup"),
        inquiry(crm, customer_id),
    )
    crm.ok(
        "complaint", "answer", answered, "--text", "两年", user="liuyang", now="2026-11-27T17:00"
    )
    crm.ok("complaint", "answer", late, "--text", "已发货", user="liuyang", now=MONDAY)
    crm.ok("complaint", "convert", converted, user="liuyang", now="2026-11-27T17:30")
    report = crm.json("report", "monthly", "--month", "2026-11", now="2026-12-01T10:00:00+08:00")
    sections = report["sections"]
    figures = {row["figure"]: row["amount"] for row in sections["complaint_figures"]}
    assert (figures["complaints_received"], figures["complaints_open_at_end"]) == (2, 2)
    headline = {row["figure"]: row["amount"] for row in sections["headline"]}
    assert headline["complaints_received"] == 2
    assert sum(row["complaints"] for row in sections["complaints_by_week"]) == 2
    assert sum(row["complaints"] for row in sections["complaints_by_category"]) == 2
    inquiries = {row["figure"]: row["amount"] for row in sections["inquiry_figures"]}
    assert (
        inquiries["inquiries_received"],
        inquiries["inquiries_answered"],
        inquiries["inquiries_answered_in_time"],
    ) == (2, 2, 1)
    assert complaint != converted
