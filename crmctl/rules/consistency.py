"""Record-against-config rules the schema cannot express: codes from the config, owners on the team."""
from __future__ import annotations

import datetime as dt

from ..config import Config


def _code(problems, record, field, vocabulary: dict, what):
    value = record.get(field)
    if value is not None and value not in vocabulary:
        problems.append(((field,), f"'{value}' is not a {what} (known: {', '.join(vocabulary)})"))


def customer_problems(customer: dict, config: Config, known_ids=None) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    _code(problems, customer, "grade", config.grades, "grade in crmctl.yaml")
    _code(problems, customer, "preferred_channel", config.vocabulary("channels"), "channel")
    _code(problems, customer, "source", config.vocabulary("sources"), "source")
    owner = customer.get("owner")
    if owner is not None:
        staff = config.team.get(owner)
        if staff is None:
            problems.append((("owner",), f"'{owner}' is not on the team in crmctl.yaml"))
        elif not staff.active and customer.get("status") != "lost":
            problems.append((("owner",), f"{staff} has left; hand the customer over (crmctl handover {owner})"))
        elif config.grades.get(customer.get("grade"), {}).get("key_account") and staff.role != "manager":
            problems.append((("owner",), f"{customer['grade']} is a key-account grade (大客户): its owner must be a "
                                         f"manager, not {staff.role} {staff}"))
    for index, contact in enumerate(customer.get("secondary_contacts", ())):
        if contact not in config.team:
            problems.append((("secondary_contacts", index), f"'{contact}' is not on the team in crmctl.yaml"))
    if customer.get("status") == "lost" and not customer.get("lost_reason"):
        problems.append((("lost_reason",), "a lost customer needs the reason it was lost (流失原因)"))
    return problems


def visit_problems(visit: dict, config: Config, known_ids=None) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    _code(problems, visit, "channel", config.vocabulary("channels"), "channel")
    _code(problems, visit, "purpose", config.vocabulary("visit_purposes"), "visit purpose")
    if visit.get("staff") not in config.team:
        problems.append((("staff",), f"'{visit.get('staff')}' is not on the team in crmctl.yaml"))
    for field, kind in (("customer", "customer"), ("complaint", "complaint")):
        value = visit.get(field)
        if value is not None and known_ids is not None and kind in known_ids and value not in known_ids[kind]:
            problems.append(((field,), f"no {kind} {value}"))
    if not visit.get("reached") and visit.get("satisfaction") is not None:
        problems.append((("satisfaction",), "a customer who was not reached cannot have rated the contact"))
    at = dt.datetime.fromisoformat(visit["at"])
    if visit.get("next_followup") is not None and dt.date.fromisoformat(visit["next_followup"]) < at.date():
        problems.append((("next_followup",), f"{visit['next_followup']} is before the visit itself ({at.date()})"))
    if visit.get("callback_at") is not None and dt.datetime.fromisoformat(visit["callback_at"]) < at:
        problems.append((("callback_at",), f"{visit['callback_at']} is before the visit itself ({visit['at']})"))
    return problems


# Per record type: (record, config, known ids by type) -> [(field path, message)]. `known_ids` lets
# rules check references between records; writes pass the ids they can see, `check` all of them.
RULES = {
    "customer": customer_problems,
    "visit": visit_problems,
}
