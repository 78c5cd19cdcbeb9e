"""`crmctl due` end to end: filters, order, JSON rows and an iCalendar file a real parser reads.

Now is Monday 2026-11-23 09:30 (+08:00); the config is `crmctl init`'s default (birthdays and the
config's holidays 3 days ahead, due_horizon 14d).
"""

import datetime as dt
import json
import re

import pytest


@pytest.fixture
def office(crm):
    """Three customers with work in different states, set up through the CLI at back-dated times."""
    ids = {
        "key": crm.ok(
            "customer",
            "add",
            "宁波港务集团",
            "--grade",
            "A1",
            "--owner",
            "wang",
            # its information checked 11-20: the monthly profile_refresh falls due after the horizon
            "--set",
            "profile_checked=2026-11-20",
            now="2026-09-01T10:00",
        ).strip(),
        "b1": crm.ok(
            "customer",
            "add",
            "杭州华丰建材",
            "--grade",
            "B1",
            "--owner",
            "liuyang",
            now="2026-09-01T10:00",
        ).strip(),
        "nobody": crm.ok(
            "customer", "add", "王女士", "--grade", "D", now="2026-08-24T09:00"
        ).strip(),
    }
    # Key account: reached Tue 11-10 (A1 every 7d -> Tue 11-17), then an unanswered call Thu 11-19.
    crm.ok(
        "visit",
        "log",
        ids["key"],
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "周例行沟通",
        user="wang",
        now="2026-11-10T10:00",
    )
    crm.ok(
        "visit",
        "log",
        ids["key"],
        "--channel",
        "phone",
        "--not-reached",
        "--summary",
        "无人接听",
        user="wang",
        now="2026-11-19T10:00",
    )
    # B1: met on site Fri 11-20 (next-day call Mon 11-23) and agreed a call-back Tue 11-24 15:00.
    crm.ok(
        "visit",
        "log",
        ids["b1"],
        "--channel",
        "onsite",
        "--reached",
        "--summary",
        "量房",
        "--callback",
        "2026-11-24T15:00",
        user="liuyang",
        now="2026-11-20T14:00",
    )
    return ids


def test_rows_are_most_overdue_first_with_readable_reasons(crm, office):
    rows = crm.json("due")
    assert [(r["rule"], r["customer_name"], r["due"], r["overdue_days"]) for r in rows] == [
        ("cadence", "宁波港务集团", "2026-11-17", 6),
        ("next_day", "杭州华丰建材", "2026-11-23", 0),
        # D every 90d from creation Mon 08-24 -> Sun 11-22 -> Mon 11-23; no owner.
        ("cadence", "王女士", "2026-11-23", 0),
        ("callback", "杭州华丰建材", "2026-11-24", -1),
    ]
    key = rows[0]
    assert key["reason"] == "A一级 大客户: every 7d; last contact 2026-11-10"
    assert (
        key["owner"] == "wang"
        and key["grade"] == "A1"
        and key["suggested_time"] == "10:30-11:30, 15:00-17:30"
    )
    assert rows[2]["owner"] is None
    assert rows[3]["due_at"] == "2026-11-24T15:00:00+08:00" and rows[3]["suggested_time"] == "15:00"


def test_filters(crm, office):
    def rules(*args, **kwargs):
        return [(r["rule"], r["customer_name"]) for r in crm.json("due", *args, **kwargs)]

    assert rules("--overdue") == [("cadence", "宁波港务集团")]
    assert rules("--owner", "liuyang") == [
        ("next_day", "杭州华丰建材"),
        ("callback", "杭州华丰建材"),
    ]
    assert rules("--mine", user="wang") == [("cadence", "宁波港务集团")]
    assert rules("--kind", "callback", "--kind", "next_day") == [
        ("next_day", "杭州华丰建材"),
        ("callback", "杭州华丰建材"),
    ]
    assert rules("--grade", "A") == [("cadence", "宁波港务集团")]
    assert rules("--within", "0d") == rules()[:3]  # nothing after today
    # 90 days ahead reaches the B1 cadence: contact Fri 11-20 + 30d = Sun 12-20 -> Mon 12-21.
    later = crm.json("due", "--within", "90d", "--kind", "cadence", "--owner", "liuyang")
    assert [(r["due"], r["overdue_days"]) for r in later] == [("2026-12-21", -28)]


def test_a_reached_call_clears_what_it_should_and_nothing_else(crm, office):
    crm.ok(
        "visit",
        "log",
        office["b1"],
        "--channel",
        "phone",
        "--reached",
        "--summary",
        "次日回访, 客户满意",
        "--purpose",
        "next_day",
        user="liuyang",
        now="2026-11-23T10:45",
    )
    rules = [(r["rule"], r["customer_name"]) for r in crm.json("due", now="2026-11-23T11:00")]
    assert ("next_day", "杭州华丰建材") not in rules and ("callback", "杭州华丰建材") not in rules
    assert ("cadence", "宁波港务集团") in rules


def test_table_in_chinese_names_the_owner(crm, office):
    table = crm.ok("--lang", "zh", "due")
    assert "王建国" in table and "逾期天数" in table and "宁波港务集团" in table


def test_the_chinese_table_reads_back_by_screen_columns(demo):
    """Each cell stands below its header's dashes on screen, Chinese names counting two columns a
    character."""
    from wcwidth import wcwidth

    header, dashes, *lines = demo.ok("--lang", "zh", "due").splitlines()
    bounds = [(run.start(), run.end()) for run in re.finditer("-+", dashes)]

    def cells(line):
        at, placed = 0, []
        for char in line:
            placed.append((at, char))
            at += wcwidth(char)
        between = "".join(
            char for at, char in placed if not any(start <= at < end for start, end in bounds)
        )
        assert between.strip() == "", line
        return [
            "".join(char for at, char in placed if start <= at < end).rstrip()
            for start, end in bounds
        ]

    assert (
        cells(header)[:4] == ["到期日", "逾期天数", "规则", "客户"] and cells(header)[-1] == "编号"
    )
    rows = demo.json("due")
    assert [cells(line)[3] for line in lines] == [row["customer_name"] for row in rows]
    assert [cells(line)[-1] for line in lines] == [row["record_id"] for row in rows]
    assert any(not name.isascii() for name in (row["customer_name"] for row in rows))


def test_bad_within_is_a_usage_error(crm, office):
    result = crm("due", "--within", "soon")
    assert result.exit_code == 2 and "is not a duration" in result.stderr


def test_an_unknown_kind_is_a_usage_error_not_an_empty_list(crm, office):
    result = crm("due", "--kind", "birthday")
    assert result.exit_code == 2 and "'birthday'" in result.stderr and "occasion" in result.stderr
    crm.ok("due", "--kind", "complaint_reply")  # the complaint rules are kinds too


def test_owner_is_named_like_any_staff_member_and_a_stranger_is_an_error(crm, office):
    assert crm.json("due", "--owner", "刘洋") == crm.json("due", "--owner", "liuyang") != []
    result = crm("due", "--owner", "liuyan")
    assert result.exit_code == 1 and "no staff member 'liuyan'" in result.stderr


def test_ics_is_read_by_a_real_icalendar_parser(crm, office):
    import icalendar

    result = crm("due", "--format", "ics")
    assert result.exit_code == 0
    text = result.stdout_bytes.decode()  # the runner's .stdout turns CRLF into LF
    assert text.endswith("END:VCALENDAR\r\n") and all(
        len(line.encode()) <= 75 for line in text.split("\r\n")
    )
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "[cadence] 宁波港务集团 (wang)",
        "[next_day] 杭州华丰建材 (liuyang)",
        "[cadence] 王女士",
        "[callback] 杭州华丰建材 (liuyang)",
    ]
    assert events[0].decoded("DTSTART") == dt.date(2026, 11, 17)
    assert events[0].decoded("DTEND") == dt.date(2026, 11, 18)
    assert "last contact 2026-11-10" in str(events[0]["DESCRIPTION"]) and "overdue 6 day(s)" in str(
        events[0]["DESCRIPTION"]
    )
    assert events[3].decoded("DTSTART") == dt.datetime(2026, 11, 24, 7, 0, tzinfo=dt.UTC)
    assert len({str(e["UID"]) for e in events}) == 4
    # A day later the descriptions read differently (overdue 7 days), but the same items keep their
    # UIDs (re-import updates them).
    later = icalendar.Calendar.from_ical(
        crm("due", "--format", "ics", now="2026-11-24T09:30:00+08:00").stdout_bytes
    )

    def uids(events):
        return {(str(e["SUMMARY"]), e.decoded("DTSTART")): str(e["UID"]) for e in events}

    today, tomorrow = uids(events), uids(later.walk("VEVENT"))
    both = today.keys() & tomorrow.keys()
    assert ("[cadence] 宁波港务集团 (wang)", dt.date(2026, 11, 17)) in both  # now overdue 7 days
    assert all(today[key] == tomorrow[key] for key in both)


def test_demo_archive_has_a_realistic_morning(demo):
    rows = demo.json("due", now="2026-11-23T09:00")
    late = [r for r in rows if r["overdue_days"] > 0]
    today = [r for r in rows if r["overdue_days"] == 0]
    ahead = [r for r in rows if r["overdue_days"] < 0]
    assert late and today and ahead
    assert len({r["rule"] for r in rows}) >= 5
    assert rows == sorted(rows, key=lambda r: r["due"])


def test_demo_complaints_put_their_deadlines_in_the_morning_list(demo):
    rows = [
        r for r in demo.json("due", now="2026-11-23T09:00") if r["rule"].startswith("complaint_")
    ]
    assert any(r["overdue_days"] > 0 for r in rows) and any(r["overdue_days"] < 0 for r in rows)
    warned = [r for r in rows if r["warning"]]
    assert warned and all("warning:" in r["reason"] and r["overdue_days"] <= 0 for r in warned)
    assert {r["owner"] for r in rows} >= {
        "wang",
        "zhaolei",
        "chenjing",
    }  # a manager's crisis, an escalation
    statuses = {c["status"] for c in demo.json("complaint", "list")}
    assert statuses == {
        "received",
        "judged",
        "investigating",
        "proposed",
        "approved",
        "implementing",
        "resolved",
        "followed_up",
        "closed",
    }


def test_due_for_one_customer_is_that_customers_share_of_due(demo):
    everything = json.loads(demo("due", "--within", "30d", user="lina", fmt="json").stdout)
    customer = everything[0]["customer_id"]
    name = everything[0]["customer_name"]
    theirs = [item for item in everything if item["customer_id"] == customer]
    for ref in (customer, name):
        shown = demo("due", "--within", "30d", "--customer", ref, user="lina", fmt="json")
        assert json.loads(shown.stdout) == theirs
    table = demo("due", "--within", "30d", "--customer", customer, user="lina")
    assert table.exit_code == 0 and all(item["record_id"] in table.stdout for item in theirs)
    assert demo("due", "--customer", "nobody-like-this", user="lina").exit_code == 1
