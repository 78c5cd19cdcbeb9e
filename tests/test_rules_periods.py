"""Report periods: months and ISO weeks in the local zone, and the cutoff figures are measured
at."""

import datetime as dt

import pytest

from crmctl.errors import UsageError
from crmctl.rules import periods

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=TZ)  # Monday of ISO week 48


def test_month_default_is_the_one_containing_now_and_runs_until_now():
    period = periods.month(None, NOW)
    assert (period.label, period.start, period.end) == (
        "2026-11",
        dt.datetime(2026, 11, 1, tzinfo=TZ),
        dt.datetime(2026, 12, 1, tzinfo=TZ),
    )
    assert period.cutoff(NOW) == NOW
    assert period.as_dict(NOW) == {
        "period": "2026-11",
        "from": "2026-11-01",
        "to": "2026-11-30",
        "as_of": "2026-11-23T09:30:00+08:00",
        "complete": False,
    }


def test_a_past_month_is_measured_at_its_end_across_a_year_end():
    period = periods.month("2025-12", NOW)
    assert period.end == dt.datetime(2026, 1, 1, tzinfo=TZ) and period.cutoff(NOW) == period.end
    assert period.as_dict(NOW)["complete"] is True


def test_weeks_are_iso_weeks_monday_to_sunday():
    assert periods.week(None, NOW).label == "2026-W48"
    # 2026-W01 starts on Monday 2025-12-29 (1 January 2026 is a Thursday)
    week = periods.week("2026-w1", NOW)
    assert (week.label, week.start.date(), week.end.date()) == (
        "2026-W01",
        dt.date(2025, 12, 29),
        dt.date(2026, 1, 5),
    )


def test_weeks_of_a_month_are_cut_to_it():
    # February 2026: Sunday the 1st belongs to W05 (from 01-26); W09 starts on Monday the 23rd and
    # ends 03-01.
    weeks = periods.weeks_of(periods.month("2026-02", NOW))
    assert [(w.label, w.start.day, (w.end - w.start).days) for w in weeks] == [
        ("2026-W05", 1, 1),
        ("2026-W06", 2, 7),
        ("2026-W07", 9, 7),
        ("2026-W08", 16, 7),
        ("2026-W09", 23, 6),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("2026-13", "not a month"),
        ("11/2026", "not a month"),
        ("2026-W54", "has no week 54"),
        ("2026-48", "not an ISO week"),
    ],
)
def test_bad_periods(text, message):
    parse = periods.week if "W" in text or text == "2026-48" else periods.month
    with pytest.raises(UsageError, match=message):
        parse(text, NOW)
