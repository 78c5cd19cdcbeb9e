"""`crmctl plan` and `report plan`: planned actions, done by matching visits or by hand, in
`due`."""

from __future__ import annotations

import pytest

START = "2026-10-01T09:00:00+08:00"


def at(day: str) -> str:
    return f"2026-{day}T10:00:00+08:00"


@pytest.fixture
def planned(crm):
    """A service plan for Q4 over 华丰 (A1, wang) and 方圆 (B1, liuyang), with five actions."""
    crm.ok(
        "customer", "add", "华丰建材", "--grade", "A1", "--owner", "wang", user="wang", now=START
    )
    crm.ok(
        "customer", "add", "方圆家居", "--grade", "B1", "--owner", "liuyang", user="lina", now=START
    )
    plan = crm.ok(
        "plan",
        "add",
        "2026Q4 服务计划",
        "--kind",
        "service",
        "--from",
        "2026-10-01",
        "--to",
        "2026-12-31",
        "--account",
        "华丰建材",
        user="wang",
        now=START,
    ).strip()

    def action(customer, kind, target, *more):
        crm.ok(
            "plan",
            "action",
            plan,
            customer,
            "--type",
            kind,
            "--target",
            f"2026-{target}",
            *more,
            user="wang",
            now=START,
        )

    action("华丰建材", "visit", "10-15", "--purpose", "routine")
    action("华丰建材", "visit", "10-20", "--purpose", "routine")
    action("华丰建材", "call", "10-25")
    action("方圆家居", "visit", "10-30", "--purpose", "survey")
    action("华丰建材", "review", "11-10", "--owner", "lina")
    return crm, plan


def visit(crm, customer, channel, purpose, day, user):
    crm.ok(
        "visit",
        "log",
        customer,
        "--channel",
        channel,
        "--reached",
        "--purpose",
        purpose,
        "--summary",
        "按计划联系",
        user=user,
        now=at(day),
    )


def statuses(crm, plan, now):
    rows = crm.json("plan", "show", plan, now=now)["progress"]
    return [(row["customer_name"], row["type"], row["status"], row["done_on"]) for row in rows]


def test_planned_visits_are_done_by_matching_visits_each_counting_once(planned):
    crm, plan = planned
    visit(crm, "华丰建材", "onsite", "routine", "10-12", "wang")  # the first routine visit
    visit(crm, "华丰建材", "onsite", "routine", "10-22", "wang")  # the second, two days late
    visit(crm, "华丰建材", "onsite", "survey", "10-23", "wang")  # a visit in person is not a call
    visit(crm, "方圆家居", "phone", "routine", "10-24", "liuyang")  # not the planned purpose

    assert statuses(crm, plan, at("10-31")) == [
        ("华丰建材", "visit", "on_time", "2026-10-12"),
        ("华丰建材", "visit", "late", "2026-10-22"),
        ("华丰建材", "call", "overdue", None),
        ("方圆家居", "visit", "overdue", None),
        ("华丰建材", "review", "open", None),
    ]
    visit(crm, "华丰建材", "phone", "routine", "11-02", "wang")
    assert statuses(crm, plan, at("11-03"))[2] == ("华丰建材", "call", "late", "2026-11-02")


def test_open_actions_are_due_for_their_owners_and_leave_due_when_done(planned):
    crm, plan = planned

    def due(now, user=None):
        rows = crm.json("due", "--kind", "plan_action", "--within", "30d", now=now)
        return sorted((row["owner"], row["customer_name"], row["due"]) for row in rows)

    assert due(at("10-14")) == [
        ("lina", "华丰建材", "2026-11-10"),
        ("liuyang", "方圆家居", "2026-10-30"),
        ("wang", "华丰建材", "2026-10-15"),
        ("wang", "华丰建材", "2026-10-20"),
        ("wang", "华丰建材", "2026-10-25"),
    ]
    visit(crm, "方圆家居", "onsite", "survey", "10-14", "liuyang")
    review = crm.json("plan", "show", plan)["actions"][-1]["id"]
    denied = crm("plan", "done", plan, review, user="liuyang", now=at("10-14"))
    assert denied.exit_code == 1 and "supervisors and managers" in denied.stderr
    crm.ok(
        "plan",
        "done",
        plan,
        review.lower(),
        "--note",
        "年度服务回顾会",
        user="lina",
        now=at("10-14"),
    )
    assert [owner for owner, _, _ in due(at("10-14"))] == ["wang", "wang", "wang"]
    shown = crm.json("plan", "show", plan, now=at("10-14"))
    assert shown["actions"][-1]["done"] == {
        "date": "2026-10-14",
        "by": "lina",
        "note": "年度服务回顾会",
    }


def test_report_plan_per_account_and_owner(planned):
    crm, plan = planned
    visit(crm, "华丰建材", "onsite", "routine", "10-12", "wang")
    visit(crm, "方圆家居", "onsite", "survey", "11-02", "liuyang")
    report = crm.json("report", "plan", plan, now=at("11-05"))["sections"]
    by_account = {row["customer_name"]: row for row in report["plan_by_account"]}
    assert {
        name: (r["planned"], r["done"], r["late"], r["overdue"], r["open"], r["done_rate"])
        for name, r in by_account.items()
    } == {
        "华丰建材": (4, 1, 0, 2, 1, 25.0),
        "方圆家居": (1, 1, 1, 0, 0, 100.0),
        "total": (5, 2, 1, 2, 1, 40.0),
    }
    by_owner = {row["owner"]: (row["planned"], row["done"]) for row in report["plan_by_owner"]}
    assert by_owner == {"wang": (3, 1), "liuyang": (1, 1), "lina": (1, 0), "total": (5, 2)}
    assert crm.json("report", "plan", now=at("11-05"))["sections"] == report  # the plan of today


def test_plans_refuse_specialists_bad_purposes_and_backward_periods(planned):
    crm, plan = planned
    before = crm.files()
    specialist = crm(
        "plan",
        "add",
        "x",
        "--kind",
        "service",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        user="liuyang",
    )
    assert specialist.exit_code == 1 and "specialist" in specialist.stderr
    backwards = crm(
        "plan",
        "add",
        "x",
        "--kind",
        "service",
        "--from",
        "2026-10-31",
        "--to",
        "2026-10-01",
        user="wang",
    )
    assert backwards.exit_code == 1 and "end: 2026-10-01 is before the start" in backwards.stderr
    purpose = crm(
        "plan",
        "action",
        plan,
        "华丰建材",
        "--type",
        "visit",
        "--purpose",
        "golf",
        "--target",
        "2026-11-01",
        user="wang",
    )
    assert purpose.exit_code == 1 and "'golf' is not a visit purpose" in purpose.stderr
    assert crm.files() == before
    assert crm("check").exit_code == 0
