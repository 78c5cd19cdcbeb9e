"""Escalation as pure rules: the reports_to chain and the timed levels of the template
(level 1 to a supervisor at the breach, level 2 to a manager one working day after it)."""

import dataclasses
import datetime as dt
from importlib import resources

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules.calendar import WorkCalendar
from crmctl.rules.escalation import due_escalations, gravity, next_up, up_to_role

CONFIG = Config(
    yamlio.loads(resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes())
)
CALENDAR = WorkCalendar(CONFIG.calendar)
MONDAY = dt.date(2026, 11, 23)


def at(text):
    return dt.datetime.fromisoformat(f"2026-{text}:00+08:00")


def test_the_chain_goes_up_and_skips_people_who_are_away():
    team = CONFIG.team
    assert next_up(team["liuyang"], CONFIG, MONDAY).id == "lina"
    assert next_up(team["lina"], CONFIG, MONDAY).id == "wang"
    assert next_up(team["wang"], CONFIG, MONDAY) is None
    assert up_to_role(team["zhoumin"], "manager", CONFIG, MONDAY).id == "wang"
    assert up_to_role(team["lina"], "supervisor", CONFIG, MONDAY).id == "lina"
    away = Config(CONFIG.data)
    away.team["lina"] = dataclasses.replace(away.team["lina"], away_until="2026-11-30")
    assert next_up(away.team["liuyang"], away, MONDAY).id == "wang"


def test_a_boss_of_the_same_rank_is_passed_over():
    peers = Config(CONFIG.data)  # liuyang reports to chenjing, a specialist as well, then lina
    peers.team["liuyang"] = dataclasses.replace(peers.team["liuyang"], reports_to="chenjing")
    assert next_up(peers.team["liuyang"], peers, MONDAY).id == "lina"


def complaint(**fields):
    # normal, received Monday 11-23 09:30 and judged at once: resolution target Monday 11-30 09:30
    # (5 working days of 6.5 h)
    return {
        "id": "T1",
        "severity": "normal",
        "status": "investigating",
        "received": "2026-11-23T09:30:00+08:00",
        "first_responder": "liuyang",
        "handler": "liuyang",
        "history": [
            {"at": "2026-11-23T09:30:00+08:00", "by": "liuyang", "action": "receive"},
            {"at": "2026-11-23T10:00:00+08:00", "by": "liuyang", "action": "judge"},
        ],
        **fields,
    }


def plan(record, now):
    return [
        (e.level, e.from_handler, e.to_handler)
        for e in due_escalations(record, CONFIG, CALENDAR, at(now))
    ]


def test_levels_are_reached_in_turn_and_applied_once():
    assert plan(complaint(), "11-30T09:30") == []  # exactly at the target: not missed yet
    assert plan(complaint(), "11-30T10:00") == [(1, "liuyang", "lina")]
    # level 2 at 11-30 09:30 + 6.5 office hours = 12-01 09:30
    assert plan(complaint(), "12-01T09:40") == [(1, "liuyang", "lina"), (2, "lina", "wang")]
    assert plan(complaint(handler="lina", escalation_level=1), "12-01T09:40") == [
        (2, "lina", "wang")
    ]
    assert plan(complaint(handler="wang", escalation_level=2), "12-09T09:00") == []


def test_a_handler_already_high_enough_needs_no_level():
    assert plan(complaint(handler="zhaolei"), "11-30T10:00") == []
    assert plan(complaint(handler="zhaolei"), "12-01T09:40") == [(2, "zhaolei", "wang")]


def test_held_or_resolved_complaints_do_not_escalate():
    assert plan(complaint(hold_reason="等待客户"), "12-09T09:00") == []
    resolved = complaint(status="resolved")
    resolved["history"] = [
        *resolved["history"],
        {"at": "2026-12-02T09:00:00+08:00", "by": "lina", "action": "resolve"},
    ]
    assert plan(resolved, "12-09T09:00") == []


def test_each_target_keeps_its_own_levels():
    # acknowledge 1wd -> Tuesday 11-24 09:30 missed: its levels apply, the resolution's are separate
    unjudged = complaint()
    unjudged["history"] = unjudged["history"][:1]
    assert [
        (e.target, e.level) for e in due_escalations(unjudged, CONFIG, CALENDAR, at("11-25T10:00"))
    ] == [
        ("acknowledge", 1),
        ("acknowledge", 2),
    ]
    done = complaint(handler="wang", escalated={"acknowledge": 2})
    done["history"] = done["history"][:1]
    assert plan(done, "12-09T09:00") == []
    # a level already applied for one target is not applied again, the legacy field counts for
    # resolve
    assert plan(complaint(handler="lina", escalated={"acknowledge": 1}), "11-30T10:00") == []
    assert plan(complaint(handler="liuyang", escalated={"resolve": 1}), "11-30T10:00") == []


def test_targets_may_have_levels_of_their_own():
    config = Config(
        {
            **CONFIG.data,
            "escalation": {
                **CONFIG.data["escalation"],
                "targets": {"acknowledge": [{"after_breach": "0h", "to": "manager"}]},
            },
        }
    )
    unjudged = complaint()
    unjudged["history"] = unjudged["history"][:1]
    found = due_escalations(unjudged, config, CALENDAR, at("11-24T10:00"))
    assert [(e.target, e.level, e.to_handler) for e in found] == [("acknowledge", 1, "wang")]


def test_a_crisis_left_unjudged_goes_straight_to_a_manager_that_evening():
    """Friday 17:50, a crisis handled by a specialist and not judged within its clock hour: at
    19:00 it goes to a manager at once (its start_role), not to a supervisor until Monday."""
    crisis = complaint(
        severity="crisis",
        status="received",
        received="2026-11-27T17:50:00+08:00",
        history=[{"at": "2026-11-27T17:50:00+08:00", "by": "liuyang", "action": "receive"}],
    )
    assert plan(crisis, "11-27T18:40") == []
    assert plan(crisis, "11-27T19:00") == [(1, "liuyang", "wang")]
    normal = {**crisis, "severity": "normal"}  # its acknowledgement is due Monday 17:50
    assert plan(normal, "11-30T19:00") == [(1, "liuyang", "lina")]


def test_the_older_escalation_level_counts_for_the_resolution_only():
    # escalation_level (older records) says two levels of resolution were applied: the missed
    # acknowledgement still escalates through its own levels
    unjudged = complaint(escalation_level=2)
    unjudged["history"] = unjudged["history"][:1]
    found = due_escalations(unjudged, CONFIG, CALENDAR, at("11-25T10:00"))
    assert [(e.target, e.level) for e in found] == [("acknowledge", 1), ("acknowledge", 2)]


def test_a_level_that_finds_nobody_is_reported_and_the_next_waits():
    away = Config(CONFIG.data)
    for who in ("lina", "wang"):
        away.team[who] = dataclasses.replace(away.team[who], away_until="2026-12-31")
    found = due_escalations(complaint(), away, CALENDAR, at("12-01T09:40"))
    assert [(e.level, e.from_handler, e.to_handler) for e in found] == [(1, "liuyang", None)]


def test_the_most_severe_complaints_escalate_first():
    records = [{"severity": severity} for severity in ("normal", None, "crisis", "major")]
    ordered = sorted(records, key=lambda record: gravity(CONFIG, record))
    assert [record["severity"] for record in ordered] == ["crisis", "major", "normal", None]
