"""Balanced assignment (按照负责客户数量均衡、兼顾业务能力, 001): who should take a customer or a
complaint.

Load is a person's active customers plus the open complaints they handle (issue #4's definition);
the least loaded per unit of `weight` gets the next item (ties: team order, so a plan is the same
every time). Inactive and away staff get nothing; key-account (A-grade) customers go to key-account
staff (managers, and staff marked key_account); a complaint goes to someone of its severity's start
role whose skills cover its category.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..config import Config, Staff
from .permissions import is_key_account, may_own_customer, may_own_key_accounts

OWNER_FIELD = {"customer": "owner", "complaint": "handler"}


def counts_as_load(kind: str, record: dict) -> bool:
    if kind == "customer":
        return record.get("status") == "active"
    return record.get("status") != "closed"


def loads(customers: list[dict], complaints: list[dict]) -> Counter:
    """Active customers owned plus open complaints handled, per staff id."""
    out: Counter = Counter()
    for kind, records in (("customer", customers), ("complaint", complaints)):
        for record in records:
            if counts_as_load(kind, record) and record.get(OWNER_FIELD[kind]):
                out[record[OWNER_FIELD[kind]]] += 1
    return out


def required_role(kind: str, record: dict, config: Config) -> str:
    """Who an item needs, for people: a role, or key-account staff."""
    if kind == "customer":
        return "key-account staff" if is_key_account(record, config) else "specialist"
    return (
        config.deadlines["severities"]
        .get(record.get("severity"), {})
        .get("start_role", "specialist")
    )


def _fits(kind: str, record: dict, staff: Staff, config: Config) -> bool:
    if kind == "customer" and is_key_account(record, config):
        return may_own_key_accounts(staff)
    return staff.role == required_role(kind, record, config)


def candidates(kind: str, record: dict, config: Config, today: dt.date, exclude=()) -> list[Staff]:
    """Who may take the item: available, of the role it needs, skilled in a complaint's category."""
    fit = [
        staff
        for staff in config.team.values()
        if _fits(kind, record, staff, config) and staff.available(today) and staff.id not in exclude
    ]
    category = record.get("category") if kind == "complaint" else None
    return [staff for staff in fit if category in staff.skills] if category else fit


def pick(people: list[Staff], load: Counter, config: Config) -> Staff | None:
    order = list(config.team)
    return min(
        people,
        key=lambda staff: (load[staff.id] / staff.weight, order.index(staff.id)),
        default=None,
    )


@dataclass(frozen=True)
class Placement:
    kind: str  # customer or complaint
    record_id: str
    from_staff: str | None
    to_staff: str | None  # None: nobody fits (the reason says why)
    reason: str
    field: str = ""  # owner, handler or first_responder; empty: the kind's usual one

    @property
    def target_field(self) -> str:
        return self.field or OWNER_FIELD[self.kind]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.record_id,
            "field": self.target_field,
            "from": self.from_staff,
            "to": self.to_staff,
            "reason": self.reason,
        }


def to_person(kind: str, record: dict, staff: Staff, config: Config, reason: str) -> Placement:
    """A placement chosen by a person: only the key-account rule can refuse it."""
    current = record.get(OWNER_FIELD[kind])
    refused = may_own_customer(staff, record, config) if kind == "customer" else None
    if refused:
        return Placement(kind, record["id"], current, None, refused)
    return Placement(kind, record["id"], current, staff.id, reason)


def balanced_plan(
    items: list[tuple[str, dict]], load: Counter, config: Config, today: dt.date, exclude=()
) -> list[Placement]:
    """A placement for each (kind, record), in the order given, counting each placement into the
    load."""
    load = Counter(load)
    out = []
    for kind, record in items:
        people = candidates(kind, record, config, today, exclude)
        chosen = pick(people, load, config)
        current = record.get(OWNER_FIELD[kind])
        if chosen is None:
            need = required_role(kind, record, config)
            skill = (
                f" with skill '{record['category']}'"
                if kind == "complaint" and record.get("category")
                else ""
            )
            out.append(Placement(kind, record["id"], current, None, f"no available {need}{skill}"))
            continue
        reason = f"load {load[chosen.id]:g} / weight {chosen.weight:g}"
        if chosen.id != current:
            # Every placement counts within the plan, prospects too: a batch of new leads is shared
            # out instead of all going to whoever was least loaded when the plan started.
            load[chosen.id] += 1
            if current and counts_as_load(kind, record):
                load[current] -= 1
        out.append(Placement(kind, record["id"], current, chosen.id, reason))
    return out
