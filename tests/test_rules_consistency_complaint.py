"""The complaint's consistency rule (writes and `crmctl check`): references, codes, staff, state."""

import dataclasses
from importlib import resources

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules.consistency import RULES

CONFIG = Config(
    yamlio.loads(resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes())
)
COMPLAINT = {
    "id": "T1",
    "customer": "C1",
    "kind": "complaint",
    "severity": "major",
    "category": "product",
    "summary": "地板起鼓",
    "first_responder": "liuyang",
    "handler": "lina",
    "status": "received",
}


def problems(config=CONFIG, known_ids=None, **fields):
    return RULES["complaint"]({**COMPLAINT, **fields}, config, known_ids)


def test_a_good_complaint_has_no_problems():
    assert problems(known_ids={"customer": {"C1"}}) == []


def test_references_codes_and_staff_are_checked():
    assert problems(known_ids={"customer": {"C2"}, "visit": {"V2"}}, visits=["V1"]) == [
        (("customer",), "no customer C1"),
        (("visits", 0), "no visit V1"),
    ]
    found = problems(
        kind="rant",
        channel="pigeon",
        first_responder="ghost",
        judgement={"valid": True, "reason": "x", "department": "moon"},
        status="judged",
    )
    assert [path for path, _ in found] == [
        ("kind",),
        ("channel",),
        ("judgement", "department"),
        ("first_responder",),
    ]
    assert found[-1][1] == "'ghost' is not on the team in crmctl.yaml"


def test_a_departed_handler_is_a_problem_until_closed():
    config = Config(CONFIG.data)
    config.team["lina"] = dataclasses.replace(config.team["lina"], active=False)
    assert problems(config) == [
        (("handler",), "李娜 (lina) has left; hand the complaint over (crmctl handover lina)")
    ]


def test_state_consistency_is_part_of_the_rule():
    assert (
        problems(
            status="closed",
            reply="ok",
            closing={"summary": "完成"},
            judgement={"valid": False, "reason": "不成立"},
        )
        == []
    )
    assert (("status",), "a closed complaint needs its closing") in problems(
        status="closed", reply="ok", judgement={"valid": False, "reason": "不成立"}
    )
