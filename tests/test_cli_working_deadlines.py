"""Complaint targets of the default config: normal and major count working time of the calendar,
a crisis is acknowledged on the clock (office 09:00-12:00 and 14:30-18:00, 6.5 h a working day)."""

FRIDAY_EVENING = "2026-11-27T17:50:00+08:00"


def complaint(crm, severity, received, user="liuyang"):
    customer = crm.ok(
        "customer",
        "add",
        f"客户{severity}",
        "--owner",
        "liuyang",
        "--set",
        "status=active",
        now=received,
    ).strip()
    return crm.ok(
        "complaint", "log", customer, "--summary", "地板起鼓", "--severity", severity,
        user=user, now=received,
    ).strip()  # fmt: skip


def due_at(crm, complaint_id, now):
    return {
        row["target"]: row["due_at"]
        for row in crm.json("complaint", "show", complaint_id, now=now)["deadlines"]
    }


def set_config(crm, old, new):
    path = crm.root / "crmctl.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_friday_evening_complaint_of_each_severity(crm):
    normal, major, crisis = (
        complaint(crm, severity, FRIDAY_EVENING) for severity in ("normal", "major", "crisis")
    )
    # normal 1wd: 10 min on Friday, then Monday 09:00-12:00 and 14:30-17:50; 5wd: Friday 12-04 17:50
    assert due_at(crm, normal, FRIDAY_EVENING) == {
        "acknowledge": "2026-11-30T17:50:00+08:00",
        "resolve": "2026-12-04T17:50:00+08:00",
    }
    # major 4wh: 10 min on Friday, 3 h on Monday morning, 50 min after the lunch break
    assert due_at(crm, major, FRIDAY_EVENING) == {
        "acknowledge": "2026-11-30T15:20:00+08:00",
        "resolve": "2026-12-01T17:50:00+08:00",
    }
    # crisis: one clock hour, it does not wait for Monday; its resolution 1wd
    assert due_at(crm, crisis, FRIDAY_EVENING) == {
        "acknowledge": "2026-11-27T18:50:00+08:00",
        "resolve": "2026-11-30T17:50:00+08:00",
    }
    # Monday 09:30 (half an office hour after the weekend): only the crisis is late
    breached = {
        row["id"]: row["breaches"]
        for row in crm.json("complaint", "list", now="2026-11-30T09:30:00+08:00")
    }
    assert breached == {normal: [], major: [], crisis: ["acknowledge"]}


def test_due_shows_a_working_time_target_on_a_working_day(crm):
    normal = complaint(crm, "normal", FRIDAY_EVENING)
    rows = crm.json("due", "--kind", "complaint", "--within", "7d", now="2026-11-28T10:00:00+08:00")
    assert [(row["record_id"], row["rule"], row["due"]) for row in rows] == [
        (normal, "complaint_ack", "2026-11-30"),
        (normal, "complaint_resolve", "2026-12-04"),
    ]


def test_a_holiday_week_does_not_count(demo):
    # 国庆: 10-01 to 10-07 are holidays or the weekend; Wed 09-30 17:00 + 6.5 office h is Thu 10-08
    normal = complaint(demo, "normal", "2026-09-30T17:00:00+08:00", user="lina")
    assert due_at(demo, normal, "2026-10-05T10:00:00+08:00")["acknowledge"] == (
        "2026-10-08T17:00:00+08:00"
    )


def test_a_rest_day_of_tuesday(crm):
    set_config(crm, "rest_days: [sat, sun]", "rest_days: [tue]")
    # Monday 17:00: 1 h on Monday, Tuesday rests, 5.5 h on Wednesday
    normal = complaint(crm, "normal", "2026-11-23T17:00:00+08:00")
    assert due_at(crm, normal, "2026-11-23T17:00:00+08:00")["acknowledge"] == (
        "2026-11-25T17:00:00+08:00"
    )


def test_an_archive_with_clock_targets_keeps_them(crm):
    set_config(crm, "normal: {acknowledge: 1wd", "normal: {acknowledge: 24h")
    normal = complaint(crm, "normal", FRIDAY_EVENING)
    assert due_at(crm, normal, FRIDAY_EVENING)["acknowledge"] == "2026-11-28T17:50:00+08:00"
