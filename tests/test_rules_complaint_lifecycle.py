"""The complaint lifecycle as a pure rule: order of steps, what each demands, consistent states."""

import datetime as dt

import pytest

from crmctl.errors import CrmError
from crmctl.rules import complaint_lifecycle as lifecycle

TODAY = dt.date(2026, 11, 23)


def received(**extra):
    return {
        "id": "T1",
        "status": "received",
        "summary": "地板起鼓",
        "first_responder": "liuyang",
        **extra,
    }


def walk(complaint, *steps):
    for step, inputs in steps:
        complaint = lifecycle.apply_step(complaint, step, inputs, TODAY)
    return complaint


VALID = (
    "judge",
    {
        "valid": True,
        "reason": "成立",
        "department": "production",
        "reply_by": dt.date(2026, 11, 25),
    },
)
TO_RESOLVED = (
    VALID,
    ("investigate", {"root_cause": "基层", "responsible": "张工"}),
    ("propose", {"proposals": ["返工", "折价"]}),
    ("approve", {"proposal": 2}),
    ("implement", {"actions": "返工", "penalty": "罚款"}),
    ("resolve", {"acceptance": "客户接受"}),
)


def test_the_valid_path_reaches_closed_and_each_status_has_its_part():
    complaint = walk(received(), *TO_RESOLVED, ("callback", {"satisfaction": "satisfied"}))
    complaint = lifecycle.reply(complaint, "已答复")
    closed = walk(complaint, ("close", {"summary": "完成", "improvement": "加强验收"}))
    assert closed["status"] == "closed"
    assert closed["approved_proposal"] == "S2" and closed["implementation"] == {
        "actions": "返工",
        "penalty": "罚款",
    }
    assert lifecycle.state_problems(closed) == []
    assert lifecycle.allowed_steps(closed) == []


def test_a_step_out_of_order_names_the_steps_allowed_now():
    with pytest.raises(CrmError) as error:
        lifecycle.apply_step(received(), "approve", {"proposal": 1}, TODAY)
    assert "'approve' is not allowed now; allowed: judge, hold, reply" in str(error.value)


def test_judging_valid_demands_department_and_reply_by_not_in_the_past():
    with pytest.raises(CrmError, match="needs --department, --reply-by"):
        lifecycle.apply_step(received(), "judge", {"valid": True, "reason": "成立"}, TODAY)
    with pytest.raises(CrmError, match="in the past"):
        lifecycle.apply_step(
            received(), "judge", {**VALID[1], "reply_by": dt.date(2026, 11, 22)}, TODAY
        )
    with pytest.raises(CrmError, match="--valid .* or --invalid"):
        lifecycle.apply_step(received(), "judge", {"reason": "?"}, TODAY)


def test_an_invalid_complaint_may_only_close_and_needs_no_improvement_measure():
    invalid = walk(received(), ("judge", {"valid": False, "reason": "不属实"}))
    assert lifecycle.allowed_steps(invalid) == ["close", "reply"]
    with pytest.raises(CrmError, match="before the reply to the customer is logged"):
        walk(invalid, ("close", {"summary": "已婉转答复"}))
    closed = walk(lifecycle.reply(invalid, "婉转答复"), ("close", {"summary": "已婉转答复"}))
    assert lifecycle.state_problems(closed) == []


def test_a_valid_complaint_closes_only_with_an_improvement_measure():
    followed = lifecycle.reply(
        walk(received(), *TO_RESOLVED, ("callback", {"satisfaction": "neutral"})), "ok"
    )
    with pytest.raises(CrmError, match="needs --improvement"):
        walk(followed, ("close", {"summary": "完成"}))


def test_reopen_goes_back_to_investigating_and_clears_the_old_round():
    followed = walk(received(), *TO_RESOLVED, ("callback", {"satisfaction": "unsatisfied"}))
    reopened = walk(followed, ("reopen", {"reason": "仍不满意"}))
    assert reopened["status"] == "investigating"
    assert not {"approved_proposal", "implementation", "resolution", "callback"} & set(reopened)
    assert reopened["proposals"] == ["返工", "折价"]
    assert lifecycle.state_problems(reopened) == []


def test_on_hold_only_resume_and_reply_are_allowed():
    held = lifecycle.hold(received(), "等待生产部")
    assert lifecycle.allowed_steps(held) == ["resume", "reply"]
    with pytest.raises(CrmError, match="on hold .等待生产部.: 'judge' is not allowed"):
        lifecycle.apply_step(held, "judge", VALID[1], TODAY)
    assert "hold_reason" not in lifecycle.resume(held)


def test_resolved_complaints_cannot_be_held():
    resolved = walk(received(), *TO_RESOLVED)
    with pytest.raises(CrmError, match="allowed: callback, reply"):
        lifecycle.hold(resolved, "x")


def test_state_problems_name_the_missing_parts():
    assert lifecycle.state_problems({**received(), "status": "closed"}) == [
        (("status",), "a closed complaint needs its judgement"),
        (("status",), "a closed complaint needs its investigation"),
        (("status",), "a closed complaint needs its proposals"),
        (("status",), "a closed complaint needs its approved_proposal"),
        (("status",), "a closed complaint needs its implementation"),
        (("status",), "a closed complaint needs its resolution"),
        (("status",), "a closed complaint needs its callback"),
        (("status",), "a closed complaint needs its closing"),
        (("status",), "a closed complaint needs the reply to the customer"),
        (("closing", "improvement"), "a closed valid complaint needs its improvement measure"),
    ]
    invalid_investigating = {
        **received(),
        "status": "investigating",
        "judgement": {"valid": False, "reason": "x"},
    }
    assert (
        ("status",),
        "an invalid complaint (不成立) cannot be investigating",
    ) in lifecycle.state_problems(invalid_investigating)


def test_parts_a_complaint_has_not_reached_or_never_gets_are_problems():
    from crmctl.rules.complaint_lifecycle import state_problems

    invalid = {"valid": False, "reason": "非质量问题"}
    closed_invalid = {
        "status": "closed",
        "judgement": invalid,
        "reply": "已致歉",
        "closing": {"summary": "不成立"},
        "investigation": {"root_cause": "胶水", "responsible": "施工队"},
    }
    assert state_problems(closed_invalid) == [
        (("investigation",), "a closed complaint judged invalid cannot have its investigation")
    ]
    received = {"status": "received", "investigation": {"root_cause": "x", "responsible": "y"}}
    assert state_problems(received) == [
        (("investigation",), "a received complaint cannot have its investigation")
    ]
    held = {"status": "judged", "judgement": invalid, "hold_reason": "等客户回复"}
    assert state_problems(held) == [
        (("hold_reason",), "an invalid complaint (不成立) cannot be on hold")
    ]


def test_an_inquiry_is_light_only_without_a_severity():
    assert lifecycle.is_light(received(kind="inquiry"))
    assert lifecycle.allowed_steps(received(kind="lookup")) == ["answer", "convert"]
    assert not lifecycle.is_light(received(kind="inquiry", severity="normal"))
    assert not lifecycle.is_light(received(kind="complaint"))


def test_every_status_but_closed_is_unfinished():
    assert set(lifecycle.STATUSES) - set(lifecycle.UNFINISHED) == {"closed"}
    assert "answered" in lifecycle.UNFINISHED


def test_a_reply_may_be_promised_for_today():
    judged = walk(received(), ("judge", {**VALID[1], "reply_by": TODAY}))
    assert judged["judgement"]["reply_by"] == "2026-11-23"


def test_the_cause_found_is_the_complaints_category_unless_given():
    judged = walk(received(category="delivery"), VALID)
    found = walk(judged, ("investigate", {"root_cause": "物流", "responsible": "张工"}))
    assert found["investigation"]["cause"] == "delivery"
    given = {"root_cause": "物流", "responsible": "张工", "cause": "production"}
    assert walk(judged, ("investigate", given))["investigation"]["cause"] == "production"


def test_a_reached_visit_rating_a_resolved_complaint_is_its_callback():
    resolved = received(status="resolved")
    rated = {"reached": True, "satisfaction": 4}
    assert lifecycle.is_callback_visit(resolved, rated)
    assert not lifecycle.is_callback_visit(received(status="implementing"), rated)
    assert not lifecycle.is_callback_visit({**resolved, "hold_reason": "等客户"}, rated)
    assert not lifecycle.is_callback_visit(resolved, {**rated, "reached": False})
    assert not lifecycle.is_callback_visit(resolved, {"reached": True, "satisfaction": None})


def test_an_inquirys_states_are_checked_on_the_light_path():
    inquiry = received(kind="inquiry")
    answer = {"text": "营业时间9点", "by": "liuyang"}
    assert lifecycle.state_problems(inquiry) == []
    assert lifecycle.state_problems({**inquiry, "status": "answered", "answer": answer}) == []
    assert lifecycle.state_problems({**inquiry, "status": "answered"}) == [
        (("answer",), "a answered inquiry needs its answer")
    ]
    assert lifecycle.state_problems({**inquiry, "status": "judged"}) == [
        (("status",), "an inquiry or lookup without a severity cannot be judged")
    ]
    complaint = received(kind="complaint", severity="normal", status="answered", answer=answer)
    assert lifecycle.state_problems(complaint) == [
        (("status",), "only an inquiry or lookup without a severity is answered")
    ]


def test_a_complaint_closed_elsewhere_is_checked_only_for_being_closed():
    imported = {"status": "closed", lifecycle.CLOSED_ELSEWHERE: "2026-01-05T10:00:00+08:00"}
    assert lifecycle.state_problems(imported) == []  # its parts are what the other system kept
    assert lifecycle.state_problems({**imported, "status": "resolved"}) == [
        ((lifecycle.CLOSED_ELSEWHERE,), "a complaint closed elsewhere (imported history) is closed")
    ]
    assert lifecycle.state_problems({**received(), "status": "unknown"}) == []
