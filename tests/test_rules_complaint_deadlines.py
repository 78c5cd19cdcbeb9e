"""Complaint deadlines as pure functions. Calendar of the template: office 09:00-12:00 and
14:30-18:00 (6.5 h a working day), rest on Saturday and Sunday; 2026-11-23 is a Monday."""

import datetime as dt
from importlib import resources

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules.calendar import WorkCalendar
from crmctl.rules.complaint_deadlines import (
    answer_target,
    breaches,
    complaint_due_items,
    pauses,
    targets,
)

CONFIG = Config(
    yamlio.loads(resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes())
)
CALENDAR = WorkCalendar(CONFIG.calendar)
CUSTOMERS = {"C1": {"id": "C1", "name": "华丰", "grade": "B1"}}


def at(text):
    return dt.datetime.fromisoformat(f"2026-{text}:00+08:00")


def complaint(severity="normal", *steps, status="investigating", **fields):
    """A complaint received Monday 11-23 09:30 by liuyang, with `steps` = (action, "MM-DDTHH:MM")
    history."""
    history = [{"at": "2026-11-23T09:30:00+08:00", "by": "liuyang", "action": "receive"}]
    history += [
        {"at": f"2026-{moment}:00+08:00", "by": "liuyang", "action": action}
        for action, moment in steps
    ]
    return {
        "id": "T1",
        "customer": "C1",
        "severity": severity,
        "summary": "地板起鼓",
        "received": history[0]["at"],
        "first_responder": "liuyang",
        "handler": "liuyang",
        "status": status,
        "history": history,
        **fields,
    }


def due(record, now):
    return {t.name: (t.due_at, t.met_at) for t in targets(record, CONFIG, CALENDAR, at(now))}


def test_normal_targets_in_working_time():
    # acknowledge 24h: Tue 09:30. resolve 5wd = 32.5 office hours: Mon 6 + Tue..Thu 19.5 + Fri 6.5 =
    # 32, the last half hour on Monday 11-30 -> 09:30.
    record = complaint("normal", ("judge", "11-23T10:00"))
    assert due(record, "11-23T11:00") == {
        "acknowledge": (at("11-24T09:30"), at("11-23T10:00")),
        "resolve": (at("11-30T09:30"), None),
    }


def test_a_hold_pushes_the_resolution_target_back_by_its_office_time():
    # on hold Tue 09:00 -> Wed 09:00 = one full working day (6.5 h): Mon 11-30 09:30 becomes Tue
    # 12-01 09:30
    record = complaint("normal", ("hold", "11-24T09:00"), ("resume", "11-25T09:00"))
    assert due(record, "11-26T10:00")["resolve"] == (at("12-01T09:30"), None)
    # a hold over the weekend's rest days costs no office time: Fri 17:00 -> Mon 09:00 is 1 h + 0 +
    # 0
    weekend = complaint("normal", ("hold", "11-27T17:00"), ("resume", "11-30T09:00"))
    assert due(weekend, "11-30T09:05")["resolve"] == (at("11-30T10:30"), None)


def test_a_running_hold_stops_the_clock():
    record = complaint("normal", ("hold", "11-24T09:00"), hold_reason="等待客户")
    # held since Tue 09:00; at Thu 09:00 two working days have passed: due moves from Mon 09:30 to
    # Wed 12-02 09:30
    assert due(record, "11-26T09:00")["resolve"] == (at("12-02T09:30"), None)
    assert breaches(record, CONFIG, CALENDAR, at("12-03T09:00")) == ["acknowledge"]


def test_a_breach_stays_after_resolution_and_a_late_hold_does_not_undo_it():
    late = complaint(
        "normal",
        ("judge", "11-23T10:00"),
        ("hold", "11-30T10:00"),
        ("resume", "12-01T10:00"),
        ("resolve", "12-01T11:00"),
        status="resolved",
    )
    # due Mon 11-30 09:30; the hold began after it, so it stays; resolved Tue -> breached for good
    assert due(late, "12-02T09:00")["resolve"] == (at("11-30T09:30"), at("12-01T11:00"))
    assert breaches(late, CONFIG, CALENDAR, at("12-02T09:00")) == ["resolve"]
    on_time = complaint(
        "normal", ("judge", "11-23T10:00"), ("resolve", "11-27T11:00"), status="resolved"
    )
    assert breaches(on_time, CONFIG, CALENDAR, at("12-09T09:00")) == [
        "callback"
    ]  # callback never logged


def test_due_items_go_to_the_handler_and_the_reply_to_the_first_responder():
    # major: resolve 2wd = 13 office hours, Mon 09:30 -> Wed 11-25 09:30; warn_at 0.8 -> warn with
    # 2.6 h left. Tue 16:00 leaves 2 h (Tue) + 0.5 h (Wed) = 2.5 h: a warning. The reply promised
    # for Wed ends at 18:00.
    record = complaint(
        "major",
        ("judge", "11-23T10:00"),
        ("escalate", "11-23T11:00"),
        handler="lina",
        judgement={
            "valid": True,
            "reason": "成立",
            "department": "production",
            "reply_by": "2026-11-25",
        },
    )
    items = {
        item.rule: item
        for item in complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at("11-24T16:00"))
    }
    assert set(items) == {"complaint_resolve", "complaint_reply"}
    resolve, reply = items["complaint_resolve"], items["complaint_reply"]
    assert (resolve.owner, resolve.due_at, resolve.warning) == ("lina", at("11-25T09:30"), True)
    assert (reply.owner, reply.due_at, reply.warning) == ("liuyang", at("11-25T18:00"), False)
    assert resolve.reason.endswith("holds excluded; warning: 2h30m of office time left")
    assert "warning" not in reply.reason
    assert (reply.customer_name, reply.grade, reply.record_id) == ("华丰", "B1", "T1")
    # at Tue 15:00 3.5 h are left: no warning yet
    early = complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at("11-24T15:00"))
    assert [item.warning for item in early if item.rule == "complaint_resolve"] == [False]


def test_the_reply_item_ends_when_the_reply_is_logged_and_the_callback_follows_resolution():
    record = complaint(
        "normal",
        ("judge", "11-23T10:00"),
        ("reply", "11-23T11:00"),
        ("resolve", "11-24T10:00"),
        status="resolved",
        judgement={
            "valid": True,
            "reason": "成立",
            "department": "service",
            "reply_by": "2026-11-24",
        },
    )
    items = complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at("11-24T11:00"))
    # callback 2wd = 13 h after Tue 10:00: Tue 5.5 h, Wed 6.5 h, Thu 1 h -> Thu 11-26 10:00
    assert [(item.rule, item.owner, item.due_at) for item in items] == [
        ("complaint_callback", "liuyang", at("11-26T10:00"))
    ]
    assert (
        complaint_due_items(
            [{**record, "status": "closed"}], CUSTOMERS, CONFIG, CALENDAR, at("11-24T11:00")
        )
        == []
    )


def test_crisis_acknowledgement_is_one_hour_and_overdue_shows():
    record = complaint("crisis", status="received", handler="wang")
    items = complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at("11-24T09:00"))
    ack = next(item for item in items if item.rule == "complaint_ack")
    assert (ack.owner, ack.due_at) == ("wang", at("11-23T10:30"))
    assert ack.as_dict(dt.date(2026, 11, 24))["overdue_days"] == 1


def test_a_warning_says_how_much_time_is_left():
    # crisis: acknowledge within 1h of elapsed time, received 09:30 -> 10:30; warn_at 0.8 -> warn
    # from 10:18.
    record = complaint("crisis", status="received")
    ack = next(
        item
        for item in complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at("11-23T10:20"))
        if item.rule == "complaint_ack"
    )
    assert ack.warning and ack.reason.endswith("acknowledge within 1h; warning: 10m left")


def test_a_reply_promised_for_a_rest_day_is_due_on_the_next_working_day():
    # promised for Saturday 11-28: nobody is in the office, so the reply is due Monday 11-30 at the
    # close
    record = complaint(
        "normal",
        ("judge", "11-27T10:00"),
        judgement={
            "valid": True,
            "reason": "成立",
            "department": "production",
            "reply_by": "2026-11-28",
        },
    )
    assert due(record, "11-28T10:00")["reply"] == (at("11-30T18:00"), None)
    assert "reply" not in breaches(record, CONFIG, CALENDAR, at("11-29T20:00"))


def test_an_entry_logged_during_a_hold_does_not_end_it():
    record = complaint(
        "normal",
        ("judge", "11-23T10:00"),
        ("hold", "11-24T09:00"),
        ("investigate", "11-24T15:00"),
        ("resume", "11-25T09:00"),
    )
    assert pauses(record, at("11-26T09:00")) == [(at("11-24T09:00"), at("11-25T09:00"))]


def test_after_a_reopen_the_resolution_and_callback_count_from_the_latest_resolve():
    record = complaint(
        "normal",
        ("judge", "11-23T10:00"),
        ("resolve", "11-24T10:00"),
        ("reopen", "11-24T16:00"),
        ("resolve", "11-25T10:00"),
        status="resolved",
    )
    found = due(record, "11-25T11:00")
    assert found["resolve"][1] == at("11-25T10:00")
    # callback 2wd = 13 h after Wed 10:00: Wed 5.5 h, Thu 6.5 h, Fri 1 h -> Fri 11-27 10:00
    assert found["callback"] == (at("11-27T10:00"), None)


def test_a_fresh_complaint_has_no_warnings():
    for severity in ("normal", "major", "crisis"):
        record = complaint(severity, status="received")
        items = complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at("11-23T09:30"))
        assert items and [item.warning for item in items] == [False] * len(items)
        assert "warning" not in " ".join(item.reason for item in items)


def test_a_target_met_at_its_very_moment_is_not_breached():
    # acknowledge within 1wd: due Tue 11-24 09:30
    on_time = complaint("normal", ("judge", "11-24T09:30"))
    assert "acknowledge" not in breaches(on_time, CONFIG, CALENDAR, at("11-25T10:00"))
    late = complaint("normal", ("judge", "11-24T09:31"))
    assert "acknowledge" in breaches(late, CONFIG, CALENDAR, at("11-25T10:00"))


def test_a_resume_without_a_hold_and_a_second_hold_change_no_pause():
    record = complaint(
        "normal", ("resume", "11-23T11:00"), ("hold", "11-24T09:00"), ("hold", "11-24T15:00")
    )
    assert pauses(record, at("11-25T09:00")) == [(at("11-24T09:00"), at("11-25T09:00"))]


def test_a_hold_from_the_moment_the_resolution_falls_due_moves_nothing():
    record = complaint("normal", ("hold", "11-30T09:30"), ("resume", "12-01T09:30"))
    assert due(record, "12-02T09:00")["resolve"] == (at("11-30T09:30"), None)


def test_each_targets_allowance_is_in_its_own_measure():
    def lengths(severity):
        found = targets(complaint(severity), CONFIG, CALENDAR, at("11-23T10:00"))
        return {t.name: (t.length / dt.timedelta(hours=1), t.working) for t in found}

    assert lengths("major") == {"acknowledge": (4, True), "resolve": (13, True)}
    assert lengths("crisis") == {"acknowledge": (1, False), "resolve": (6.5, True)}


def test_a_complaint_closed_elsewhere_has_no_targets():
    imported = complaint("normal", status="closed", closed_elsewhere="2026-11-20T10:00:00+08:00")
    assert targets(imported, CONFIG, CALENDAR, at("11-30T10:00")) == []


def inquiry(*steps):
    return {**complaint(None, *steps, status="received"), "kind": "inquiry"}


def test_an_inquiry_is_answered_by_the_close_of_its_working_day():
    # received Mon 09:30 (0wd): answer by Mon 18:00, in office time; met by the first answer
    (found,) = answer_target(inquiry(), CONFIG, CALENDAR)
    assert (found.name, found.due_at, found.met_at, found.working) == (
        "answer",
        at("11-23T18:00"),
        None,
        True,
    )
    assert found.length == dt.timedelta(hours=6)  # 09:30-12:00 and 14:30-18:00
    answered = inquiry(("answer", "11-23T11:00"), ("answer", "11-23T16:00"))
    assert answer_target(answered, CONFIG, CALENDAR)[0].met_at == at("11-23T11:00")
    afternoon = {**inquiry(), "received": "2026-11-23T15:00:00+08:00"}
    assert answer_target(afternoon, CONFIG, CALENDAR)[0].due_at == at("11-23T18:00")
    # received after the close: the next working day's close
    late = {**inquiry(), "received": "2026-11-23T18:30:00+08:00"}
    assert answer_target(late, CONFIG, CALENDAR)[0].due_at == at("11-24T18:00")
    unset = Config({**CONFIG.data, "deadlines": {**CONFIG.deadlines, "inquiry": None}})
    unset.deadlines.pop("inquiry")
    assert answer_target(inquiry(), unset, CALENDAR) == []


def test_the_reply_is_measured_in_office_time_from_the_judgement():
    # judged Mon 14:30, reply promised by Tue: Mon 14:30-18:00 and Tue 6.5 h = 10 h
    record = complaint(
        "normal",
        ("judge", "11-23T14:30"),
        judgement={
            "valid": True,
            "reason": "成立",
            "department": "service",
            "reply_by": "2026-11-24",
        },
    )
    reply = {t.name: t for t in targets(record, CONFIG, CALENDAR, at("11-23T15:00"))}["reply"]
    assert (reply.length, reply.working) == (dt.timedelta(hours=10), True)


def test_a_callback_logged_with_the_resolution_meets_it():
    record = complaint(
        "normal",
        ("judge", "11-23T10:00"),
        ("resolve", "11-24T10:00"),
        ("callback", "11-24T10:00"),
        ("callback", "11-25T10:00"),
        status="followed_up",
    )
    assert due(record, "11-26T10:00")["callback"] == (at("11-26T10:00"), at("11-24T10:00"))


def test_the_warning_starts_when_the_share_left_reaches_warn_at():
    # crisis acknowledge 1h from 09:30; warn_at 0.8: a warning from 10:18 on, not before
    record = complaint("crisis", status="received")

    def warned(now):
        items = complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at(now))
        return next(item.warning for item in items if item.rule == "complaint_ack")

    assert (warned("11-23T10:17"), warned("11-23T10:18")) == (False, True)


def test_a_due_items_reason_starts_with_the_first_60_characters_of_the_summary():
    record = complaint("normal", summary="漏" * 70 + "\n第二行")
    (item, *_) = complaint_due_items([record], CUSTOMERS, CONFIG, CALENDAR, at("11-23T10:00"))
    assert item.reason.startswith("漏" * 60 + " — ")
