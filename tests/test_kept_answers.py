"""The index keeps each customer's follow-ups and monthly share between commands: whatever happens
to the files or the config, `due` and `report monthly` give the figures worked out by hand below.

The archive: two B1 customers of liuyang (cadence 30d), both created 2026-10-01; 宁波港务集团 was
reached by phone on 2026-11-02. Now is Monday 2026-11-23. Weekends move a due date to Monday.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import NOW

CREATED = "2026-10-01T10:00:00+08:00"
VISITED = "2026-11-02T10:00:00+08:00"


@pytest.fixture
def crm(crm):
    for name in ("宁波港务集团", "张三"):
        crm.ok(
            "customer", "add", name, "--grade", "B1", "--owner", "liuyang", user="wang", now=CREATED
        )
    crm.ok(
        "visit", "log", "宁波港务集团", "--channel", "phone", "--summary", "回访", "--reached",
        user="liuyang", now=VISITED,
    )  # fmt: skip
    return crm


def cadence(crm, now=NOW) -> list[tuple[str, str, int]]:
    items = crm.json("due", "--kind", "cadence", "--within", "60d", now=now)
    return [(item["customer_name"], item["due"], item["overdue_days"]) for item in items]


def visit_file(crm):
    (path,) = (crm.root / "records" / "visits").glob("*/*/*.yaml")
    return path


def customer_file(crm, name):
    (path,) = [
        path
        for path in (crm.root / "records" / "customers").glob("*.yaml")
        if f"name: {name}" in path.read_text(encoding="utf-8")
    ]
    return path


# 张三, never reached: 2026-10-01 + 30d = Saturday 10-31, so Monday 11-02, 21 days late.
NEVER_REACHED = ("张三", "2026-11-02", 21)


def test_due_cold_and_warm(crm):
    expected = [NEVER_REACHED, ("宁波港务集团", "2026-12-02", -9)]
    assert cadence(crm) == expected
    assert cadence(crm) == expected


def test_a_visit_edited_by_hand_is_seen(crm):
    cadence(crm)
    path = visit_file(crm)
    path.write_text(path.read_text(encoding="utf-8").replace("at: 2026-11-02", "at: 2026-10-20"))
    # 2026-10-20 + 30d = Thursday 11-19: 4 days late.
    assert cadence(crm) == [NEVER_REACHED, ("宁波港务集团", "2026-11-19", 4)]


def test_a_visit_moved_to_another_customer_by_hand_changes_both(crm):
    cadence(crm)
    path = visit_file(crm)
    ningbo, zhang = (customer_file(crm, name).stem for name in ("宁波港务集团", "张三"))
    path.write_text(path.read_text(encoding="utf-8").replace(ningbo, zhang))
    assert cadence(crm) == [("宁波港务集团", "2026-11-02", 21), ("张三", "2026-12-02", -9)]


def test_a_visit_deleted_by_hand_is_seen(crm):
    cadence(crm)
    visit_file(crm).unlink()
    assert cadence(crm) == [("宁波港务集团", "2026-11-02", 21), NEVER_REACHED]


def test_a_config_change_is_seen(crm):
    cadence(crm)
    config = crm.root / "crmctl.yaml"
    text = config.read_text(encoding="utf-8")
    b1 = text.index("code: B1")
    config.write_text(text[:b1] + text[b1:].replace("cadence: 30d", "cadence: 14d", 1))
    # 10-01 + 14d = Thursday 10-15 (39 days late); 11-02 + 14d = Monday 11-16 (7 days late).
    assert cadence(crm) == [("张三", "2026-10-15", 39), ("宁波港务集团", "2026-11-16", 7)]


def test_another_day_is_answered_for_that_day(crm):
    cadence(crm)
    assert cadence(crm, now="2026-12-01T09:00:00+08:00") == [
        ("张三", "2026-11-02", 29),
        ("宁波港务集团", "2026-12-02", -1),
    ]
    assert cadence(crm) == [NEVER_REACHED, ("宁波港务集团", "2026-12-02", -9)]


def test_a_broken_customer_loses_its_items_and_is_reported(crm):
    cadence(crm)
    customer_file(crm, "张三").write_text("name: [unclosed\n", encoding="utf-8")
    result = crm("due", "--kind", "cadence", "--within", "60d", fmt="json")
    assert result.exit_code == 0
    assert [item["customer_name"] for item in json.loads(result.stdout)] == ["宁波港务集团"]
    assert "unreadable record file" in result.stderr


def test_a_visit_logged_through_crmctl_is_seen(crm):
    cadence(crm)
    crm.ok(
        "visit",
        "log",
        "张三",
        "--channel",
        "phone",
        "--summary",
        "回访",
        "--reached",
        user="liuyang",
    )
    # 张三 reached today, 11-23 + 30d = Wednesday 12-23.
    assert cadence(crm) == [("宁波港务集团", "2026-12-02", -9), ("张三", "2026-12-23", -30)]


def monthly(crm, month="2026-11", now=NOW) -> tuple[int, dict[str, int]]:
    """The visits logged in the month, and per staff member who logged any."""
    sections = crm.json("report", "monthly", "--month", month, now=now)["sections"]
    (logged,) = [row["amount"] for row in sections["headline"] if row["figure"] == "visits_logged"]
    return logged, {
        row["staff"]: row["visits_logged"]
        for row in sections["visits_by_staff"]
        if row["visits_logged"]
    }


def test_the_monthly_report_cold_warm_and_after_hand_edits(crm):
    assert monthly(crm) == monthly(crm) == (1, {"liuyang": 1})
    assert monthly(crm, "2026-10")[0] == 0
    path = visit_file(crm)
    path.write_text(path.read_text(encoding="utf-8").replace("at: 2026-11-02", "at: 2026-10-20"))
    assert monthly(crm)[0] == 0 and monthly(crm, "2026-10") == (1, {"liuyang": 1})
    crm.ok(
        "visit",
        "log",
        "张三",
        "--channel",
        "phone",
        "--summary",
        "回访",
        "--not-reached",
        user="lina",
    )
    assert monthly(crm) == (1, {"lina": 1})


def test_a_visit_whose_customer_file_is_broken_still_counts_for_its_staff(crm):
    monthly(crm)
    customer_file(crm, "宁波港务集团").write_text("name: [unclosed\n", encoding="utf-8")
    assert monthly(crm) == (1, {"liuyang": 1})


def complaint_figures(crm, month) -> tuple[int, int]:
    sections = crm.json("report", "monthly", "--month", month)["sections"]
    figures = {row["figure"]: row["amount"] for row in sections["headline"]}
    return figures["complaints_received"], figures["complaints_open_at_end"]


def test_an_open_complaint_counts_in_the_months_it_is_open(crm):
    crm.ok("complaint", "log", "张三", "--summary", "送货晚了", now="2026-10-15T10:00:00+08:00")
    assert complaint_figures(crm, "2026-09") == (0, 0)
    assert complaint_figures(crm, "2026-10") == (1, 1)
    assert complaint_figures(crm, "2026-11") == (0, 1)


def test_due_summary_counts_per_owner_and_rule(crm):
    crm.ok("customer", "add", "无主客户", "--grade", "B1", user="wang", now=CREATED)
    summary = crm.json("due", "--summary", "--kind", "cadence", "--within", "60d")
    # liuyang: 张三 (21 days late) and 宁波港务集团 (due in 9 days); nobody owns 无主客户 (as 张三).
    assert summary == [
        {"owner": "liuyang", "rule": "cadence", "total": 2, "overdue": 1},
        {"owner": None, "rule": "cadence", "total": 1, "overdue": 1},
    ]
    assert crm.json(
        "due", "--summary", "--kind", "cadence", "--overdue", "--mine", user="liuyang"
    ) == [{"owner": "liuyang", "rule": "cadence", "total": 1, "overdue": 1}]
    assert crm.json("due", "--summary", "--customer", "张三", "--kind", "cadence") == [
        {"owner": "liuyang", "rule": "cadence", "total": 1, "overdue": 1}
    ]
    table = crm.ok("--lang", "zh", "due", "--summary", "--kind", "cadence", "--within", "60d")
    assert table.splitlines()[0].split() == ["负责人", "规则", "合计", "逾期数"]
    assert table.splitlines()[2].split() == ["刘洋", "等级周期回访", "2", "1"]  # the rule by name
    assert crm("due", "--summary", "--format", "ics").exit_code == 2
