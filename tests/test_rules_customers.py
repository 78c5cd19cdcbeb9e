import datetime as dt

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules import history
from crmctl.rules.consistency import customer_problems
from crmctl.rules.duplicates import duplicate_groups
from crmctl.rules.grading import in_grade_family, suggest_grade
from tests.conftest import REPO

CONFIG = Config(yamlio.loads((REPO / "crmctl" / "templates" / "crmctl.yaml").read_bytes()))
AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_grade_rules_first_match_wins():
    assert suggest_grade({"annual_volume": 60, "credit": "good"}, CONFIG.grades) == "A1"
    assert suggest_grade({"annual_volume": 60, "credit": "normal"}, CONFIG.grades) == "A2"
    assert suggest_grade({"annual_volume": 8, "margin": "normal"}, CONFIG.grades) == "B1"
    assert suggest_grade({"annual_volume": 8, "margin": "low"}, CONFIG.grades) == "C"
    assert (
        suggest_grade({"annual_volume": 5, "margin": "normal"}, CONFIG.grades) == "B1"
    )  # 5万 is B1, not B2
    assert suggest_grade({"annual_volume": 1, "margin": "high"}, CONFIG.grades) == "D"
    assert suggest_grade({}, CONFIG.grades) is None


def test_grade_letter_names_its_family():
    assert in_grade_family("A1", "A") and in_grade_family("A2", "A") and in_grade_family("A2", "A2")
    assert (
        not in_grade_family("B1", "A")
        and not in_grade_family(None, "A")
        and not in_grade_family("A1", "A2")
    )


def test_key_account_owner_must_be_a_manager_or_key_account_staff():
    problems = customer_problems(
        {"name": "x", "status": "active", "grade": "A1", "owner": "chenjing"}, CONFIG
    )
    assert problems and problems[0][0] == ("owner",) and "key-account staff" in problems[0][1]
    # wang is a manager, liuyang a specialist marked key_account (大客户专员)
    for owner in ("wang", "liuyang"):
        customer = {"name": "x", "status": "active", "grade": "A1", "owner": owner}
        assert customer_problems(customer, CONFIG) == []


def test_config_codes_and_lost_reason_are_checked():
    found = dict(
        customer_problems(
            {
                "name": "x",
                "status": "lost",
                "grade": "Z",
                "owner": "nobody",
                "preferred_channel": "fax",
            },
            CONFIG,
        )
    )
    assert set(found) == {("grade",), ("owner",), ("preferred_channel",), ("lost_reason",)}


def test_history_records_exactly_what_changed():
    old = history.created({"id": "C1", "name": "甲", "grade": "B1"}, AT, "lina")
    later = AT + dt.timedelta(days=1)
    new = history.with_change(
        old, {**old, "grade": "A1", "owner": "wang"}, later, "wang", "edit", "大客户"
    )
    assert new["history"][0] == old["history"][0]
    assert new["history"][1] == {
        "at": "2026-11-24T09:30:00+08:00",
        "by": "wang",
        "action": "edit",
        "changes": {"grade": {"from": "B1", "to": "A1"}, "owner": {"to": "wang"}},
        "note": "大客户",
    }
    assert new["updated"] == "2026-11-24T09:30:00+08:00" and new["created"] == old["created"]


def test_duplicates_match_phones_by_digits_and_names_exactly():
    groups = duplicate_groups(
        [
            {"id": "C1", "name": "甲公司", "mobile": "138 0000 1111"},
            {"id": "C2", "name": "乙公司", "mobile": "13800001111"},
            {"id": "C3", "name": "甲公司"},
        ]
    )
    assert ("mobile", "13800001111", ["C1", "C2"]) in groups and (
        "name",
        "甲公司",
        ["C1", "C3"],
    ) in groups
