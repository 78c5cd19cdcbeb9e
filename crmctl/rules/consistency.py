"""Record-against-config rules the schema cannot express: codes from the config, owners on the team."""
from __future__ import annotations

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


# Per record type: (record, config, known ids by type) -> [(field path, message)]. `known_ids` lets
# rules check references between records; writes pass the ids they can see, `check` all of them.
RULES = {
    "customer": customer_problems,
}
