"""The one parser of typed dates, times and durations (rules.typed_dates): a table of forms, and
properties that hold for any day."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmctl.errors import UsageError
from crmctl.rules.calendar import WorkCalendar
from crmctl.rules.typed_dates import FUTURE, PAST, parse_day, parse_moment
from crmctl.timeutil import zone

TZ = zone("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=TZ)  # a Monday
CALENDAR = WorkCalendar({"rest_days": ["sat", "sun"], "holidays": ["2026-11-25"]})


def at(day: str, clock: str = "09:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=TZ)


@pytest.mark.parametrize(
    "typed, future, past",
    [
        ("2026-12-07", at("2026-12-07"), None),
        ("2026-12-07 14:00", at("2026-12-07", "14:00"), None),
        ("2026-12-07T14:00", at("2026-12-07", "14:00"), None),
        ("2026/12/7 14:00", at("2026-12-07", "14:00"), None),
        ("2026年12月7日 下午3点", at("2026-12-07", "15:00"), None),
        ("today", at("2026-11-23"), None),
        ("Tomorrow 15:00", at("2026-11-24", "15:00"), None),
        ("tomorrow 3pm", at("2026-11-24", "15:00"), None),
        ("yesterday", at("2026-11-22"), None),
        ("friday", at("2026-11-27"), at("2026-11-20")),
        ("Mon", at("2026-11-30"), at("2026-11-23")),
        ("this friday", at("2026-11-27"), None),
        ("next monday", at("2026-11-30"), None),
        ("last friday", at("2026-11-20"), None),
        ("+3d", at("2026-11-26"), None),
        ("-2w", at("2026-11-09"), None),
        ("7d", at("2026-11-30"), at("2026-11-16")),
        ("+2wd", at("2026-11-26"), None),  # Tuesday, then Thursday: the 25th is a holiday
        ("-2wd", at("2026-11-19"), None),
        ("in 3 days", at("2026-11-26"), None),
        ("3 days ago", at("2026-11-20"), None),
        ("今天", at("2026-11-23"), None),
        ("明天", at("2026-11-24"), None),
        ("后天", at("2026-11-25"), None),
        ("昨天", at("2026-11-22"), None),
        ("前天", at("2026-11-21"), None),
        ("周五", at("2026-11-27"), at("2026-11-20")),
        ("星期一", at("2026-11-30"), at("2026-11-23")),
        ("星期天", at("2026-11-29"), at("2026-11-22")),
        ("礼拜三", at("2026-11-25"), at("2026-11-18")),
        ("下周一", at("2026-11-30"), None),
        ("下下周一", at("2026-12-07"), None),
        ("上上周五", at("2026-11-13"), None),
        ("12/8", at("2026-12-08"), at("2025-12-08")),
        ("12-08 14:00", at("2026-12-08", "14:00"), at("2025-12-08", "14:00")),
        ("8号", at("2026-12-08"), at("2026-11-08")),
        ("三十一号", at("2026-12-31"), at("2026-10-31")),
        ("月底", at("2026-11-30"), None),
        ("本周五", at("2026-11-27"), None),
        ("这周五", at("2026-11-27"), None),
        ("上周五", at("2026-11-20"), None),
        ("3天后", at("2026-11-26"), None),
        ("三天后", at("2026-11-26"), None),
        ("2周前", at("2026-11-09"), None),
        ("3个工作日后", at("2026-11-27"), at("2026-11-27")),
        ("明天下午3点", at("2026-11-24", "15:00"), None),
        ("明天下午3点半", at("2026-11-24", "15:30"), None),
        ("明天上午十点", at("2026-11-24", "10:00"), None),
        ("后天晚上8点", at("2026-11-25", "20:00"), None),
        ("12月8日 14:00", at("2026-12-08", "14:00"), at("2025-12-08", "14:00")),
        ("12月8号", at("2026-12-08"), at("2025-12-08")),
        ("１２月８日　１４：００", at("2026-12-08", "14:00"), at("2025-12-08", "14:00")),
        ("下午3点", at("2026-11-23", "15:00"), None),
        ("15:00", at("2026-11-23", "15:00"), None),
        ("+2h", at("2026-11-23", "11:30"), None),
        ("30分钟后", at("2026-11-23", "10:00"), None),
        ("now", NOW, None),
        ("2026-11-23T01:30:00Z", dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.UTC), None),
        ("2026-11-23 10:15:00+08:00", at("2026-11-23", "10:15"), None),
    ],
)
def test_forms(typed, future, past):
    assert parse_moment(typed, NOW, CALENDAR, FUTURE) == future
    assert parse_moment(typed, NOW, CALENDAR, PAST) == (past or future)


@pytest.mark.parametrize(
    "typed",
    [
        "monkey",
        "month",
        "25:00",
        "13pm",
        "2026-13-01",
        "2026-02-30",
        "明天下午",
        "下周",
        "周八",
        "hello",
        "",
        "--7d",
        "+-7d",
        "last week",
        "-7",
        "+2wd later",
    ],
)
def test_refused_with_the_forms(typed):
    with pytest.raises(UsageError, match=r"--next '.*' is not a date or time; use one of: .*明天"):
        parse_moment(typed, NOW, CALENDAR, what="--next")


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "+99999999d", "-1000000w"])
def test_years_out_of_range_refused_cleanly(typed):
    with pytest.raises(UsageError, match="--now"):
        parse_moment(typed, NOW, CALENDAR, PAST, "--now")


@pytest.mark.parametrize(
    "typed, day",
    [
        ("周五下午", "2026-11-27"),
        ("今晚", "2026-11-23"),
        ("明早", "2026-11-24"),
        ("明天下午", "2026-11-24"),
    ],
)
def test_a_part_of_a_day_names_the_day_but_no_moment(typed, day):
    assert parse_day(typed, NOW, CALENDAR, FUTURE) == dt.date.fromisoformat(day)
    with pytest.raises(UsageError, match="明天下午3点"):
        parse_moment(typed, NOW, CALENDAR, FUTURE, "--callback")


@pytest.mark.parametrize(
    "typed, day",
    [("上周", "2026-11-16"), ("本周", "2026-11-23"), ("this month", "2026-11-01"),
     ("上月", "2026-10-01"), ("去年", "2025-01-01")],
)  # fmt: skip
def test_a_period_looked_back_on_starts_on_its_first_day(typed, day):
    assert parse_day(typed, NOW, CALENDAR, PAST) == dt.date.fromisoformat(day)
    with pytest.raises(UsageError):
        parse_day(typed, NOW, CALENDAR, FUTURE)  # --next 下周: which day is not said


def test_days_take_no_clock_shift():
    with pytest.raises(UsageError):
        parse_day("-7m", NOW, CALENDAR, PAST)
    assert parse_day("明天下午3点", NOW, CALENDAR) == dt.date(2026, 11, 24)


def test_working_days_need_a_calendar():
    with pytest.raises(UsageError):
        parse_day("+2wd", NOW, None)


DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))


@given(DAYS, DAYS)
def test_iso_days_read_back(today, day):
    now = dt.datetime.combine(today, dt.time(10), TZ)
    for lean in (FUTURE, PAST):
        assert parse_day(day.isoformat(), now, CALENDAR, lean) == day
        assert parse_day(f"{day.year}年{day.month}月{day.day}日", now, CALENDAR, lean) == day


@given(DAYS, st.integers(0, 3000))
def test_relative_days_count_from_today(today, days):
    now = dt.datetime.combine(today, dt.time(10), TZ)
    later, earlier = today + dt.timedelta(days=days), today - dt.timedelta(days=days)
    assert parse_day(f"+{days}d", now, CALENDAR) == later
    assert parse_day(f"{days}天后", now, CALENDAR) == later
    assert parse_day(f"in {days} days", now, CALENDAR) == later
    assert parse_day(f"-{days}d", now, CALENDAR) == earlier
    assert parse_day(f"{days}天前", now, CALENDAR) == earlier
    assert parse_day(f"{days}d", now, CALENDAR, PAST) == earlier


@given(DAYS, st.integers(0, 6))
def test_weekday_names_lean_the_option_way(today, weekday):
    now = dt.datetime.combine(today, dt.time(10), TZ)
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for typed in (names[weekday], "周" + "一二三四五六日"[weekday]):
        ahead = parse_day(typed, now, CALENDAR, FUTURE)
        behind = parse_day(typed, now, CALENDAR, PAST)
        assert ahead.weekday() == behind.weekday() == weekday
        assert 1 <= (ahead - today).days <= 7
        assert 0 <= (today - behind).days <= 6
    following = parse_day("下周" + "一二三四五六日"[weekday], now, CALENDAR)
    assert following.isocalendar()[:2] == (today + dt.timedelta(weeks=1)).isocalendar()[:2]


@given(DAYS, st.integers(-40, 40))
def test_working_days_land_on_working_days(today, count):
    now = dt.datetime.combine(today, dt.time(10), TZ)
    day = parse_day(f"{count:+d}wd", now, CALENDAR)
    if count:
        assert CALENDAR.is_working_day(day)
    if count >= 0:  # working days after today up to the day
        span = range(1, (day - today).days + 1)
        working = [n for n in span if CALENDAR.is_working_day(today + dt.timedelta(days=n))]
        assert len(working) == count
    else:  # working days from the day up to (not including) today
        span = range((today - day).days)
        working = [n for n in span if CALENDAR.is_working_day(day + dt.timedelta(days=n))]
        assert len(working) == -count


@given(st.text(max_size=30))
def test_anything_else_is_a_date_or_a_usage_error(text):
    with contextlib.suppress(UsageError):
        parse_moment(text, NOW, CALENDAR)
