"""Record-against-config rules the schema cannot express: codes from the config, owners on the
team."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from . import receivables as money
from .complaint_lifecycle import state_problems
from .history import history_problems, replay_problems, with_change
from .permissions import may_own_customer, unowned_key_account
from .phones import checked, phones


class Missing(tuple):
    """The problem `(field path, "no KIND ID")` of a reference to a record that is not among the
    known ids. It holds only while no record of `kind` has id `target`, so whoever keeps problems
    for later (the index, for `check`) can tell it from the others and drop it once the record is
    back."""

    kind: str
    target: object

    def __new__(cls, path: tuple, kind: str, target):
        problem = super().__new__(cls, (path, f"no {kind} {target}"))
        problem.kind, problem.target = kind, target
        return problem


def _refers(problems, known_ids, path, kind: str, target):
    known = (known_ids or {}).get(kind)
    if known is not None and target not in known:
        problems.append(Missing(path, kind, target))


def _code(problems, record, field, vocabulary: dict, what, path=()):
    value = record.get(field)
    if value is not None and value not in vocabulary:
        problems.append(
            ((*path, field), f"'{value}' is not a {what} (known: {', '.join(vocabulary)})")
        )


def _on_team(problems, record, field, config: Config):
    """The staff member a field names, or None (and a problem) if they are not on the team."""
    staff_id = record.get(field)
    if staff_id is None:
        return None
    staff = config.team.get(staff_id)
    if staff is None:
        problems.append(((field,), f"'{staff_id}' is not on the team in crmctl.yaml"))
    return staff


def _phones(problems, customer) -> None:
    """Numbers that cannot be what they are written as, as an import refuses them (a record edited
    by hand or cloned is checked as one imported)."""
    for field in ("mobile", "phone"):
        if customer.get(field):
            try:
                [checked(phone) for phone in phones(str(customer[field]))]
            except ValueError as exc:
                problems.append(((field,), str(exc)))


def customer_problems(customer: dict, config: Config, known_ids=None) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    _code(problems, customer, "grade", config.grades, "grade in crmctl.yaml")
    _code(problems, customer, "preferred_channel", config.vocabulary("channels"), "channel")
    _code(problems, customer, "source", config.vocabulary("sources"), "source")
    _phones(problems, customer)
    staff = _on_team(problems, customer, "owner", config)
    if staff is None and (unowned := unowned_key_account(customer, config)):
        problems.append((("owner",), unowned))
    if staff is not None:
        if not staff.active and customer.get("status") != "lost":
            problems.append(
                (
                    ("owner",),
                    f"{staff} has left; hand the customer over (crmctl handover {staff.id})",
                )
            )
        elif denied := may_own_customer(staff, customer, config):
            problems.append((("owner",), denied))
    for index, contact in enumerate(customer.get("secondary_contacts", ())):
        if contact not in config.team:
            problems.append(
                (("secondary_contacts", index), f"'{contact}' is not on the team in crmctl.yaml")
            )
    if customer.get("status") == "lost" and not customer.get("lost_reason"):
        problems.append(
            (("lost_reason",), "a lost customer needs the reason it was lost (流失原因)")
        )
    return problems


def complaint_problems(complaint: dict, config: Config, known_ids=None) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    _code(problems, complaint, "kind", config.vocabulary("complaint_kinds"), "complaint kind")
    _code(problems, complaint, "severity", config.vocabulary("severities"), "severity")
    _code(
        problems,
        complaint,
        "severity",
        config.deadlines["severities"],
        "severity with deadlines in crmctl.yaml",
    )
    _code(
        problems, complaint, "channel", config.vocabulary("complaint_channels"), "complaint channel"
    )
    _code(problems, complaint, "category", config.vocabulary("categories"), "category")
    _code(
        problems,
        complaint.get("judgement", {}),
        "department",
        config.vocabulary("departments"),
        "department",
        ("judgement",),
    )
    _code(
        problems,
        complaint.get("investigation", {}),
        "cause",
        config.vocabulary("categories"),
        "category",
        ("investigation",),
    )
    _refers(problems, known_ids, ("customer",), "customer", complaint.get("customer"))
    for index, visit in enumerate(
        complaint.get("visits", ()) if "visit" in (known_ids or {}) else ()
    ):
        _refers(problems, known_ids, ("visits", index), "visit", visit)
    _on_team(problems, complaint, "first_responder", config)
    handler = _on_team(problems, complaint, "handler", config)
    if handler is not None and not handler.active and complaint.get("status") != "closed":
        problems.append(
            (
                ("handler",),
                f"{handler} has left; hand the complaint over (crmctl handover {handler.id})",
            )
        )
    return problems + state_problems(complaint)


def visit_problems(visit: dict, config: Config, known_ids=None) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    _code(problems, visit, "channel", config.vocabulary("channels"), "channel")
    _code(problems, visit, "purpose", config.vocabulary("visit_purposes"), "visit purpose")
    if visit.get("staff") not in config.team:
        problems.append((("staff",), f"'{visit.get('staff')}' is not on the team in crmctl.yaml"))
    for field, kind in (("customer", "customer"), ("complaint", "complaint")):
        if visit.get(field) is not None:
            _refers(problems, known_ids, (field,), kind, visit[field])
    if not visit.get("reached") and visit.get("satisfaction") is not None:
        problems.append(
            (("satisfaction",), "a customer who was not reached cannot have rated the contact")
        )
    at = dt.datetime.fromisoformat(visit["at"])
    if (
        visit.get("next_followup") is not None
        and dt.date.fromisoformat(visit["next_followup"]) < at.date()
    ):
        problems.append(
            (
                ("next_followup",),
                f"{visit['next_followup']} is before the visit itself ({at.date()})",
            )
        )
    if visit.get("promised") is not None and dt.date.fromisoformat(visit["promised"]) < at.date():
        problems.append(
            (("promised",), f"{visit['promised']} is before the visit itself ({at.date()})")
        )
    if (
        visit.get("callback_at") is not None
        and dt.datetime.fromisoformat(visit["callback_at"]) < at
    ):
        problems.append(
            (("callback_at",), f"{visit['callback_at']} is before the visit itself ({visit['at']})")
        )
    return problems


def receivable_problems(
    receivable: dict, config: Config, known_ids=None
) -> list[tuple[tuple, str]]:
    """What the schema cannot say: the collector is on the team, the dates and payments add up."""
    problems: list[tuple[tuple, str]] = []
    _on_team(problems, receivable, "collector", config)
    _refers(problems, known_ids, ("customer",), "customer", receivable["customer"])
    issued = dt.date.fromisoformat(receivable["issued"])
    if dt.date.fromisoformat(receivable["due"]) < issued:
        problems.append((("due",), f"{receivable['due']} is before the issue date {issued}"))
    for index, payment in enumerate(receivable.get("payments", ())):
        if dt.date.fromisoformat(payment["date"]) < issued:
            problems.append(
                (
                    ("payments", index, "date"),
                    f"{payment['date']} is before the issue date {issued}",
                )
            )
        undone = payment.get("reversed")
        if undone and undone["date"] < payment["date"]:
            problems.append(
                (
                    ("payments", index, "reversed", "date"),
                    f"{undone['date']} is before the payment it reverses ({payment['date']})",
                )
            )
    if receivable["state"] == "closed" and money.balance(receivable) > 0:
        problems.append(
            (
                ("state",),
                f"closed, but {money.money(money.balance(receivable))} is neither paid nor written "
                f"off",
            )
        )
    total, billed = money.paid(receivable), money.amount(receivable["amount"])
    if total > billed:
        problems.append(
            (
                ("payments",),
                f"payments add up to {money.money(total)}, more than the amount "
                f"{money.money(billed)}",
            )
        )
    return problems


def plan_problems(plan: dict, config: Config, known_ids=None) -> list[tuple[tuple, str]]:
    """The people are on the team, the period runs forwards, each action's customer is an account of
    the plan and its purpose a visit purpose."""
    problems: list[tuple[tuple, str]] = []
    _on_team(problems, plan, "owner", config)
    if plan["end"] < plan["start"]:
        problems.append((("end",), f"{plan['end']} is before the start {plan['start']}"))
    accounts = plan.get("accounts") or ()
    for index, account in enumerate(accounts):
        _refers(problems, known_ids, ("accounts", index), "customer", account)
    purposes = config.vocabulary("visit_purposes")
    for index, action in enumerate(plan.get("actions", ())):
        where = ("actions", index)
        if action["customer"] not in accounts:
            problems.append(
                ((*where, "customer"), f"{action['customer']} is not among the accounts")
            )
        _code(problems, action, "purpose", purposes, "visit purpose", where)
        if action["owner"] not in config.team:
            problems.append(
                ((*where, "owner"), f"'{action['owner']}' is not on the team in crmctl.yaml")
            )
    return problems


# Per record type: (record, config, known ids by type) -> [(field path, message)]. `known_ids` lets
# rules check references between records; writes pass the ids they can see, `check` all of them.
def _with_history(rule):
    """A record's own rule and the rules every history follows."""

    def problems(record: dict, config: Config, known_ids=None) -> list[tuple[tuple, str]]:
        return rule(record, config, known_ids) + history_problems(record, config.team)

    return problems


RULES = {
    kind: _with_history(rule)
    for kind, rule in (
        ("customer", customer_problems),
        ("complaint", complaint_problems),
        ("visit", visit_problems),
        ("receivable", receivable_problems),
    )
}


def merged_record_problems(kind: str, record: dict) -> list[str]:
    """What makes a record that a merge put together impossible, config aside: fields its history
    does not replay to, a complaint's state its lifecycle forbids."""
    problems = replay_problems(record, record.get("history") or [])
    if kind == "complaint":
        problems += state_problems(record)
    return [f"{'.'.join(map(str, path))}: {message}" for path, message in problems]


def merge_settled(kind: str, record: dict) -> dict:
    """A merged record with what follows from its other fields set again: a receivable's state from
    the merged payments (one clone paid it off while another reversed a payment). A `merge` entry
    by the author and at the time of the latest entry records it, so the history replays to it and
    every clone that makes the same merge writes the same bytes."""
    entries = record.get("history")
    if kind != "receivable" or not isinstance(entries, list) or not entries:
        return record
    try:
        after = money.settled(record)
        last = entries[-1]
        at = dt.datetime.fromisoformat(str(last["at"]))
    except (KeyError, TypeError, ValueError):  # a damaged record: `check` names what is wrong
        return record
    if after["state"] == record.get("state"):
        return record
    out = with_change(record, after, at, last["by"], "merge", "state follows the merged payments")
    return {**out, "updated": record.get("updated", out["updated"])}
