"""Nobody falls out of the system: active customers that no cadence reaches, key accounts with too
few staff contacts (004 第13条), departed staff still named as contacts. Warnings for `check`."""

from __future__ import annotations

from ..config import Config
from .grading import suggest_grade
from .permissions import is_key_account

# what the warnings read of a customer
FIELDS = (
    "id",
    "status",
    "grade",
    "owner",
    "secondary_contacts",
    "annual_volume",
    "credit",
    "margin",
)


def _grade_warning(customer: dict, config: Config) -> str:
    suggested = suggest_grade(customer, config.grades)
    fix = (
        f"the grade rules suggest {suggested}: crmctl customer grade --apply"
        if suggested
        else "no grade rule fits it either: set one by hand "
        f"(crmctl customer edit {customer['id']} --set grade=…)"
    )
    return f"an active customer with no grade has no contact cadence and never falls due; {fix}"


def contacts(customer: dict, config: Config) -> set[str]:
    """The active staff who look after a customer: its owner and secondary contacts."""
    named = {customer.get("owner"), *(customer.get("secondary_contacts") or ())}
    return {who for who in named if who in config.team and config.team[who].active}


def coverage_warnings(customer: dict, config: Config) -> list[tuple[tuple, str]]:
    if customer.get("status") != "active":
        return []
    out: list[tuple[tuple, str]] = []
    if customer.get("grade") is None:
        out.append((("grade",), _grade_warning(customer, config)))
    needed = config.customers.get("key_account_contacts", 2)
    have = contacts(customer, config)
    if is_key_account(customer, config) and len(have) < needed:
        out.append(
            (
                ("secondary_contacts",),
                f"a key account needs {needed} or more staff contacts (004 第13条), it has "
                f"{len(have)}: add one "
                f"(crmctl customer edit {customer['id']} --set secondary_contacts=…)",
            )
        )
    for index, who in enumerate(customer.get("secondary_contacts") or ()):
        staff = config.team.get(who)
        if staff is not None and not staff.active:
            out.append(
                (
                    ("secondary_contacts", index),
                    f"{staff} has left and is still a contact: crmctl handover {who} replaces them",
                )
            )
    return out
