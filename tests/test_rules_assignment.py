"""Balanced assignment as a pure rule, against loads worked out by hand (template team and weights:
liuyang 1.2, chenjing 1.0, yangfan 0.8, zhoumin 1.0, huangtao 1.0; team order breaks ties)."""

import dataclasses
import datetime as dt
from collections import Counter
from importlib import resources

from crmctl.archive import yamlio
from crmctl.config import Config
from crmctl.rules.assignment import Placement, balanced_plan, loads, to_person

CONFIG = Config(
    yamlio.loads(resources.files("crmctl.templates").joinpath("crmctl.yaml").read_bytes())
)
MONDAY = dt.date(2026, 11, 23)


def customer(record_id, owner=None, status="active", grade="B1"):
    return {"id": record_id, "owner": owner, "status": status, "grade": grade}


def complaint(record_id, handler=None, status="received", category="product", severity="normal"):
    return {
        "id": record_id,
        "handler": handler,
        "status": status,
        "category": category,
        "severity": severity,
    }


CUSTOMERS = [
    customer("C1", "liuyang"),
    customer("C2", "liuyang"),
    customer("C3", "chenjing"),
    customer("C4", "chenjing", status="lost"),
    customer("C5", "zhoumin", status="prospect"),
]
COMPLAINTS = [complaint("T1", "zhoumin"), complaint("T2", "huangtao", status="closed")]


def test_load_counts_active_customers_and_open_complaints():
    # lost C4, prospect C5 and closed T2 are not load
    assert loads(CUSTOMERS, COMPLAINTS) == Counter({"liuyang": 2, "chenjing": 1, "zhoumin": 1})


def test_a_batch_of_prospects_is_shared_out():
    # nobody has load; specialists per weight: each placement adds 1 / weight, ties by team order P1
    # liuyang(0) -> 0.83; P2 chenjing(0) -> 1; P3 yangfan(0) -> 1.25; P4 zhoumin(0); P5 huangtao(0);
    # P6 liuyang (0.83 is the least)
    new = [("customer", customer(f"P{n}", status="prospect")) for n in range(1, 7)]
    plan = balanced_plan(new, Counter(), CONFIG, MONDAY)
    assert [p.to_staff for p in plan] == [
        "liuyang",
        "chenjing",
        "yangfan",
        "zhoumin",
        "huangtao",
        "liuyang",
    ]


def test_customers_go_to_the_least_loaded_specialist_per_weight():
    # per weight: liuyang 2/1.2=1.67, chenjing 1, yangfan 0, zhoumin 1, huangtao 0
    # C6 -> yangfan (0, before huangtao in team order); yangfan 1/0.8=1.25
    # C7 -> huangtao (0); C8 -> chenjing (1; zhoumin and huangtao at 1 come later in team order);
    # C9 -> zhoumin (1, before huangtao 1 < yangfan 1.25 < liuyang 1.67 < chenjing 2)
    new = [("customer", customer(f"C{n}")) for n in (6, 7, 8, 9)]
    plan = balanced_plan(new, loads(CUSTOMERS, COMPLAINTS), CONFIG, MONDAY)
    assert [p.to_staff for p in plan] == ["yangfan", "huangtao", "chenjing", "zhoumin"]


def test_key_accounts_go_to_a_manager_and_complaints_to_skilled_staff():
    items = [
        ("customer", customer("C6", grade="A1")),
        ("complaint", complaint("T3", category="billing")),
        ("complaint", complaint("T4", category="product")),
        ("complaint", complaint("T5", severity="crisis")),
    ]
    plan = balanced_plan(items, loads(CUSTOMERS, COMPLAINTS), CONFIG, MONDAY)
    # billing: liuyang (1.67) or yangfan (0) -> yangfan; product: zhoumin (2) or huangtao (0) ->
    # huangtao
    assert [p.to_staff for p in plan] == ["wang", "yangfan", "huangtao", "wang"]


def test_away_and_inactive_staff_get_nothing_and_a_gap_is_reported():
    team = Config(CONFIG.data)
    team.team["huangtao"] = dataclasses.replace(team.team["huangtao"], away_until="2026-12-01")
    team.team["zhoumin"] = dataclasses.replace(team.team["zhoumin"], active=False)
    plan = balanced_plan([("complaint", complaint("T3"))], Counter(), team, MONDAY)
    assert (plan[0].to_staff, plan[0].reason) == (
        None,
        "no available specialist with skill 'product'",
    )
    # from 2026-12-01 huangtao is back
    assert (
        balanced_plan([("complaint", complaint("T3"))], Counter(), team, dt.date(2026, 12, 1))[
            0
        ].to_staff
        == "huangtao"
    )


def test_reassigning_moves_the_load_and_exclusions_are_honoured():
    owned = [("customer", c) for c in CUSTOMERS if c["owner"] == "liuyang"]
    plan = balanced_plan(owned, loads(CUSTOMERS, COMPLAINTS), CONFIG, MONDAY, exclude={"liuyang"})
    # yangfan 0 -> 1 (1.25), then huangtao 0
    assert [(p.from_staff, p.to_staff) for p in plan] == [
        ("liuyang", "yangfan"),
        ("liuyang", "huangtao"),
    ]


def test_moving_an_owned_customer_frees_its_owners_load_within_the_plan():
    # per weight: liuyang 3/1.2=2.5, chenjing 2, yangfan 2/0.8=2.5, zhoumin 2, huangtao 2
    busy = Counter({"liuyang": 3, "chenjing": 2, "yangfan": 2, "zhoumin": 2, "huangtao": 2})
    # C1 -> chenjing (2, first in team order); liuyang drops to 2/1.2=1.67 and takes N1 (then
    # 2.5); N2 goes to zhoumin (2)
    moved = [
        ("customer", customer("C1", "liuyang")),
        ("customer", customer("N1")),
        ("customer", customer("N2")),
    ]
    assert [(p.from_staff, p.to_staff) for p in balanced_plan(moved, busy, CONFIG, MONDAY)] == [
        ("liuyang", "chenjing"),
        (None, "liuyang"),
        (None, "zhoumin"),
    ]
    # a prospect was no load: moving it frees none, and N1 goes to zhoumin (2)
    prospect = [("customer", customer("P1", "liuyang", status="prospect")), moved[1]]
    assert [p.to_staff for p in balanced_plan(prospect, busy, CONFIG, MONDAY)] == [
        "chenjing",
        "zhoumin",
    ]


def test_a_person_chosen_for_a_key_account_must_serve_key_accounts():
    key_account = customer("C6", "wang", grade="A1")
    refused = to_person("customer", key_account, CONFIG.team["chenjing"], CONFIG, "by hand")
    assert (refused.from_staff, refused.to_staff) == ("wang", None)
    assert "is a key account" in refused.reason
    taken = to_person("customer", key_account, CONFIG.team["liuyang"], CONFIG, "by hand")
    assert (taken.to_staff, taken.reason) == ("liuyang", "by hand")
    handled = to_person("complaint", complaint("T3"), CONFIG.team["chenjing"], CONFIG, "by hand")
    assert (handled.from_staff, handled.to_staff) == (None, "chenjing")


def test_a_placement_names_the_field_it_sets():
    assert Placement("customer", "C1", None, "lina", "").target_field == "owner"
    assert Placement("complaint", "T1", None, "lina", "").target_field == "handler"
    responder = Placement("complaint", "T1", "liuyang", "lina", "", field="first_responder")
    assert responder.as_dict()["field"] == "first_responder"


def test_each_placement_adds_one_to_the_load_of_whoever_takes_it():
    # liuyang 0 takes N1 (then 1/1.2=0.83), and N2 too: 0.83 is below everyone else's 1
    others = Counter({"chenjing": 1, "yangfan": 1, "zhoumin": 1, "huangtao": 1})
    new = [("customer", customer("N1")), ("customer", customer("N2"))]
    assert [p.to_staff for p in balanced_plan(new, others, CONFIG, MONDAY)] == ["liuyang"] * 2
