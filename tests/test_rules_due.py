"""Every follow-up rule as a pure function, with dates worked out by hand.

The calendar is the shipped default: Saturday and Sunday rest; 2026 holidays include 1, 2 and 5-7
October. `now` is Monday 2026-11-23 09:30 (+08:00).
"""

import datetime as dt
from importlib import resources

import pytest

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules import due
from crmctl.rules.calendar import WorkCalendar

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=TZ)
TODAY = NOW.date()
CONFIG = Config(
    yamlio.loads(resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes())
)
CAL = WorkCalendar(CONFIG.calendar)
WINDOWS = "10:30-11:30, 15:00-17:30"


def with_occasions(*occasions):
    return Config({**CONFIG.data, "followups": {**CONFIG.followups, "occasions": list(occasions)}})


PERSONAL_ONLY = with_occasions()  # birthdays and anniversaries, none of the config's holidays


def customer(**fields):
    record = {
        "id": "C1K94ADGY0EX3SDX",
        "name": "华丰建材",
        "status": "active",
        "grade": "B1",
        "owner": "liuyang",
        "created": "2026-01-05T10:00:00+08:00",
        "history": [{"at": "2026-01-05T10:00:00+08:00", "by": "lina", "action": "create"}],
    }
    record.update(fields)
    return {key: value for key, value in record.items() if value is not None}


def visit(at, channel="phone", reached=True, staff="liuyang", **fields):
    return {
        "customer": "C1K94ADGY0EX3SDX",
        "staff": staff,
        "at": f"{at}+08:00",
        "channel": channel,
        "purpose": "routine",
        "reached": reached,
        "summary": "问候",
        **fields,
    }


def run(rule, record, visits=(), config=CONFIG):
    return rule(record, sorted(visits, key=lambda v: v["at"]), config, CAL, NOW)


def only(items):
    assert len(items) == 1, items
    return items[0]


# ------------------------------------------------------------------ grade cadence
def test_cadence_from_last_contact_with_a_readable_reason():
    # A1 every 7d; last contact Tue 2026-11-10 -> due Tue 11-17, 6 days overdue on Mon 11-23.
    item = only(
        run(due.cadence, customer(grade="A1", owner="wang"), [visit("2026-11-10T10:00:00")])
    )
    assert (item.rule, item.due, item.owner, item.grade) == (
        "cadence",
        dt.date(2026, 11, 17),
        "wang",
        "A1",
    )
    assert item.overdue_days(TODAY) == 6
    assert item.reason == "A一级 大客户: every 7d; last contact 2026-11-10"
    assert item.suggested_time == WINDOWS


def test_cadence_due_on_a_rest_day_rolls_to_monday():
    # B1 every 30d; last contact Thu 2026-10-22 + 30 = Sat 11-21 -> Mon 11-23: due today.
    item = only(run(due.cadence, customer(), [visit("2026-10-22T15:00:00")]))
    assert item.due == dt.date(2026, 11, 23) and item.overdue_days(TODAY) == 0


def test_cadence_due_on_a_holiday_rolls_past_the_national_day_week():
    # C every 60d; last contact Sun 2026-08-02 + 60 = Thu 10-01 (holiday); 10-02 holiday, 10-03/04
    # weekend, 10-05..07 holidays -> Thu 10-08.
    item = only(run(due.cadence, customer(grade="C"), [visit("2026-08-02T11:00:00")]))
    assert item.due == dt.date(2026, 10, 8) and item.overdue_days(TODAY) == 46


def test_cadence_rolls_across_a_month_end():
    # B1 every 30d; last contact Thu 2026-10-01 + 30 = Sat 10-31 -> Mon 11-02.
    item = only(run(due.cadence, customer(), [visit("2026-10-01T10:00:00")]))
    assert item.due == dt.date(2026, 11, 2)


def test_a_visit_logged_after_the_due_date_restarts_the_cadence_from_that_visit():
    # A1 due Tue 11-17 from the 11-10 contact; the late call on Thu 11-19 makes it Thu 11-26 (3 days
    # left).
    record = customer(grade="A1", owner="wang")
    item = only(
        run(due.cadence, record, [visit("2026-11-10T10:00:00"), visit("2026-11-19T16:00:00")])
    )
    assert item.due == dt.date(2026, 11, 26) and item.overdue_days(TODAY) == -3


@pytest.mark.parametrize(
    "late_contact",
    [
        visit("2026-11-19T16:00:00", reached=False),  # nobody answered
        visit("2026-11-19T16:00:00", channel="sms"),  # one-way: reaches_customer: false
        visit("2026-11-19T16:00:00", channel="email"),
    ],
)
def test_unreached_calls_and_one_way_messages_do_not_reset_the_cadence(late_contact):
    record = customer(grade="A1", owner="wang")
    item = only(run(due.cadence, record, [visit("2026-11-10T10:00:00"), late_contact]))
    assert item.due == dt.date(2026, 11, 17)


def test_cadence_of_a_never_reached_customer_counts_from_its_creation_and_shows_no_owner():
    # D every 90d from creation on Mon 2026-08-24 -> Sun 11-22 -> Mon 11-23.
    record = customer(grade="D", owner=None, created="2026-08-24T09:00:00+08:00")
    item = only(run(due.cadence, record, [visit("2026-11-20T10:00:00", reached=False)]))
    assert item.owner is None and item.due == dt.date(2026, 11, 23)
    assert "never reached; in the archive since 2026-08-24" in item.reason


def test_no_cadence_for_lost_or_ungraded_customers():
    assert (
        run(
            due.cadence,
            customer(status="lost", lost_reason="价格", lost_at="2026-11-01T10:00:00+08:00"),
        )
        == []
    )
    assert run(due.cadence, customer(grade=None)) == []


# ------------------------------------------------------------------ next day after a meeting
def test_next_working_day_after_an_onsite_meeting():
    # Meeting Fri 2026-11-20 -> 1wd -> Mon 11-23.
    item = only(run(due.next_day, customer(), [visit("2026-11-20T14:00:00", channel="onsite")]))
    assert (item.rule, item.due) == ("next_day", dt.date(2026, 11, 23))


def test_next_day_after_a_meeting_before_the_national_day_holidays():
    # Meeting Wed 2026-09-30 -> next working day Thu 10-08 (10-01..07 holidays and a weekend).
    item = only(run(due.next_day, customer(), [visit("2026-09-30T14:00:00", channel="walkin")]))
    assert item.due == dt.date(2026, 10, 8)


def test_next_day_is_satisfied_by_a_reached_call_after_the_meeting_only():
    meeting = visit("2026-11-20T14:00:00", channel="onsite")
    assert run(due.next_day, customer(), [meeting, visit("2026-11-23T09:00:00")]) == []
    assert (
        run(due.next_day, customer(), [meeting, visit("2026-11-23T09:00:00", reached=False)]) != []
    )
    assert (
        run(due.next_day, customer(), [visit("2026-11-20T10:00:00"), meeting]) != []
    )  # the call came before
    assert (
        run(due.next_day, customer(), [visit("2026-11-20T14:00:00")]) == []
    )  # a phone call is no meeting


def test_next_day_follows_the_latest_meeting():
    # A call answered the first meeting; the second (Fri 11-20) still wants its call on Mon 11-23.
    meetings = [
        visit("2026-11-16T14:00:00", channel="onsite"),
        visit("2026-11-17T10:00:00"),
        visit("2026-11-20T14:00:00", channel="onsite"),
    ]
    item = only(run(due.next_day, customer(), meetings))
    assert item.due == dt.date(2026, 11, 23) and "2026-11-20" in item.reason


# ------------------------------------------------------------------ new owner, handover
def _assigned(action, at, to="zhoumin"):
    return [
        {"at": "2026-01-05T10:00:00+08:00", "by": "lina", "action": "create"},
        {
            "at": at,
            "by": "zhaolei",
            "action": action,
            "changes": {"owner": {"from": "liuyang", "to": to}},
        },
    ]


def test_new_owner_first_contact_within_a_week_of_the_assignment():
    # Assigned Wed 2026-11-18 -> + 7d = Wed 11-25.
    record = customer(owner="zhoumin", history=_assigned("assign", "2026-11-18T10:00:00+08:00"))
    item = only(run(due.new_owner, record))
    assert (item.rule, item.owner, item.due) == ("new_owner", "zhoumin", dt.date(2026, 11, 25))
    assert "zhoumin owner since assign by zhaolei on 2026-11-18" in item.reason
    assert run(due.handover, record) == []


def test_new_owner_is_satisfied_only_by_the_new_owners_reached_contact():
    record = customer(owner="zhoumin", history=_assigned("edit", "2026-11-18T10:00:00+08:00"))
    assert run(due.new_owner, record, [visit("2026-11-19T10:00:00", staff="liuyang")]) != []
    assert (
        run(due.new_owner, record, [visit("2026-11-19T10:00:00", staff="zhoumin", reached=False)])
        != []
    )
    assert (
        run(due.new_owner, record, [visit("2026-11-17T10:00:00", staff="zhoumin")]) != []
    )  # before it was hers
    assert run(due.new_owner, record, [visit("2026-11-19T10:00:00", staff="zhoumin")]) == []
    # a call logged in the very minute of the assignment (a script, --now) is the first contact
    assert run(due.new_owner, record, [visit("2026-11-18T10:00:00", staff="zhoumin")]) == []


def test_a_later_edit_of_other_fields_does_not_restart_the_new_owners_clock():
    history = [
        *_assigned("assign", "2026-11-18T10:00:00+08:00"),
        {
            "at": "2026-11-20T10:00:00+08:00",
            "by": "zhoumin",
            "action": "edit",
            "changes": {"phone": {"from": None, "to": "021-5555 0101"}},
        },
    ]
    record = customer(owner="zhoumin", history=history)
    assert only(run(due.new_owner, record)).due == dt.date(2026, 11, 25)


def test_an_owner_given_at_creation_counts_from_the_creation():
    # Created with an owner on Fri 2026-11-13 -> + 7d = Fri 11-20: 3 days overdue.
    record = customer(
        created="2026-11-13T10:00:00+08:00",
        history=[{"at": "2026-11-13T10:00:00+08:00", "by": "lina", "action": "create"}],
    )
    assert only(run(due.new_owner, record)).due == dt.date(2026, 11, 20)


def test_customer_without_an_owner_has_no_first_contact_due():
    assert (
        run(due.new_owner, customer(owner=None)) == []
        and run(due.handover, customer(owner=None)) == []
    )


def test_handover_first_contact_in_two_working_days():
    # Handed over Fri 2026-11-20 -> 2wd -> Mon 11-23, Tue 11-24.
    record = customer(owner="zhoumin", history=_assigned("handover", "2026-11-20T17:00:00+08:00"))
    item = only(run(due.handover, record))
    assert (item.rule, item.due) == ("handover", dt.date(2026, 11, 24))
    assert "zhoumin handed over on 2026-11-20" in item.reason
    assert run(due.new_owner, record) == []


# ------------------------------------------------------------------ planned follow-ups and
# call-backs
def test_explicit_next_followup_on_a_sunday_rolls_to_monday():
    item = only(
        run(
            due.planned,
            customer(),
            [visit("2026-11-19T10:00:00", reached=False, next_followup="2026-11-22")],
        )
    )
    assert (item.rule, item.due) == ("followup", dt.date(2026, 11, 23))


def test_followup_stays_open_after_an_unreached_retry_and_closes_on_a_reached_one():
    plan = visit("2026-11-19T10:00:00", next_followup="2026-11-20")
    assert run(due.planned, customer(), [plan, visit("2026-11-20T10:00:00", reached=False)]) != []
    assert run(due.planned, customer(), [plan, visit("2026-11-20T10:00:00")]) == []


def test_a_later_plan_replaces_an_earlier_one():
    items = run(
        due.planned,
        customer(),
        [
            visit("2026-11-10T10:00:00", next_followup="2026-11-12"),
            visit("2026-11-19T10:00:00", reached=False, next_followup="2026-11-26"),
        ],
    )
    assert [item.due for item in items] == [dt.date(2026, 11, 26)]


def test_a_later_plan_stays_open_after_the_earlier_one_was_answered():
    # The second plan's visit answers the first; the second plan is due on its own date.
    items = run(
        due.planned,
        customer(),
        [
            visit("2026-11-10T10:00:00", next_followup="2026-11-12"),
            visit("2026-11-19T10:00:00", next_followup="2026-11-26"),
        ],
    )
    assert [item.due for item in items] == [dt.date(2026, 11, 26)]


def test_a_plans_reason_shows_the_first_60_characters_of_its_summary():
    plan = visit("2026-11-19T10:00:00", next_followup="2026-11-26", summary="谈" * 70 + "\n第二行")
    reason = only(run(due.planned, customer(), [plan])).reason
    assert reason.endswith(f"by liuyang: {'谈' * 60}")


def test_agreed_callback_keeps_its_time_and_suggests_it():
    item = only(
        run(
            due.planned,
            customer(),
            [visit("2026-11-20T10:00:00", callback_at="2026-11-23T15:00:00+08:00")],
        )
    )
    assert (item.rule, item.due, item.suggested_time) == (
        "callback",
        dt.date(2026, 11, 23),
        "15:00",
    )
    assert item.due_at == dt.datetime(2026, 11, 23, 15, 0, tzinfo=TZ)


# ------------------------------------------------------------------ lost customers
def test_lost_customer_visit_within_a_week():
    # Lost Fri 2026-11-13 -> + 7d = Fri 11-20: 3 days overdue.
    record = customer(status="lost", lost_reason="价格原因", lost_at="2026-11-13T16:00:00+08:00")
    item = only(run(due.lost, record))
    assert (item.rule, item.due, item.overdue_days(TODAY)) == ("lost", dt.date(2026, 11, 20), 3)
    assert "价格原因" in item.reason
    long = customer(status="lost", lost_reason="因" * 70, lost_at="2026-11-13T16:00:00+08:00")
    assert f"({'因' * 60})" in only(run(due.lost, long)).reason  # the first 60 characters
    assert run(due.lost, record, [visit("2026-11-18T10:00:00", channel="sms")]) != []
    assert run(due.lost, record, [visit("2026-11-18T10:00:00")]) == []


# ------------------------------------------------------------------ occasions
def test_birthday_greeting_three_days_ahead_rolls_off_sunday_and_an_sms_will_do():
    # Birthday 11-25 (Wed); 3 days ahead is Sun 11-22 -> Mon 11-23.
    record = customer(birthday="1985-11-25")
    item = only(run(due.occasion, record, config=PERSONAL_ONLY))
    assert (item.rule, item.due) == (
        "occasion",
        dt.date(2026, 11, 23),
    ) and "2026-11-25" in item.reason
    sms, unanswered = (
        visit("2026-11-23T09:00:00", channel="sms"),
        visit("2026-11-23T09:00:00", reached=False),
    )
    assert run(due.occasion, record, [sms], config=PERSONAL_ONLY) == []
    assert run(due.occasion, record, [unanswered], config=PERSONAL_ONLY) != []
    assert (
        run(due.occasion, record, [visit("2026-11-20T09:00:00")], config=PERSONAL_ONLY) != []
    )  # too early


def test_passed_birthdays_come_round_next_year_and_29_february_uses_the_28th():
    # 2027-11-20 (Sat) - 3d = Wed 11-17.
    assert only(
        run(due.occasion, customer(birthday="1990-11-20"), config=PERSONAL_ONLY)
    ).due == dt.date(2027, 11, 17)
    # 2027-02-28 (Sun) - 3d = Thu 02-25.
    assert only(
        run(due.occasion, customer(anniversary="1988-02-29"), config=PERSONAL_ONLY)
    ).due == dt.date(2027, 2, 25)


def test_config_occasions_follow_their_grades_and_skip_past_dates():
    config = with_occasions(
        {"name": "冬至问候", "date": "12-22", "grades": ["A"]},
        {"name": "店庆", "date": "2026-11-01"},
        {"name": "会员日", "date": "12-01", "tags": ["会员"]},
    )
    # 2026-12-22 (Tue) - 3d = Sat 12-19 -> Mon 12-21.
    assert [
        i.due for i in run(due.occasion, customer(grade="A2", owner="wang"), config=config)
    ] == [dt.date(2026, 12, 21)]
    assert run(due.occasion, customer(grade="B1"), config=config) == []
    # 2026-12-01 (Tue) - 3d = Sat 11-28 -> Mon 11-30.
    assert [i.due for i in run(due.occasion, customer(tags=["会员"]), config=config)] == [
        dt.date(2026, 11, 30)
    ]
    assert (
        run(due.occasion, customer(status="lost", birthday="1985-11-25"), config=PERSONAL_ONLY)
        == []
    )


def test_an_occasion_for_several_grades_is_due_for_each_of_them():
    config = with_occasions({"name": "冬至问候", "date": "12-22", "grades": ["A", "B"]})
    for grade in ("A2", "B1"):
        assert [i.due for i in run(due.occasion, customer(grade=grade), config=config)] == [
            dt.date(2026, 12, 21)
        ]
    assert run(due.occasion, customer(grade="C"), config=config) == []


def test_a_birthday_today_is_this_years_and_a_greeting_on_the_windows_first_day_counts():
    # birthday today (Mon 11-23): greet from Fri 11-20
    item = only(run(due.occasion, customer(birthday="1980-11-23"), config=PERSONAL_ONLY))
    assert item.due == dt.date(2026, 11, 20) and "2026-11-23" in item.reason
    # birthday Thu 11-26: the window opens Mon 11-23, and a greeting that day is in it
    record = customer(birthday="1980-11-26")
    assert run(due.occasion, record, [visit("2026-11-23T09:00:00")], config=PERSONAL_ONLY) == []


def test_the_answer_holds_until_the_day_after_the_nearest_occasion():
    assert due.unchanged_until(
        customer(birthday="1980-11-25"), [], PERSONAL_ONLY, TODAY
    ) == dt.date(2026, 11, 26)
    assert due.unchanged_until(customer(), [], PERSONAL_ONLY, TODAY) == dt.date.max


def test_a_dated_one_off_occasion_is_due_up_to_its_day():
    # 2026-11-25 (Wed) - 3d = Sun 11-22 -> Mon 11-23; on its own day it is still due.
    config = with_occasions({"name": "店庆", "date": "2026-11-25"})
    assert [i.due for i in run(due.occasion, customer(), config=config)] == [dt.date(2026, 11, 23)]
    today = with_occasions({"name": "店庆", "date": "2026-11-23"})
    assert [i.due for i in run(due.occasion, customer(), config=today)] == [dt.date(2026, 11, 20)]


# ------------------------------------------------------------------ key accounts' profiles
def _profile_history(*steps):
    return [
        {"at": "2026-10-01T10:00:00+08:00", "by": "lina", "action": "create"},
        *({"at": f"2026-{at}T10:00:00+08:00", "by": "wang", "action": a} for a, at in steps),
    ]


def test_a_key_accounts_profile_is_due_30_days_after_its_last_edit_or_check():
    # edited Tue 10-20 -> + 30d = Thu 11-19; an assignment changes no information
    history = _profile_history(("edit", "10-20"), ("assign", "11-02"))
    record = customer(grade="A1", owner="wang", history=history)
    item = only(run(due.profile_refresh, record))
    assert (item.rule, item.due) == ("profile_refresh", dt.date(2026, 11, 19))
    # checked unchanged on Tue 11-10 -> + 30d = Thu 12-10
    checked = customer(grade="A1", owner="wang", history=history, profile_checked="2026-11-10")
    assert only(run(due.profile_refresh, checked)).due == dt.date(2026, 12, 10)


def test_only_open_key_accounts_have_their_profile_refreshed():
    history = _profile_history(("edit", "10-20"))
    assert run(due.profile_refresh, customer(grade="B1", history=history)) == []
    lost = customer(grade="A1", status="lost", history=history)
    assert run(due.profile_refresh, lost) == []
    followups = {k: v for k, v in CONFIG.followups.items() if k != "profile_refresh"}
    unset = Config({**CONFIG.data, "followups": followups})
    assert run(due.profile_refresh, customer(grade="A1", history=history), config=unset) == []


# ------------------------------------------------------------------ all rules together
def test_followups_with_validity_take_visits_in_any_order_and_hold_until_an_occasion():
    ours = customer(grade="A1", owner="wang")
    visits = [visit("2026-11-20T10:00:00"), visit("2026-11-02T10:00:00")]
    items, since, until = due.followups_with_validity(
        ours["id"], ours, visits, [], CONFIG, CAL, NOW
    )
    cadence = [item["due"] for item in items if item["rule"] == "cadence"]
    # The latest contact counts, though listed first: Fri 11-20 + 7d = Fri 11-27.
    assert cadence == ["2026-11-27"] and since == NOW.date().isoformat()
    assert until == due.unchanged_until(ours, visits, CONFIG, NOW.date()).isoformat()
    # A customer whose file is missing or broken owes nothing, whatever its visits.
    assert due.followups_with_validity(ours["id"], None, visits, [], CONFIG, CAL, NOW)[0] == []


# ------------------------------------------------------------------ moments dated ahead of now
AHEAD = "2099-01-05T10:00:00"  # written by a machine whose clock ran ahead


def test_a_contact_dated_ahead_counts_as_made_now_and_puts_no_cadence_off():
    # A1 every 7d from Mon 11-23 (now) -> Mon 11-30, not from 2099.
    record = customer(grade="A1", owner="wang")
    item = only(run(due.cadence, record, [visit("2026-11-10T10:00:00"), visit(AHEAD)]))
    assert item.due == dt.date(2026, 11, 30) and "last contact 2026-11-23" in item.reason


def test_a_meeting_and_a_handover_dated_ahead_fall_due_from_now():
    # Meeting "in 2099" taken as Mon 11-23 -> next working day Tue 11-24.
    meeting = visit(AHEAD, channel="onsite")
    assert only(run(due.next_day, customer(), [meeting])).due == dt.date(2026, 11, 24)
    handed = customer(
        history=[
            {"at": "2026-01-05T10:00:00+08:00", "by": "lina", "action": "create"},
            {"at": f"{AHEAD}+08:00", "by": "lina", "action": "handover"},
        ]
    )
    # Handed over "in 2099", taken as Mon 11-23 -> 2wd -> Wed 11-25.
    assert only(run(due.handover, handed)).due == dt.date(2026, 11, 25)


def test_followups_with_a_moment_ahead_hold_only_for_the_day_they_were_asked_on():
    record = customer(grade="A1", owner="wang")
    assert due.unchanged_until(record, [visit("2026-11-10T10:00:00")], PERSONAL_ONLY, TODAY) == (
        dt.date.max
    )
    assert due.unchanged_until(record, [visit(AHEAD)], PERSONAL_ONLY, TODAY) == dt.date(
        2026, 11, 24
    )
    lost = customer(status="lost", lost_at=f"{AHEAD}+08:00")
    assert due.unchanged_until(lost, [], PERSONAL_ONLY, TODAY) == dt.date(2026, 11, 24)


def test_followups_with_validity_hold_one_day_while_the_customer_owes():
    ours = customer(grade="A1", owner="wang")
    owed = {
        "id": "R1K94ADGY0EX3SDX",
        "customer": ours["id"],
        "number": "INV-1",
        "amount": "1000.00",
        "currency": "CNY",
        "issued": "2026-10-10",
        "due": "2026-11-10",
        "state": "open",
    }
    items, _, until = due.followups_with_validity(ours["id"], ours, [], [owed], CONFIG, CAL, NOW)
    assert "receivable_chase" in {item["rule"] for item in items} and until == "2026-11-24"
    closed = {**owed, "state": "closed"}
    items, _, until = due.followups_with_validity(ours["id"], ours, [], [closed], CONFIG, CAL, NOW)
    assert "receivable_chase" not in {item["rule"] for item in items}
    assert until == due.unchanged_until(ours, [], CONFIG, NOW.date()).isoformat()
