"""Complaint deadlines as pure functions. Calendar of the template: office 09:00-12:00 and
14:30-18:00 (6.5 h a working day), rest on Saturday and Sunday; 2026-11-23 is a Monday."""

import datetime as dt
from importlib import resources

from crmctl.config import Config
from crmctl.rules.calendar import WorkCalendar
from crmctl.rules.complaint_deadlines import breaches, complaint_due_items, targets
from crmctl.store import yamlio

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
