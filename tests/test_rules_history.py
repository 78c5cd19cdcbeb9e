"""`history.as_of`: a record as it stood at a moment, later changes undone."""

import datetime as dt

from crmctl.rules.history import as_of

TZ = dt.timezone(dt.timedelta(hours=8))
CUSTOMER = {
    "id": "C1",
    "name": "华丰",
    "grade": "A1",
    "owner": "wang",
    "status": "lost",
    "lost_reason": "价格原因",
    "history": [
        {"at": "2026-01-05T10:00:00+08:00", "by": "lina", "action": "create"},
        {
            "at": "2026-11-10T10:00:00+08:00",
            "by": "lina",
            "action": "edit",
            "changes": {"grade": {"from": "B1", "to": "A1"}},
        },
        {
            "at": "2026-12-02T10:00:00+08:00",
            "by": "wang",
            "action": "lose",
            "changes": {
                "status": {"from": "active", "to": "lost"},
                "lost_reason": {"to": "价格原因"},
            },
        },
    ],
}


def test_later_changes_are_undone_and_fields_they_added_removed():
    then = as_of(CUSTOMER, dt.datetime(2026, 12, 1, tzinfo=TZ))
    assert (then["grade"], then["status"], "lost_reason" in then, len(then["history"])) == (
        "A1",
        "active",
        False,
        2,
    )
    before = as_of(CUSTOMER, dt.datetime(2026, 11, 1, tzinfo=TZ))
    assert before["grade"] == "B1" and len(before["history"]) == 1
    assert (
        CUSTOMER["status"] == "lost" and len(CUSTOMER["history"]) == 3
    )  # the record itself is untouched


def test_nothing_later_gives_the_record_itself():
    assert as_of(CUSTOMER, dt.datetime(2027, 1, 1, tzinfo=TZ)) is CUSTOMER


def test_the_first_entry_stays_for_a_back_dated_record():
    # logged on 01-05; asked about 2025: it reads as logged, the caller decides by its own dates
    assert as_of(CUSTOMER, dt.datetime(2025, 6, 1, tzinfo=TZ))["grade"] == "B1"
