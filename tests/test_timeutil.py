"""Dates in the forms people type and spreadsheets store."""

from __future__ import annotations

import datetime as dt

import pytest

from crmctl.timeutil import parse_typed_date

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
