import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmctl.errors import UsageError
from crmctl.rules.calendar import Duration, WorkCalendar, parse_duration, whole_days

TZ = dt.timezone(dt.timedelta(hours=8))
CAL = WorkCalendar(
    {
        "rest_days": ["sat", "sun"],
        "holidays": ["2026-10-01", "2026-10-02", "2026-10-05"],
        "workdays": ["2026-10-10"],  # a Saturday worked instead (调休)
        "office_hours": ["09:00-12:00", "14:30-18:00"],
        "call_windows": ["10:30-11:30", "15:00-17:30"],
    }
)


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


def test_durations_parse_and_refuse_garbage():
    assert parse_duration("24h") == Duration(24, "h")
    assert parse_duration("2wd") == Duration(2, "wd") and parse_duration("2wd").working
    with pytest.raises(UsageError):
        parse_duration("two days")


def test_rest_days_holidays_and_makeup_workdays():
    assert not CAL.is_working_day(dt.date(2026, 11, 21))  # Saturday
    assert not CAL.is_working_day(dt.date(2026, 10, 1))  # holiday
    assert CAL.is_working_day(dt.date(2026, 10, 10))  # Saturday worked instead
    # 2026-09-30 (Wed) + 1 working day: Oct 1, 2 holidays, 3-4 weekend, 5 holiday -> Oct 6
    assert CAL.add_working_days(dt.date(2026, 9, 30), 1) == dt.date(2026, 10, 6)
    # whole weeks at a time: Sep 29-30, Oct 6-9, Saturday Oct 10 worked, Oct 12-16, Oct 19-21
    assert CAL.add_working_days(dt.date(2026, 9, 28), 15) == dt.date(2026, 10, 21)
    assert CAL.roll_forward(dt.date(2026, 11, 28)) == dt.date(
        2026, 11, 30
    )  # Sat -> Mon, across month end


def test_due_dates_roll_off_rest_days():
    # Tue 2026-11-17 + 4d = Sat 21 -> Mon 23
    assert CAL.due_date(dt.date(2026, 11, 17), parse_duration("4d")) == dt.date(2026, 11, 23)
    # Fri 2026-11-20 + 1wd = Mon 23 (次日回访 after a Friday meeting)
    assert CAL.due_date(dt.date(2026, 11, 20), parse_duration("1wd")) == dt.date(2026, 11, 23)


def test_zero_working_days_is_the_day_itself_and_a_calendar_without_one_stops_a_year_on():
    assert CAL.add_working_days(dt.date(2026, 11, 21), 0) == dt.date(2026, 11, 21)
    idle = WorkCalendar({"rest_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]})
    assert idle.roll_forward(dt.date(2026, 11, 23)) == dt.date(2027, 11, 24)  # 366 days on


def test_lead_times_in_whole_days():
    days = dt.timedelta(days=1)
    assert whole_days(None) == whole_days("") == dt.timedelta()
    assert [whole_days(text) / days for text in ("3d", "2w", "2wd", "48h", "36h", "36wh")] == [
        3,
        14,
        2,
        2,
        2,  # a day and a half rounds to two, in hours or working hours
        2,
    ]
    assert whole_days("2160m") == 2 * days and whole_days("30m") == dt.timedelta()


def test_due_dates_in_weeks_minutes_and_working_hours():
    friday = dt.date(2026, 11, 20)
    assert CAL.due_date(friday, parse_duration("2w")) == dt.date(2026, 12, 4)
    assert CAL.due_date(friday, parse_duration("90m")) == friday
    # from Thursday 11-19 00:00, 1500 minutes (25 h) end on Friday; 3000 would reach Saturday
    assert CAL.due_date(dt.date(2026, 11, 19), parse_duration("1500m")) == friday
    # 2000 minutes run into Saturday 11-21 -> Monday
    assert CAL.due_date(friday, parse_duration("2000m")) == dt.date(2026, 11, 23)
    # working hours count from the day's opening (09:00): 6.5 h on Friday, the rest on Monday
    assert CAL.due_date(friday, parse_duration("6wh")) == friday
    assert CAL.due_date(friday, parse_duration("7wh")) == dt.date(2026, 11, 23)


def test_working_hours_skip_lunch_nights_and_weekends():
    # Fri 17:00 + 4 working hours: 1 h Friday, then Mon 09:00-12:00 -> Mon 12:00
    assert CAL.add(at("2026-11-20T17:00"), parse_duration("4wh")) == at("2026-11-23T12:00")
    # one working day = 6.5 office hours: Mon 10:00 + 1wd -> Tue 10:00
    assert CAL.add(at("2026-11-23T10:00"), parse_duration("1wd")) == at("2026-11-24T10:00")
    # a start outside office hours counts from the next opening: Sat 20:00 + 1wh -> Mon 10:00
    assert CAL.add(at("2026-11-21T20:00"), parse_duration("1wh")) == at("2026-11-23T10:00")
    # elapsed time ignores the calendar
    assert CAL.add(at("2026-11-21T20:00"), parse_duration("24h")) == at("2026-11-22T20:00")


def test_working_time_between_two_moments():
    assert CAL.working_time(at("2026-11-20T11:00"), at("2026-11-23T10:00")) == dt.timedelta(
        hours=5.5
    )
    assert CAL.working_time(at("2026-11-23T10:00"), at("2026-11-20T11:00")) == dt.timedelta()
    # Mon 17:00 to Wed 10:00: 1 h, the whole Tuesday (6.5 h), 1 h
    assert CAL.working_time(at("2026-11-23T17:00"), at("2026-11-25T10:00")) == dt.timedelta(
        hours=8.5
    )


def test_call_windows_only_on_working_days():
    assert CAL.call_window(dt.date(2026, 11, 23)) == "10:30-11:30, 15:00-17:30"
    assert CAL.call_window(dt.date(2026, 11, 22)) is None


def walked_add(calendar: WorkCalendar, start: dt.datetime, duration: Duration) -> dt.datetime:
    """The model `add` must equal: office time taken span by span, day by day."""
    remaining = (
        calendar.day_length * duration.amount
        if duration.unit == "wd"
        else dt.timedelta(hours=duration.amount)
    )
    day = start.date()
    while True:
        for span_begin, end in calendar._office_spans(day, start.tzinfo):
            begin = max(span_begin, start)
            if begin < end and end - begin >= remaining:
                return begin + remaining
            remaining -= max(end - begin, dt.timedelta())
        day += dt.timedelta(days=1)


def walked_working_time(
    calendar: WorkCalendar, start: dt.datetime, end: dt.datetime
) -> dt.timedelta:
    total, day = dt.timedelta(), start.date()
    while day <= end.date():
        for begin, finish in calendar._office_spans(day, start.tzinfo):
            total += max(min(finish, end) - max(begin, start), dt.timedelta())
        day += dt.timedelta(days=1)
    return total


CALENDARS = st.builds(
    lambda rest, holidays, hours: WorkCalendar(
        {"rest_days": rest, "holidays": holidays, "office_hours": hours}
    ),
    st.lists(st.sampled_from(["sat", "sun", "fri"]), unique=True),
    st.lists(st.dates(dt.date(2026, 3, 20), dt.date(2026, 4, 20)).map(str), max_size=6),
    st.sampled_from(
        [
            ["09:00-12:00", "14:30-18:00"],
            ["00:00-24:00"],
            ["08:30-17:30"],
            ["22:00-24:00", "00:00-02:00"],
        ]
    ),
)
ZONES = st.sampled_from(
    [TZ, zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("Asia/Shanghai")]
)
MOMENTS = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(dt.datetime(2026, 3, 20), dt.datetime(2026, 4, 10)),
    ZONES,
)


@settings(max_examples=400, deadline=None)
@given(
    CALENDARS, MOMENTS, st.sampled_from(["wh", "wd"]), st.floats(0, 30).map(lambda x: round(x, 2))
)
def test_working_time_added_is_the_office_time_walked_span_by_span(calendar, start, unit, amount):
    """Whole days are taken at once (across a DST change in Berlin too): the same moment as the
    walk."""
    assert calendar.add(start, Duration(amount, unit)) == walked_add(
        calendar, start, Duration(amount, unit)
    )


@settings(max_examples=400, deadline=None)
@given(CALENDARS, MOMENTS, MOMENTS)
def test_working_time_between_is_the_office_time_walked_span_by_span(calendar, start, end):
    assert calendar.working_time(start, end) == walked_working_time(calendar, start, end)


@pytest.mark.parametrize(
    "start, amount, unit",
    [
        (dt.datetime(1000, 1, 1, tzinfo=TZ), 10**7, "wd"),  # far past the calendar's end
        (dt.datetime(9998, 12, 31, 17, tzinfo=TZ), 50, "wh"),
        (dt.datetime(9998, 12, 31, 17, tzinfo=TZ), 3, "w"),
        (dt.datetime(2016, 1, 4, 9, tzinfo=TZ), 10 * 250 * 6.5, "wh"),  # ten years of working time
    ],
)
def test_adding_time_past_the_calendars_end_is_a_bound_not_an_error(start, amount, unit):
    moment = CAL.add(start, Duration(amount, unit))
    assert moment >= start or moment == dt.datetime(9999, 1, 1, tzinfo=TZ)
    assert (moment + dt.timedelta(days=2)).astimezone(dt.UTC)  # room to move it on


def test_a_decade_of_working_time_is_counted_exactly_and_at_once():
    start, end = dt.datetime(2016, 1, 4, 9, tzinfo=TZ), dt.datetime(2026, 1, 5, 9, tzinfo=TZ)
    spent = CAL.working_time(start, end)
    days = sum(
        CAL.is_working_day(start.date() + dt.timedelta(days=n)) for n in range((end - start).days)
    )
    assert spent == CAL.day_length * days
    assert CAL.add(start, Duration(spent / dt.timedelta(hours=1), "wh")) == dt.datetime(
        2026, 1, 2, 18, tzinfo=TZ
    )  # the last working moment before `end`
    assert CAL.add_working_days(start.date(), days) == end.date()
    whole = CAL.working_time(
        dt.datetime(1000, 1, 1, tzinfo=TZ), dt.datetime(9998, 12, 31, tzinfo=TZ)
    )
    assert whole > dt.timedelta(days=300_000)  # centuries, counted without walking them


@pytest.mark.parametrize("day", [dt.date(9999, 12, 31), dt.date(9999, 12, 25), dt.date(1, 1, 1)])
def test_due_dates_at_the_calendars_ends_are_bounds(day):
    for text in ("7d", "2w", "3wd", "4wh"):
        assert isinstance(CAL.due_date(day, parse_duration(text)), dt.date)
    assert isinstance(CAL.roll_forward(day), dt.date)


GRID = [
    at(f"2026-{day}T{time}")
    for day in ("09-25", "09-28", "09-30", "10-03", "10-09", "10-10", "10-11", "11-20", "11-23")
    for time in ("00:00", "09:00", "10:15", "12:00", "14:30", "18:00", "20:00")
]


def walked_working_days(calendar: WorkCalendar, day: dt.date, count: int) -> dt.date:
    for _ in range(count):
        day += dt.timedelta(days=1)
        while not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
    return day


def test_whole_days_and_weeks_taken_at_once_land_where_the_walk_does():
    """Around holidays, a worked Saturday and the ends of spans, amounts near whole days and weeks:
    the shortcuts that skip whole days and weeks give the walk's answer exactly."""
    for start in GRID:
        for hours in (0, 0.5, 3.25, 6.5, 6.75, 13, 19.5, 32.5, 33, 65, 97.5, 130, 162.5, 200):
            duration = Duration(hours, "wh")
            assert CAL.add(start, duration) == walked_add(CAL, start, duration), (start, hours)
        for days in (1, 2, 5, 6, 10, 11, 21, 30):
            duration = Duration(days, "wd")
            assert CAL.add(start, duration) == walked_add(CAL, start, duration), (start, days)
        for count in range(1, 26):
            day = start.date()
            assert CAL.add_working_days(day, count) == walked_working_days(CAL, day, count)
        for end in GRID:
            assert CAL.working_time(start, end) == walked_working_time(CAL, start, end)
