"""The callback visit is the callback: a reached, rated visit to a resolved complaint moves it to
followed-up, and `complaint callback` reads satisfaction as `visit log` does."""

import pytest

LATER = "2026-11-25T10:00:00+08:00"


def resolved(crm):
    customer = crm.ok("customer", "add", "华丰建材", "--owner", "liuyang").strip()
    complaint = crm.ok(
        "complaint", "log", customer, "--summary", "地板起鼓", user="liuyang"
    ).strip()
    for step, *options in [
        ("judge", "--valid", "--reason", "成立", "--department", "production", "--reply-by", "+2d"),
        ("investigate", "--root-cause", "基层含水率过高", "--responsible", "施工队"),
        ("propose", "--proposal", "免费返工"),
        ("approve", "--proposal", "1"),
        ("implement", "--actions", "已返工"),
        ("resolve", "--acceptance", "客户确认"),
    ]:
        crm.ok(
            "complaint", step, complaint, *options, user="lina" if step == "approve" else "liuyang"
        )
    return customer, complaint


def visit(crm, customer, complaint, *options):
    return crm.ok(
        "visit",
        "log",
        customer,
        "--channel",
        "phone",
        "--purpose",
        "complaint",
        "--summary",
        "返工后回访",
        "--complaint",
        complaint,
        *options,
        user="liuyang",
        now=LATER,
    ).split()[0]  # fmt: skip  (the visit's id, then the complaint's)


def test_a_reached_rated_visit_is_the_callback_and_both_point_at_each_other(crm):
    customer, complaint = resolved(crm)
    due = crm.json("due", "--kind", "complaint", "--owner", "liuyang", "--within", "7d", now=LATER)
    assert "complaint_callback" in [row["rule"] for row in due]
    visit_id = visit(crm, customer, complaint, "--reached", "--satisfaction", "满意")
    record = crm.json("complaint", "show", complaint, now=LATER)
    assert record["status"] == "followed_up"
    assert record["callback"] == {
        "satisfaction": "satisfied",
        "note": "返工后回访",
        "visit": visit_id,
    }
    assert visit_id in record["visits"]
    assert record["history"][-1]["action"] == "callback"
    assert crm.json("visit", "show", visit_id)["complaint"] == complaint
    due = crm.json("due", "--kind", "complaint", "--owner", "liuyang", "--within", "7d", now=LATER)
    assert "complaint_callback" not in [row["rule"] for row in due]
    assert crm.ok("check", user=None) == ""


@pytest.mark.parametrize(
    "options", [("--not-reached",), ("--reached",)], ids=["not reached", "no satisfaction"]
)
def test_a_visit_that_did_not_reach_or_rate_the_customer_is_only_linked(crm, options):
    customer, complaint = resolved(crm)
    visit_id = visit(crm, customer, complaint, *options)
    record = crm.json("complaint", "show", complaint, now=LATER)
    assert (record["status"], record["history"][-1]["action"]) == ("resolved", "link_visit")
    assert visit_id in record["visits"]


@pytest.mark.parametrize(
    "given, recorded",
    [("满意", "satisfied"), ("4", "satisfied"), ("3", "neutral"), ("一般", "neutral"),
     ("2", "unsatisfied"), ("不满意", "unsatisfied"), ("dissatisfied", "unsatisfied"),
     ("unsatisfied", "unsatisfied")],
)  # fmt: skip
def test_complaint_callback_reads_satisfaction_as_visit_log_does(crm, given, recorded):
    _, complaint = resolved(crm)
    crm.ok("complaint", "callback", complaint, "--satisfaction", given, user="liuyang")
    assert crm.json("complaint", "show", complaint)["callback"]["satisfaction"] == recorded


def test_a_satisfaction_that_is_no_satisfaction_is_a_usage_error(crm):
    _, complaint = resolved(crm)
    result = crm("complaint", "callback", complaint, "--satisfaction", "很好", user="liuyang")
    assert result.exit_code == 2 and "satisfaction '很好' is not 1-5" in result.stderr
