"""`history.history_problems`: a record's history proves itself, or check says where it does not."""

from __future__ import annotations

import copy

from crmctl.rules.history import history_problems, out_of_order

TEAM = {"lina", "wang", "liuyang"}
RECORD = {
    "name": "华丰",
    "grade": "A1",
    "status": "lost",
    "lost_reason": "价格原因",
    "created": "2026-01-05T10:00:00+08:00",
    "updated": "2026-12-02T10:00:00+08:00",
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


def problems_of(change) -> list[tuple[tuple, str]]:
    record = copy.deepcopy(RECORD)
    change(record)
    return history_problems(record, TEAM)


def fields(problems) -> list[tuple]:
    return [path for path, _ in problems]


def test_a_record_whose_history_replays_to_it_has_no_problem():
    assert history_problems(RECORD, TEAM) == []


def test_a_field_changed_without_an_entry_differs_from_the_replay():
    found = problems_of(lambda r: r.update(grade="C"))
    assert fields(found) == [("grade",)]
    assert "('A1'; last changed by history[1], edit by lina" in found[0][1]


def test_an_altered_entry_no_longer_replays_to_the_field():
    found = problems_of(lambda r: r["history"][2]["changes"]["status"].update(to="active"))
    assert fields(found) == [("status",)]


def test_a_removed_field_that_history_set_is_found():
    found = problems_of(lambda r: r.pop("lost_reason"))
    assert fields(found) == [("lost_reason",)]


def test_reordered_or_back_dated_entries_are_out_of_time_order():
    swapped = copy.deepcopy(RECORD)
    swapped["history"].insert(1, swapped["history"].pop(2))
    assert fields(out_of_order(swapped)) == [("history", 2, "at")]
    back_dated = copy.deepcopy(RECORD)
    back_dated["history"][2]["at"] = "2025-12-01T10:00:00+08:00"
    assert fields(out_of_order(back_dated)) == [("history", 2, "at")]


def test_unknown_members_and_actions_are_named():
    found = problems_of(lambda r: r["history"][1].update(by="mallory", action="rewrite"))
    assert fields(found) == [("history", 1, "by"), ("history", 1, "action")]


def test_created_and_updated_agree_with_the_entries():
    assert fields(problems_of(lambda r: r.update(updated="2026-11-30T10:00:00+08:00"))) == [
        ("updated",)
    ]
    assert fields(problems_of(lambda r: r.update(created="2026-02-01T10:00:00+08:00"))) == [
        ("created",)
    ]
    # Offsets are instants: 02:00Z is 10:00+08:00.
    assert problems_of(lambda r: r.update(updated="2026-12-02T02:00:00+00:00")) == []


def test_list_fields_replay_as_additions_and_removals_of_both_sides():
    # Two sides tagged the customer apart; the merge keeps both additions, and so does the replay.
    record = copy.deepcopy(RECORD)
    record["tags"] = ["会员", "优质", "经销商"]
    record["history"][1:1] = [
        {
            "at": "2026-02-01T10:00:00+08:00",
            "by": "lina",
            "action": "edit",
            "changes": {"tags": {"from": ["会员"], "to": ["会员", "优质"]}},
        },
        {
            "at": "2026-02-02T10:00:00+08:00",
            "by": "wang",
            "action": "edit",
            "changes": {"tags": {"from": ["会员"], "to": ["会员", "经销商"]}},
        },
    ]
    assert history_problems(record, TEAM) == []
    record["tags"] = ["会员", "经销商"]
    assert fields(history_problems(record, TEAM)) == [("tags",)]


def test_created_and_updated_in_the_future_are_found_with_the_entries():
    import datetime as dt

    from crmctl.rules.history import in_future

    now = dt.datetime(2026, 12, 2, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    record = copy.deepcopy(RECORD)
    record["updated"] = "2027-01-01T10:00:00+08:00"
    assert fields(in_future(record, now)) == [("updated",)]
