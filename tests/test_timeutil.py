"""Dates in the forms people type and spreadsheets store."""

from __future__ import annotations

import datetime as dt

import pytest

from crmctl.errors import UsageError
from crmctl.timeutil import parse_date, parse_typed_date

NOV_23 = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "typed",
    [
        "2026-11-23",
        "2026/11/23",
        "2026.11.23",
        "2026年11月23日",
        "2026 年 11 月 23 日",
        "20261123",
        "2026-11-23 00:00:00",
        46349,
        46349.0,
        "46349",
        dt.datetime(2026, 11, 23, 8, 0),
        NOV_23,
    ],
)
def test_typed_forms(typed):
    # 46349 = days from Excel's epoch 1899-12-30 to 2026-11-23
    assert parse_typed_date(typed) == NOV_23


@pytest.mark.parametrize("typed", ["2026-02-30", "23/11/2026", "next week", "12", "2026-11"])
def test_not_dates(typed):
    with pytest.raises(ValueError, match="is not a date"):
        parse_typed_date(typed)


@pytest.mark.parametrize(
    "typed, day",
    [
        ("today", NOV_23),
        ("Yesterday", dt.date(2026, 11, 22)),
        ("tomorrow", dt.date(2026, 11, 24)),
        ("+3d", dt.date(2026, 11, 26)),
        ("-7d", dt.date(2026, 11, 16)),
        ("-2w", dt.date(2026, 11, 9)),
        ("+1w", dt.date(2026, 11, 30)),
        (" 2026-12-01 ", dt.date(2026, 12, 1)),
    ],
)
def test_dates_relative_to_today(typed, day):
    assert parse_date(typed, NOV_23) == day


@pytest.mark.parametrize("typed", ["7d", "-7", "--7d", "+-7d", "-7m", "last week"])
def test_not_relative_dates(typed):
    with pytest.raises(UsageError, match="--since '.*' is not a date"):
        parse_date(typed, NOV_23, "--since")
