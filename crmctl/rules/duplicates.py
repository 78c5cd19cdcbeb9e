"""Likely duplicate customers: the same name, mobile, landline or email on more than one record."""
from __future__ import annotations

from collections import defaultdict

KEYS = ("name", "mobile", "phone", "email")


def normalised(field: str, value: str) -> str:
    """The form two values are compared in: phone digits only, other text trimmed and lower-cased."""
    if field in ("mobile", "phone"):
        return value if value.isdigit() else "".join(ch for ch in value if ch.isdigit())  # most are digits only
    return value.strip().lower()


def described(field: str, value: str) -> str:
    """How a message names a shared value: the name as written, contact details only by their field
    (both records hold the value already; error output ends up in logs and CI)."""
    return f"{field} '{value}'" if field == "name" else field


def duplicate_groups(customers: list[dict]) -> list[tuple[str, str, list[str]]]:
    """`(field, value, ids)` for each value shared by two or more customers."""
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for customer in customers:
        for field in KEYS:
            if customer.get(field):
                seen[(field, normalised(field, customer[field]))].append(customer["id"])
    return [(field, value, sorted(ids)) for (field, value), ids in seen.items() if len(ids) > 1]


def keys_of(customer: dict) -> dict[str, set[str]]:
    """The normalised values another customer must share to be its duplicate: a `where` for the store."""
    return {field: {normalised(field, customer[field])} for field in KEYS if customer.get(field)}
