"""A due item survives being kept in the index as JSON: `from_json(as_json())` is the same item."""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError

import pytest

from crmctl.rules.due_item import DueItem

ZONE = dt.timezone(dt.timedelta(hours=8))
ITEMS = [
    DueItem(
        rule="cadence",
        record_id="C1",
        customer_id="C1",
        customer_name="宁波港务集团",
        owner="wang",
        due=dt.date(2026, 11, 20),
        reason="A1 大客户: every 7 days",
        grade="A1",
        suggested_time="10:30-11:30",
    ),
    DueItem(
        rule="complaint_ack",
        record_id="T1",
        customer_id="C2",
        customer_name="C2",
        owner=None,
        due=dt.date(2026, 11, 23),
        reason="late",
        due_at=dt.datetime(2026, 11, 23, 10, 15, 30, 250, ZONE),
        warning=True,
    ),
]


@pytest.mark.parametrize("item", ITEMS, ids=["follow-up", "complaint"])
def test_an_item_kept_as_json_comes_back_the_same(item):
    back = DueItem.from_json(item.as_json())
    assert back == item and hash(back) == hash(item) and repr(back) == repr(item)
    assert back.overdue_days(dt.date(2026, 11, 23)) == item.overdue_days(dt.date(2026, 11, 23))
    with pytest.raises(FrozenInstanceError):
        back.owner = "lina"


def test_kept_json_of_another_shape_is_refused_by_name():
    data = ITEMS[0].as_json()
    with pytest.raises(TypeError, match="extra"):
        DueItem.from_json({**data, "extra": 1})
    with pytest.raises(TypeError, match="owner"):
        DueItem.from_json({field: value for field, value in data.items() if field != "owner"})
    defaults_left_out = {field: value for field, value in data.items() if field != "grade"}
    assert DueItem.from_json(defaults_left_out).grade is None
